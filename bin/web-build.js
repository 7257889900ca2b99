#!/usr/bin/env node
// Builds the web pages (`svelte-kit sync && vite build` into build/) only when their sources
// changed since the last build: `npm start` and `npm test` run this first, so a restart serves
// in seconds instead of rebuilding for two minutes. `--force` (npm run build) always builds.
//
// The build's sources — everything under src/ except tests, and the build's configuration
// and dependencies (svelte.config.js, vite.config.ts, tsconfig.json, package.json,
// package-lock.json) — are hashed; the hash is written to build/.sources-sha256 after a
// successful build (the adapter empties build/ first, so a failed build leaves no stamp).
// Options: --root DIR (default: this project), --force. LUMBUNG_BUILD_COMMAND replaces the
// build command (the harness test uses a quick stand-in).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { root: { type: 'string' }, force: { type: 'boolean' } } });
const root = path.resolve(values.root ?? path.join(import.meta.dirname, '..'));
const INPUTS = ['src', 'svelte.config.js', 'vite.config.ts', 'tsconfig.json', 'package.json', 'package-lock.json'];
const stamp = path.join(root, 'build', '.sources-sha256');

/** The input's files (a folder: every file below it but tests), relative to root, sorted. */
function files(input) {
  const abs = path.join(root, input);
  if (!existsSync(abs)) return [];
  if (!statSync(abs).isDirectory()) return [input];
  return readdirSync(abs, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && !e.name.endsWith('.test.ts'))
    .map((e) => path.relative(root, path.join(e.parentPath ?? e.path, e.name)))
    .sort();
}

function sourcesHash() {
  const hash = createHash('sha256');
  for (const input of INPUTS) for (const rel of files(input)) hash.update(`${rel}\0`).update(readFileSync(path.join(root, rel))).update('\0');
  return hash.digest('hex');
}

const current = sourcesHash();
const built = existsSync(stamp) && existsSync(path.join(root, 'build', 'handler.js')) ? readFileSync(stamp, 'utf8').trim() : '';
if (!values.force && built === current) {
  console.log('Halaman web sudah terbangun dari sumber terbaru (web pages are up to date; no build needed).');
  process.exit(0);
}
console.log(built ? 'Sumber halaman web berubah: membangun ulang… (web sources changed: building, 1–2 minutes)' : 'Membangun halaman web… (building the web pages, 1–2 minutes, once)');
const command = process.env.LUMBUNG_BUILD_COMMAND ?? 'svelte-kit sync && vite build';
const env = { ...process.env, PATH: `${path.join(root, 'node_modules', '.bin')}${path.delimiter}${process.env.PATH ?? ''}` };
const result = spawnSync(command, { cwd: root, env, stdio: 'inherit', shell: true });
if (result.status !== 0) {
  console.error(`web build failed (${command})`);
  process.exit(result.status || 1);
}
mkdirSync(path.dirname(stamp), { recursive: true });
writeFileSync(stamp, `${current}\n`);
