import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the media tables (migration 0130). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export type ImageSize = 'thumb' | 'card' | 'full';
export type ImageFormat = 'webp' | 'jpeg';

export type MediaTables = {
  media_blobs: { coop_id: string; sha256: string; content_type: string; byte_size: number; data: Buffer; created_at: Timestamp };
  work_images: {
    coop_id: string;
    id: Generated<string>;
    work_id: string;
    variant_id: string | null;
    position: number;
    alt: string;
    width: number;
    height: number;
    uploaded_by: string | null;
    created_at: Timestamp;
  };
  work_image_files: { coop_id: string; image_id: string; size: ImageSize; format: ImageFormat; width: number; height: number; byte_size: number; sha256: string };
};
