-- A run's member rows never change (0090) except one thing, decision 0106: erasing a
-- leaver's personal data replaces the name copied into past runs with the pseudonym.
-- Every amount, the member number and the dates stay; any other change is refused as before.
CREATE OR REPLACE FUNCTION shu_run_members_guard() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE s text;
BEGIN
  SELECT status INTO s FROM shu_runs WHERE coop_id = OLD.coop_id AND id = OLD.run_id;
  IF TG_OP = 'DELETE' AND (s IS NULL OR s IN ('draft','proposed')) THEN RETURN OLD; END IF;
  IF TG_OP = 'UPDATE' AND NEW.full_name LIKE 'Mantan anggota %'
     AND (to_jsonb(NEW) - 'full_name') = (to_jsonb(OLD) - 'full_name') THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION '% on shu_run_members is not allowed (run %)', TG_OP, coalesce(s, 'gone') USING ERRCODE = 'insufficient_privilege';
END $$;
