-- Each member's business volume (jasa usaha) per fiscal year and category, counting only the
-- days they were a member: the SHU computation's volume input, kept up to date when business is
-- written instead of summed from every business row at year end (decision 0097).
--
-- Exactly the sums of member_business_volume's rows dated within the member's current window
-- [joined_on, left_on] (no joined_on: none), grouped by the fiscal year the coop's
-- fiscal_year_start_month puts each row in. Three triggers keep it so:
--   * a business row is added to its member's total when it is written (in the same statement);
--   * a change of a member's joined_on or left_on recounts that member from their rows;
--   * a change of the coop's fiscal year start month recounts the coop.
-- Concurrency: the writer holds its members' and coop's rows FOR SHARE until it commits, so a
-- change of a window or of the start month waits for it and then counts its rows, and a writer
-- that comes after such a change reads the new window once the change has committed.
-- Derived data: written only by these functions; no foreign keys (the business rows have them).

CREATE FUNCTION fiscal_year_of(d date, start_month int) RETURNS int LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT extract(year FROM d)::int - CASE WHEN extract(month FROM d)::int < start_month THEN 1 ELSE 0 END
$$;

CREATE TABLE member_volume_totals (
  coop_id uuid NOT NULL,
  fiscal_year int NOT NULL,
  member_id uuid NOT NULL,
  category text NOT NULL,
  amount bigint NOT NULL,
  PRIMARY KEY (coop_id, fiscal_year, member_id, category)
);

-- A member's rows, for recounting them when their window changes. A hash index: it serves only
-- equality, so the planner never walks it in member order to aggregate the whole table (a b-tree
-- on member_id made a plain SUM … GROUP BY member_id an index scan, five times slower).
CREATE INDEX member_business_volume_member_idx ON member_business_volume USING hash (member_id);

-- Recount a coop's totals from its business rows: one member's, or (p_member NULL) every member's.
-- Two statements, so each keeps its own plan (a member's rows by the index, a coop's by a scan).
CREATE FUNCTION recount_member_volume(p_coop uuid, p_member uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_member IS NULL THEN
    DELETE FROM member_volume_totals WHERE coop_id = p_coop;
    INSERT INTO member_volume_totals (coop_id, fiscal_year, member_id, category, amount)
    SELECT v.coop_id, fiscal_year_of(v.occurred_on, c.fiscal_year_start_month), v.member_id, v.category, sum(v.amount)
      FROM member_business_volume v
      JOIN members m ON m.coop_id = v.coop_id AND m.id = v.member_id
      JOIN coops c ON c.id = v.coop_id
     WHERE v.coop_id = p_coop
       AND v.occurred_on >= m.joined_on AND (m.left_on IS NULL OR v.occurred_on <= m.left_on)
     GROUP BY 1, 2, 3, 4
     ORDER BY 1, 2, 3, 4;
  ELSE
    DELETE FROM member_volume_totals WHERE coop_id = p_coop AND member_id = p_member;
    INSERT INTO member_volume_totals (coop_id, fiscal_year, member_id, category, amount)
    SELECT v.coop_id, fiscal_year_of(v.occurred_on, c.fiscal_year_start_month), v.member_id, v.category, sum(v.amount)
      FROM member_business_volume v
      JOIN members m ON m.coop_id = v.coop_id AND m.id = v.member_id
      JOIN coops c ON c.id = v.coop_id
     WHERE v.member_id = p_member AND v.coop_id = p_coop
       AND v.occurred_on >= m.joined_on AND (m.left_on IS NULL OR v.occurred_on <= m.left_on)
     GROUP BY 1, 2, 3, 4
     ORDER BY 1, 2, 3, 4;
  END IF;
END $$;

CREATE FUNCTION member_volume_totals_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Keep the coops' start months and the members' windows as read here until commit (see above);
  -- rows locked in one order, so writers never wait on each other in a cycle.
  PERFORM 1 FROM coops c WHERE c.id IN (SELECT coop_id FROM new_rows) ORDER BY c.id FOR SHARE;
  PERFORM 1 FROM members m WHERE (m.coop_id, m.id) IN (SELECT coop_id, member_id FROM new_rows) ORDER BY m.coop_id, m.id FOR SHARE;
  INSERT INTO member_volume_totals AS t (coop_id, fiscal_year, member_id, category, amount)
  SELECT n.coop_id, fiscal_year_of(n.occurred_on, c.fiscal_year_start_month), n.member_id, n.category, sum(n.amount)
    FROM new_rows n
    JOIN members m ON m.coop_id = n.coop_id AND m.id = n.member_id
    JOIN coops c ON c.id = n.coop_id
   WHERE n.occurred_on >= m.joined_on AND (m.left_on IS NULL OR n.occurred_on <= m.left_on)
   GROUP BY 1, 2, 3, 4
   ORDER BY 1, 2, 3, 4
  ON CONFLICT (coop_id, fiscal_year, member_id, category) DO UPDATE SET amount = t.amount + excluded.amount;
  RETURN NULL;
END $$;
CREATE TRIGGER member_volume_totals_add AFTER INSERT ON member_business_volume
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION member_volume_totals_add();

CREATE FUNCTION members_volume_recount() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM recount_member_volume(NEW.coop_id, NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER members_volume_recount AFTER UPDATE OF joined_on, left_on ON members FOR EACH ROW
  WHEN (OLD.joined_on IS DISTINCT FROM NEW.joined_on OR OLD.left_on IS DISTINCT FROM NEW.left_on)
  EXECUTE FUNCTION members_volume_recount();

CREATE FUNCTION coops_volume_recount() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM recount_member_volume(NEW.id, NULL);
  RETURN NULL;
END $$;
CREATE TRIGGER coops_volume_recount AFTER UPDATE OF fiscal_year_start_month ON coops FOR EACH ROW
  WHEN (OLD.fiscal_year_start_month IS DISTINCT FROM NEW.fiscal_year_start_month)
  EXECUTE FUNCTION coops_volume_recount();

-- The totals of the business already written, each coop under its own tenant setting.
DO $$
DECLARE c uuid;
BEGIN
  FOR c IN SELECT id FROM coops ORDER BY id LOOP
    PERFORM set_config('lumbung.coop_id', c::text, true);
    PERFORM recount_member_volume(c, NULL);
  END LOOP;
  PERFORM set_config('lumbung.coop_id', '', true);
END $$;

ALTER TABLE member_volume_totals ENABLE ROW LEVEL SECURITY;
ALTER TABLE member_volume_totals FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON member_volume_totals USING (coop_id = current_coop_id()) WITH CHECK (coop_id = current_coop_id());
-- The app role writes it only through the triggers above (they run as the writer).
GRANT SELECT, INSERT, UPDATE, DELETE ON member_volume_totals TO lumbung_app;
