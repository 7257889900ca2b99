import { sql } from 'kysely';
import { recordAudit } from '../audit/record-audit.js';
import { rolesIn } from '../accounts/store.js';
import type { Database } from '../db/connection.js';
import { sqlLiteral, withTenant, type Tx } from '../db/tenant.js';
import { enqueueMail } from '../governance/store.js';
import { kickOutbox } from '../governance/mailer.js';
import { publicUrl } from '../governance/support.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { BOARD } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { arrangeThreads, replyMailText, ZFollowRequest, ZHideRequest, ZPostRequest, ZThemeRequest, type ThreadView } from './forum-model.js';
import { actorMember } from './store.js';

/**
 * The peer-learning forum across the cooperatives of one instance (decision 0165). The actor
 * enters through their own cooperative (the route's coop); a theme lives with the cooperative
 * that opened it, and everything about a theme — reading it, posting, marking, hiding,
 * following — runs in one transaction of the theme's cooperative, which sets who is acting
 * (lumbung.account_id) and, for that coop's board, lumbung.forum_moderator: the policies of
 * migration 0165 refuse writing as someone else, changing another's post, and reading hidden text.
 */

export type ThemeSummary = { coopId: string; id: string; coopName: string; coopSlug: string; title: string; pemantikName: string; sessionStartsAt: string | null; posts: number; lastPostAt: string | null; createdAt: string };
export type ThemeView = ThemeSummary & {
  body: string;
  scope: 'instance' | 'network';
  sessionEndsAt: string | null;
  sessionPlace: string | null;
  threads: ThreadView[];
  following: boolean;
  may: { post: boolean; moderate: boolean };
};

type Author = { name: string; coopName: string };

/** Who the actor is in their own cooperative: an active member (or a board/staff account). */
async function authorOf(ctx: TenantCtx): Promise<Author> {
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const me = await actorMember(trx, ctx.coopId, ctx.actor.accountId);
    const coop = await trx.selectFrom('coops').select('name').where('id', '=', ctx.coopId).executeTakeFirstOrThrow();
    if (me && me.status !== 'active') throw new AppError('EDU_FORUM_NOT_MEMBER');
    if (!me && ctx.roles.length === 0) throw new AppError('EDU_FORUM_NOT_MEMBER');
    return { name: me?.full_name ?? ctx.actor.name, coopName: coop.name };
  });
}

/** One transaction of the theme's cooperative, saying who acts and whether as its moderator. */
async function inThemeCoop<T>(db: Database, themeCoopId: string, accountId: string, moderator: boolean, fn: (trx: Tx) => Promise<T>): Promise<T> {
  const who = sqlLiteral(accountId);
  if (!who || !/^[0-9a-f-]{36}$/i.test(themeCoopId)) throw new AppError('EDU_FORUM_THEME_NOT_FOUND');
  return withTenant(db, themeCoopId, async (trx) => {
    // SET LOCAL (not set_config) so that Citus forwards it to the workers (decision 0110).
    await sql.raw(`SET LOCAL lumbung.account_id = ${who}`).execute(trx);
    await sql.raw(`SET LOCAL lumbung.forum_moderator = '${moderator ? 'on' : 'off'}'`).execute(trx);
    return fn(trx);
  });
}

async function isModerator(ctx: TenantCtx, themeCoopId: string): Promise<boolean> {
  if (ctx.actor.isPlatformAdmin) return false;
  const roles = themeCoopId === ctx.coopId ? ctx.roles : await rolesIn(ctx.db, ctx.actor.accountId, themeCoopId);
  return roles.some((r) => BOARD.includes(r));
}

