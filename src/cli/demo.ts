import type { Database } from '../db/connection.js';

export type DemoResult = { slug: string; logins: { role: string; identifier: string; password: string }[] };

export async function seedDemo(_db: Database): Promise<DemoResult> {
  throw new Error('demo not yet assembled');
}
