-- The whole-cooperative recount of member volume totals with a plan that does not depend on
-- statistics (issue #13, decision 0140). On tables bulk-loaded and never analysed (a server
-- without autovacuum, a fresh restore) the planner guessed a few rows and ran 0101's query as a
-- nested loop over the members with a range scan of the cooperative's whole volume (index
-- (coop_id, occurred_on, member_id)) for each: over 4 minutes at 20,000 members and 1,000,000
-- rows (cancelled). recount_coop_volume joins the volume rows to their members by hash (nested
-- loops off for this function only: its SET clauses are undone when it returns), groups by hash
-- in memory (sorting off but for the grouped result's ORDER BY, which keeps the totals' insert
-- order; work_mem raised for this one bulk statement) and without JIT (whose cost model the
-- switched-off paths would otherwise trigger). The coop's start month is read once, and the
-- per-row look-up of ended membership periods runs only when the coop has any.
-- Same rows counted as 0101 (current window or an ended period; never the gap between periods).
-- The one-member branch is unchanged (an index lookup of one member's rows suits it).
-- On Citus, src/db/citus-functions.sql's recount_member_volume replaces this one, as before.

CREATE FUNCTION recount_coop_volume(p_coop uuid) RETURNS void LANGUAGE plpgsql
SET enable_nestloop = off
SET enable_sort = off
SET jit = off
SET work_mem = '64MB'
AS $$
DECLARE
  sm smallint;
  has_ended boolean;
BEGIN
  SELECT c.fiscal_year_start_month INTO sm FROM coops c WHERE c.id = p_coop;
  has_ended := EXISTS (SELECT 1 FROM membership_periods p WHERE p.coop_id = p_coop AND p.left_on IS NOT NULL);
  DELETE FROM member_volume_totals WHERE coop_id = p_coop;
  INSERT INTO member_volume_totals (coop_id, fiscal_year, member_id, category, amount)
  SELECT g.coop_id, g.fiscal_year, g.member_id, g.category, g.amount
    FROM (SELECT v.coop_id, fiscal_year_of(v.occurred_on, sm) AS fiscal_year, v.member_id, v.category, sum(v.amount) AS amount
            FROM member_business_volume v
            JOIN members m ON m.coop_id = v.coop_id AND m.id = v.member_id
           WHERE v.coop_id = p_coop
             AND ((v.occurred_on >= m.joined_on AND (m.left_on IS NULL OR v.occurred_on <= m.left_on))
                  OR (has_ended AND in_ended_period(v.coop_id, v.member_id, v.occurred_on)))
           GROUP BY 1, 2, 3, 4) g
   ORDER BY 1, 2, 3, 4;
END $$;

CREATE OR REPLACE FUNCTION recount_member_volume(p_coop uuid, p_member uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_member IS NULL THEN
    PERFORM recount_coop_volume(p_coop);
  ELSE
    DELETE FROM member_volume_totals WHERE coop_id = p_coop AND member_id = p_member;
    INSERT INTO member_volume_totals (coop_id, fiscal_year, member_id, category, amount)
    SELECT v.coop_id, fiscal_year_of(v.occurred_on, c.fiscal_year_start_month), v.member_id, v.category, sum(v.amount)
      FROM member_business_volume v
      JOIN members m ON m.coop_id = v.coop_id AND m.id = v.member_id
      JOIN coops c ON c.id = v.coop_id
     WHERE v.member_id = p_member AND v.coop_id = p_coop
       AND ((v.occurred_on >= m.joined_on AND (m.left_on IS NULL OR v.occurred_on <= m.left_on))
            OR in_ended_period(v.coop_id, v.member_id, v.occurred_on))
     GROUP BY 1, 2, 3, 4
     ORDER BY 1, 2, 3, 4;
  END IF;
END $$;
