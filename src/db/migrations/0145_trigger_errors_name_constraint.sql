-- Trigger errors that stand for a constraint also name it in their HINT (decision 0110).
-- A trigger's RAISE … USING CONSTRAINT sets the error's constraint field, by which the app maps
-- the refusal to a 4xx. On Citus the trigger runs on a worker, and the coordinator relays the
-- worker's error with its message, SQLSTATE, detail and hint, but without the constraint field:
-- src/db/connection.ts reads it back from a hint of the form `constraint: <name>`. Same rules,
-- same messages; only the hint is new.

CREATE OR REPLACE FUNCTION check_work_creator_shares() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  w_coop uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.coop_id ELSE NEW.coop_id END;
  w_id uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.work_id ELSE NEW.work_id END;
  total bigint;
  n integer;
BEGIN
  SELECT coalesce(sum(share_bp), 0), count(*) INTO total, n FROM work_creators WHERE coop_id = w_coop AND work_id = w_id;
  IF n > 0 AND total <> 10000 THEN
    RAISE EXCEPTION 'creator shares of work % sum to % basis points, not 10000', w_id, total
      USING ERRCODE = 'check_violation', CONSTRAINT = 'work_creators_shares_sum', HINT = 'constraint: work_creators_shares_sum';
  END IF;
  IF n = 0 AND EXISTS (SELECT 1 FROM works WHERE coop_id = w_coop AND id = w_id AND status = 'published') THEN
    RAISE EXCEPTION 'published work % has no creators', w_id
      USING ERRCODE = 'check_violation', CONSTRAINT = 'works_published_creators', HINT = 'constraint: works_published_creators';
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION check_published_work_creators() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE total bigint;
BEGIN
  IF NEW.status = 'published' THEN
    SELECT coalesce(sum(share_bp), 0) INTO total FROM work_creators WHERE coop_id = NEW.coop_id AND work_id = NEW.id;
    IF total <> 10000 THEN
      RAISE EXCEPTION 'published work % needs creators whose shares sum to 10000 (has %)', NEW.id, total
        USING ERRCODE = 'check_violation', CONSTRAINT = 'works_published_creators', HINT = 'constraint: works_published_creators';
    END IF;
  END IF;
  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION decisions_guard_settings() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.secret AND NOT NEW.secret THEN
    RAISE EXCEPTION 'a secret ballot cannot be made open'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'decision_cannot_deanonymize', HINT = 'constraint: decision_cannot_deanonymize';
  END IF;
  IF (OLD.method, OLD.max_choices, OLD.secret, OLD.allow_revote, OLD.quorum, OLD.threshold_bp, OLD.kind)
     IS DISTINCT FROM (NEW.method, NEW.max_choices, NEW.secret, NEW.allow_revote, NEW.quorum, NEW.threshold_bp, NEW.kind)
     AND EXISTS (SELECT 1 FROM participations p WHERE p.coop_id = OLD.coop_id AND p.decision_id = OLD.id) THEN
    RAISE EXCEPTION 'settings are frozen after the first ballot'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'decision_settings_frozen', HINT = 'constraint: decision_settings_frozen';
  END IF;
  RETURN NEW;
END $$;

CREATE OR REPLACE FUNCTION decision_options_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE d uuid; c uuid;
BEGIN
  IF TG_OP = 'DELETE' THEN d := OLD.decision_id; c := OLD.coop_id; ELSE d := NEW.decision_id; c := NEW.coop_id; END IF;
  IF EXISTS (SELECT 1 FROM participations p WHERE p.coop_id = c AND p.decision_id = d) THEN
    RAISE EXCEPTION 'options are frozen after the first ballot'
      USING ERRCODE = 'check_violation', CONSTRAINT = 'decision_settings_frozen', HINT = 'constraint: decision_settings_frozen';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
