import { z } from 'zod';

/** Zod inputs of the events capability. */
export const ZRegisterRequest = z.strictObject({
  name: z.string().trim().min(2).max(200),
  email: z.email().max(320),
  quantity: z.coerce.number().int().min(1).max(10).default(1)
});
export type RegisterRequest = z.infer<typeof ZRegisterRequest>;

export const ZEventSettingsRequest = z.strictObject({ freeRegistration: z.boolean() });

/** A pasted ticket: the token itself or the whole ticket address (…/tiket/<token>). */
export const ZCheckInRequest = z.strictObject({ token: z.string().trim().min(10).max(500) });

export function tokenFromInput(raw: string): string {
  const t = raw.trim();
  const m = /\/tiket\/([A-Za-z0-9_-]+)\/?$/.exec(t);
  return m ? m[1]! : t;
}

export const TOKEN_RE = /^[A-Za-z0-9_-]{22,100}$/;

export type AttendanceReport = {
  workId: string;
  title: string;
  startsAt: string | null;
  venue: string | null;
  capacity: number;
  seatsTaken: number;
  ticketsSold: number;
  attendees: number;
  noShows: number;
  duplicateScans: number;
  waiting: number;
  tickets: { id: string; seatNo: number; holderName: string; holderEmail: string; checkedInAt: string | null }[];
};
