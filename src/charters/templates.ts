import type { CoopType } from '../db/schema.js';
import type { CharterRules, TemplateKey } from './model.js';

type Text = { id: string; en: string };

/**
 * Where a template's rule comes from: the rule paths it sets, the reference (seed
 * document row, or article of law) and the source's own words (Indonesian).
 */
export type TemplateSource = { rules: string[]; ref: string; text: string };

export type CharterTemplate = {
  key: TemplateKey;
  name: Text;
  description: Text;
  rules: CharterRules;
  sources: TemplateSource[];
};

/** Shared defaults; each template spells out every rule anyway so a reader sees the whole charter. */
const DEMOCRATIC = {
  representationAllowed: false,
  quorum: { kind: 'more_than_half' },
  // Most statutes under UU 25/1992 take decisions by a majority of the members present at the members' meeting.
  majority: { simpleBp: 5000, charterChangeBp: 6666, dissolutionBp: 7500, base: 'present', minTurnoutBp: null }
} as const satisfies Partial<CharterRules>;

const tujuhPrinsip: CharterTemplate = {
  key: 'tujuh_prinsip',
  name: { id: 'Koperasi produksi tujuh prinsip', en: 'Production cooperative, seven principles' },
  description: {
    id: 'Koperasi produksi produk budaya (Suara, Rupa, Aksara, Busana, Agenda) yang menjalankan tujuh prinsip koperasi: terbuka, demokratis, partisipasi ekonomi, mandiri, pendidikan, kerja sama, peduli komunitas.',
    en: 'A production cooperative of cultural products (music, visual art, literature, clothing, events) that lives the seven cooperative principles: open, democratic, economic participation, autonomy, education, cooperation, concern for community.'
  },
  rules: {
    membership: { unit: 'person', min: 9, max: null },
    womenMinBp: null,
    youth: { required: false },
    meetings: { cadence: 'monthly', allMembersMustAttend: false, isEducation: true },
    ...DEMOCRATIC,
    capital: { pokok: 100_000, wajib: 10_000, wajibPeriod: 'monthly' },
    surplus: {
      components: [
        { key: 'CADANGAN', bp: 3000 },
        { key: 'JASA_USAHA', bp: 3500 },
        { key: 'JASA_MODAL', bp: 1500 },
        { key: 'DANA_PENDIDIKAN', bp: 1000 },
        { key: 'DANA_SOSIAL', bp: 1000 }
      ]
    },
    rtBased: false,
    collectiveBusinessOnly: false,
    localResourceBusiness: false,
    wellOffMayReceiveStateAid: true,
    openToAllCivilSociety: true,
    approvalBy: 'board',
    rat: { monthsAfterYearEnd: 6, noticeDays: 14 }
  },
  sources: [
    {
      rules: ['openToAllCivilSociety'],
      ref: 'seed 000, prinsip 1',
      text: 'Kesukarelaan dan keterbukaan anggota. Setiap anggota adalah individu-individu yang merdeka dalam menentukan pilihan untuk bergabung dan meninggalkan keanggotaan. Selain itu, tidak ada diskriminasi pada tiap anggota.'
    },
    {
      rules: ['representationAllowed', 'quorum', 'majority', 'meetings.cadence'],
      ref: 'seed 000, prinsip 2',
      text: 'Kontrol anggota demokratis. Kekuasaan tertinggi ada di tangan anggota, dan dengan demikian, pengelolaan koperasi harus dilakukan atas kehendak dan keputusan para anggota.'
    },
    {
      rules: ['capital', 'surplus.components'],
      ref: 'seed 000, prinsip 3',
      text: 'Partisipasi ekonomi anggota. Dalam bekerja, tiap anggota memiliki beban dan tanggung jawab yang sama, begitupun dengan pembagian hasil kerja.'
    },
    {
      rules: ['surplus.components'],
      ref: 'seed 000, prinsip 4',
      text: 'Mandiri dan otonomi. Koperasi harus berdiri sendiri tanpa bergantung pada pihak lain'
    },
    {
      rules: ['meetings.isEducation', 'surplus.components'],
      ref: 'seed 000, prinsip 5',
      text: 'Edukasi, pelatihan, dan informasi. Berdasar asas kekeluargaan, koperasi juga turut andil dalam pemberian edukasi, pelatihan, dan informasi pada tiap anggota'
    },
    {
      rules: ['surplus.components'],
      ref: 'seed 000, prinsip 7',
      text: 'Peduli terhadap komunitas. Selain peningkatan kualitas sumber daya manusia internal dan nilai-nilai ekonomis dalam tiap pekerjaan, koperasi bekerja untuk turut serta memberdayakan masyarakat sekitar'
    },
    {
      rules: ['membership.min'],
      ref: 'UU 25/1992 Pasal 6 ayat (1) sebagaimana diubah UU 6/2023 (Cipta Kerja)',
      text: 'Koperasi Primer dibentuk paling sedikit oleh 9 (sembilan) orang.'
    }
  ]
};

