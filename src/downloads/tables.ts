import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the downloads tables (migration 0082). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type DownloadsTables = {
  work_files: {
    coop_id: string;
    work_id: string;
    kind: 'download' | 'preview';
    filename: string;
    content_type: string;
    byte_size: number;
    sha256: string;
    data: Buffer;
    licence_terms: Generated<string>;
    uploaded_by: string | null;
    uploaded_at: Timestamp;
  };
  download_keys: { coop_id: string; secret: Buffer; created_at: Timestamp };
  download_entitlements: {
    coop_id: string;
    id: Generated<string>;
    order_id: string;
    order_line_id: string;
    work_id: string;
    buyer_name: Generated<string>;
    buyer_email: Generated<string>;
    licence_terms: Generated<string>;
    file_sha256: string;
    access_hash: string;
    revoked_at: NullableTimestamp;
    download_count: Generated<number>;
    last_download_at: NullableTimestamp;
    granted_at: Timestamp;
  };
};
