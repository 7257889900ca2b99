-- Citus variants of trigger functions (decision 0110), applied by the migrator on Citus after
-- every migration run (src/db/migrate.ts, applyPlacement), replacing the migrations' versions
-- there. On a shard, a trigger's query that names a distributed table is planned by Citus again:
-- reads work, but writing another table from a trigger fails ("the backend has already been
-- assigned a transaction id"). These variants name the co-located shards on this node directly
-- (tenant_rel), so their statements are plain PostgreSQL on local tables; called on the
-- coordinator (updateCoop's recount), where no shard is local, they name the tables and Citus
-- routes them. A migration that changes one of these functions must change it here too
-- (test/integration/member-volume-totals.test.ts runs on both: npm run test:citus).

-- The relation holding `p_coop`'s rows of `p_table` on this node: its local shard, or the table.
CREATE OR REPLACE FUNCTION tenant_rel(p_table regclass, p_coop uuid) RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
  s text := shard_name(p_table, get_shard_id_for_distribution_column(p_table, p_coop));
BEGIN
  IF to_regclass(s) IS NOT NULL THEN RETURN s; END IF;
  RETURN p_table::text;
END $$;

-- 0094, 0101: the totals of a coop (p_member NULL) or of one member, recounted from the business rows
-- in the current window or in an ended membership period (never in the gap between periods).
CREATE OR REPLACE FUNCTION recount_member_volume(p_coop uuid, p_member uuid) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  sm int;
BEGIN
  EXECUTE format('SELECT fiscal_year_start_month FROM %s WHERE id = $1', tenant_rel('coops', p_coop)) INTO sm USING p_coop;
  EXECUTE format('DELETE FROM %s WHERE coop_id = $1 AND ($2::uuid IS NULL OR member_id = $2)', tenant_rel('member_volume_totals', p_coop)) USING p_coop, p_member;
  EXECUTE format(
    'INSERT INTO %s (coop_id, fiscal_year, member_id, category, amount)
     SELECT v.coop_id, fiscal_year_of(v.occurred_on, $3), v.member_id, v.category, sum(v.amount)
       FROM %s v JOIN %s m ON m.coop_id = v.coop_id AND m.id = v.member_id
      WHERE v.coop_id = $1 AND ($2::uuid IS NULL OR v.member_id = $2)
        AND ((v.occurred_on >= m.joined_on AND (m.left_on IS NULL OR v.occurred_on <= m.left_on))
             OR EXISTS (SELECT 1 FROM %s p WHERE p.coop_id = v.coop_id AND p.member_id = v.member_id AND p.left_on IS NOT NULL
                                                 AND v.occurred_on >= p.joined_on AND v.occurred_on <= p.left_on))
      GROUP BY 1, 2, 3, 4
      ORDER BY 1, 2, 3, 4',
    tenant_rel('member_volume_totals', p_coop), tenant_rel('member_business_volume', p_coop), tenant_rel('members', p_coop),
    tenant_rel('membership_periods', p_coop))
    USING p_coop, p_member, sm;
END $$;

-- 0094, 0101: business rows added to their members' totals (current window or an ended period). The transition table is read on its own,
-- grouped; the coop's and members' rows are locked FOR SHARE in the same order as on one server
-- (an update of a coop on Citus updates every node's copy, so it meets this node's lock).
CREATE OR REPLACE FUNCTION member_volume_totals_add() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
  w record;
  sm int;
  last_coop uuid;
  last_member uuid;
  t_members text;
  t_totals text;
  inside boolean;
BEGIN
  FOR r IN SELECT coop_id, member_id, occurred_on, category, sum(amount) AS amount FROM new_rows GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4 LOOP
    IF last_coop IS DISTINCT FROM r.coop_id THEN
      EXECUTE format('SELECT fiscal_year_start_month FROM %s WHERE id = $1 FOR SHARE', tenant_rel('coops', r.coop_id)) INTO sm USING r.coop_id;
      t_members := tenant_rel('members', r.coop_id);
      t_totals := tenant_rel('member_volume_totals', r.coop_id);
      last_coop := r.coop_id;
      last_member := NULL;
    END IF;
    IF last_member IS DISTINCT FROM r.member_id THEN
      EXECUTE format('SELECT joined_on, left_on FROM %s WHERE coop_id = $1 AND id = $2 FOR SHARE', t_members) INTO w USING r.coop_id, r.member_id;
      last_member := r.member_id;
    END IF;
    inside := r.occurred_on >= w.joined_on AND (w.left_on IS NULL OR r.occurred_on <= w.left_on);
    IF inside IS NOT TRUE THEN
      -- 0101: a day of one of the member's ended periods counts too.
      EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s p WHERE p.coop_id = $1 AND p.member_id = $2 AND p.left_on IS NOT NULL
                                                 AND $3 >= p.joined_on AND $3 <= p.left_on)', tenant_rel('membership_periods', r.coop_id))
        INTO inside USING r.coop_id, r.member_id, r.occurred_on;
    END IF;
    IF inside THEN
      EXECUTE format(
        'INSERT INTO %s AS t (coop_id, fiscal_year, member_id, category, amount) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (coop_id, fiscal_year, member_id, category) DO UPDATE SET amount = t.amount + excluded.amount', t_totals)
        USING r.coop_id, fiscal_year_of(r.occurred_on, sm), r.member_id, r.category, r.amount;
    END IF;
  END LOOP;
  RETURN NULL;
END $$;
