import type { Logger } from 'pino';
import type { Database } from '../db/connection.js';
import type { Role } from '../db/schema.js';
import type { Clock } from './clock.js';
import type { Locale } from './i18n.js';

export type Actor = {
  accountId: string;
  name: string;
  isPlatformAdmin: boolean;
  via: 'session' | 'token' | 'system';
};

/** What every use case receives. */
export type Ctx = {
  db: Database;
  clock: Clock;
  log: Logger;
  locale: Locale;
  actor: Actor | null;
};

/** A use case acting inside one cooperative: the actor and their roles there. */
export type TenantCtx = Ctx & { actor: Actor; coopId: string; roles: Role[] };
