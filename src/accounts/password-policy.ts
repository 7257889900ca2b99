import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { COMMON_PASSWORDS_ID } from './common-passwords-id.js';

/**
 * The password rule (decision 0102): at least 10 characters, not guessable — zxcvbn-ts's estimate
 * (its common-password and English dictionaries plus our Indonesian list) must reach score 3
 * (about 10^8 guesses or more) — and not the account's own email or phone number, nor containing them.
 * Long phrases of ordinary words pass ("kopi pagi di lereng merapi"); "sayang12345" does not.
 */
export const PASSWORD_MIN_SCORE = 3;

let estimator: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  return (estimator ??= new ZxcvbnFactory({
    graphs: common.adjacencyGraphs,
    dictionary: { ...common.dictionary, ...en.dictionary, indonesian: [...COMMON_PASSWORDS_ID] },
    // Levenshtein matching costs about a second per check on a small server; without it a check takes tens of ms.
    useLevenshteinDistance: false
  }));
}

/** The words of an account a password must not be built from: its email (and the part before @) and phone. */
function identifierParts(who: { email?: string | null; phone?: string | null; name?: string | null }): string[] {
  const parts: string[] = [];
  if (who.email) {
    const email = who.email.toLowerCase();
    parts.push(email);
    const local = email.split('@')[0] ?? '';
    if (local.length >= 4) parts.push(local);
  }
  return parts;
}

export type Who = { email?: string | null; phone?: string | null; name?: string | null };
export type PasswordProblem = 'password_common' | 'password_contains_identifier';

/** True when the password is (or contains) the account's email, the part before its @, or its phone number in any spelling. */
export function containsIdentifier(password: string, who: Who): boolean {
  const lower = password.toLowerCase();
  if (identifierParts(who).some((p) => lower.includes(p))) return true;
  if (!who.phone) return false;
  // 62812…, 0812…, +62 812… and 0812-… all contain the national number 812…
  const national = who.phone.replace(/^62/, '');
  return national.length >= 8 && password.replace(/\D/g, '').includes(national);
}

/** True when the estimator guesses it too soon (its name, email and phone count as known words). */
export function isGuessable(password: string, who: Who = {}): boolean {
  const userInputs = [who.email, who.email?.split('@')[0], who.phone, who.name, ...(who.name ?? '').split(/\s+/)].filter((v): v is string => !!v && v.length >= 3);
  return zxcvbn().check(password.slice(0, 200), userInputs).score < PASSWORD_MIN_SCORE;
}

/** Why a password (already ≥ 10 characters) is refused for this account, or null when it is fine. */
export function passwordProblem(password: string, who: Who = {}): PasswordProblem | null {
  if (containsIdentifier(password, who)) return 'password_contains_identifier';
  return isGuessable(password, who) ? 'password_common' : null;
}
