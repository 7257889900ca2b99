/**
 * Where each table lives on Citus (decision 0110) — the one list of it. On plain PostgreSQL
 * (embedded or a server) it changes nothing; on a database with the `citus` extension the
 * migrator applies it after the migrations (see applyPlacement in migrate.ts):
 *
 * - `reference`: platform-wide rows without coop_id, small next to the tenant data and read by
 *   every cooperative's queries; a full copy on every node, so tenant queries join them locally.
 * - `distributed`: a cooperative's data, sharded by coop_id, all tables co-located (a coop's rows
 *   of every table sit on the same node, so its queries, joins, foreign keys and triggers stay on one shard group).
 * - `local`: stays on the coordinator only (migration bookkeeping, the platform's own mail queue —
 *   sign-up mail that belongs to no cooperative; a cooperative's mail is drained per coop, decision 0111).
 *
 * The order is the dependency order (a table after every table its foreign keys reference).
 * Every table in the schema must be listed: a new table without a placement fails the migrator
 * on Citus and the static check of the ordinary suite (test/integration/citus-ready.test.ts).
 */
export type Placement = 'reference' | 'distributed' | 'local';

export const PLACEMENTS: readonly (readonly [table: string, placement: Placement])[] = [
  ['schema_migrations', 'local'],
  ['accounts', 'reference'],
  ['sessions', 'reference'],
  ['account_sign_ups', 'reference'],
  ['password_resets', 'reference'],
  ['coops', 'reference'],
  ['coop_users', 'distributed'],
  ['api_tokens', 'distributed'],
  ['audit_log', 'distributed'],
  ['coop_counters', 'distributed'],
  ['charters', 'distributed'],
  ['members', 'distributed'],
  ['member_status_history', 'distributed'],
  ['membership_periods', 'distributed'],
  ['member_erasure_requests', 'distributed'],
  ['ledger_settings', 'distributed'],
  ['ledger_accounts', 'distributed'],
  ['journal_entries', 'distributed'],
  ['journal_lines', 'distributed'],
  ['ledger_chain_heads', 'distributed'],
  ['ledger_closings', 'distributed'],
  ['capital_accounts', 'distributed'],
  ['capital_movements', 'distributed'],
  ['meetings', 'distributed'],
  ['agenda_items', 'distributed'],
  ['meeting_eligible', 'distributed'],
  ['meeting_attendance', 'distributed'],
  ['decisions', 'distributed'],
  ['decision_options', 'distributed'],
  ['decision_positions', 'distributed'],
  ['decision_comments', 'distributed'],
  ['eligible_voters', 'distributed'],
  ['participations', 'distributed'],
  ['ballots', 'distributed'],
  ['open_votes', 'distributed'],
  ['decision_results', 'distributed'],
  ['decision_reopenings', 'distributed'],
  ['vote_tokens', 'distributed'],
  ['office_terms', 'distributed'],
  ['minutes', 'distributed'],
  ['minute_notes', 'distributed'],
  ['minute_amendments', 'distributed'],
  ['minutes_signatures', 'distributed'],
  ['mail_outbox', 'distributed'],
  ['platform_mail_outbox', 'local'],
  ['works', 'distributed'],
  ['work_creators', 'distributed'],
  ['work_variants', 'distributed'],
  ['media_blobs', 'distributed'],
  ['work_images', 'distributed'],
  ['work_image_files', 'distributed'],
  ['qris_settings', 'distributed'],
  ['member_business_volume', 'distributed'],
  ['member_invitations', 'distributed'],
  ['order_settings', 'distributed'],
  ['orders', 'distributed'],
  ['order_lines', 'distributed'],
  ['order_status_history', 'distributed'],
  ['order_payments', 'distributed'],
  ['order_refunds', 'distributed'],
  ['invoices', 'distributed'],
  ['payouts', 'distributed'],
  ['event_seats', 'distributed'],
  ['event_registrations', 'distributed'],
  ['event_waitlist', 'distributed'],
  ['event_tickets', 'distributed'],
  ['event_checkins', 'distributed'],
  ['work_files', 'distributed'],
  ['download_keys', 'distributed'],
  ['download_entitlements', 'distributed'],
  ['payment_provider_settings', 'distributed'],
  ['payment_provider_events', 'distributed'],
  ['payment_reconciliation', 'distributed'],
  ['production_projects', 'distributed'],
  ['production_tasks', 'distributed'],
  ['production_work_logs', 'distributed'],
  ['production_costs', 'distributed'],
  ['production_project_works', 'distributed'],
  ['shu_settings', 'distributed'],
  ['shu_runs', 'distributed'],
  ['shu_run_members', 'distributed'],
  ['shu_payments', 'distributed'],
  ['member_volume_totals', 'distributed'],
  ['edu_programmes', 'distributed'],
  ['edu_programme_facilitators', 'distributed'],
  ['edu_sessions', 'distributed'],
  ['edu_session_materials', 'distributed'],
  ['edu_enrolments', 'distributed'],
  ['edu_attendance', 'distributed'],
  ['edu_certificates', 'distributed'],
  ['edu_record_links', 'distributed'],
  ['edu_fund_spending', 'distributed'],
  // Peer-learning forum (0165): co-located with the theme's cooperative (decision 0165).
  ['forum_themes', 'distributed'],
  ['forum_posts', 'distributed'],
  ['forum_hidden_bodies', 'distributed'],
  ['forum_helpful', 'distributed'],
  ['forum_follows', 'distributed'],
  ['care_settings', 'distributed'],
  ['care_funds', 'distributed'],
  ['care_programmes', 'distributed'],
  ['care_budget_lines', 'distributed'],
  ['care_applications', 'distributed'],
  ['care_decisions', 'distributed'],
  ['care_conflicts', 'distributed'],
  ['care_movements', 'distributed'],
  // Networks of cooperatives (issue 19, decision 0170): a network's own small metadata has no
  // single coop and is read by every member coop's queries: reference. What one coop writes for
  // a network (delegates, its ballot and position, its trade sides and account mapping, its
  // figures and what it shares) sits with the coop: distributed. The roll-ups sum over many
  // coops and are read by the public dashboards: one copy on the coordinator (local).
  ['networks', 'reference'],
  ['network_memberships', 'reference'],
  ['network_stewards', 'reference'],
  ['network_decisions', 'reference'],
  ['network_delegates', 'distributed'],
  ['network_ballots', 'distributed'],
  ['network_positions', 'distributed'],
  ['network_trade_accounts', 'distributed'],
  ['network_trade_sides', 'distributed'],
  ['coop_figures', 'distributed'],
  ['network_sharing', 'distributed'],
  ['region_rollups', 'local'],
  // care donations (issue 18, migration 0160)
  ['care_donations', 'distributed'],
  // phone (issue 14): excused absences at meetings
  ['meeting_excuses', 'distributed'],
  // Founding groups and onboarding (issue 20, decision 0180).
  ['founding_groups', 'distributed'],
  ['founding_founders', 'distributed'],
  ['founding_needs', 'distributed'],
  ['founding_businesses', 'distributed'],
  ['founding_potentials', 'distributed'],
  ['founding_units', 'distributed'],
  ['founding_comments', 'distributed'],
  ['founding_accounts', 'distributed']
];