/** The theme, if the actor's cooperative is in its scope (networks later: only the opening coop sees a network theme now). */
async function themeIn(trx: Tx, ctx: TenantCtx, themeCoopId: string, themeId: string, lock = false) {
  if (!/^[0-9a-f-]{36}$/i.test(themeId)) throw new AppError('EDU_FORUM_THEME_NOT_FOUND');
  let q = trx.selectFrom('forum_themes').selectAll().where('coop_id', '=', themeCoopId).where('id', '=', themeId);
  if (lock) q = q.forUpdate();
  const theme = await q.executeTakeFirst();
  if (!theme || (theme.scope !== 'instance' && themeCoopId !== ctx.coopId)) throw new AppError('EDU_FORUM_THEME_NOT_FOUND');
  return theme;
}

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** Themes in scope for the actor's cooperative, across the instance (latest activity first). */
export async function listForumThemes(ctx: TenantCtx): Promise<ThemeSummary[]> {
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const rows = await trx
      .selectFrom('forum_themes as t')
      .innerJoin('coops as c', 'c.id', 't.coop_id')
      .select(['t.coop_id', 't.id', 'c.name as coop_name', 'c.slug as coop_slug', 't.title', 't.pemantik_name', 't.session_starts_at', 't.post_count', 't.last_post_at', 't.created_at'])
      .where((eb) => eb.or([eb('t.scope', '=', 'instance'), eb('t.coop_id', '=', ctx.coopId)]))
      .orderBy(sql`coalesce(t.last_post_at, t.created_at)`, 'desc')
      .limit(100)
      .execute();
    return rows.map((r) => ({
      coopId: r.coop_id,
      id: r.id,
      coopName: r.coop_name,
      coopSlug: r.coop_slug,
      title: r.title,
      pemantikName: r.pemantik_name,
      sessionStartsAt: iso(r.session_starts_at),
      posts: r.post_count,
      lastPostAt: iso(r.last_post_at),
      createdAt: new Date(r.created_at).toISOString()
    }));
  });
}

