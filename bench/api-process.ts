import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** bench/api-server.ts in its own process over `databaseUrl`: its port, its pid's CPU seconds, and a stop. */
export async function startApiProcess(databaseUrl: string): Promise<{ proc: ChildProcess; port: number; cpuSeconds: () => number; stop: () => Promise<void> }> {
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : [];
  const proc = spawn(process.execPath, [...profile, '--import', 'tsx', 'bench/api-server.ts'], {
    env: { ...process.env, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'inherit']
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /READY (\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    proc.once('exit', (code) => reject(new Error(`API server exited (${code}): ${out}`)));
  });
  const cpuSeconds = () => {
    try {
      const stat = readFileSync(`/proc/${proc.pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(f[11]) + Number(f[12])) / 100;
    } catch {
      return 0;
    }
  };
  const stop = () =>
    new Promise<void>((resolve) => {
      if (proc.exitCode !== null) return resolve();
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    });
  return { proc, port, cpuSeconds, stop };
}
