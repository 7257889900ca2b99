import type { Logger } from 'pino';

export async function backupCommand(_url: string, _args: string[], _log: Logger): Promise<number> {
  throw new Error('backup not yet assembled');
}
export async function restoreCommand(_url: string, _args: string[], _log: Logger): Promise<number> {
  throw new Error('restore not yet assembled');
}
