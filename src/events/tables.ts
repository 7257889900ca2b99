import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the events tables (migration 0081); merged into DB in src/db/schema.ts. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type RegistrationKind = 'order' | 'free' | 'offer';
export type RegistrationStatus = 'held' | 'confirmed' | 'cancelled' | 'expired';
export type CheckinResult = 'admitted' | 'duplicate' | 'unknown' | 'void' | 'wrong_event';

export type EventsTables = {
  event_seats: { coop_id: string; work_id: string; taken: Generated<number>; free_registration: Generated<boolean>; updated_at: Timestamp };
  event_registrations: {
    coop_id: string;
    id: Generated<string>;
    work_id: string;
    kind: RegistrationKind;
    status: RegistrationStatus;
    order_id: string | null;
    order_line_id: string | null;
    waitlist_id: number | null;
    name: Generated<string>;
    email: Generated<string>;
    member_id: string | null;
    quantity: number;
    offer_expires_at: NullableTimestamp;
    created_at: Timestamp;
    released_at: NullableTimestamp;
  };
  event_waitlist: {
    coop_id: string;
    id: Generated<number>;
    work_id: string;
    name: string;
    email: string;
    member_id: string | null;
    quantity: Generated<number>;
    status: Generated<'waiting' | 'promoted' | 'withdrawn'>;
    promoted_at: NullableTimestamp;
    created_at: Timestamp;
  };
  event_tickets: {
    coop_id: string;
    id: Generated<string>;
    work_id: string;
    registration_id: string;
    seat_no: number;
    token: string;
    holder_name: Generated<string>;
    holder_email: Generated<string>;
    status: Generated<'valid' | 'void'>;
    checked_in_at: NullableTimestamp;
    checked_in_by: string | null;
    issued_at: Timestamp;
  };
  event_checkins: {
    coop_id: string;
    id: Generated<number>;
    work_id: string | null;
    ticket_id: string | null;
    result: CheckinResult;
    scanned_by: string | null;
    scanned_at: Timestamp;
  };
};
