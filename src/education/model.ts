import { z } from 'zod';

/**
 * Education (principle 5): Zod inputs and the pure rules — completion by attendance,
 * hours from session times, the self check-in window. Money in whole rupiah, shares in
 * basis points (10000 = 100 %), durations in whole minutes.
 */
export const PROGRAMME_KINDS = ['perkoperasian', 'calon_anggota', 'kritis', 'keterampilan', 'literasi_keuangan', 'kepemimpinan', 'publik'] as const;
export const AUDIENCES = ['members', 'candidates', 'board', 'public'] as const;
export const PRODUCT_LINES = ['suara', 'rupa', 'aksara', 'busana', 'agenda'] as const;
export const BP_WHOLE = 10_000;
/** Self check-in opens this many minutes before a session starts and closes when it ends. */
export const CHECKIN_EARLY_MINUTES = 30;
export const MAX_SESSION_MINUTES = 24 * 60;

const text = (max: number) => z.string().trim().max(max);
const rupiah = z.number().int().min(0).max(1_000_000_000_000);

export const ZProgrammeRequest = z
  .strictObject({
    title: z.string().trim().min(3).max(200),
    kind: z.enum(PROGRAMME_KINDS),
    productLine: z.enum(PRODUCT_LINES).nullable().optional(),
    audience: z.enum(AUDIENCES),
    description: text(5000).optional(),
    topics: z.array(z.string().trim().min(1).max(200)).max(50).optional(),
    facilitatorMemberIds: z.array(z.uuid()).max(20).optional(),
    outsideFacilitators: z.array(z.string().trim().min(2).max(200)).max(20).optional(),
    budget: rupiah.optional(),
    minAttendanceBp: z.number().int().min(0).max(BP_WHOLE).optional(),
    requiresAssessment: z.boolean().optional(),
    capacity: z.number().int().min(1).max(100_000).nullable().optional()
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'keterampilan' && !v.productLine) ctx.addIssue({ code: 'custom', path: ['productLine'], message: 'edu_product_line_required' });
  });
export type ProgrammeRequest = z.infer<typeof ZProgrammeRequest>;

const instant = z.iso.datetime({ offset: true });
export const ZSessionRequest = z
  .strictObject({
    topic: z.string().trim().min(2).max(200),
    startsAt: instant,
    endsAt: instant,
    venue: text(300).nullable().optional(),
    onlineUrl: z.url({ protocol: /^https?$/ }).max(500).nullable().optional(),
    capacity: z.number().int().min(1).max(100_000).nullable().optional(),
    facilitatorMemberId: z.uuid().nullable().optional(),
    meetingId: z.uuid().nullable().optional()
  })
  .superRefine((v, ctx) => {
    const minutes = sessionMinutes(v.startsAt, v.endsAt);
    if (minutes <= 0) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'edu_ends_before_start' });
    else if (minutes > MAX_SESSION_MINUTES) ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'edu_session_too_long' });
  });
export type SessionRequest = z.infer<typeof ZSessionRequest>;

export const ZEnrolRequest = z.union([
  z.strictObject({ memberId: z.uuid() }),
  z.strictObject({
    fullName: z.string().trim().min(2).max(200),
    phone: z.string().trim().regex(/^(\+62|62|0)8\d{7,12}$/, 'phone_invalid'),
    participantKind: z.enum(['candidate', 'public']),
    gender: z.enum(['F', 'M']).nullable().optional(),
    birthDate: z.iso.date().nullable().optional()
  })
]);
export const ZCheckInRequest = z.strictObject({ code: z.string().trim().min(1).max(40) });
export const ZMarkRequest = z.strictObject({ enrolmentId: z.uuid(), status: z.enum(['present', 'absent']) });
export const ZAssessmentRequest = z.strictObject({ enrolmentId: z.uuid(), assessment: z.enum(['passed', 'failed']).nullable() });
export const ZCertificateRequest = z.strictObject({ enrolmentId: z.uuid(), sessionId: z.uuid().nullable().optional() });
export const ZSpendingRequest = z.strictObject({
  amount: z.number().int().min(1).max(1_000_000_000_000),
  description: z.string().trim().min(3).max(300),
  spentOn: z.iso.date(),
  paidFrom: z.enum(['CASH', 'BANK']).optional()
});

/** Whole minutes between two instants (negative when the end is before the start). */
export function sessionMinutes(startsAt: string | Date, endsAt: string | Date): number {
  return Math.floor((new Date(endsAt).getTime() - new Date(startsAt).getTime()) / 60_000);
}

export type CheckInWindow = 'early' | 'open' | 'ended';
/** Where `now` falls in a session's self check-in window. A closed session is 'ended'. */
export function checkInWindow(s: { startsAt: Date; endsAt: Date; closedAt: Date | null }, now: Date): CheckInWindow {
  if (s.closedAt || now.getTime() > s.endsAt.getTime()) return 'ended';
  if (now.getTime() < s.startsAt.getTime() - CHECKIN_EARLY_MINUTES * 60_000) return 'early';
  return 'open';
}

