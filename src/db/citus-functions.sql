-- Citus variants of trigger functions (decision 0110), applied by the migrator on Citus after
-- every migration run (src/db/migrate.ts, applyPlacement), replacing the migrations' versions
-- there. On a shard a trigger's queries are planned by Citus again: a single-shard SELECT,
-- INSERT … VALUES, UPDATE or DELETE by coop_id works, an INSERT … SELECT across tables or a
-- query joining a transition table to a distributed table does not. These do the same work
-- in those shapes. A migration that changes one of these functions must change it here too
-- (test/integration/member-volume-totals.test.ts runs on both: npm run test:citus).

-- 0094: the totals of a coop (p_member NULL) or of one member, recounted from the business rows.
CREATE OR REPLACE FUNCTION recount_member_volume(p_coop uuid, p_member uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  sm int;
  r record;
BEGIN
  SELECT fiscal_year_start_month INTO sm FROM coops WHERE id = p_coop;
  IF p_member IS NULL THEN
    DELETE FROM member_volume_totals WHERE coop_id = p_coop;
  ELSE
    DELETE FROM member_volume_totals WHERE coop_id = p_coop AND member_id = p_member;
  END IF;
  FOR r IN
    SELECT fiscal_year_of(v.occurred_on, sm) AS fy, v.member_id, v.category, sum(v.amount) AS amount
      FROM member_business_volume v
      JOIN members m ON m.coop_id = v.coop_id AND m.id = v.member_id
     WHERE v.coop_id = p_coop AND (p_member IS NULL OR v.member_id = p_member)
       AND v.occurred_on >= m.joined_on AND (m.left_on IS NULL OR v.occurred_on <= m.left_on)
     GROUP BY 1, 2, 3
     ORDER BY 1, 2, 3
  LOOP
    INSERT INTO member_volume_totals (coop_id, fiscal_year, member_id, category, amount) VALUES (p_coop, r.fy, r.member_id, r.category, r.amount);
  END LOOP;
END $$;

-- 0094: business rows added to their members' totals. The transition table is read on its own,
-- grouped; the coop's and members' rows are locked FOR SHARE in the same order as on one server.
CREATE OR REPLACE FUNCTION member_volume_totals_add() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
  sm int;
  w record;
  last_coop uuid;
  last_member uuid;
BEGIN
  FOR r IN SELECT coop_id, member_id, occurred_on, category, sum(amount) AS amount FROM new_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 LOOP
    IF last_coop IS DISTINCT FROM r.coop_id THEN
      SELECT fiscal_year_start_month INTO sm FROM coops WHERE id = r.coop_id FOR SHARE;
      last_coop := r.coop_id;
      last_member := NULL;
    END IF;
    IF last_member IS DISTINCT FROM r.member_id THEN
      SELECT joined_on, left_on INTO w FROM members WHERE coop_id = r.coop_id AND id = r.member_id FOR SHARE;
      last_member := r.member_id;
    END IF;
    IF r.occurred_on >= w.joined_on AND (w.left_on IS NULL OR r.occurred_on <= w.left_on) THEN
      INSERT INTO member_volume_totals AS t (coop_id, fiscal_year, member_id, category, amount)
      VALUES (r.coop_id, fiscal_year_of(r.occurred_on, sm), r.member_id, r.category, r.amount)
      ON CONFLICT (coop_id, fiscal_year, member_id, category) DO UPDATE SET amount = t.amount + excluded.amount;
    END IF;
  END LOOP;
  RETURN NULL;
END $$;
