import type { Tx } from '../db/tenant.js';
import { agendaOf, amendmentsOf, attendanceCounts, attendanceList, findMinutes, listDecisionRows, minuteNotes, minutesSignatures } from './store.js';
import { iso } from './support.js';
import type { Outcome } from './tables.js';

export type MinutesView = {
  meetingId: string;
  status: 'draft' | 'approved';
  summary: string;
  approvedAt: string | null;
  approvedAtMeetingId: string | null;
  attendance: { eligible: number | null; attended: number };
  /** Who attended (in person or online) and who did not, by name (issue 14). */
  attendees: { memberNo: number | null; fullName: string; participation: 'in_person' | 'online' }[];
  /** Absent without an excuse recorded. */
  absentees: { memberId: string; memberNo: number | null; fullName: string }[];
  /** Absent with an excuse (izin) and its reason (migration 0150). */
  excused: { memberId: string; memberNo: number | null; fullName: string; reason: string | null }[];
  /** Signatures of the chair and secretary approving the minutes outside a meeting. */
  signatures: { role: 'ketua' | 'sekretaris'; accountId: string; name: string; signedAt: string }[];
  items: { agendaItemId: string; position: number; title: string; notes: string; decisions: { id: string; number: number; title: string; status: string; outcome: Outcome | null }[] }[];
  /** Decisions of the meeting not tied to an agenda item. */
  otherDecisions: { id: string; number: number; title: string; status: string; outcome: Outcome | null }[];
  amendments: { id: string; agendaItemId: string | null; text: string; createdAt: string; createdBy: string | null }[];
};

/** Minutes as stored, linked to the agenda, the meeting's decisions and its attendance (item 15). */
export async function minutesView(trx: Tx, coopId: string, meeting: { id: string; eligible_count: number | null }): Promise<MinutesView> {
  const minutes = await findMinutes(trx, coopId, meeting.id);
  const [agenda, notes, decisions, counts, amendments, people, signatures, excuses] = await Promise.all([
    agendaOf(trx, coopId, meeting.id),
    minuteNotes(trx, coopId, meeting.id),
    listDecisionRows(trx, coopId, { meetingId: meeting.id, limit: 500, offset: 0 }),
    attendanceCounts(trx, coopId, meeting.id),
    amendmentsOf(trx, coopId, meeting.id),
    attendanceList(trx, coopId, meeting.id),
    minutesSignatures(trx, coopId, meeting.id),
    trx.selectFrom('meeting_excuses').select(['member_id', 'reason']).where('coop_id', '=', coopId).where('meeting_id', '=', meeting.id).execute()
  ]);
  const excuseOf = new Map(excuses.map((e) => [e.member_id, e.reason]));
  const noteOf = new Map(notes.map((n) => [n.agenda_item_id, n.text]));
  const brief = (d: (typeof decisions)[number]) => ({ id: d.id, number: d.number, title: d.title, status: d.status, outcome: d.outcome });
  return {
    meetingId: meeting.id,
    status: minutes?.status ?? 'draft',
    summary: minutes?.summary ?? '',
    approvedAt: iso(minutes?.approved_at),
    approvedAtMeetingId: minutes?.approved_at_meeting_id ?? null,
    attendance: { eligible: meeting.eligible_count, attended: counts.everAttended },
    attendees: people.filter((p) => p.checked_in_at).map((p) => ({ memberNo: p.member_no, fullName: p.full_name, participation: p.participation ?? 'in_person' })),
    absentees: people.filter((p) => !p.checked_in_at && !excuseOf.has(p.member_id)).map((p) => ({ memberId: p.member_id, memberNo: p.member_no, fullName: p.full_name })),
    excused: people.filter((p) => !p.checked_in_at && excuseOf.has(p.member_id)).map((p) => ({ memberId: p.member_id, memberNo: p.member_no, fullName: p.full_name, reason: excuseOf.get(p.member_id) ?? null })),
    signatures: signatures.map((x) => ({ role: x.role, accountId: x.account_id, name: x.name ?? '', signedAt: iso(x.signed_at)! })),
    items: agenda.map((a) => ({
      agendaItemId: a.id,
      position: a.position,
      title: a.title,
      notes: noteOf.get(a.id) ?? '',
      decisions: decisions.filter((d) => d.agenda_item_id === a.id).sort((x, y) => x.number - y.number).map(brief)
    })),
    otherDecisions: decisions.filter((d) => !d.agenda_item_id).sort((x, y) => x.number - y.number).map(brief),
    amendments: amendments.map((x) => ({ id: x.id, agendaItemId: x.agenda_item_id, text: x.text, createdAt: iso(x.created_at)!, createdBy: x.created_by_name }))
  };
}
