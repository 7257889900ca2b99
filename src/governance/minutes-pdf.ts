import type { Content } from 'pdfmake/interfaces';
import { withTenant } from '../db/tenant.js';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { t } from '../kernel/i18n.js';
import { renderPdf } from '../kernel/pdf.js';
import { requirePermission } from '../kernel/permissions.js';
import { minutesView } from './minutes-view.js';
import { formatLocalTime } from './model.js';
import { findMeeting } from './store.js';
import { coopInfo } from './support.js';

/**
 * A meeting's minutes as a PDF (issue 14 item 3): who attended and who did not, the notes per
 * agenda item with the decisions taken and their results, amendments, and signature lines
 * for the chair and the secretary (with the names of those who signed in Lumbung).
 */
export async function minutesPdf(ctx: TenantCtx, meetingId: string): Promise<{ body: Buffer; filename: string; contentType: string }> {
  requirePermission(ctx, 'coop.read');
  const L = ctx.locale;
  const { meeting, mn, coop } = await withTenant(ctx.db, ctx.coopId, async (trx) => {
    const meeting = await findMeeting(trx, ctx.coopId, meetingId);
    if (!meeting) throw new AppError('MEETING_NOT_FOUND');
    return { meeting, mn: await minutesView(trx, ctx.coopId, meeting), coop: await coopInfo(trx, ctx.coopId) };
  });
  const decisionLine = (d: { number: number; title: string; outcome: string | null; status: string }) =>
    `No. ${d.number} ${d.title} — ${d.outcome ? t(L, `governance.outcome.${d.outcome}`) : t(L, `governance.decisionStatus.${d.status}`)}`;
  const names = (list: { memberNo: number | null; fullName: string }[]) => (list.length ? list.map((p) => `${p.memberNo ?? ''} ${p.fullName}`.trim()).join(', ') : '—');
  const signer = (role: 'ketua' | 'sekretaris') => mn.signatures.find((s) => s.role === role)?.name ?? '';
  const content: Content[] = [
    { text: coop.name, style: 'small' },
    { text: t(L, 'governance.minutes.title', { title: meeting.title }), style: 'h1' },
    { text: `${t(L, `governance.meetingKind.${meeting.kind}`)} · ${formatLocalTime(new Date(meeting.starts_at), coop.zone, L)}${meeting.location ? ` · ${meeting.location}` : ''}`, style: 'small' },
    {
      text: mn.status === 'approved' ? t(L, 'governance.minutes.approved', { date: new Date(mn.approvedAt!).toLocaleDateString(L === 'en' ? 'en-GB' : 'id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: coop.zone.tz }) }) : t(L, 'governance.minutes.draft'),
      margin: [0, 4, 0, 8]
    },
    { text: t(L, 'governance.minutes.attendance', { attended: mn.attendance.attended, eligible: mn.attendance.eligible ?? '—' }), style: 'h2' },
    { text: `${t(L, 'governance.minutes.present')}: ${names(mn.attendees)}` },
    { text: `${t(L, 'governance.minutes.excused')}: ${mn.excused.map((p) => `${p.fullName}${p.reason ? ` (${p.reason})` : ''}`).join(', ') || '—'}`, margin: [0, 2, 0, 0] },
    { text: `${t(L, 'governance.minutes.absent')}: ${names(mn.absentees)}`, margin: [0, 2, 0, 8] },
    { text: t(L, 'governance.minutes.summary'), style: 'h2' },
    { text: mn.summary || '—' }
  ];
  for (const item of mn.items) {
    content.push({ text: `${item.position}. ${item.title}`, style: 'h2' }, { text: item.notes || '—' });
    if (item.decisions.length) content.push({ ul: item.decisions.map(decisionLine), margin: [0, 4, 0, 0] });
  }
  if (mn.otherDecisions.length) content.push({ text: t(L, 'governance.meetings.decisions'), style: 'h2' }, { ul: mn.otherDecisions.map(decisionLine) });
  if (mn.amendments.length) content.push({ text: t(L, 'governance.minutes.amendments'), style: 'h2' }, { ol: mn.amendments.map((a) => a.text) });
  content.push({
    margin: [0, 36, 0, 0],
    columns: (['ketua', 'sekretaris'] as const).map((role) => ({
      stack: [{ text: t(L, `governance.role.${role}`) }, { text: ' ', margin: [0, 28, 0, 0] }, { text: '______________________' }, { text: signer(role) || ' ' }],
      alignment: 'center' as const
    }))
  });
  const body = await renderPdf({
    pageSize: 'A4',
    pageMargins: [48, 48, 48, 48],
    content,
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    styles: { h1: { fontSize: 15, bold: true, margin: [0, 4, 0, 2] }, h2: { fontSize: 12, bold: true, margin: [0, 10, 0, 3] }, small: { fontSize: 9, color: '#555555' } }
  });
  return { body, filename: `notulen-${meeting.number}.pdf`, contentType: 'application/pdf' };
}
