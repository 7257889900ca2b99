import type { Database } from '../db/connection.js';
import { deleteSession } from './store.js';
import { sha256 } from './tokens.js';

export async function signOut(db: Database, sessionToken: string): Promise<void> {
  await deleteSession(db, sha256(sessionToken));
}
