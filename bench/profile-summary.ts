/**
 * `npx tsx bench/profile-summary.ts <file.cpuprofile> [n]`: what a V8 CPU profile (node --cpu-prof,
 * BENCH_PROFILE of the benchmarks) spent its time on — self time per function and per package
 * (node_modules/<name>, node: internals, our src/ files, GC, idle) — as text for a decision record.
 */
import { readFileSync } from 'node:fs';

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
const [file, nArg] = process.argv.slice(2);
if (!file) {
  console.log('usage: tsx bench/profile-summary.ts <file.cpuprofile> [n]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));

function where(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native)';
  if (url.startsWith('node:')) return 'node: internals';
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1]!;
  const s = /\/(src|bench|test)\/(.*)$/.exec(url);
  return s ? `${s[1]}/${s[2]!.split('/')[0]}` : url;
}
const fnTotals = new Map<string, number>();
const pkgTotals = new Map<string, number>();
let total = 0;
for (const [id, t] of self) {
  const n = byId.get(id)!;
  const key = `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/(src|bench)\//, '$1/')}:${n.callFrame.lineNumber + 1}`;
  fnTotals.set(key, (fnTotals.get(key) ?? 0) + t);
  const p = where(n.callFrame.url, n.callFrame.functionName);
  pkgTotals.set(p, (pkgTotals.get(p) ?? 0) + t);
  total += t;
}
const n = Number(nArg ?? 25);
const busy = total - (pkgTotals.get('(idle)') ?? 0);
console.log(`total ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (not idle)`);
console.log('\nby package (self time, % of busy):');
for (const [k, v] of [...pkgTotals].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`  ${((100 * v) / busy).toFixed(1).padStart(5)} %  ${k}`);
console.log('\nby function (self time, % of busy):');
for (const [k, v] of [...fnTotals].filter(([k]) => !k.startsWith('(idle)')).sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`  ${((100 * v) / busy).toFixed(1).padStart(5)} %  ${k}`);
