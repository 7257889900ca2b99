import pg from 'pg';
import { withDatabaseName } from '../../src/db/connection.js';

/**
 * Test databases on a Citus cluster (npm run test:citus). A database there is one database of
 * the same name on every node, each with the citus extension, and the coordinator's metadata
 * naming the workers. CREATE DATABASE … TEMPLATE on the coordinator alone would copy no shards,
 * so a clone is made on every node from that node's copy of the template: the shards and the
 * metadata (which names nodes by host and port, never by database) come along, and the clone
 * is a working cluster database in under a second.
 */
export type Node = { host: string; port: number };

async function onNode<T>(url: string, node: Node, db: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const u = new URL(withDatabaseName(url, db));
  u.hostname = node.host;
  u.port = String(node.port);
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** Whether the server of `url` is a Citus coordinator (its database has the extension and workers). */
export async function isCitus(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const ext = await c.query("SELECT 1 FROM pg_extension WHERE extname = 'citus'");
    return (ext.rowCount ?? 0) > 0;
  } finally {
    await c.end();
  }
}

/** The coordinator (first) and the workers of the cluster `url`'s database knows. */
export async function clusterNodes(url: string): Promise<Node[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rows } = await c.query<{ nodename: string; nodeport: number; groupid: number }>(
      "SELECT nodename, nodeport, groupid FROM pg_dist_node WHERE noderole = 'primary' ORDER BY groupid"
    );
    return rows.map((r) => ({ host: r.nodename, port: r.nodeport }));
  } finally {
    await c.end();
  }
}

/** An empty cluster database `name`: created on every node, with the extension, the workers registered. */
export async function createClusterDatabase(url: string, nodes: Node[], name: string): Promise<string> {
  for (const node of nodes) {
    await onNode(url, node, 'postgres', (c) => c.query(`CREATE DATABASE ${name}`));
    await onNode(url, node, name, (c) => c.query('CREATE EXTENSION citus'));
  }
  const [coordinator, ...workers] = nodes;
  await onNode(url, coordinator!, name, async (c) => {
    await c.query('SELECT citus_set_coordinator_host($1, $2)', [coordinator!.host, coordinator!.port]);
    for (const w of workers) await c.query('SELECT citus_add_node($1, $2)', [w.host, w.port]);
  });
  return withDatabaseName(url, name);
}

/** Make `name` clonable: no connections (Citus' maintenance daemon and cached connections hold some). */
export async function freezeClusterDatabase(url: string, nodes: Node[], name: string): Promise<void> {
  for (const node of nodes) {
    await onNode(url, node, 'postgres', async (c) => {
      await c.query(`ALTER DATABASE ${name} WITH ALLOW_CONNECTIONS false`);
      await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
    });
  }
}

/** Rename the frozen cluster database `from` to `to` on every node (workers first, the coordinator last). */
export async function renameClusterDatabase(url: string, nodes: Node[], from: string, to: string): Promise<void> {
  for (const node of [...nodes].reverse()) {
    await onNode(url, node, 'postgres', (c) => c.query(`ALTER DATABASE ${from} RENAME TO ${to}`));
  }
}

/** A copy of the frozen cluster database `template` named `name`, on every node. */
export async function cloneClusterDatabase(url: string, nodes: Node[], template: string, name: string): Promise<string> {
  for (const node of nodes) {
    await onNode(url, node, 'postgres', async (c) => {
      for (let attempt = 0; ; attempt++) {
        try {
          await c.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
          return;
        } catch (err) {
          if (attempt > 50) throw err;
          await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [template]);
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    });
  }
  return withDatabaseName(url, name);
}

/** Drop the cluster databases whose names start with `prefix`, on every node. */
export async function dropClusterDatabases(url: string, nodes: Node[], prefix: string): Promise<void> {
  for (const node of nodes) {
    await onNode(url, node, 'postgres', async (c) => {
      const { rows } = await c.query<{ datname: string }>('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${prefix}%`]);
      for (const r of rows) await c.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`).catch(() => undefined);
    });
  }
}
