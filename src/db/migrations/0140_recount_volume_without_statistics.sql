-- The whole-cooperative recount of member volume totals with a plan that does not depend on
-- statistics (issue #13, decision 0140). On tables bulk-loaded and never analysed (a server
-- without autovacuum, a fresh restore) the planner guessed a few rows and ran 0101's query as a
-- nested loop over the members with a range scan of the cooperative's whole volume (index
-- (coop_id, occurred_on, member_id)) for each: over 3.5 minutes at 20,000 members and 1,000,000
-- rows. recount_coop_volume aggregates the volume rows first (one pass, no join), then joins the
-- members and the coop with nested loops switched off for this function only (its SET clause is
-- undone when it returns): hash joins, whose cost grows with the rows whatever the estimates.
-- Same rows counted as 0101 (current window or an ended period; never the gap between periods).
-- The one-member branch is unchanged (an index lookup of one member's rows suits it).
-- On Citus, src/db/citus-functions.sql's recount_member_volume replaces this one, as before.

CREATE FUNCTION recount_coop_volume(p_coop uuid) RETURNS void LANGUAGE plpgsql
SET enable_nestloop = off
AS $$
BEGIN
  DELETE FROM member_volume_totals WHERE coop_id = p_coop;
  INSERT INTO member_volume_totals (coop_id, fiscal_year, member_id, category, amount)
  SELECT v.coop_id, fiscal_year_of(v.occurred_on, c.fiscal_year_start_month), v.member_id, v.category, sum(v.amount)
    FROM (SELECT b.coop_id, b.member_id, b.occurred_on, b.category, sum(b.amount) AS amount
            FROM member_business_volume b
           WHERE b.coop_id = p_coop
           GROUP BY 1, 2, 3, 4) v
    JOIN members m ON m.coop_id = v.coop_id AND m.id = v.member_id
    JOIN coops c ON c.id = v.coop_id
   WHERE (v.occurred_on >= m.joined_on AND (m.left_on IS NULL OR v.occurred_on <= m.left_on))
      OR in_ended_period(v.coop_id, v.member_id, v.occurred_on)
   GROUP BY 1, 2, 3, 4
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
