import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS_ID } from './common-passwords-id.js';
import { passwordProblem } from './password-policy.js';

describe('password policy (issue 12 item 13)', () => {
  it('refuses common passwords, English and Indonesian, with the usual digits and years', () => {
    for (const p of ['password123', 'qwertyuiop', '1234567890', 'iloveyou12', 'sayang12345', 'sayangkamu1', 'bismillah123', 'rahasia123', 'indonesia2026', 'merdeka1945', 'Persija1928', 'alhamdulillah', 'Cintaku2024!', 'aaaaaaaaaaaa']) {
      expect(passwordProblem(p), p).toBe('password_common');
    }
  });

  it('accepts long passphrases of ordinary words', () => {
    for (const p of ['kopi pagi di lereng merapi', 'Lumbung padi di lereng Merapi', 'rahasia-koperasi-1', 'batik-tulis-2026', 'benang-emas-2026']) {
      expect(passwordProblem(p), p).toBeNull();
    }
  });

  it('refuses the account\'s own email or phone number, in any spelling, or containing them', () => {
    const who = { email: 'wayan.sudarma@contoh.id', phone: '6281234567847', name: 'Wayan Sudarma' };
    for (const p of ['wayan.sudarma@contoh.id', 'Wayan.Sudarma@contoh.id!', 'wayan.sudarma-2026x', '081234567847', '+6281234567847', '0812-3456-7847 rumah', 'hp6281234567847']) {
      expect(passwordProblem(p, who), p).toBe('password_contains_identifier');
    }
    expect(passwordProblem('kopi pagi di lereng merapi', who)).toBeNull();
  });

  it('keeps the Indonesian list lower case, one word an entry, without repeats', () => {
    expect(COMMON_PASSWORDS_ID.every((w) => /^[a-z0-9]+$/.test(w))).toBe(true);
    expect(new Set(COMMON_PASSWORDS_ID).size).toBe(COMMON_PASSWORDS_ID.length);
    expect(COMMON_PASSWORDS_ID).toEqual(expect.arrayContaining(['sayang', 'rahasia', 'indonesia', 'bismillah', 'merdeka']));
  });
});
