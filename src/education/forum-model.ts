import { z } from 'zod';

/**
 * Peer-learning forum (forum belajar antar teman sejawat, decision 0165): inputs and the pure
 * rules — who may mark a post helpful, how posts become threads with replies, and what a
 * reader sees of a hidden post.
 */
const instant = z.iso.datetime({ offset: true });

export const ZThemeRequest = z
  .strictObject({
    title: z.string().trim().min(3).max(200),
    body: z.string().trim().min(1).max(10_000),
    sessionStartsAt: instant.nullable().optional(),
    sessionEndsAt: instant.nullable().optional(),
    sessionPlace: z.string().trim().max(500).nullable().optional()
  })
  .superRefine((v, ctx) => {
    if (Boolean(v.sessionStartsAt) !== Boolean(v.sessionEndsAt)) ctx.addIssue({ code: 'custom', path: [v.sessionStartsAt ? 'sessionEndsAt' : 'sessionStartsAt'], message: 'forum_session_both' });
    if (v.sessionStartsAt && v.sessionEndsAt) {
      const ms = Date.parse(v.sessionEndsAt) - Date.parse(v.sessionStartsAt);
      if (ms <= 0) ctx.addIssue({ code: 'custom', path: ['sessionEndsAt'], message: 'edu_ends_before_start' });
      else if (ms > 24 * 3_600_000) ctx.addIssue({ code: 'custom', path: ['sessionEndsAt'], message: 'edu_session_too_long' });
    }
  });
export type ThemeRequest = z.infer<typeof ZThemeRequest>;

export const ZPostRequest = z.strictObject({
  body: z.string().trim().min(1).max(5000),
  threadId: z.uuid().nullable().optional()
});
export const ZHideRequest = z.strictObject({ reason: z.string().trim().min(3).max(500) });
export const ZFollowRequest = z.strictObject({ following: z.boolean() });

export type PostRow = {
  id: string;
  threadId: string | null;
  authorAccountId: string;
  authorName: string;
  authorCoopName: string;
  body: string;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  helpful: boolean;
  createdAt: Date;
};

export type PostView = {
  id: string;
  authorName: string;
  authorCoopName: string;
  /** Empty for a hidden post (only "hidden" and the reason are shown). */
  body: string;
  hidden: { reason: string; at: string } | null;
  /** The hidden text, for the theme coop's moderators only (read through their own transaction). */
  hiddenBody: string | null;
  helpful: boolean;
  mine: boolean;
  mayMarkHelpful: boolean;
  createdAt: string;
};
export type ThreadView = PostView & { replies: PostView[] };

/**
 * Who may mark a post helpful: the theme's pemantik, or the one who opened the thread the post
 * replies in — never on their own post, never on a hidden one. Any number of posts may be marked.
 */
export function mayMarkHelpful(viewer: string, pemantik: string, post: { authorAccountId: string; threadStarter: string | null; hidden: boolean }): boolean {
  if (post.hidden || post.authorAccountId === viewer) return false;
  return viewer === pemantik || (post.threadStarter !== null && post.threadStarter === viewer);
}

/** Posts (oldest first) → threads, each with its replies; a reply whose thread is unknown is dropped. */
export function arrangeThreads(posts: PostRow[], viewer: string, pemantik: string, hiddenBodies: Map<string, string> | null): ThreadView[] {
  const starters = new Map<string, string>();
  for (const p of posts) if (p.threadId === null) starters.set(p.id, p.authorAccountId);
  const view = (p: PostRow): PostView => ({
    id: p.id,
    authorName: p.authorName,
    authorCoopName: p.authorCoopName,
    body: p.hiddenAt ? '' : p.body,
    hidden: p.hiddenAt ? { reason: p.hiddenReason ?? '', at: p.hiddenAt.toISOString() } : null,
    hiddenBody: p.hiddenAt && hiddenBodies ? (hiddenBodies.get(p.id) ?? null) : null,
    helpful: p.helpful,
    mine: p.authorAccountId === viewer,
    mayMarkHelpful: !p.helpful && mayMarkHelpful(viewer, pemantik, { authorAccountId: p.authorAccountId, threadStarter: p.threadId === null ? null : (starters.get(p.threadId) ?? null), hidden: p.hiddenAt !== null }),
    createdAt: p.createdAt.toISOString()
  });
  const threads = new Map<string, ThreadView>();
  for (const p of posts) if (p.threadId === null) threads.set(p.id, { ...view(p), replies: [] });
  for (const p of posts) if (p.threadId !== null) threads.get(p.threadId)?.replies.push(view(p));
  return [...threads.values()];
}

/** The reply mail's text (plain, short; the link leads to the theme). */
export function replyMailText(locale: 'id' | 'en', a: { author: string; coop: string; theme: string; body: string; link: string }): { subject: string; text: string } {
  const excerpt = a.body.length > 600 ? `${a.body.slice(0, 600)}…` : a.body;
  return locale === 'en'
    ? { subject: `New post in "${a.theme}"`, text: `${a.author} (${a.coop}) wrote in the theme "${a.theme}":\n\n${excerpt}\n\nRead and reply: ${a.link}\n(You follow this theme; you can stop following on its page.)` }
    : { subject: `Tulisan baru di "${a.theme}"`, text: `${a.author} (${a.coop}) menulis di tema "${a.theme}":\n\n${excerpt}\n\nBaca dan balas: ${a.link}\n(Anda mengikuti tema ini; berhenti mengikuti bisa dari halamannya.)` };
}
