import type { Handle, HandleServerError } from '@sveltejs/kit';
import { resolveAuth } from '../accounts/resolve-auth.js';
import { negotiateLocale, translateError } from '../kernel/i18n.js';
import { isAppError } from '../kernel/errors.js';
import { getRuntime } from '../server/runtime.js';
import { LOCALE_COOKIE, SESSION_COOKIE } from '../server/cookies.js';

export const handle: Handle = async ({ event, resolve }) => {
  const rt = getRuntime();
  const sessionToken = event.cookies.get(SESSION_COOKIE);
  const auth = sessionToken ? await resolveAuth(rt.db, rt.clock.now(), { sessionToken }) : null;
  // Pages speak Indonesian whatever the browser sends; English only when the person picked it
  // (the cookie, or their account's language when signed in) — issue 14 item 8. The API still
  // honours Accept-Language: an integration picks its language with that header.
  const locale = negotiateLocale(event.cookies.get(LOCALE_COOKIE) ?? (auth?.kind === 'session' ? auth.locale : undefined), undefined);
  event.locals.auth = auth;
  event.locals.locale = locale;
  event.locals.ctx = { db: rt.db, clock: rt.clock, log: rt.log, locale, actor: auth?.actor ?? null };
  return resolve(event, { transformPageChunk: ({ html }) => html.replace('%lang%', locale) });
};

export const handleError: HandleServerError = ({ error, event, status }) => {
  const locale = event.locals.locale ?? 'id';
  if (!isAppError(error) && status >= 500) getRuntime().log.error({ err: error, url: event.url.pathname }, 'page error');
  const out = translateError(locale, error);
  return { message: status === 404 ? translateError(locale, { name: 'AppError', code: 'NOT_FOUND', params: {}, fields: [], status: 404 }).message : out.message, code: out.code };
};