/** The column every distributed table is sharded by. */
export const DISTRIBUTION_COLUMN = 'coop_id';

export function placementOf(table: string): Placement | undefined {
  return PLACEMENTS.find(([t]) => t === table)?.[1];
}

/** The tables of the public schema that have no placement entry, with a message naming them. */
export function unplacedTables(tables: readonly string[]): string[] {
  return tables.filter((t) => placementOf(t) === undefined).sort();
}

/**
 * Every trigger in the schema, reviewed for Citus (decision 0110). All are on distributed tables
 * and go to the shards with them (the migrator sets citus.enable_unsafe_triggers while placing):
 *
 * - `row`: reads only the row it fires for (OLD/NEW) — an append-only or state guard. Safe on a
 *   shard as on one server.
 * - `coop`: also reads or writes other rows, always of the same cooperative (coop_id = NEW.coop_id
 *   or OLD.coop_id): those rows sit in co-located shards on the same node. On a worker its queries
 *   are planned by Citus again; single-row lookups by coop_id work there (router queries to the
 *   co-located shards), an INSERT … SELECT across tables does not yet — decision 0110 lists which.
 *
 * A trigger not listed here fails the static check (test/integration/citus-ready.test.ts): add it
 * only after deciding, as above, why it is safe on a shard — or put the rule in the write path.
 * Triggers on reference tables are never allowed (they would fire on every node's copy).
 */
export const REVIEWED_TRIGGERS: Readonly<Record<string, 'row' | 'coop'>> = {
  'audit_log.audit_log_append_only': 'row',
  'charters.charters_append_only': 'row',
  'member_status_history.member_status_history_append_only': 'row',
  'journal_entries.journal_entries_immutable': 'row',
  'journal_entries.journal_entries_no_truncate': 'row',
  'journal_lines.journal_lines_immutable': 'row',
  'journal_lines.journal_lines_no_truncate': 'row',
  'ledger_closings.ledger_closings_append_only': 'row',
  'capital_movements.capital_movements_append_only': 'row',
  'eligible_voters.eligible_voters_append_only': 'row',
  'participations.participations_append_only': 'row',
  'decision_results.decision_results_append_only': 'row',
  'decision_reopenings.decision_reopenings_append_only': 'row',
  'minutes.minutes_read_only': 'row',
  'minute_amendments.minute_amendments_append_only': 'row',
  'member_business_volume.member_business_volume_append_only': 'row',
  'invoices.invoices_immutable': 'row',
  'payouts.payouts_append_only': 'row',
  'shu_runs.shu_runs_guard': 'row',
  'shu_payments.shu_payments_append_only': 'row',
  // The deferred balance check of an entry: its header and lines, same coop, same entry.
  'journal_entries.journal_entries_balanced': 'coop',
  // Lines added to an entry of an earlier transaction: that entry's header (migration 0111).
  'journal_lines.journal_lines_check_entries': 'coop',
  'decisions.decisions_settings_guard': 'coop',
  'decision_options.decision_options_frozen': 'coop',
  'ballots.ballots_guard': 'coop',
  'minute_notes.minute_notes_read_only': 'coop',
  'works.works_published_creators': 'coop',
  'work_creators.work_creators_shares_sum': 'coop',
  // Member volume totals (0094): the member's and coop's rows, the totals of the same coop.
  'member_business_volume.member_volume_totals_add': 'coop',
  'members.members_volume_recount': 'coop',
  'shu_run_members.shu_run_members_guard': 'coop'
};

/**
 * Identity columns Citus accepts (bigint, on tables distributed from the start of their life on
 * Citus and never altered): the existing logs ordered by id. New tables use uuid ids instead.
 */
export const REVIEWED_IDENTITY_COLUMNS: readonly string[] = [
  'audit_log.id',
  'member_status_history.id',
  'ledger_closings.id',
  'open_votes.id',
  'mail_outbox.id',
  'order_status_history.id',
  'event_waitlist.id',
  'event_checkins.id'
];

/**
 * Sequences used other than as an identity: order_no_seq, read with nextval() on the coordinator
 * (a sequence holds no lock until commit, so cooperatives never wait on each other for it).
 */
export const REVIEWED_SEQUENCES: readonly string[] = ['order_no_seq'];
