import pg from 'pg';

/**
 * A cheap digest of a whole test database: per table, its row count and the md5 of its rows'
 * text in a fixed order. Compare two to see which tables a request changed.
 */
export async function fingerprint(url: string): Promise<Map<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ table: string }>("SELECT tablename AS table FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
    const q = tables.map(({ table }) => `SELECT '${table}' AS t, count(*)::text || ':' || coalesce(md5(string_agg(x::text, '|' ORDER BY x::text)), '') AS f FROM "${table}" x`).join(' UNION ALL ');
    const { rows } = await client.query<{ t: string; f: string }>(q);
    return new Map(rows.map((r) => [r.t, r.f]));
  } finally {
    await client.end();
  }
}

/** The tables whose digest differs. */
export function changedTables(before: Map<string, string>, after: Map<string, string>): string[] {
  return [...after].filter(([table, f]) => before.get(table) !== f).map(([table]) => table);
}