const jamaahProduksi: CharterTemplate = {
  key: 'jamaah_produksi',
  name: { id: 'Jamaah Produksi (SPPQT)', en: 'Jamaah Produksi (production community, SPPQT)' },
  description: {
    id: 'Kelompok produksi berbasis RT dengan 20–40 keluarga, minimal 50 % perempuan, melibatkan pemuda, usaha kolektif berbasis sumber daya setempat, musyawarah rutin seluruh anggota sebagai pendidikan kritis, tanpa perwakilan.',
    en: 'A neighbourhood (RT) production group of 20–40 households, at least 50 % women, involving youth, collective business on local resources, regular meetings of all members as critical education, never by representatives.'
  },
  rules: {
    membership: { unit: 'household', min: 20, max: 40 },
    womenMinBp: 5000,
    youth: { required: true },
    meetings: { cadence: 'monthly', allMembersMustAttend: true, isEducation: true },
    ...DEMOCRATIC,
    // Every member attends the musyawarah: a vote counts only when at least half of those present cast a ballot.
    majority: { ...DEMOCRATIC.majority, minTurnoutBp: 5000 },
    capital: { pokok: 10_000, wajib: 5_000, wajibPeriod: 'monthly' },
    surplus: {
      components: [
        { key: 'CADANGAN', bp: 3000 },
        { key: 'JASA_USAHA', bp: 3500 },
        { key: 'JASA_MODAL', bp: 1000 },
        { key: 'DANA_PENDIDIKAN', bp: 1500 },
        { key: 'DANA_SOSIAL', bp: 1000 }
      ]
    },
    rtBased: true,
    collectiveBusinessOnly: true,
    localResourceBusiness: true,
    wellOffMayReceiveStateAid: false,
    openToAllCivilSociety: true,
    approvalBy: 'meeting',
    rat: { monthsAfterYearEnd: 3, noticeDays: 7 }
  },
  // The ten rows of the seed's table (seed 004), in order: the Jamaah Produksi column, verbatim.
  sources: [
    { rules: ['collectiveBusinessOnly'], ref: 'seed 004, no. 1 Bentuk usaha', text: 'Mewajibkan model usaha kolektif - kooperatif.' },
    { rules: ['rtBased'], ref: 'seed 004, no. 2 Rancangan program', text: 'JP ini nanti harus berbasis pada RT (Rukun Tetangga)' },
    {
      rules: ['meetings.cadence', 'meetings.allMembersMustAttend', 'meetings.isEducation'],
      ref: 'seed 004, no. 3 Permusyawaratan',
      text: 'Mewajibkan adanya pertemuan periodik bulanan atau mingguan yang melibatkan seluruh anggotanya sehingga bisa menjadi media pendidikan kritis.'
    },
    { rules: ['womenMinBp'], ref: 'seed 004, no. 4 Keterwakilan perempuan', text: 'Bahkan ada affirmative action dengan mewajibkan keterlibatan perempuan minimal 50 %' },
    {
      rules: ['membership.min'],
      ref: 'seed 004, no. 5 Jumlah minimal anggota',
      text: 'Mempersyaratkan jumlah minimal anggota 20 orang karena kedepan akan dibadan-hukumkan koperasi produsen sebagaimana disyaratkan UU no 17 tahun 2012 tentang Koperasi.'
    },
    {
      rules: ['openToAllCivilSociety', 'wellOffMayReceiveStateAid'],
      ref: 'seed 004, no. 6 Keterlibatan Unsur Masyarakat warga',
      text: 'Justeru menganjurkan keterlibatan seluruh kekuatan civil society Bahkan golongan the have sehingga bisa berbagi dan saling membantu. Yang tidak boleh bagi kalangan the have adalah menerima bantuan dari Negara.'
    },
    { rules: ['youth.required'], ref: 'seed 004, no. 7 Keterlibatan pemuda', text: 'Sangat menekankan keterlibatan pemuda.' },
    {
      rules: ['membership.max', 'membership.unit'],
      ref: 'seed 004, no. 8 Jumlah maksimal anggota',
      text: 'Membatasi jumlah maksimal berkisar 40 orang (keluarga) dengan pertimbangan efektifitas musyawarah periodik bulanan atau mingguan yang melibatkan seluruh anggota sekaligus sebagai media pendidikan kritis.'
    },
    { rules: ['localResourceBusiness'], ref: 'seed 004, no. 9 Bidang usaha', text: 'Memprioritaskan pada usaha yang berbasis sumberdaya setempat.' },
    {
      rules: ['representationAllowed', 'approvalBy'],
      ref: 'seed 004, no. 10 Keterlibatan anggota dalam Permusyawaratan',
      text: 'Mengharuskan keterlibatan seluruh anggota dan meniadakan system representasi'
    }
  ]
};

