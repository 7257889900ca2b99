import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A test of the test harness: the README's `npm test` runs `vitest run` with vitest.config.ts,
 * whose global setup starts an embedded PostgreSQL. That package's exit hook used to call
 * process.exit(0) as the process ended, so a failing suite exited 0. Each fixture here runs
 * through the same Vitest, configuration and global setup (embedded PostgreSQL: no
 * DATABASE_URL), and the exit status must tell the truth.
 */

const root = path.resolve(import.meta.dirname, '../..');

function runFixture(file: string): Promise<{ code: number | null; output: string }> {
  const env = { ...process.env };
  delete env.DATABASE_URL; // the embedded PostgreSQL, as on a newcomer's machine
  delete env.CI; // no JSON report: it would overwrite the outer run's
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [path.join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'test/harness/vitest.fixtures.config.ts', file], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let output = '';
    proc.stdout.on('data', (b: Buffer) => (output += b.toString()));
    proc.stderr.on('data', (b: Buffer) => (output += b.toString()));
    proc.once('error', reject);
    // eslint-disable-next-line no-control-regex
    proc.once('close', (code) => resolve({ code, output: output.replace(/\u001b\[[0-9;]*m/g, '') }));
  });
}

describe('the exit status of a test run (embedded PostgreSQL)', () => {
  it('is non-zero when a test fails', async () => {
    const { code, output } = await runFixture('test/harness/fixtures/failing.fixture.ts');
    expect(output).toContain('fails on purpose');
    expect(output).toMatch(/Tests\s+1 failed/);
    expect(code).toBe(1);
  }, 180_000);

  it('is 0 when every test passes', async () => {
    const { code, output } = await runFixture('test/harness/fixtures/passing.fixture.ts');
    expect(output).toMatch(/Tests\s+1 passed/);
    expect(code).toBe(0);
  }, 180_000);
});
