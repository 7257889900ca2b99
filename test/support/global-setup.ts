import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/db/embedded.js';
import { migrate } from '../../src/db/migrate.js';
import { withDatabaseName } from '../../src/db/connection.js';
import { clusterNodes, createClusterDatabase, dropClusterDatabases, freezeClusterDatabase, isCitus, type Node } from './citus.js';

/**
 * One PostgreSQL server for the whole run: the one named by DATABASE_URL, or an
 * embedded one in a temporary folder. A template database is migrated once; each
 * test file clones it (CREATE DATABASE … TEMPLATE), which takes milliseconds.
 */
export default async function setup(project: TestProject) {
  let serverUrl = process.env.DATABASE_URL;
  let stopServer = async () => undefined as void;
  let dir: string | undefined;
  if (!serverUrl) {
    dir = await mkdtemp(path.join(tmpdir(), 'lumbung-test-'));
    const server = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg') });
    serverUrl = server.url;
    stopServer = server.stop;
  }
  const template = `lumbung_tpl_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  // On a Citus coordinator (npm run test:citus) the template is a cluster database: see citus.ts.
  const nodes: Node[] = (await isCitus(serverUrl)) ? await clusterNodes(serverUrl) : [];
  if (nodes.length) {
    process.env.LUMBUNG_CITUS_SHARD_COUNT ??= '4';
    await migrate(await createClusterDatabase(serverUrl, nodes, template));
    await freezeClusterDatabase(serverUrl, nodes, template);
  } else {
    await admin.query(`CREATE DATABASE ${template}`);
    await migrate(withDatabaseName(serverUrl, template));
  }
  project.provide('pgServerUrl', serverUrl);
  project.provide('pgTemplate', template);
  project.provide('pgCitusNodes', nodes);

  return async () => {
    if (nodes.length) await dropClusterDatabases(serverUrl, nodes, template);
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${template}%`]);
    for (const r of rows) await admin.query(`DROP DATABASE IF EXISTS ${r.datname} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    await stopServer();
    if (dir) await rm(dir, { recursive: true, force: true });
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgServerUrl: string;
    pgTemplate: string;
    pgCitusNodes: Node[];
  }
}
