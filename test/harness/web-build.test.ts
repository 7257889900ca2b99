import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/**
 * `npm start` and `npm test` build the web pages only when their sources changed
 * (bin/web-build.js); before, every start rebuilt for 1.5–2 minutes. Run on a small
 * project folder with a stand-in build command that counts its runs.
 */

const root = path.resolve(import.meta.dirname, '../..');
let dir: string | undefined;
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

// The stand-in build: empties build/ (as adapter-node does), writes build/handler.js, counts runs in builds.txt.
const FAKE_BUILD = `node -e "const fs=require('fs');fs.rmSync('build',{recursive:true,force:true});fs.mkdirSync('build');fs.writeFileSync('build/handler.js','');fs.appendFileSync('builds.txt','x')"`;

function build(...args: string[]): { status: number | null; out: string } {
  const r = spawnSync(process.execPath, [path.join(root, 'bin/web-build.js'), '--root', dir!, ...args], { env: { ...process.env, LUMBUNG_BUILD_COMMAND: FAKE_BUILD }, encoding: 'utf8' });
  return { status: r.status, out: r.stdout + r.stderr };
}
const builds = () => (existsSync(path.join(dir!, 'builds.txt')) ? readFileSync(path.join(dir!, 'builds.txt'), 'utf8').length : 0);

describe('building the web pages once', () => {
  it('is what npm start and npm test do first', () => {
    const scripts = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.start).toMatch(/^node bin\/web-build\.js && /);
    expect(scripts.test).toMatch(/^node bin\/web-build\.js && /);
    expect(scripts.build).toBe('node bin/web-build.js --force');
  });

  it('builds when there is no build, skips when the sources are unchanged, rebuilds when they change', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lumbung-web-build-'));
    mkdirSync(path.join(dir, 'src/web/routes'), { recursive: true });
    writeFileSync(path.join(dir, 'src/web/routes/+page.svelte'), '<h1>Halo</h1>');
    writeFileSync(path.join(dir, 'src/model.test.ts'), 'test');
    writeFileSync(path.join(dir, 'svelte.config.js'), 'export default {}');
    writeFileSync(path.join(dir, 'package-lock.json'), '{}');

    expect(build().status).toBe(0);
    expect(builds()).toBe(1);
    expect(build().status).toBe(0);
    expect(builds()).toBe(1); // a restart: no build

    writeFileSync(path.join(dir, 'src/model.test.ts'), 'another test'); // tests are not in the pages
    expect(build().out).toContain('up to date');
    expect(builds()).toBe(1);

    writeFileSync(path.join(dir, 'src/web/routes/+page.svelte'), '<h1>Halo, dunia</h1>');
    expect(build().status).toBe(0);
    expect(builds()).toBe(2);

    writeFileSync(path.join(dir, 'package-lock.json'), '{"lockfileVersion":3}'); // dependencies changed
    build();
    expect(builds()).toBe(3);

    expect(build('--force').status).toBe(0); // npm run build
    expect(builds()).toBe(4);

    // A build that failed half-way leaves no stamp: the next start builds again.
    await rm(path.join(dir, 'build'), { recursive: true });
    build();
    expect(builds()).toBe(5);
  });

  it('fails (and writes no stamp) when the build fails', async () => {
    const r = spawnSync(process.execPath, [path.join(root, 'bin/web-build.js'), '--root', dir!, '--force'], { env: { ...process.env, LUMBUNG_BUILD_COMMAND: 'node -e "require(\'fs\').rmSync(\'build\',{recursive:true,force:true});process.exit(3)"' }, encoding: 'utf8' });
    expect(r.status).toBe(3);
    expect(existsSync(path.join(dir!, 'build/.sources-sha256'))).toBe(false);
  });
});
