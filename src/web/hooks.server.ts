import type { Handle, HandleServerError } from '@sveltejs/kit';
import { resolveAuth } from '../accounts/resolve-auth.js';
import { negotiateLocale, t, translateError, type Locale } from '../kernel/i18n.js';
import { findNul } from '../kernel/validation.js';
import { isAppError } from '../kernel/errors.js';
import { getRuntime } from '../server/runtime.js';
import { LOCALE_COOKIE, SESSION_COOKIE } from '../server/cookies.js';

/**
 * Does the request carry a NUL character (U+0000) in its URL or its form fields? PostgreSQL refuses
 * NUL in text, so it is refused here for every page and form action at once — decision 0103.
 */
async function carriesNul(request: Request): Promise<boolean> {
  if (/%00|\0/.test(request.url)) return true;
  if (request.method === 'GET' || request.method === 'HEAD') return false;
  const type = request.headers.get('content-type') ?? '';
  try {
    if (type.startsWith('application/x-www-form-urlencoded')) return /%00|\0/.test(await request.clone().text());
    if (type.startsWith('multipart/form-data')) {
      // Text fields and file names only; a file's bytes are not text.
      for (const [key, value] of (await request.clone().formData()).entries()) {
        if (findNul([key, typeof value === 'string' ? value : value.name]).length) return true;
      }
    }
  } catch {
    return false; // a malformed body is the page's to refuse
  }
  return false;
}

function nulRefused(locale: Locale): Response {
  const title = t(locale, 'errors.VALIDATION_FAILED');
  const detail = t(locale, 'fields.text_nul');
  const html = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/app.css"><title>400</title></head><body><main><h1>${title}</h1><p>${detail}</p></main></body></html>`;
  return new Response(html, { status: 400, headers: { 'content-type': 'text/html; charset=utf-8' } });
}

export const handle: Handle = async ({ event, resolve }) => {
  if (await carriesNul(event.request)) {
    return nulRefused(negotiateLocale(event.cookies.get(LOCALE_COOKIE), event.request.headers.get('accept-language') ?? undefined));
  }
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
