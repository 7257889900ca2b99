-- Member business volume over every membership period of a person (decisions 0097, 0105).
-- A row counts when it falls in the member's current window [joined_on, left_on] (as before) or
-- in one of their ended periods in membership_periods; a day between two periods is in neither,
-- so business in the gap never counts. Same functions and triggers as 0094, same locking (the
-- write path changes a member's periods and their members row in one transaction, and the
-- members row's update fires the recount after the period rows are written).

-- Whether a day falls in one of a member's ended periods (evaluated only for the few rows
-- outside the current window: OR's operands are taken in order).
CREATE FUNCTION in_ended_period(p_coop uuid, p_member uuid, p_day date) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE AS $$
  SELECT EXISTS (SELECT 1 FROM membership_periods p
                  WHERE p.coop_id = p_coop AND p.member_id = p_member AND p.left_on IS NOT NULL
                    AND p_day >= p.joined_on AND p_day <= p.left_on)
$$;

CREATE INDEX membership_periods_ended_idx ON membership_periods (coop_id, member_id, joined_on) WHERE left_on IS NOT NULL;

CREATE OR REPLACE FUNCTION recount_member_volume(p_coop uuid, p_member uuid) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF p_member IS NULL THEN
    DELETE FROM member_volume_totals WHERE coop_id = p_coop;
    INSERT INTO member_volume_totals (coop_id, fiscal_year, member_id, category, amount)
    SELECT v.coop_id, fiscal_year_of(v.occurred_on, c.fiscal_year_start_month), v.member_id, v.category, sum(v.amount)
      FROM member_business_volume v
      JOIN members m ON m.coop_id = v.coop_id AND m.id = v.member_id
      JOIN coops c ON c.id = v.coop_id
     WHERE v.coop_id = p_coop
       AND ((v.occurred_on >= m.joined_on AND (m.left_on IS NULL OR v.occurred_on <= m.left_on))
            OR in_ended_period(v.coop_id, v.member_id, v.occurred_on))
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
       AND ((v.occurred_on >= m.joined_on AND (m.left_on IS NULL OR v.occurred_on <= m.left_on))
            OR in_ended_period(v.coop_id, v.member_id, v.occurred_on))
     GROUP BY 1, 2, 3, 4
     ORDER BY 1, 2, 3, 4;
  END IF;
END $$;

CREATE OR REPLACE FUNCTION member_volume_totals_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM 1 FROM coops c WHERE c.id IN (SELECT coop_id FROM new_rows) ORDER BY c.id FOR SHARE;
  PERFORM 1 FROM members m WHERE (m.coop_id, m.id) IN (SELECT coop_id, member_id FROM new_rows) ORDER BY m.coop_id, m.id FOR SHARE;
  INSERT INTO member_volume_totals AS t (coop_id, fiscal_year, member_id, category, amount)
  SELECT n.coop_id, fiscal_year_of(n.occurred_on, c.fiscal_year_start_month), n.member_id, n.category, sum(n.amount)
    FROM new_rows n
    JOIN members m ON m.coop_id = n.coop_id AND m.id = n.member_id
    JOIN coops c ON c.id = n.coop_id
   WHERE (n.occurred_on >= m.joined_on AND (m.left_on IS NULL OR n.occurred_on <= m.left_on))
      OR in_ended_period(n.coop_id, n.member_id, n.occurred_on)
   GROUP BY 1, 2, 3, 4
   ORDER BY 1, 2, 3, 4
  ON CONFLICT (coop_id, fiscal_year, member_id, category) DO UPDATE SET amount = t.amount + excluded.amount;
  RETURN NULL;
END $$;
