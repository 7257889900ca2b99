import type { ColumnType, Generated } from 'kysely';
import type { ProductLine } from '../db/schema.js';

/** Kysely types of the catalogue's tables (migration 0070); merged into DB in src/db/schema.ts. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json = ColumnType<unknown, string, string>;

export type WorkStatus = 'draft' | 'published' | 'archived';

export type WorksTable = {
  coop_id: string;
  id: Generated<string>;
  product_line: ProductLine;
  title: string;
  slug: string;
  description: Generated<string>;
  attributes: Json;
  public_price: number;
  member_price: number | null;
  status: Generated<WorkStatus>;
  starts_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  venue: string | null;
  capacity: number | null;
  published_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  search: ColumnType<string, never, never>;
  search_words: ColumnType<string, never, never>;
  /** Rupa original 1, numbered edition its size, else null (generated from the attributes). */
  unit_limit: ColumnType<number | null, never, never>;
  units_taken: Generated<number>;
};

export type WorkCreatorsTable = {
  coop_id: string;
  work_id: string;
  member_id: string;
  credit_name: string;
  share_bp: number;
  position: Generated<number>;
};

export type WorkVariantsTable = {
  coop_id: string;
  id: Generated<string>;
  work_id: string;
  size: string;
  colour: string;
  sku: string;
  stock: number;
  position: Generated<number>;
};

export type CatalogueTables = {
  works: WorksTable;
  work_creators: WorkCreatorsTable;
  work_variants: WorkVariantsTable;
};