const primer: CharterTemplate = {
  key: 'primer',
  name: { id: 'Koperasi primer (UU 25/1992)', en: 'Primary cooperative (Law 25/1992)' },
  description: {
    id: 'Anggaran dasar umum koperasi primer menurut UU 25/1992 tentang Perkoperasian: minimal 9 orang, Rapat Anggota sekurang-kurangnya sekali setahun, satu anggota satu suara, pembagian SHU menurut jasa anggota.',
    en: 'A general charter of a primary cooperative under Indonesian Law 25/1992 on Cooperatives: at least 9 persons, a members’ meeting at least once a year, one member one vote, surplus shared by members’ participation.'
  },
  rules: {
    membership: { unit: 'person', min: 9, max: null },
    womenMinBp: null,
    youth: { required: false },
    meetings: { cadence: 'yearly', allMembersMustAttend: false, isEducation: false },
    ...DEMOCRATIC,
    capital: { pokok: 100_000, wajib: 20_000, wajibPeriod: 'monthly' },
    surplus: {
      // The common textbook split used as test vector T1 in docs/domain/surplus.md.
      components: [
        { key: 'CADANGAN', bp: 4000 },
        { key: 'JASA_MODAL', bp: 2000 },
        { key: 'JASA_USAHA', bp: 2500 },
        { key: 'DANA_PENGURUS', bp: 500 },
        { key: 'DANA_KARYAWAN', bp: 500 },
        { key: 'DANA_PENDIDIKAN', bp: 250 },
        { key: 'DANA_SOSIAL', bp: 250 }
      ]
    },
    rtBased: false,
    collectiveBusinessOnly: false,
    localResourceBusiness: false,
    wellOffMayReceiveStateAid: true,
    openToAllCivilSociety: true,
    approvalBy: 'board',
    rat: { monthsAfterYearEnd: 6, noticeDays: 14 }
  },
  sources: [
    { rules: ['membership.min'], ref: 'UU 25/1992 Pasal 6 ayat (1) sebagaimana diubah UU 6/2023 (Cipta Kerja)', text: 'Koperasi Primer dibentuk paling sedikit oleh 9 (sembilan) orang.' },
    { rules: ['openToAllCivilSociety'], ref: 'UU 25/1992 Pasal 5 ayat (1) huruf a', text: 'Keanggotaan bersifat sukarela dan terbuka.' },
    { rules: ['representationAllowed', 'majority'], ref: 'UU 25/1992 Pasal 24 ayat (2)', text: 'Setiap anggota koperasi mempunyai hak satu suara.' },
    { rules: ['meetings.cadence'], ref: 'UU 25/1992 Pasal 26 ayat (1)', text: 'Rapat Anggota dilakukan paling sedikit sekali dalam 1 (satu) tahun.' },
    { rules: ['capital'], ref: 'UU 25/1992 Pasal 41 ayat (2)', text: 'Modal sendiri dapat berasal dari simpanan anggota, simpanan wajib, dana cadangan, dan hibah.' },
    {
      rules: ['surplus.components'],
      ref: 'UU 25/1992 Pasal 45 ayat (1)',
      text: 'Sisa Hasil Usaha setelah dikurangi dana cadangan, dibagikan kepada anggota sebanding dengan jasa usaha yang dilakukan oleh masing-masing anggota dengan Koperasi, serta digunakan untuk keperluan pendidikan perkoperasian dan keperluan lain dari Koperasi, sesuai dengan keputusan Rapat Anggota.'
    }
  ]
};

