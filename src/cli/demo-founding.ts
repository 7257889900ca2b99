import { createAccount } from '../accounts/create-account.js';
import { findAccountByIdentifier } from '../accounts/store.js';
import type { Database } from '../db/connection.js';
import { enterGroupAs } from '../founding/access.js';
import { addOwnBusiness, addPotential } from '../founding/businesses.js';
import { addFounder, claimInvitation, saveVision, startGroup } from '../founding/group.js';
import { saveOwnSurvey } from '../founding/needs.js';
import type { Ctx } from '../kernel/context.js';

export const FOUNDING_DEMO_EMAIL = 'pendiri@lumbung.test';

const FOUNDERS = [
  ['Rini Astuti', 'F', 'Batik tulis Rini'],
  ['Joko Prasetyo', 'M', 'Kerajinan perak Joko'],
  ['Sumarni', 'F', 'Warung jajan pasar'],
  ['Agus Wibowo', 'M', 'Gamelan Wibowo'],
  ['Lestari Handayani', 'F', 'Jahit kebaya Lestari'],
  ['Bambang Sutrisno', 'M', 'Ukir kayu Bambang'],
  ['Dewi Kusuma', 'F', 'Penulis cerita anak'],
  ['Yusuf Hidayat', 'M', 'Sanggar tari Yusuf'],
  ['Wulan Sari', 'F', 'Toko kain Wulan']
] as const;

const NEEDS: [string, 'primer' | 'sekunder' | 'penunjang' | 'pelengkap', 'harian' | 'mingguan' | 'bulanan' | 'tahunan', number][] = [
  ['Beras', 'primer', 'bulanan', 350_000],
  ['Minyak goreng', 'primer', 'mingguan', 80_000],
  ['Kain mori', 'penunjang', 'bulanan', 600_000],
  ['Perak batangan', 'penunjang', 'bulanan', 1_500_000],
  ['Pulsa dan data', 'sekunder', 'bulanan', 100_000],
  ['Pentas dan pameran', 'pelengkap', 'tahunan', 200_000]
];

/**
 * A founding group halfway (issue 20): ten prospective founders in Prenggan, the shared vision
 * agreed, seven of them have answered the needs survey themselves (each with their own account),
 * a few businesses and a regional potential are recorded — so the needs map and the proposed
 * links are filled in when a newcomer signs in as pendiri@lumbung.test.
 */
export async function seedFoundingDemo(db: Database, password: string, village: string, log: Ctx['log'], clock: Ctx['clock']): Promise<{ identifier: string }> {
  const account = async (email: string, name: string) => (await findAccountByIdentifier(db, { email }))?.id ?? (await createAccount(db, { email, name, password })).id;
  const ctxOf = (accountId: string, name: string): Ctx => ({ db, clock, log, locale: 'id', actor: { accountId, name, isPlatformAdmin: false, via: 'session' } });
  const starterId = await account(FOUNDING_DEMO_EMAIL, 'Sri Rahayu');
  const starter = ctxOf(starterId, 'Sri Rahayu');
  const nik = (i: number) => `3471146${String(50101 + i).padStart(5, '0')}${String(i + 1).padStart(4, '0')}`;
  const { coopId } = await startGroup(starter, {
    name: 'Koperasi Produsen Budaya Prenggan',
    kind: 'primer',
    founder: { fullName: 'Sri Rahayu', gender: 'F', nik: nik(99), phone: '081200000099', villageCode: village, rt: 2, rw: 4, householdCode: 'PRG-099' }
  });
  const coordinator = await enterGroupAs(starter, starter.actor!, coopId);
  await saveVision(coordinator, {
    vision: 'Perajin dan seniman Prenggan hidup layak dari karya budayanya, bersama-sama.',
    mission: 'Membeli bahan bersama, memasarkan karya bersama, belajar bersama setiap bulan.',
    values: 'Gotong royong, kejujuran, keterbukaan, peduli sesama.',
    agreed: true
  });
  const founders = [{ ctx: coordinator, i: -1 }];
  for (const [i, [name, gender]] of FOUNDERS.entries()) {
    const { inviteCode } = await addFounder(coordinator, { fullName: name, gender, nik: nik(i), phone: `08120000${String(i).padStart(4, '0')}`, villageCode: village, rt: 1 + (i % 4), rw: 4, householdCode: `PRG-${String(i + 1).padStart(3, '0')}` });
    if (i >= 6) continue; // three are invited but have not signed in yet
    const id = await account(`pendiri${i + 1}@lumbung.test`, name);
    await claimInvitation(ctxOf(id, name), coopId, inviteCode);
    founders.push({ ctx: await enterGroupAs(ctxOf(id, name), ctxOf(id, name).actor!, coopId), i });
  }
  for (const [k, f] of founders.entries()) {
    const needs = NEEDS.filter((_, j) => (j + k) % 3 !== 2).map(([item, category, frequency, spend]) => ({ item, category, frequency, monthlySpend: spend + 5_000 * k }));
    await saveOwnSurvey(f.ctx, { needs });
    const biz = FOUNDERS[f.i];
    if (biz && f.i < 4) {
      const [buys, sells] = [[['kain mori', 'malam batik'], ['batik tulis']], [['perak batangan'], ['cincin perak', 'bros perak']], [['beras', 'gula jawa'], ['jajan pasar']], [['kayu jati'], ['gamelan', 'pertunjukan']]][f.i]!;
      await addOwnBusiness(f.ctx, { productLine: ['busana', 'rupa', 'lain', 'suara'][f.i], name: biz[2], buys, sells, monthlyTurnover: [4_000_000, 9_000_000, 3_000_000, 6_000_000][f.i] });
    }
  }
  await addOwnBusiness(coordinator, { productLine: 'busana', name: 'Kebaya Sri', buys: ['batik tulis', 'kain mori'], sells: ['kebaya'], monthlyTurnover: 5_000_000 });
  await addPotential(coordinator, { regionCode: village.slice(0, 8), kind: 'budaya', description: 'Kerajinan perak dan batik Kotagede' });
  return { identifier: FOUNDING_DEMO_EMAIL };
}
