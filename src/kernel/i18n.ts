import i18next, { type i18n as I18n } from 'i18next';
import { kernelMessages } from './messages.js';
import { webMessages } from '../web/lib/messages.js';
import { coopsMessages } from '../coops/messages.js';
import { membersMessages } from '../members/messages.js';
import { privacyMessages } from '../members/privacy-messages.js';
import { passwordResetMessages } from '../accounts/password-reset-messages.js';
import { ownContactMessages } from '../members/own-contact-messages.js';
import { invitationMessages } from '../members/invitation-messages.js';
import { chartersMessages } from '../charters/messages.js';
import { ledgerMessages } from '../ledger/messages.js';
import { capitalMessages } from '../capital/messages.js';
import { catalogueMessages } from '../catalogue/messages.js';
import { qrisMessages } from '../payments/qris-messages.js';
import { governanceMessages } from '../governance/messages.js';
import { reportsMessages } from '../reports/messages.js';
import { eventsMessages } from '../events/messages.js';
import { downloadsMessages } from '../downloads/messages.js';
import { mediaMessages } from '../media/messages.js';
import { providerMessages } from '../payments/providers/messages.js';
import { productionMessages } from '../production/messages.js';
import { careMessages } from '../care/messages.js';
import { networksMessages } from '../networks/messages.js';
import { careBoardMessages } from '../care/board-messages.js';
import { foundingMessages } from '../founding/messages.js';
import { surplusMessages } from '../surplus/messages.js';
import { marketWebMessages } from '../web/lib/market/messages.js';
import { ordersMessages } from '../orders/messages.js';
import { educationMessages } from '../education/messages.js';
// phone (issue 14): the home page's words
import { homeMessages } from '../home/messages.js';
// storefront that sells (decision 0155)
import { sellMessages } from '../orders/sell-messages.js';
import { isAppError, type FieldIssue } from './errors.js';

export type Locale = 'id' | 'en';
export const LOCALES: readonly Locale[] = ['id', 'en'];
export const DEFAULT_LOCALE: Locale = 'id';

type Tree = { [key: string]: string | Tree };

function merge(...trees: Tree[]): Tree {
  const out: Tree = {};
  for (const tree of trees) {
    for (const [k, v] of Object.entries(tree)) {
      const prev = out[k];
      out[k] = typeof v === 'object' && typeof prev === 'object' ? merge(prev, v) : v;
    }
  }
  return out;
}

// Every capability's messages are registered here, one line each.
const bundles: { id: Tree; en: Tree }[] = [
  kernelMessages,
  webMessages,
  membersMessages,
  invitationMessages,
  chartersMessages,
  coopsMessages,
  capitalMessages,
  ledgerMessages,
  catalogueMessages,
  qrisMessages,
  governanceMessages,
  reportsMessages,
  eventsMessages,
  downloadsMessages,
  providerMessages,
  productionMessages,
  ordersMessages,
  marketWebMessages,
  surplusMessages,
  privacyMessages,
  educationMessages,
  careMessages,
  passwordResetMessages,
  ownContactMessages,
  mediaMessages,
  networksMessages,
  careBoardMessages,
  homeMessages,
  sellMessages,
  foundingMessages,
].map((b) => b as unknown as { id: Tree; en: Tree });

let instance: I18n | undefined;

function i18n(): I18n {
  if (instance) return instance;
  instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    lng: DEFAULT_LOCALE,
    fallbackLng: DEFAULT_LOCALE,
    supportedLngs: [...LOCALES],
    interpolation: { escapeValue: false },
    resources: {
      id: { translation: merge(...bundles.map((b) => b.id)) },
      en: { translation: merge(...bundles.map((b) => b.en)) }
    }
  });
  return instance;
}

export function toLocale(value: unknown): Locale {
  return value === 'en' ? 'en' : 'id';
}

/** Pick a locale from a cookie value or an Accept-Language header; Indonesian by default. */
export function negotiateLocale(cookie: string | undefined, acceptLanguage: string | undefined): Locale {
  if (cookie === 'id' || cookie === 'en') return cookie;
  const first = acceptLanguage?.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : DEFAULT_LOCALE;
}

export function t(locale: Locale, key: string, params?: Record<string, unknown>): string {
  return i18n().t(key, { lng: locale, ...(params ?? {}) });
}

export type TranslatedError = {
  code: string;
  message: string;
  fields: { field: string; code: string; message: string }[];
  details?: unknown;
};

export function translateFields(locale: Locale, fields: FieldIssue[]): TranslatedError['fields'] {
  return fields.map((f) => {
    const key = `fields.${f.code}`;
    const message = i18n().exists(key, { lng: locale }) ? t(locale, key, f.params) : t(locale, 'fields.invalid_format_value');
    return { field: f.field, code: f.code, message };
  });
}

/** Translate any thrown error for a user. Unknown errors become INTERNAL without leaking details. */
export function translateError(locale: Locale, err: unknown): TranslatedError & { status: number } {
  if (isAppError(err)) {
    return {
      status: err.status,
      code: err.code,
      message: t(locale, `errors.${err.code}`, err.params),
      fields: translateFields(locale, err.fields),
      ...(err.details === undefined ? {} : { details: err.details })
    };
  }
  return { status: 500, code: 'INTERNAL', message: t(locale, 'errors.INTERNAL'), fields: [] };
}