const pekerja: CharterTemplate = {
  key: 'pekerja',
  name: { id: 'Koperasi pekerja', en: 'Worker cooperative' },
  description: {
    id: 'Koperasi yang dimiliki dan dikelola oleh para pekerjanya: anggota bekerja bersama dalam usaha koperasi, anggota baru diterima oleh rapat anggota, SHU terutama menurut jasa kerja.',
    en: 'A cooperative owned and run by its workers: members work together in the cooperative’s business, new members are admitted by the members’ meeting, surplus shared mainly by work contributed.'
  },
  rules: {
    membership: { unit: 'person', min: 9, max: null },
    womenMinBp: null,
    youth: { required: false },
    meetings: { cadence: 'monthly', allMembersMustAttend: false, isEducation: true },
    ...DEMOCRATIC,
    capital: { pokok: 500_000, wajib: 50_000, wajibPeriod: 'monthly' },
    surplus: {
      components: [
        { key: 'CADANGAN', bp: 3000 },
        // Jasa usaha of a worker coop is the work contributed (hours or wages).
        { key: 'JASA_USAHA', bp: 5000 },
        { key: 'JASA_MODAL', bp: 500 },
        { key: 'DANA_PENDIDIKAN', bp: 750 },
        { key: 'DANA_SOSIAL', bp: 750 }
      ]
    },
    rtBased: false,
    collectiveBusinessOnly: true,
    localResourceBusiness: false,
    wellOffMayReceiveStateAid: true,
    openToAllCivilSociety: true,
    approvalBy: 'meeting',
    rat: { monthsAfterYearEnd: 4, noticeDays: 14 }
  },
  sources: [
    { rules: ['collectiveBusinessOnly', 'approvalBy'], ref: 'seed 002 (Workshop Coop Platform, Worker Coop dan Coop Start Up)', text: 'Model-model seperti koperasi pekerja atau worker coop dan koperasi sosial atau social coop, nyaris tidak atau belum ada' },
    { rules: ['membership.min'], ref: 'UU 25/1992 Pasal 6 ayat (1) sebagaimana diubah UU 6/2023 (Cipta Kerja)', text: 'Koperasi Primer dibentuk paling sedikit oleh 9 (sembilan) orang.' }
  ]
};

const platform: CharterTemplate = {
  key: 'platform',
  name: { id: 'Koperasi platform', en: 'Platform cooperative' },
  description: {
    id: 'Koperasi yang menjalankan platform digital milik penggunanya (kreator, pekerja, pembeli): anggota tersebar, rapat triwulanan daring, kuorum 1/5, SHU terutama menurut transaksi di platform.',
    en: 'A cooperative running a digital platform owned by its users (creators, workers, buyers): members spread out, quarterly online meetings, a one-fifth quorum, surplus shared mainly by platform transactions.'
  },
  rules: {
    membership: { unit: 'person', min: 9, max: null },
    womenMinBp: null,
    youth: { required: false },
    meetings: { cadence: 'quarterly', allMembersMustAttend: false, isEducation: false },
    representationAllowed: false,
    quorum: { kind: 'percent', bp: 2000 },
    // Members vote online, spread out: the majority of the votes cast, with the one-fifth quorum of ballots as the turnout.
    majority: { simpleBp: 5000, charterChangeBp: 6666, dissolutionBp: 7500, base: 'votes_cast', minTurnoutBp: 2000 },
    capital: { pokok: 50_000, wajib: 0, wajibPeriod: 'monthly' },
    surplus: {
      components: [
        { key: 'CADANGAN', bp: 3000 },
        { key: 'JASA_USAHA', bp: 5000 },
        { key: 'JASA_MODAL', bp: 1000 },
        { key: 'DANA_PENDIDIKAN', bp: 500 },
        { key: 'DANA_SOSIAL', bp: 500 }
      ]
    },
    rtBased: false,
    collectiveBusinessOnly: false,
    localResourceBusiness: false,
    wellOffMayReceiveStateAid: true,
    openToAllCivilSociety: true,
    approvalBy: 'board',
    rat: { monthsAfterYearEnd: 5, noticeDays: 14 }
  },
  sources: [
    { rules: ['meetings.cadence'], ref: 'seed 002 (Workshop Coop Platform, Worker Coop dan Coop Start Up)', text: 'mengeksplorasi ulang visi koperasi dalam meretas era baru dalam teknologi digital dan ekonomi platform untuk sustainability dan inklusifitas koperasi' },
    { rules: ['quorum', 'rat'], ref: 'docs/domain/surplus.md (contoh AD: RAT 5 bulan, pemberitahuan 14 hari, kuorum 1/5)', text: 'Some ADs set 5 months, give 14 days’ notice and a 1/5 quorum' }
  ]
};

