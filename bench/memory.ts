import { spawnSync } from 'node:child_process';

/**
 * `npm run bench -- memory` (issue #13): what holds a server's memory. A fresh Node process starts
 * the server step by step (bench/memory-probe.mjs) and prints its resident set (RSS) and V8 heap
 * after each step — Node alone, tsx's loader, the API's modules, the built routes, the web pages —
 * and at idle after a few hundred requests, with a full GC before each reading. Over DATABASE_URL
 * (no database is written). Both without and with the web pages.
 */
export async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.log('memory benchmark: set DATABASE_URL (any server; nothing is written)');
    return;
  }
  for (const web of [false, true]) {
    const r = spawnSync(process.execPath, ['--expose-gc', 'bench/memory-probe.mjs'], { env: { ...process.env, PROBE_WEB: web ? '1' : '' }, encoding: 'utf8' });
    const line = r.stdout.trim().split('\n').pop() ?? '';
    if (r.status !== 0 || !line.startsWith('[')) {
      console.log(`memory probe failed: ${r.stderr.slice(0, 2000)}`);
      continue;
    }
    console.log(web ? 'server with the web pages:' : 'API only:');
    for (const s of JSON.parse(line) as { name: string; rss: string; heap: string; external: string }[]) console.log(`  ${s.name.padEnd(56)} RSS ${s.rss.padStart(4)} MB, V8 heap ${s.heap.padStart(4)} MB, external ${s.external.padStart(3)} MB`);
  }
}
