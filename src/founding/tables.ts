import type { ColumnType, Generated } from 'kysely';

/** Kysely types of the founding tables (migration 0180). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Int8 = ColumnType<number, string | number | bigint | undefined, string | number | bigint>;
type Opt<T> = ColumnType<T | null, T | null | undefined, T | null>;
type Json = ColumnType<unknown, string | null | undefined, string | null>;

export type FoundingKind = 'primer' | 'sekunder';
export type NeedCategory = 'primer' | 'sekunder' | 'penunjang' | 'pelengkap';
export type NeedFrequency = 'harian' | 'mingguan' | 'bulanan' | 'tahunan';
export type Office = 'ketua' | 'sekretaris' | 'bendahara' | 'pengawas';
export type PotentialKind = 'alam' | 'wisata' | 'pangan' | 'budaya' | 'kearifan';

export type FoundingTables = {
  founding_groups: {
    coop_id: string;
    kind: Generated<FoundingKind>;
    started_by: string;
    vision: Generated<string>;
    mission: Generated<string>;
    values_text: Generated<string>;
    vision_agreed_at: Opt<Date>;
    template_key: Opt<string>;
    rules: Json;
    seat: Opt<string>;
    purpose: Opt<string>;
    duration: Opt<string>;
    meeting_on: Opt<string>;
    meeting_place: Opt<string>;
    meeting_held_at: Opt<Date>;
    meeting_opened_by: Opt<string>;
    notary_sent_on: Opt<string>;
    deed_number: Opt<string>;
    deed_date: Opt<string>;
    ahu_number: Opt<string>;
    nib: Opt<string>;
    nik_koperasi: Opt<string>;
    activated_at: Opt<Date>;
    activated_by: Opt<string>;
    created_at: Timestamp;
    updated_at: Timestamp;
  };
  founding_founders: {
    coop_id: string;
    id: Generated<string>;
    account_id: Opt<string>;
    full_name: string;
    gender: 'F' | 'M';
    nik: string;
    phone: Opt<string>;
    street: Opt<string>;
    village_code: string;
    rt: number;
    rw: number;
    household_code: string;
    is_coordinator: Generated<boolean>;
    invite_hash: Opt<string>;
    attended: Generated<boolean>;
    office: Opt<Office>;
    pokok_paid: Int8;
    member_id: Opt<string>;
    created_at: Timestamp;
  };
  founding_needs: { coop_id: string; id: Generated<string>; founder_id: string; category: NeedCategory; item: string; frequency: NeedFrequency; monthly_spend: Int8 };
  founding_businesses: { coop_id: string; id: Generated<string>; founder_id: string; product_line: string; name: string; buys: string[]; sells: string[]; monthly_turnover: Int8 };
  founding_potentials: { coop_id: string; id: Generated<string>; region_code: string; kind: PotentialKind; description: string; created_by: string | null };
  founding_units: { coop_id: string; id: Generated<string>; name: string; description: Generated<string>; founder_ids: string[]; needs: string[] };
  founding_accounts: { coop_id: string; account_id: string };
  founding_comments: { coop_id: string; id: Generated<string>; founder_id: string; chapter: string; body: string; created_at: Timestamp };
};