/** Sessions a participant must attend: ceil(bp × total / 10000), at least 1 when there are sessions. */
export function sessionsRequired(totalSessions: number, minAttendanceBp: number): number {
  if (totalSessions === 0) return 0;
  return Math.max(1, Math.ceil((minAttendanceBp * totalSessions) / BP_WHOLE));
}

export type CompletionInput = { totalSessions: number; attended: number; minAttendanceBp: number; requiresAssessment: boolean; assessment: 'passed' | 'failed' | null };
export type Completion = { completed: boolean; required: number; attended: number; reason: 'complete' | 'no_sessions' | 'attendance' | 'assessment' };

/**
 * A participant completes a programme when they attended at least the programme's share of
 * ALL its sessions (planned ones count: nobody completes before enough are held) and, where
 * the programme asks it, the facilitator marked the assessment passed.
 */
export function completion(c: CompletionInput): Completion {
  const required = sessionsRequired(c.totalSessions, c.minAttendanceBp);
  if (c.totalSessions === 0) return { completed: false, required, attended: c.attended, reason: 'no_sessions' };
  if (c.attended < required) return { completed: false, required, attended: c.attended, reason: 'attendance' };
  if (c.requiresAssessment && c.assessment !== 'passed') return { completed: false, required, attended: c.attended, reason: 'assessment' };
  return { completed: true, required, attended: c.attended, reason: 'complete' };
}

/** A check-in code: 8 characters without look-alikes (no 0/O, 1/I). */
const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export function newCheckinCode(random: (n: number) => Buffer): string {
  const bytes = random(8);
  return [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
}
/** What a person types: spaces and case do not matter. */
export function normaliseCode(raw: string): string {
  return raw.replace(/[\s-]/g, '').toUpperCase();
}

/** 90 → "1 j 30 m": pages show hours and minutes, never fractions. */
export function formatMinutes(min: number): string {
  const h = Math.floor(min / 60);
  const m = min % 60;
  return h > 0 ? (m > 0 ? `${h} j ${m} m` : `${h} j`) : `${m} m`;
}

export type ProgrammeSummary = {
  id: string;
  title: string;
  kind: string;
  audience: string;
  status: string;
  budget: number;
  spent: number;
  sessions: number;
  enrolled: number;
  capacity: number | null;
  nextSessionAt: string | null;
};

export type Participant = {
  enrolmentId: string;
  memberId: string | null;
  name: string;
  phone: string | null;
  kind: string;
  attended: number;
  minutes: number;
  assessment: 'passed' | 'failed' | null;
  completion: Completion;
  certificateCode: string | null;
};

export type SessionSummary = {
  id: string;
  topic: string;
  startsAt: string;
  endsAt: string;
  minutes: number;
  venue: string | null;
  onlineUrl: string | null;
  capacity: number | null;
  present: number;
  closed: boolean;
  meetingId: string | null;
  facilitatorMemberId: string | null;
};

export type ProgrammeView = {
  id: string;
  title: string;
  kind: string;
  productLine: string | null;
  audience: string;
  description: string;
  topics: string[];
  facilitators: { memberId: string; name: string }[];
  outsideFacilitators: string[];
  budget: number;
  spent: number;
  minAttendanceBp: number;
  requiresAssessment: boolean;
  capacity: number | null;
  enrolled: number;
  status: string;
  sessions: SessionSummary[];
  participants: Participant[];
  spending: { id: string; amount: number; description: string; spentOn: string; entryId: string }[];
  /** The viewer's own enrolment, if any. */
  myEnrolmentId: string | null;
  /** What the viewer may do here. */
  may: { manage: boolean; fund: boolean; facilitate: boolean };
};

export type AttendanceRow = { enrolmentId: string; name: string; kind: string; status: 'present' | 'absent' | 'unmarked'; method: string | null; at: string | null };
export type SessionView = SessionSummary & {
  programmeId: string;
  programmeTitle: string;
  checkinCode: string | null;
  counts: { present: number; absent: number; unmarked: number };
  attendance: AttendanceRow[];
  may: { facilitate: boolean };
};

export type LearningRecord = {
  memberId: string;
  name: string;
  years: {
    year: number;
    minutes: number;
    sessions: { sessionId: string; programmeTitle: string; topic: string; startsAt: string; minutes: number }[];
  }[];
  programmes: { programmeId: string; title: string; kind: string; attended: number; required: number; completed: boolean }[];
  certificates: { code: string; programmeTitle: string; sessionTopic: string | null; completedOn: string }[];
  totalMinutes: number;
  publicToken: string | null;
};
