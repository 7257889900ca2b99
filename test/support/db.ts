import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, withDatabaseName, type Database } from '../../src/db/connection.js';
import { seedDemo } from '../../src/cli/demo.js';
import { cloneClusterDatabase, dropClusterDatabases, freezeClusterDatabase, renameClusterDatabase, type Node } from './citus.js';

export type TestDb = { db: Database; url: string; drop: () => Promise<void> };

/**
 * A fresh database cloned from the migrated template; each test file gets its own.
 * `demo: true` clones a template that also holds the demo cooperative (seeded once per run).
 */
export async function createTestDb(opts: { demo?: boolean } = {}): Promise<TestDb> {
  const serverUrl = inject('pgServerUrl');
  const base = inject('pgTemplate');
  const name = `${base}_${randomBytes(4).toString('hex')}`;
  const nodes = inject('pgCitusNodes');
  if (nodes.length) {
    // On a cluster the database is cloned on every node (decision 0110), from the demo template
    // when asked (a cluster database too, seeded once per run like the one below).
    const url = await cloneClusterDatabase(serverUrl, nodes, opts.demo ? await clusterDemoTemplate(serverUrl, nodes, base) : base, name);
    const { db } = createDb(url, { max: 20 });
    return { db, url, drop: async () => (await db.destroy(), await dropClusterDatabases(serverUrl, nodes, name)) };
  }
  const template = opts.demo ? await demoTemplate(serverUrl, base) : base;
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

/**
 * `<template>_demo`: the migrated template with the demo cooperative, seeded (17–20 s) by the
 * first test file of the run that asks for it; the others wait for it and then clone it in
 * milliseconds. It is seeded under another name and renamed when complete, so a file never
 * clones half a demo. Dropped with the template at the end of the run.
 */
async function demoTemplate(serverUrl: string, base: string): Promise<string> {
  const name = `${base}_demo`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    // One seeder at a time across the run's test processes (they share this server).
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      const work = `${base}_demo_seeding`;
      await admin.query(`DROP DATABASE IF EXISTS ${work} WITH (FORCE)`);
      for (let attempt = 0; ; attempt++) {
        try {
          await admin.query(`CREATE DATABASE ${work} TEMPLATE ${base}`);
          break;
        } catch (err) {
          if (attempt > 50) throw err;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      await seedDemo(withDatabaseName(serverUrl, work));
      await admin.query(`ALTER DATABASE ${work} RENAME TO ${name}`);
    }
    return name;
  } finally {
    await admin.end();
  }
}

/**
 * demoTemplate on a Citus cluster: `<template>_demo` on every node, cloned from the template on
 * every node, seeded through the coordinator, frozen, and renamed on every node when complete.
 */
async function clusterDemoTemplate(serverUrl: string, nodes: Node[], base: string): Promise<string> {
  const name = `${base}_demo`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query('SELECT pg_advisory_lock(hashtext($1))', [name]);
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      const work = `${base}_demo_seeding`;
      await dropClusterDatabases(serverUrl, nodes, work);
      await seedDemo(await cloneClusterDatabase(serverUrl, nodes, base, work));
      await freezeClusterDatabase(serverUrl, nodes, work);
      await renameClusterDatabase(serverUrl, nodes, work, name);
    }
    return name;
  } finally {
    await admin.end();
  }
}