/** A member opens a theme in their own cooperative as its pemantik (and follows it). */
export async function openForumTheme(ctx: TenantCtx, input: unknown): Promise<ThemeView> {
  const d = parseInput(ZThemeRequest, input);
  const author = await authorOf(ctx);
  const id = await inThemeCoop(ctx.db, ctx.coopId, ctx.actor.accountId, false, async (trx) => {
    const row = await trx
      .insertInto('forum_themes')
      .values({
        coop_id: ctx.coopId,
        title: d.title,
        body: d.body,
        pemantik_account_id: ctx.actor.accountId,
        pemantik_name: author.name,
        session_starts_at: d.sessionStartsAt ?? null,
        session_ends_at: d.sessionEndsAt ?? null,
        session_place: d.sessionPlace || null
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx.insertInto('forum_follows').values({ coop_id: ctx.coopId, theme_id: row.id, account_id: ctx.actor.accountId }).execute();
    await recordAudit(trx, ctx, { action: 'forum.theme.open', entity: 'forum_theme', entityId: row.id, after: { title: d.title, sessionStartsAt: d.sessionStartsAt ?? null } });
    return row.id;
  });
  return getForumTheme(ctx, ctx.coopId, id);
}

/** A theme page: threads with their replies, helpful marks, hidden posts as markers. */
export async function getForumTheme(ctx: TenantCtx, themeCoopId: string, themeId: string): Promise<ThemeView> {
  const moderator = await isModerator(ctx, themeCoopId);
  return inThemeCoop(ctx.db, themeCoopId, ctx.actor.accountId, moderator, async (trx) => {
    const t = await themeIn(trx, ctx, themeCoopId, themeId);
    const coop = await trx.selectFrom('coops').select(['name', 'slug']).where('id', '=', themeCoopId).executeTakeFirstOrThrow();
    const posts = await trx
      .selectFrom('forum_posts as p')
      .leftJoin('forum_helpful as h', (j) => j.onRef('h.coop_id', '=', 'p.coop_id').onRef('h.post_id', '=', 'p.id'))
      .select(['p.id', 'p.thread_id', 'p.author_account_id', 'p.author_name', 'p.author_coop_name', 'p.body', 'p.hidden_at', 'p.hidden_reason', 'p.created_at', sql<boolean>`h.post_id IS NOT NULL`.as('helpful')])
      .where('p.coop_id', '=', themeCoopId)
      .where('p.theme_id', '=', themeId)
      .orderBy('p.created_at')
      .orderBy('p.id')
      .execute();
    // Hidden texts: the policy returns none unless this transaction is a moderator's.
    const hidden = moderator
      ? new Map(
          (await trx.selectFrom('forum_hidden_bodies as b').innerJoin('forum_posts as p', (j) => j.onRef('p.coop_id', '=', 'b.coop_id').onRef('p.id', '=', 'b.post_id')).select(['b.post_id', 'b.body']).where('b.coop_id', '=', themeCoopId).where('p.theme_id', '=', themeId).execute()).map((r) => [r.post_id, r.body])
        )
      : null;
    const following = await trx.selectFrom('forum_follows').select('account_id').where('coop_id', '=', themeCoopId).where('theme_id', '=', themeId).where('account_id', '=', ctx.actor.accountId).executeTakeFirst();
    const threads = arrangeThreads(
      posts.map((p) => ({ id: p.id, threadId: p.thread_id, authorAccountId: p.author_account_id, authorName: p.author_name, authorCoopName: p.author_coop_name, body: p.body, hiddenAt: p.hidden_at ? new Date(p.hidden_at) : null, hiddenReason: p.hidden_reason, helpful: p.helpful, createdAt: new Date(p.created_at) })),
      ctx.actor.accountId,
      t.pemantik_account_id,
      hidden
    );
    return {
      coopId: themeCoopId,
      id: t.id,
      coopName: coop.name,
      coopSlug: coop.slug,
      title: t.title,
      body: t.body,
      scope: t.scope,
      pemantikName: t.pemantik_name,
      sessionStartsAt: iso(t.session_starts_at),
      sessionEndsAt: iso(t.session_ends_at),
      sessionPlace: t.session_place,
      posts: t.post_count,
      lastPostAt: iso(t.last_post_at),
      createdAt: new Date(t.created_at).toISOString(),
      threads,
      following: Boolean(following),
      may: { post: ctx.roles.length > 0, moderate: moderator }
    };
  });
}

export type PostResult = { id: string; threadId: string | null; mailed: number };

/**
 * A member of any cooperative opens a thread in a theme or replies in a thread. The post, the
 * author's following, the theme's counters, the audit line and one mail per other follower
 * (dedupe key per post and follower: exactly once) commit together in the theme's cooperative.
 */
export async function postToForum(ctx: TenantCtx, themeCoopId: string, themeId: string, input: unknown): Promise<PostResult> {
  const d = parseInput(ZPostRequest, input);
  const author = await authorOf(ctx);
  const out = await inThemeCoop(ctx.db, themeCoopId, ctx.actor.accountId, false, async (trx) => {
    const t = await themeIn(trx, ctx, themeCoopId, themeId);
    if (d.threadId) {
      const thread = await trx.selectFrom('forum_posts').select(['thread_id']).where('coop_id', '=', themeCoopId).where('theme_id', '=', themeId).where('id', '=', d.threadId).executeTakeFirst();
      if (!thread || thread.thread_id !== null) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'threadId', code: 'forum_thread_unknown' }] });
    }
    const post = await trx
      .insertInto('forum_posts')
      .values({ coop_id: themeCoopId, theme_id: themeId, thread_id: d.threadId ?? null, author_account_id: ctx.actor.accountId, author_coop_id: ctx.coopId, author_name: author.name, author_coop_name: author.coopName, body: d.body })
      .returning(['id', 'created_at'])
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('forum_themes')
      .set((eb) => ({ post_count: eb('post_count', '+', 1), last_post_at: post.created_at }))
      .where('coop_id', '=', themeCoopId)
      .where('id', '=', themeId)
      .execute();
    await trx.insertInto('forum_follows').values({ coop_id: themeCoopId, theme_id: themeId, account_id: ctx.actor.accountId }).onConflict((oc) => oc.doNothing()).execute();
    const followers = await trx
      .selectFrom('forum_follows as f')
      .innerJoin('accounts as a', 'a.id', 'f.account_id')
      .select(['a.id', 'a.email', 'a.name'])
      .where('f.coop_id', '=', themeCoopId)
      .where('f.theme_id', '=', themeId)
      .where('f.account_id', '<>', ctx.actor.accountId)
      .where('a.email', 'is not', null)
      .execute();
    const mail = replyMailText('id', { author: author.name, coop: author.coopName, theme: t.title, body: d.body, link: `${publicUrl()}/forum/${themeCoopId}/${themeId}` });
    await enqueueMail(
      trx,
      followers.map((f) => ({ coop_id: themeCoopId, kind: 'forum_post', dedupe_key: `forum:${post.id}:${f.id}`, to_address: f.email!, to_name: f.name, subject: mail.subject, text_body: mail.text, ics: null }))
    );
    await recordAudit(trx, { coopId: themeCoopId, actor: ctx.actor }, { action: 'forum.post', entity: 'forum_post', entityId: post.id, after: { themeId, threadId: d.threadId ?? null, authorCoopId: ctx.coopId, length: d.body.length } });
    return { id: post.id, threadId: d.threadId ?? null, mailed: followers.length };
  });
  if (out.mailed > 0) kickOutbox(ctx.db, themeCoopId);
  return out;
}

