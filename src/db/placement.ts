/**
 * Where each table lives on Citus (decision 0110) — the one list of it. On plain PostgreSQL
 * (embedded or a server) it changes nothing; on a database with the `citus` extension the
 * migrator applies it after the migrations (see applyPlacement in migrate.ts):
 *
 * - `reference`: platform-wide rows without coop_id, small next to the tenant data and read by
 *   every cooperative's queries; a full copy on every node, so tenant queries join them locally.
 * - `distributed`: a cooperative's data, sharded by coop_id, all tables co-located (a coop's rows
 *   of every table sit on the same node, so its queries, joins, foreign keys and triggers stay on one shard group).
 * - `local`: stays on the coordinator only (migration bookkeeping, the mail queue drained across
 *   cooperatives with FOR UPDATE SKIP LOCKED).
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
  ['coops', 'reference'],
  ['coop_users', 'distributed'],
  ['api_tokens', 'distributed'],
  ['audit_log', 'distributed'],
  ['coop_counters', 'distributed'],
  ['charters', 'distributed'],
  ['members', 'distributed'],
  ['member_status_history', 'distributed'],
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
  ['mail_outbox', 'local'],
  ['works', 'distributed'],
  ['work_creators', 'distributed'],
  ['work_variants', 'distributed'],
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
  ['member_volume_totals', 'distributed']
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
