import { z } from 'zod';
import type { App } from '../server/types.js';
import { SESSION_COOKIE } from '../server/cookies.js';
import { errorResponses } from '../server/schemas.js';
import { AppError } from '../kernel/errors.js';
import { signIn, ZSignInRequest, SESSION_DAYS } from './sign-in.js';
import { signOut } from './sign-out.js';
import { SIGN_UP_LINK_HOURS, signUp } from './sign-up.js';
import { completeSignUp } from './complete-sign-up.js';
import { t } from '../kernel/i18n.js';
import type { FastifyReply } from 'fastify';
import { coopsOf } from './store.js';

const ZMe = z.object({
  accountId: z.string(),
  name: z.string(),
  isPlatformAdmin: z.boolean(),
  coops: z.array(z.object({ id: z.string(), slug: z.string(), name: z.string(), roles: z.array(z.string()) }))
});

/** A new account's session: the cookie, and 201 with the CSRF token. */
function sendSession(reply: FastifyReply, protocol: string, s: { token: string; csrfToken: string; expiresAt: Date; account: { id: string } }) {
  void reply.setCookie(SESSION_COOKIE, s.token, { httpOnly: true, sameSite: 'lax', path: '/', secure: protocol === 'https', maxAge: SESSION_DAYS * 86_400 });
  return reply.status(201).send({ accountId: s.account.id, csrfToken: s.csrfToken, expiresAt: s.expiresAt.toISOString() });
}

export async function accountRoutes(api: App): Promise<void> {
  api.post(
    '/auth/sign-in',
    {
      schema: {
        tags: ['auth'],
        summary: 'Masuk (sign in) dengan email/nomor HP dan kata sandi; membuka sesi cookie',
        body: ZSignInRequest,
        response: { 200: z.object({ csrfToken: z.string(), expiresAt: z.string() }), ...errorResponses }
      }
    },
    async (req, reply) => {
      const s = await signIn(req.ctx, req.body, req.ip);
      void reply.setCookie(SESSION_COOKIE, s.token, {
        httpOnly: true,
        sameSite: 'lax',
        path: '/',
        secure: req.protocol === 'https',
        maxAge: SESSION_DAYS * 86_400
      });
      return { csrfToken: s.csrfToken, expiresAt: s.expiresAt.toISOString() };
    }
  );

  api.post(
    '/auth/sign-up',
    {
      schema: {
        tags: ['auth'],
        summary:
          'Buat akun (nama, surel atau nomor HP, kata sandi ≥ 10 karakter yang tidak mudah ditebak). Dengan surel: 202 "periksa surel" — akun dibuat lewat tautan yang dikirim, dan jawabannya sama apakah surel itu sudah terdaftar atau belum. Hanya nomor HP: akun dibuat dan langsung masuk (201).',
        body: z.object({ name: z.string(), email: z.string().optional(), phone: z.string().optional(), password: z.string() }),
        response: {
          201: z.object({ accountId: z.string(), csrfToken: z.string(), expiresAt: z.string() }),
          202: z.object({ status: z.literal('check_email'), message: z.string() }),
          ...errorResponses
        }
      },
      validatorCompiler: () => (data) => ({ value: data })
    },
    async (req, reply) => {
      if (req.auth) throw new AppError('CONFLICT');
      const result = await signUp(req.ctx, req.body, req.ip);
      if (result.kind === 'check_email') {
        return reply.status(202).send({ status: 'check_email', message: t(req.locale, 'signUp.checkEmail', { email: result.email, hours: SIGN_UP_LINK_HOURS }) });
      }
      return sendSession(reply, req.protocol, result.session);
    }
  );

  api.post(
    '/auth/sign-up/complete',
    {
      schema: {
        tags: ['auth'],
        summary: 'Selesaikan pendaftaran dengan token dari tautan surel (su_…): akun dibuat dan langsung masuk',
        body: z.object({ token: z.string().max(100) }),
        response: { 201: z.object({ accountId: z.string(), csrfToken: z.string(), expiresAt: z.string() }), ...errorResponses }
      }
    },
    async (req, reply) => {
      if (req.auth) throw new AppError('CONFLICT');
      const { session } = await completeSignUp(req.ctx, req.body.token);
      return sendSession(reply, req.protocol, session);
    }
  );

  api.post(
    '/auth/sign-out',
    { schema: { tags: ['auth'], summary: 'Keluar (sign out)', response: { 204: z.null(), ...errorResponses } } },
    async (req, reply) => {
      const token = req.cookies[SESSION_COOKIE];
      if (token) await signOut(req.ctx.db, token);
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    }
  );

  api.get(
    '/me',
    { schema: { tags: ['auth'], summary: 'Akun yang sedang masuk dan koperasinya', response: { 200: ZMe, ...errorResponses } } },
    async (req) => {
      if (!req.auth) throw new AppError('UNAUTHENTICATED');
      const coops = await coopsOf(req.ctx.db, req.auth.actor.accountId);
      const visible = req.auth.kind === 'token' ? coops.filter((c) => c.id === (req.auth as { coopId: string }).coopId) : coops;
      return { accountId: req.auth.actor.accountId, name: req.auth.actor.name, isPlatformAdmin: req.auth.actor.isPlatformAdmin, coops: visible };
    }
  );
}
