import Fastify from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import middie from '@fastify/middie';
import compression from 'compression';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { Database } from '../db/connection.js';
import { resolveAuth } from '../accounts/resolve-auth.js';
import { systemClock, type Clock } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { negotiateLocale, translateError } from '../kernel/i18n.js';
import { refuseNul, zodIssuesToFields } from '../kernel/validation.js';
import type { App } from './types.js';
import { registerRoutes } from './routes.js';
import { LOCALE_COOKIE, SESSION_COOKIE } from './cookies.js';
import { instrumentRequests, isOpsPath, registerOpsRoutes } from './ops-routes.js';
import { CLIENT_ADDRESS_HEADER, parseTrustProxy, type TrustProxy } from './trust-proxy.js';


export type WebHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export type AppDeps = {
  db: Database;
  log: Logger;
  clock?: Clock;
  /** The SvelteKit handler (build/handler.js); absent in API-only tests. */
  web?: WebHandler;
  rateLimitMax?: number;
  /** Which proxies' X-Forwarded-For to believe; default: TRUST_PROXY (unset: none). */
  trustProxy?: TrustProxy;
  /** Bearer token for GET /metrics (else METRICS_TOKEN; unset: loopback only) — decision 0111. */
  metricsToken?: string;
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The strict Content-Security-Policy (decision 0103); svelte.config.js has the pages' copy. */
const CSP: Record<string, string[]> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"]
};
const COOP_IN_URL = /^\/api\/v1\/coops\/([0-9a-f-]{36})(?:[/?#]|$)/i;

export async function buildApp(deps: AppDeps): Promise<App> {
  const clock = deps.clock ?? systemClock;
  const app = Fastify({ loggerInstance: deps.log, trustProxy: deps.trustProxy ?? parseTrustProxy(process.env.TRUST_PROXY), bodyLimit: 10 * 1024 * 1024 }).withTypeProvider<import('fastify-type-provider-zod').ZodTypeProvider>() as unknown as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // Request metrics first, so every request is counted (decision 0111).
  const requestMetrics = instrumentRequests(app, { web: deps.web !== undefined });
  // Compression (decision 0140): every response — API JSON, pages, CSS, SVG — is sent with brotli or
  // gzip when the client accepts it and it is larger than 1 KB; images, PDFs and other compressed types
  // pass as they are. `compression` wraps the raw response, so it covers Fastify's replies and the
  // SvelteKit handler's alike; the build's static files are precompressed (svelte.config.js) and sent
  // as their .br/.gz, which it leaves alone.
  const compress = compression({ threshold: 1024 });
  app.addHook('onRequest', (req, reply, done) => {
    if (!req.headers['accept-encoding']) return done(); // nothing to negotiate: no wrapping at all
    compress(req.raw as never, reply.raw as never, done as never);
  });

  // Content-Security-Policy (decision 0103): this strict one on every response; the pages send
  // SvelteKit's (svelte.config.js: the same plus the hashes of its inline scripts), which replaces it,
  // and the API docs theirs (below).
  // Referrer policy: with helmet's `no-referrer`, browsers send `Origin: null` on form posts and
  // SvelteKit's same-origin check refuses every form.
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'same-origin' }
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: true,
    max: deps.rateLimitMax ?? 600,
    timeWindow: '1 minute',
    allowList: (req) => !req.url.startsWith('/api/'),
    errorResponseBuilder: () => new AppError('RATE_LIMITED')
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Lumbung API', version: '1', description: 'API Lumbung — platform koperasi. Errors: { code, message, fields[] }.' },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'API token (lt_…) of one cooperative' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE }
        }
      }
    },
    transform: jsonSchemaTransform
  });
  // Swagger UI loads only its own files (no inline script; its CSS's icons are data: URLs) and adds one
  // <style> element, allowed by its hash: the same policy otherwise, set by the plugin on its own routes.
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: { ...CSP, 'style-src': ["'self'", "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='"] } });

  app.decorateRequest('auth', null);
  app.decorateRequest('locale', 'id');
  app.decorateRequest('ctx', null as never);

  app.addHook('onRequest', async (req) => {
    // NUL (U+0000) never reaches SQL: refused in the URL (path and query, also as %00) and the headers
    // here, in the body before validation below, and in every use case's `parseInput` — decision 0103.
    // (Pages are checked by the SvelteKit hook, which answers in HTML.)
    if ((req.url.startsWith('/api/') && /%00|\0/.test(req.url)) || Object.values(req.headers).some((v) => (Array.isArray(v) ? v.join('') : String(v ?? '')).includes('\0'))) {
      req.locale = negotiateLocale(req.cookies[LOCALE_COOKIE], req.headers['accept-language']);
      throw new AppError('VALIDATION_FAILED', { fields: [{ field: '_', code: 'text_nul' }] });
    }
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const sessionToken = req.cookies[SESSION_COOKIE];
    // The cooperative the URL names: its roles are read with the credentials, in the same query.
    const coopId = COOP_IN_URL.exec(req.url)?.[1];
    req.auth = req.url.startsWith('/api/') ? await resolveAuth(deps.db, clock.now(), { bearer, sessionToken }, coopId) : null;
    req.locale = negotiateLocale(req.cookies[LOCALE_COOKIE] ?? (req.auth?.kind === 'session' ? req.auth.locale : undefined), req.headers['accept-language']);
    req.ctx = { db: deps.db, clock, log: req.log as unknown as Logger, locale: req.locale, actor: req.auth?.actor ?? null };
    // Cookie-authenticated writes must echo the session's CSRF token; API tokens are not sent by browsers.
    if (req.auth?.kind === 'session' && UNSAFE.has(req.method) && req.headers['x-csrf-token'] !== req.auth.csrfToken) {
      throw new AppError('CSRF_FAILED');
    }
  });

  app.addHook('preValidation', async (req) => {
    refuseNul(req.body); // raw file bodies (Buffers) are bytes, not text: skipped
  });

  app.setErrorHandler((err, req, reply) => {
    let error: unknown = err;
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        ...(v.params as object),
        code: v.keyword,
        message: v.message,
        path: v.instancePath.split('/').filter(Boolean)
      }));
      const where = (err as { validationContext?: string }).validationContext;
      error = new AppError('VALIDATION_FAILED', {
        fields: zodIssuesToFields(issues as never).map((f) => ({ ...f, field: where && where !== 'body' ? `${where}.${f.field}` : f.field }))
      });
    } else if ((err as { statusCode?: number }).statusCode === 415 || (err as { code?: string }).code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      error = new AppError('VALIDATION_FAILED', { fields: [{ field: '_', code: 'invalid_type' }] });
    } else if ((err as { code?: string }).code?.startsWith('FST_ERR_CTP') || (err as { statusCode?: number }).statusCode === 400) {
      error = new AppError('VALIDATION_FAILED', { fields: [{ field: '_', code: 'invalid_type' }] });
    }
    const out = translateError(req.locale ?? 'id', error);
    if (out.status >= 500) req.log.error({ err }, 'unhandled error');
    void reply.status(out.status).send({ code: out.code, message: out.message, fields: out.fields, ...(out.details === undefined ? {} : { details: out.details }) });
  });

  app.setNotFoundHandler((req, reply) => {
    const out = translateError(req.locale ?? 'id', new AppError('NOT_FOUND'));
    void reply.status(404).send({ code: out.code, message: out.message, fields: [] });
  });

  await app.register(async (api) => registerRoutes(api as unknown as App), { prefix: '/api/v1' });
  // /healthz, /readyz, /metrics (src/server/ops-routes.ts).
  await registerOpsRoutes(app, { db: deps.db, metricsToken: deps.metricsToken ?? process.env.METRICS_TOKEN, requestMetrics });

  if (deps.web) {
    const web = deps.web;
    await app.register(middie);
    app.use((req: IncomingMessage, res: ServerResponse, next: () => void) => {
      if (req.url?.startsWith('/api/') || isOpsPath(req.url)) return next();
      // Behind a proxy the header is already there; served directly, say which protocol the socket speaks.
      req.headers['x-forwarded-proto'] ??= 'encrypted' in req.socket && req.socket.encrypted ? 'https' : 'http';
      // The pages' getClientAddress() reads this header (ADDRESS_HEADER, start.ts): the address Fastify
      // derived under TRUST_PROXY (middie copies it to `ip`), never a value the client sent.
      req.headers[CLIENT_ADDRESS_HEADER] = (req as IncomingMessage & { ip?: string }).ip ?? req.socket.remoteAddress ?? '';
      web(req, res, next);
    });
  }
  return app;
}
