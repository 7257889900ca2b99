import type { Cookies } from '@sveltejs/kit';
import { SESSION_DAYS } from '../../../accounts/sign-in.js';
import { SESSION_COOKIE } from '../../../server/cookies.js';

/** A same-site path to go to after signing in or up (`?ke=`); anything else is ignored. */
export function safeNext(value: string | null): string | null {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : null;
}

/** The session cookie a page action sets after signing in or up. */
export function setSessionCookie(cookies: Cookies, token: string, url: URL): void {
  cookies.set(SESSION_COOKIE, token, { path: '/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', maxAge: SESSION_DAYS * 86_400 });
}
