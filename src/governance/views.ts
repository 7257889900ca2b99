import type { Tx } from '../db/tenant.js';
import { quorumRequired, type QuorumRule } from './model.js';
import { agendaOf, attendanceCounts, type MeetingRow } from './store.js';
import { iso } from './support.js';
import type { MeetingKind, MeetingStatus } from './tables.js';

export type AgendaItemView = { id: string; position: number; title: string; description: string | null };

export type MeetingView = {
  id: string;
  number: number;
  kind: MeetingKind;
  title: string;
  startsAt: string;
  endsAt: string | null;
  location: string | null;
  onlineUrl: string | null;
  status: MeetingStatus;
  noticeDays: number | null;
  noticeSentAt: string | null;
  openedAt: string | null;
  closedAt: string | null;
  agenda: AgendaItemView[];
  /** Attendance against the members eligible at the meeting's start (before it opens: the members now). */
  attendance: { eligible: number; present: number; inPerson: number; online: number; quorumRequired: number; quorumMet: boolean };
};

export async function meetingView(trx: Tx, row: NonNullable<MeetingRow>, quorum: QuorumRule, eligibleNow: number): Promise<MeetingView> {
  const agenda = await agendaOf(trx, row.coop_id, row.id);
  const counts = await attendanceCounts(trx, row.coop_id, row.id);
  const eligible = row.eligible_count ?? eligibleNow;
  const required = quorumRequired(quorum, eligible);
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    title: row.title,
    startsAt: iso(row.starts_at)!,
    endsAt: iso(row.ends_at),
    location: row.location,
    onlineUrl: row.online_url,
    status: row.status,
    noticeDays: row.notice_days,
    noticeSentAt: iso(row.notice_sent_at),
    openedAt: iso(row.opened_at),
    closedAt: iso(row.closed_at),
    agenda: agenda.map((a) => ({ id: a.id, position: a.position, title: a.title, description: a.description })),
    attendance: { eligible, present: counts.present, inPerson: counts.inPerson, online: counts.online, quorumRequired: required, quorumMet: eligible > 0 && counts.present >= required }
  };
}
