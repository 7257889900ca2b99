// The memory benchmark's child (bench/memory.ts): RSS and V8 heap after each stage of a server's
// start-up, and at idle after some requests. Plain JavaScript so the first figure is Node alone.
import { register } from 'tsx/esm/api';
import { pathToFileURL } from 'node:url';
import path from 'node:path';

const mb = (n) => (n / 1048576).toFixed(0);
const stages = [];
function stage(name) {
  globalThis.gc?.();
  const m = process.memoryUsage();
  stages.push({ name, rss: mb(m.rss), heap: mb(m.heapUsed), external: mb(m.external) });
}
stage('node alone');
register();
stage('tsx registered');
const root = process.cwd();
const imp = (p) => import(pathToFileURL(path.join(root, p)).href);
const { createDb } = await imp('src/db/connection.ts');
const { buildApp } = await imp('src/server/app.ts');
const pino = (await import('pino')).default;
stage('API modules imported (every route module, through tsx)');
const { db } = createDb(process.env.DATABASE_URL, { max: 20 });
const app = await buildApp({ db, log: pino({ level: 'silent' }), rateLimitMax: 1e9 });
await app.ready();
stage('API built (routes compiled)');
let web = null;
if (process.env.PROBE_WEB) {
  const { loadWebHandler } = await imp('src/server/start.ts');
  const { setRuntime } = await imp('src/server/runtime.ts');
  const { systemClock } = await imp('src/kernel/clock.ts');
  setRuntime({ db, clock: systemClock, log: pino({ level: 'silent' }) });
  web = await loadWebHandler();
  stage('web pages loaded (build/handler.js)');
}
const served = web ? await buildApp({ db, log: pino({ level: 'silent' }), web, rateLimitMax: 1e9 }) : app;
await served.listen({ port: 0, host: '127.0.0.1' });
const port = served.server.address().port;
for (let i = 0; i < 200; i++) {
  await fetch(`http://127.0.0.1:${port}/healthz`).then((r) => r.arrayBuffer());
  await fetch(`http://127.0.0.1:${port}/api/v1/public/coops/none/works`).then((r) => r.arrayBuffer());
  if (web) await fetch(`http://127.0.0.1:${port}/masuk`).then((r) => r.arrayBuffer());
}
await new Promise((r) => setTimeout(r, 2000));
stage('idle after 200 requests of each kind');
console.log(JSON.stringify(stages));
await served.close();
if (served !== app) await app.close();
await db.destroy();
process.exit(0);
