import type { Database } from '../db/connection.js';
import type { Ctx, TenantCtx } from '../kernel/context.js';
import { createCoop } from '../coops/create-coop.js';
import { addMember } from '../members/add-member.js';
import { createWork } from '../catalogue/create-work.js';
import { publishWork } from '../catalogue/publish-work.js';
import { createNetwork } from '../networks/create-network.js';
import { applyToNetwork, nameDelegate } from '../networks/memberships.js';
import { castNetworkBallot, closeNetworkDecision, declareConsensus, openVote, proposeDecision, statePosition } from '../networks/decisions.js';
import { payTrade, placeTradeOrder } from '../networks/trade.js';
import { setRollupOptIn, setSharing } from '../networks/figures.js';

export const DEMO_NETWORK_SLUG = 'kota-koperasi-kotagede';

/**
 * The demo network (issue 19): "Kota Koperasi Yogyakarta", a cooperative city of three coops in
 * shared mode — Lumbung Sari (the demo coop, founder), a batik coop in Purbayan and a music coop
 * in Kraton (no village entered: the city page groups it by its district). The batik coop joined
 * by musyawarah, the music coop by a vote; a budget decision was taken by consensus; Lumbung Sari
 * bought a batik cloth from the batik coop and paid — both books posted and reconciled; each coop
 * shares some figures and is counted in the regional roll-ups.
 */
