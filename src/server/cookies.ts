export const SESSION_COOKIE = 'lumbung_session';
export const LOCALE_COOKIE = 'lang';
