import type { TenantCtx } from '../kernel/context.js';
import { createGrantFund, listFunds, recordInflow } from '../care/funds.js';
import { createProgramme } from '../care/programmes.js';
import { decideApplication, disburseAid, submitApplication } from '../care/applications.js';
import { DEFAULT_CARE_RULES } from '../care/model.js';
import { updateCareRules } from '../care/rules.js';

/**
 * The demo cooperative's concern for community (issue #18): the Jamaah Produksi state-aid
 * rule adopted in its aid rules, a state grant, donations (one named, one anonymous), a
 * programme with a budget, two applications approved by two officers and paid (one in two
 * parts), one refused by the state-aid rule for a well-off household. `bendahara` records
 * money; `ketua` and the pengawas decide.
 */
export async function seedCareDemo(bendahara: TenantCtx, ketua: TenantCtx, pengawas: TenantCtx, village: string): Promise<void> {
  await updateCareRules(ketua, { ...DEFAULT_CARE_RULES, waitingDays: null, noStateAidForWellOff: true });
  const social = (await listFunds(bendahara)).find((f) => f.kind === 'sosial')!;
  const grant = await createGrantFund(bendahara, { name: 'Bantuan sosial Dinsos Kota', grantor: 'Dinas Sosial Kota Yogyakarta', isStateAid: true, conditions: 'Untuk warga tidak mampu di Kotagede; laporan penggunaan tiap triwulan.' });
  const programme = await createProgramme(bendahara, {
    title: 'Posyandu lansia RW 05',
    purpose: 'Pemeriksaan kesehatan bulanan dan makanan bergizi bagi warga lanjut usia di RW 05.',
    story: 'Setiap Sabtu kedua, kader dan anggota koperasi memeriksa tekanan darah dan gula darah warga lansia, lalu makan bersama.',
    villageCode: village,
    rw: 5,
    fundId: social.id,
    lines: [
      { description: 'Alat cek gula darah dan strip', amount: 750_000 },
      { description: 'Makanan bergizi 12 bulan', amount: 1_800_000 },
      { description: 'Obat dan vitamin', amount: 450_000 }
    ]
  });
  await recordInflow(bendahara, { fundId: social.id, kind: 'donation', amount: 1_500_000, method: 'transfer', programmeId: programme.id, counterparty: 'Toko Batik Sekar', counterpartyPublic: true, idempotencyKey: 'demo-care-donation-1' });
  await recordInflow(bendahara, { fundId: social.id, kind: 'donation', amount: 500_000, method: 'cash', counterparty: 'Hamba Allah', counterpartyPublic: false, idempotencyKey: 'demo-care-donation-2' });
  await recordInflow(bendahara, { fundId: grant.id, kind: 'grant', amount: 3_000_000, method: 'transfer', idempotencyKey: 'demo-care-grant-1' });

  const approve = async (input: Record<string, unknown>): Promise<string> => {
    const a = await submitApplication(ketua, input);
    await decideApplication(ketua, a.id, { vote: 'approve' });
    await decideApplication(pengawas, a.id, { vote: 'approve' });
    return a.id;
  };
  const health = await approve({ fundId: social.id, programmeId: programme.id, applicantName: 'Mbah Painem', householdCode: 'WARGA-RW05-17', villageCode: village, rt: 4, rw: 5, category: 'kesehatan', amountAsked: 600_000, reason: 'Biaya kontrol dan obat darah tinggi selama tiga bulan.' });
  await disburseAid(bendahara, health, { amount: 600_000, method: 'cash', receiptSigned: 'tick', idempotencyKey: 'demo-care-pay-1' });
  const disaster = await approve({ fundId: grant.id, applicantName: 'Pak Suyatno', householdCode: 'WARGA-RW05-31', villageCode: village, rt: 3, rw: 5, category: 'bencana', amountAsked: 1_200_000, reason: 'Atap rumah roboh tertimpa pohon saat hujan angin.', consentPublic: false });
  await disburseAid(bendahara, disaster, { amount: 700_000, method: 'transfer', receiptSigned: 'tick', idempotencyKey: 'demo-care-pay-2' });
  await disburseAid(bendahara, disaster, { amount: 500_000, method: 'cash', receiptSigned: 'tick', idempotencyKey: 'demo-care-pay-3' });
  // A well-off household asks the state grant: refused by the state-aid rule (the social fund could still help it).
  await submitApplication(ketua, { fundId: grant.id, applicantName: 'Bu Juragan Perak', householdCode: 'WARGA-RW05-02', isWellOff: true, villageCode: village, rt: 5, rw: 5, category: 'bencana', amountAsked: 1_000_000, reason: 'Etalase toko rusak terkena banjir.' });
}