export async function seedNetworksDemo(
  db: Database,
  admin: Ctx,
  ketua: TenantCtx,
  bendahara: TenantCtx,
  ensureAccount: (email: string, name: string) => Promise<string>
): Promise<void> {
  const asAccount = (coopId: string, accountId: string, name: string, role: 'ketua'): TenantCtx => ({ ...ketua, coopId, roles: [role], actor: { accountId, name, isPlatformAdmin: false, via: 'session' } });
  const small = async (slug: string, name: string, email: string, person: string, region: { districtCode: string; villageCode?: string }, lines: ('rupa' | 'suara' | 'busana' | 'aksara' | 'agenda')[], description: string) => {
    const accountId = await ensureAccount(email, person);
    const { coop } = await createCoop(admin, { name, slug, coopType: 'produksi', charterTemplate: 'tujuh_prinsip', description, provinceCode: '34', regencyCode: '34.71', ...region, productLines: lines, ketua: { email } } as never);
    return asAccount(coop.id, accountId, person, 'ketua');
  };
  const batik = await small('batik-purbayan', 'Koperasi Perajin Batik Purbayan', 'ketua.batik@lumbung.test', 'Sumarni', { districtCode: '34.71.14', villageCode: '34.71.14.1003' }, ['rupa', 'busana'], 'Perajin batik tulis dan cap di Purbayan, Kotagede.');
  const musik = await small('musik-kraton', 'Koperasi Musisi Kraton', 'ketua.musik@lumbung.test', 'Wahyu Nugroho', { districtCode: '34.71.09' }, ['suara', 'agenda'], 'Musisi gamelan dan keroncong di sekitar Kraton.');
  const batikMaker = (await addMember(batik, { fullName: 'Sumarni', gender: 'F', birthDate: '1970-02-11', occupation: 'Pembatik', asStatus: 'active' })).id;
  const batikYoung = (await addMember(batik, { fullName: 'Tika Ayuningtyas', gender: 'F', birthDate: '2001-09-19', occupation: 'Pembatik', asStatus: 'active' })).id;
  const musician = (await addMember(musik, { fullName: 'Wahyu Nugroho', gender: 'M', birthDate: '1984-05-05', occupation: 'Pengrawit', asStatus: 'active' })).id;
  const cloth = await createWork(batik, { productLine: 'rupa', title: 'Kain Batik Tulis Sekar Jagad', description: 'Batik tulis pewarna alam, 2 × 1,1 m.', publicPrice: 850_000, attributes: { kind: 'original', medium: 'batik tulis pewarna alam', widthMm: 2000, heightMm: 1100 }, creators: [{ memberId: batikMaker, shareBp: 7000 }, { memberId: batikYoung, shareBp: 3000 }] } as never);
  await publishWork(batik, cloth.id);
  const scarf = await createWork(batik, { productLine: 'rupa', title: 'Selendang Batik Kawung', description: 'Selendang batik cap, katun primisima.', publicPrice: 175_000, attributes: { kind: 'original', medium: 'batik cap', widthMm: 1800, heightMm: 500 }, creators: [{ memberId: batikYoung, shareBp: 10_000 }] } as never);
  await publishWork(batik, scarf.id);
  const album = await createWork(musik, { productLine: 'suara', title: 'Gending Kraton Pagi', description: 'Rekaman gamelan pagi hari di pendapa.', publicPrice: 75_000, attributes: { format: 'album', tracks: [{ title: 'Ladrang Wilujeng', durationSec: 420 }] }, creators: [{ memberId: musician, shareBp: 10_000 }] } as never);
  await publishWork(musik, album.id);

  const network = await createNetwork(ketua, {
    slug: DEMO_NETWORK_SLUG,
    name: 'Kota Koperasi Kotagede',
    kind: 'kota_koperasi',
    regionCode: '34.71',
    mode: 'shared',
    brandColour: 'coklat',
    description: 'Koperasi-koperasi budaya di Kotagede dan sekitarnya: musik, batik, perak, buku dan acara — dikelola bersama.',
    brandStory: 'Kotagede pernah menjadi kota pasar. Kami ingin kotanya menjadi kota koperasi: para pembuat saling membeli, belajar dan memutuskan bersama, satu koperasi satu suara.'
  });
  const plain = (c: TenantCtx): Ctx => ({ db: c.db, clock: c.clock, log: c.log, locale: c.locale, actor: c.actor });
  // The batik coop applies; Lumbung Sari's delegate agrees: mufakat.
  const batikJoin = await applyToNetwork(batik, network.id);
  await statePosition(plain(ketua), network.id, batikJoin.decisionId, { coopId: ketua.coopId, stance: 'agree', reason: 'Batik Purbayan sudah lama bekerja sama dengan kami.' });
  await declareConsensus(plain(ketua), network.id, batikJoin.decisionId, { coopId: ketua.coopId });
  await nameDelegate(batik, network.id, { accountId: batik.actor.accountId });
  // The music coop applies; one member disagrees in musyawarah, so the members vote.
  const musikJoin = await applyToNetwork(musik, network.id);
  await statePosition(plain(batik), network.id, musikJoin.decisionId, { coopId: batik.coopId, stance: 'disagree', reason: 'Perlu kenal dulu lewat satu acara bersama.' });
  await openVote(plain(ketua), network.id, musikJoin.decisionId, { coopId: ketua.coopId, closesAt: new Date(ketua.clock.now().getTime() + 7 * 86_400_000).toISOString() });
  await castNetworkBallot(plain(ketua), network.id, musikJoin.decisionId, { coopId: ketua.coopId, choice: 'yes' });
  await castNetworkBallot(plain(batik), network.id, musikJoin.decisionId, { coopId: batik.coopId, choice: 'yes' });
  await closeNetworkDecision(plain(ketua), network.id, musikJoin.decisionId, { coopId: ketua.coopId });
  await nameDelegate(musik, network.id, { accountId: musik.actor.accountId });
  // A budget decision by consensus of the three coops.
  const budget = await proposeDecision(plain(ketua), network.id, { coopId: ketua.coopId, kind: 'budget', title: 'Anggaran Festival Kota Koperasi 2027', body: 'Rp15.000.000 dari iuran tiga koperasi, dibagi rata.', amount: 15_000_000 });
  for (const c of [ketua, batik, musik]) await statePosition(plain(c), network.id, budget.id, { coopId: c.coopId, stance: 'agree' });
  await declareConsensus(plain(ketua), network.id, budget.id, { coopId: ketua.coopId });
  // Lumbung Sari buys the batik cloth for its shop window: both books, paid, reconciled.
  const trade = await placeTradeOrder(bendahara, { networkId: network.id, sellerCoopId: batik.coopId, lines: [{ workId: cloth.id, quantity: 1 }], idempotencyKey: 'demo-jaringan-kain-batik' });
  await payTrade(bendahara, trade.tradeId);
  // What each coop shares with the network, and the public roll-ups.
  await setSharing(ketua, network.id, { figures: ['members', 'women', 'youth', 'trade'] });
  await setSharing(batik, network.id, { figures: ['members', 'women', 'trade'] });
  await setSharing(musik, network.id, { figures: ['members'] });
  for (const c of [ketua, batik, musik]) await setRollupOptIn(c, { optIn: true });
}