/** Mark a post helpful (the pemantik, or the thread's starter for its replies). Repeats and races change nothing. */
export async function markForumHelpful(ctx: TenantCtx, themeCoopId: string, themeId: string, postId: string): Promise<{ postId: string; helpful: true; changed: boolean }> {
  if (!/^[0-9a-f-]{36}$/i.test(postId)) throw new AppError('EDU_FORUM_POST_NOT_FOUND');
  return inThemeCoop(ctx.db, themeCoopId, ctx.actor.accountId, false, async (trx) => {
    const t = await themeIn(trx, ctx, themeCoopId, themeId);
    const p = await trx.selectFrom('forum_posts').select(['author_account_id', 'thread_id', 'hidden_at']).where('coop_id', '=', themeCoopId).where('theme_id', '=', themeId).where('id', '=', postId).executeTakeFirst();
    if (!p) throw new AppError('EDU_FORUM_POST_NOT_FOUND');
    const starter = p.thread_id ? (await trx.selectFrom('forum_posts').select('author_account_id').where('coop_id', '=', themeCoopId).where('id', '=', p.thread_id).executeTakeFirst())?.author_account_id ?? null : null;
    const me = ctx.actor.accountId;
    if (p.hidden_at) throw new AppError('EDU_FORUM_POST_HIDDEN');
    if (p.author_account_id === me || (me !== t.pemantik_account_id && starter !== me)) throw new AppError('EDU_FORUM_NOT_YOURS_TO_MARK');
    const inserted = await trx.insertInto('forum_helpful').values({ coop_id: themeCoopId, post_id: postId, marked_by: me }).onConflict((oc) => oc.doNothing()).returning('post_id').executeTakeFirst();
    if (inserted) await recordAudit(trx, { coopId: themeCoopId, actor: ctx.actor }, { action: 'forum.helpful', entity: 'forum_post', entityId: postId, after: { themeId } });
    return { postId, helpful: true as const, changed: Boolean(inserted) };
  });
}

/** The board of the theme's cooperative hides a post with a reason; the text leaves the post (only moderators read it). */
export async function hideForumPost(ctx: TenantCtx, themeCoopId: string, themeId: string, postId: string, input: unknown): Promise<{ postId: string; hidden: true }> {
  const d = parseInput(ZHideRequest, input);
  if (!(await isModerator(ctx, themeCoopId))) throw new AppError('EDU_FORUM_NOT_MODERATOR');
  if (!/^[0-9a-f-]{36}$/i.test(postId)) throw new AppError('EDU_FORUM_POST_NOT_FOUND');
  return inThemeCoop(ctx.db, themeCoopId, ctx.actor.accountId, true, async (trx) => {
    await themeIn(trx, ctx, themeCoopId, themeId);
    const p = await trx.selectFrom('forum_posts').select(['body', 'hidden_at']).where('coop_id', '=', themeCoopId).where('theme_id', '=', themeId).where('id', '=', postId).forUpdate().executeTakeFirst();
    if (!p) throw new AppError('EDU_FORUM_POST_NOT_FOUND');
    if (p.hidden_at) throw new AppError('EDU_FORUM_POST_HIDDEN');
    await trx.insertInto('forum_hidden_bodies').values({ coop_id: themeCoopId, post_id: postId, body: p.body }).execute();
    await trx.updateTable('forum_posts').set({ body: '', hidden_at: new Date(), hidden_reason: d.reason, hidden_by: ctx.actor.accountId }).where('coop_id', '=', themeCoopId).where('id', '=', postId).execute();
    await recordAudit(trx, { coopId: themeCoopId, actor: ctx.actor }, { action: 'forum.hide', entity: 'forum_post', entityId: postId, after: { themeId, reason: d.reason } });
    return { postId, hidden: true as const };
  });
}

/** Follow a theme (reply mails) or stop following. */
export async function setForumFollow(ctx: TenantCtx, themeCoopId: string, themeId: string, input: unknown): Promise<{ following: boolean }> {
  const d = parseInput(ZFollowRequest, input);
  return inThemeCoop(ctx.db, themeCoopId, ctx.actor.accountId, false, async (trx) => {
    await themeIn(trx, ctx, themeCoopId, themeId);
    const base = { coop_id: themeCoopId, theme_id: themeId, account_id: ctx.actor.accountId };
    if (d.following) {
      const r = await trx.insertInto('forum_follows').values(base).onConflict((oc) => oc.doNothing()).returning('account_id').executeTakeFirst();
      if (r) await recordAudit(trx, { coopId: themeCoopId, actor: ctx.actor }, { action: 'forum.follow', entity: 'forum_theme', entityId: themeId });
    } else {
      const r = await trx.deleteFrom('forum_follows').where('coop_id', '=', themeCoopId).where('theme_id', '=', themeId).where('account_id', '=', ctx.actor.accountId).executeTakeFirst();
      if (Number(r.numDeletedRows) > 0) await recordAudit(trx, { coopId: themeCoopId, actor: ctx.actor }, { action: 'forum.unfollow', entity: 'forum_theme', entityId: themeId });
    }
    return { following: d.following };
  });
}
