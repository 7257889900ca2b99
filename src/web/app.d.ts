import type { Auth } from '../accounts/resolve-auth.js';
import type { Ctx } from '../kernel/context.js';
import type { Locale } from '../kernel/i18n.js';

declare global {
  namespace App {
    interface Locals {
      auth: Auth | null;
      locale: Locale;
      ctx: Ctx;
    }
    interface Error {
      message: string;
      code?: string;
    }
  }
}

export {};
