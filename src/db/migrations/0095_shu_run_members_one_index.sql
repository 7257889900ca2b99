-- shu_run_members is only ever read by run (the primary key (coop_id, run_id, member_id) serves
-- every query, a member's own share included). The second index, by member, was written for
-- each of a run's rows — 100,000 index entries per computation at that size — and read by none.
DROP INDEX shu_run_members_member_idx;
