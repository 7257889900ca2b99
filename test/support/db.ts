import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, withDatabaseName, type Database } from '../../src/db/connection.js';
import { cloneClusterDatabase, dropClusterDatabases } from './citus.js';

export type TestDb = { db: Database; url: string; drop: () => Promise<void> };

/** A fresh database cloned from the migrated template; each test file gets its own. */
export async function createTestDb(): Promise<TestDb> {
  const serverUrl = inject('pgServerUrl');
  const template = inject('pgTemplate');
  const name = `${template}_${randomBytes(4).toString('hex')}`;
  const nodes = inject('pgCitusNodes');
  if (nodes.length) {
    const url = await cloneClusterDatabase(serverUrl, nodes, template, name);
    const { db } = createDb(url, { max: 20 });
    return { db, url, drop: async () => (await db.destroy(), await dropClusterDatabases(serverUrl, nodes, name)) };
  }
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  // Cloning needs the template to have no other sessions; retry briefly if another file is cloning.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
      break;
    } catch (err) {
      if (attempt > 50) throw err;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  await admin.end();
  const url = withDatabaseName(serverUrl, name);
  const { db } = createDb(url, { max: 20 });
  return {
    db,
    url,
    drop: async () => {
      await db.destroy();
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    }
  };
}
