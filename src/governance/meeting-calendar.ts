import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { t } from '../kernel/i18n.js';
import { requirePermission } from '../kernel/permissions.js';
import { formatLocalTime, meetingIcs } from './model.js';
import { agendaOf, findMeeting } from './store.js';
import { coopInfo, publicUrl } from './support.js';

/** A meeting as an iCalendar file (the same event as the emailed notice). */
export async function meetingCalendar(ctx: TenantCtx, meetingId: string): Promise<string> {
  requirePermission(ctx, 'coop.read');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const m = await findMeeting(trx, ctx.coopId, meetingId);
    if (!m) throw new AppError('MEETING_NOT_FOUND');
    const coop = await coopInfo(trx, ctx.coopId);
    const agenda = (await agendaOf(trx, ctx.coopId, meetingId)).map((a) => `${a.position}. ${a.title}`).join('\n') || '-';
    const startsAt = new Date(m.starts_at);
    const link = `${publicUrl()}/k/${coop.slug}/rapat/${m.id}`;
    const description = t(ctx.locale, 'governance.mail.noticeBody', {
      coop: coop.name,
      kind: t(ctx.locale, `governance.meetingKind.${m.kind}`),
      title: m.title,
      when: formatLocalTime(startsAt, coop.zone, ctx.locale),
      tz: coop.zone.tz,
      location: m.location ?? '-',
      online: m.online_url ?? '-',
      agenda,
      link
    });
    return meetingIcs({ uid: `${m.id}@lumbung`, title: `${m.title} — ${coop.name}`, startsAt, endsAt: m.ends_at ? new Date(m.ends_at) : null, location: m.location ?? m.online_url, description, url: link, zone: coop.zone, stamp: ctx.clock.now() });
  });
}
