import type { Database } from '../db/connection.js';
import { withTenant, type Tx } from '../db/tenant.js';

/**
 * The port behind which variant bytes are kept, content-addressed per cooperative
 * (key = coop id + SHA-256 of the bytes, so a blob is stored once and never changes).
 * The default keeps them in PostgreSQL (media_blobs, bytea): one backup carries them, the
 * row appears in the same transaction as the image that names it, and nothing is half-stored
 * (decision 0130). An object-store implementation would write the bytes under
 * `<coopId>/<sha256>` before the transaction (content addressing makes a retry harmless and an
 * orphan only wasted space) and serve them itself; work_images/work_image_files stay as they are.
 */
export interface MediaStore {
  put(trx: Tx, coopId: string, blob: { sha256: string; contentType: string; data: Buffer }): Promise<void>;
  get(db: Database, coopId: string, sha256: string): Promise<{ contentType: string; data: Buffer } | null>;
  /** Forget the blobs among `sha256s` that no image file names any more. */
  prune(trx: Tx, coopId: string, sha256s: string[]): Promise<void>;
}

export const databaseMediaStore: MediaStore = {
  async put(trx, coopId, blob) {
    await trx
      .insertInto('media_blobs')
      .values({ coop_id: coopId, sha256: blob.sha256, content_type: blob.contentType, byte_size: blob.data.length, data: blob.data })
      .onConflict((oc) => oc.columns(['coop_id', 'sha256']).doNothing())
      .execute();
  },
  async get(db, coopId, sha256) {
    const row = await withTenant(db, coopId, (trx) =>
      trx.selectFrom('media_blobs').select(['content_type', 'data']).where('coop_id', '=', coopId).where('sha256', '=', sha256).executeTakeFirst()
    );
    return row ? { contentType: row.content_type, data: row.data } : null;
  },
  async prune(trx, coopId, sha256s) {
    if (sha256s.length === 0) return;
    await trx
      .deleteFrom('media_blobs as b')
      .where('b.coop_id', '=', coopId)
      .where('b.sha256', 'in', [...new Set(sha256s)])
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('work_image_files as f').select('f.sha256').whereRef('f.coop_id', '=', 'b.coop_id').whereRef('f.sha256', '=', 'b.sha256')))
      )
      .execute();
  }
};

/** The store in use (the only one shipped). */
export function mediaStore(): MediaStore {
  return databaseMediaStore;
}
