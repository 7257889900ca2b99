-- Events (Agenda works): seat counter per event, registrations (seat holds from orders, free
-- registrations, waitlist offers), the FIFO waitlist, tickets with unguessable QR tokens and
-- every check-in scan (duplicates recorded). See docs/decisions/0081-event-capacity.md.

-- One row per agenda work that has ever had a registration: `taken` is the number of seats
-- held or sold. It is only changed by one conditional UPDATE that compares with the work's
-- capacity, so concurrent holds serialize on this row and never exceed capacity.
CREATE TABLE event_seats (
  coop_id uuid NOT NULL,
  work_id uuid NOT NULL,
  taken integer NOT NULL DEFAULT 0 CHECK (taken >= 0),
  free_registration boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, work_id),
  FOREIGN KEY (coop_id, work_id) REFERENCES works(coop_id, id) ON DELETE CASCADE
);

-- Who holds seats. kind: order (a checkout line of an order), free (free registration),
-- offer (a seat held for a promoted waitlister until offer_expires_at).
CREATE TABLE event_registrations (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  work_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('order', 'free', 'offer')),
  status text NOT NULL CHECK (status IN ('held', 'confirmed', 'cancelled', 'expired')),
  order_id uuid,
  order_line_id uuid,
  waitlist_id bigint,
  name text NOT NULL DEFAULT '' CHECK (length(name) <= 200),
  email text NOT NULL DEFAULT '' CHECK (length(email) <= 320),
  member_id uuid,
  quantity integer NOT NULL CHECK (quantity BETWEEN 1 AND 100),
  offer_expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  released_at timestamptz,
  PRIMARY KEY (coop_id, id),
  UNIQUE (coop_id, order_line_id),
  FOREIGN KEY (coop_id, work_id) REFERENCES works(coop_id, id) ON DELETE CASCADE,
  CHECK ((kind = 'order') = (order_line_id IS NOT NULL))
);
CREATE INDEX event_registrations_order_idx ON event_registrations (coop_id, order_id);
CREATE INDEX event_registrations_work_idx ON event_registrations (coop_id, work_id, status);

-- The waitlist: FIFO by id (an identity, so the order of arrival is total).
CREATE TABLE event_waitlist (
  coop_id uuid NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  work_id uuid NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  email text NOT NULL CHECK (length(email) BETWEEN 3 AND 320),
  member_id uuid,
  quantity integer NOT NULL DEFAULT 1 CHECK (quantity BETWEEN 1 AND 10),
  status text NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'promoted', 'withdrawn')),
  promoted_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  FOREIGN KEY (coop_id, work_id) REFERENCES works(coop_id, id) ON DELETE CASCADE
);
CREATE INDEX event_waitlist_fifo_idx ON event_waitlist (coop_id, work_id, id) WHERE status = 'waiting';
CREATE UNIQUE INDEX event_waitlist_once_idx ON event_waitlist (coop_id, work_id, lower(email)) WHERE status = 'waiting';

-- One ticket per seat. token: 32 random bytes, base64url (256 bits), shown as a QR code.
CREATE TABLE event_tickets (
  coop_id uuid NOT NULL,
  id uuid NOT NULL DEFAULT gen_random_uuid(),
  work_id uuid NOT NULL,
  registration_id uuid NOT NULL,
  seat_no integer NOT NULL CHECK (seat_no >= 1),
  token text NOT NULL CHECK (length(token) >= 22),
  holder_name text NOT NULL DEFAULT '',
  holder_email text NOT NULL DEFAULT '',
  status text NOT NULL DEFAULT 'valid' CHECK (status IN ('valid', 'void')),
  checked_in_at timestamptz,
  checked_in_by uuid,
  issued_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id),
  UNIQUE (token),
  UNIQUE (coop_id, registration_id, seat_no),
  FOREIGN KEY (coop_id, registration_id) REFERENCES event_registrations(coop_id, id),
  FOREIGN KEY (coop_id, work_id) REFERENCES works(coop_id, id) ON DELETE CASCADE
);
CREATE INDEX event_tickets_work_idx ON event_tickets (coop_id, work_id);

-- Every scan at the door, admitted or not (a second scan of a ticket is rejected and kept here).
CREATE TABLE event_checkins (
  coop_id uuid NOT NULL,
  id bigint GENERATED ALWAYS AS IDENTITY,
  work_id uuid,
  ticket_id uuid,
  result text NOT NULL CHECK (result IN ('admitted', 'duplicate', 'unknown', 'void', 'wrong_event')),
  scanned_by uuid,
  scanned_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (coop_id, id)
);
CREATE INDEX event_checkins_work_idx ON event_checkins (coop_id, work_id);

DO $$
DECLARE t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['event_seats','event_registrations','event_waitlist','event_tickets','event_checkins'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format('CREATE POLICY tenant_isolation ON %I USING (coop_id = current_coop_id()) WITH CHECK (coop_id = current_coop_id())', t);
  END LOOP;
END $$;

GRANT SELECT, INSERT, UPDATE, DELETE ON event_seats, event_registrations, event_waitlist, event_tickets, event_checkins TO lumbung_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO lumbung_app;
