import { recordAudit } from '../audit/record-audit.js';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { t } from '../kernel/i18n.js';
import { requirePermission } from '../kernel/permissions.js';
import { parseInput } from '../kernel/validation.js';
import { kickOutbox } from './mailer.js';
import { meetingEligibleMembers, meetingQuorum } from './meeting-eligible.js';
import { formatLocalTime, meetingIcs, ZScheduleMeetingRequest, type ScheduleMeetingRequest } from './model.js';
import { enqueueMail, ensureMinutes, insertAgendaItems, insertMeeting, nextNumber } from './store.js';
import { coopInfo, governanceRules, publicUrl, randomToken } from './support.js';
import { meetingView, type MeetingView } from './views.js';

const DAY_MS = 86_400_000;

/**
 * Call a meeting (ketua, sekretaris): its agenda, and a notice by email with an iCalendar
 * invitation to everyone who may attend. The annual members' meeting (RAT) and
 * extraordinary meetings need the charter's notice period (rat.noticeDays) before they start.
 */
export async function scheduleMeeting(ctx: TenantCtx, input: ScheduleMeetingRequest | Record<string, unknown>): Promise<MeetingView> {
  requirePermission(ctx, 'meetings.manage');
  const data = parseInput(ZScheduleMeetingRequest, input);
  const rules = await governanceRules(ctx);
  const now = ctx.clock.now();
  const startsAt = new Date(data.startsAt);
  const endsAt = data.endsAt ? new Date(data.endsAt) : null;
  if (endsAt && endsAt <= startsAt) throw new AppError('VALIDATION_FAILED', { fields: [{ field: 'endsAt', code: 'ends_before_start' }] });
  const noticeDays = data.kind === 'rat' || data.kind === 'extraordinary' ? rules.rat.noticeDays : null;
  if (noticeDays !== null && startsAt.getTime() - now.getTime() < noticeDays * DAY_MS) {
    throw new AppError('MEETING_NOTICE_TOO_SHORT', { params: { days: noticeDays }, fields: [{ field: 'startsAt', code: 'notice_too_short', params: { days: noticeDays } }] });
  }
  const view = await withTenant(ctx.db, ctx.coopId, async (trx) => {
    const number = await nextNumber(trx, ctx.coopId, 'meeting_no');
    const row = await insertMeeting(trx, {
      coop_id: ctx.coopId,
      number,
      kind: data.kind,
      title: data.title,
      starts_at: startsAt,
      ends_at: endsAt,
      location: data.location,
      online_url: data.onlineUrl,
      notice_days: noticeDays,
      notice_sent_at: now,
      checkin_code: randomToken(12),
      created_by: ctx.actor.via === 'system' ? null : ctx.actor.accountId
    });
    await insertAgendaItems(trx, ctx.coopId, row.id, (data.agenda ?? []).map((title) => ({ title, description: null })));
    await ensureMinutes(trx, ctx.coopId, row.id, now);
    const invited = await meetingEligibleMembers(trx, ctx.coopId, data.kind);
    const view = await meetingView(trx, row, meetingQuorum(data.kind, rules.quorum), invited.length);
    const coop = await coopInfo(trx, ctx.coopId);
    const when = formatLocalTime(startsAt, coop.zone, 'id');
    const link = `${publicUrl()}/k/${coop.slug}/rapat/${row.id}`;
    const agendaText = view.agenda.map((a) => `${a.position}. ${a.title}`).join('\n') || '-';
    const kindName = t('id', `governance.meetingKind.${data.kind}`);
    const description = t('id', 'governance.mail.noticeBody', { coop: coop.name, kind: kindName, title: data.title, when, tz: coop.zone.tz, location: data.location ?? '-', online: data.onlineUrl ?? '-', agenda: agendaText, link });
    const ics = meetingIcs({ uid: `${row.id}@lumbung`, title: `${data.title} — ${coop.name}`, startsAt, endsAt, location: data.location ?? data.onlineUrl, description, url: link, zone: coop.zone, stamp: now });
    await enqueueMail(
      trx,
      invited
        .filter((m) => m.email)
        .map((m) => ({
          coop_id: ctx.coopId,
          kind: 'meeting_notice',
          dedupe_key: `notice:${row.id}:${m.memberId}`,
          to_address: m.email!,
          to_name: m.fullName,
          subject: t('id', 'governance.mail.noticeSubject', { title: data.title, when }),
          text_body: `${t('id', 'governance.mail.greeting', { name: m.fullName })}\n\n${description}`,
          ics
        }))
    );
    await recordAudit(trx, ctx, { action: 'meeting.schedule', entity: 'meeting', entityId: row.id, after: { number, kind: data.kind, title: data.title, startsAt: startsAt.toISOString(), invited: invited.length, noticeDays } });
    return view;
  });
  kickOutbox(ctx.db, ctx.coopId);
  return view;
}
