import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The `engines` field, the README and the dependencies agree (issue 12): every package in the
 * lock file accepts the lowest Node version Lumbung says it supports — except idn-area-data 4,
 * kept on purpose for its 2025 region codes (decision 0101; the README names its warning).
 */

const root = path.resolve(import.meta.dirname, '../..');
// semver comes with fastify (a dependency); loaded by path, untyped.
const semver = createRequire(path.join(root, 'node_modules/fastify/package.json'))('semver') as {
  satisfies(version: string, range: string): boolean;
  minVersion(range: string): { version: string } | null;
};
const KEPT = new Set(['node_modules/idn-area-data']);

describe('supported Node versions', () => {
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { engines: { node: string } };
  const lowest = semver.minVersion(pkg.engines.node)!.version;

  it('are named in the README as package.json has them', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    expect(pkg.engines.node).toBe('>=20.19');
    expect(readme).toContain('Needs Node.js 20.19 or newer');
    expect(readme).toMatch(/Tested on Node 20/);
  });

  it('are accepted by every dependency in the lock file', () => {
    const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; engines?: { node?: string } | string[] }> };
    const refusing: string[] = [];
    for (const [where, p] of Object.entries(lock.packages)) {
      const range = Array.isArray(p.engines) ? undefined : p.engines?.node;
      if (!where || !range || KEPT.has(where)) continue;
      if (!semver.satisfies(lowest, range)) refusing.push(`${where}@${p.version} (node ${range})`);
    }
    expect(refusing).toEqual([]);
  });
});