const startup: CharterTemplate = {
  key: 'startup',
  name: { id: 'Koperasi rintisan (coop start-up)', en: 'Cooperative start-up' },
  description: {
    id: 'Koperasi muda yang baru merintis usaha: kelompok pendiri kecil, rapat bulanan sebagai ruang belajar, simpanan lebih besar untuk modal awal, cadangan besar untuk memperkuat usaha.',
    en: 'A young cooperative starting a business: a small founding group, monthly meetings that are also learning sessions, larger member capital for the start, a large reserve to strengthen the business.'
  },
  rules: {
    membership: { unit: 'person', min: 9, max: null },
    womenMinBp: null,
    youth: { required: false },
    meetings: { cadence: 'monthly', allMembersMustAttend: false, isEducation: true },
    ...DEMOCRATIC,
    capital: { pokok: 250_000, wajib: 50_000, wajibPeriod: 'monthly' },
    surplus: {
      components: [
        { key: 'CADANGAN', bp: 4000 },
        { key: 'JASA_USAHA', bp: 3500 },
        { key: 'JASA_MODAL', bp: 1500 },
        { key: 'DANA_PENDIDIKAN', bp: 500 },
        { key: 'DANA_SOSIAL', bp: 500 }
      ]
    },
    rtBased: false,
    collectiveBusinessOnly: false,
    localResourceBusiness: false,
    wellOffMayReceiveStateAid: true,
    openToAllCivilSociety: true,
    approvalBy: 'board',
    rat: { monthsAfterYearEnd: 4, noticeDays: 14 }
  },
  sources: [
    { rules: ['meetings.isEducation'], ref: 'seed 002 (Workshop Coop Platform, Worker Coop dan Coop Start Up)', text: 'mampu menjadi inti perekonomian dari anak anak muda' },
    { rules: ['membership.min'], ref: 'UU 25/1992 Pasal 6 ayat (1) sebagaimana diubah UU 6/2023 (Cipta Kerja)', text: 'Koperasi Primer dibentuk paling sedikit oleh 9 (sembilan) orang.' }
  ]
};

export const CHARTER_TEMPLATES: Readonly<Record<TemplateKey, CharterTemplate>> = {
  tujuh_prinsip: tujuhPrinsip,
  jamaah_produksi: jamaahProduksi,
  primer,
  pekerja,
  platform,
  startup
};

/** The template a new cooperative of each type starts from. */
export const DEFAULT_TEMPLATE_BY_COOP_TYPE: Readonly<Record<CoopType, TemplateKey>> = {
  produksi: 'tujuh_prinsip',
  konsumen: 'primer',
  jasa: 'primer',
  simpan_pinjam: 'primer',
  pemasaran: 'primer',
  pekerja: 'pekerja',
  platform: 'platform',
  startup: 'startup',
  jamaah_produksi: 'jamaah_produksi'
};

export function isTemplateKey(value: string): value is TemplateKey {
  return Object.hasOwn(CHARTER_TEMPLATES, value);
}

export function getTemplate(key: string): CharterTemplate | null {
  return isTemplateKey(key) ? CHARTER_TEMPLATES[key] : null;
}

export function defaultTemplateFor(coopType: CoopType): TemplateKey {
  return DEFAULT_TEMPLATE_BY_COOP_TYPE[coopType];
}

/** A deep copy of a template's rules, safe to change. */
export function templateRules(key: TemplateKey): CharterRules {
  return structuredClone(CHARTER_TEMPLATES[key].rules);
}
