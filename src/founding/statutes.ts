import type { CharterRules, TemplateKey } from '../charters/model.js';
import { CHARTER_TEMPLATES } from '../charters/templates.js';
import { formatRupiahId } from '../kernel/money.js';
import { LEGAL_MINIMUM_FOUNDERS } from './model.js';
import type { FoundingKind } from './tables.js';

/**
 * The chapters an anggaran dasar must contain (UU 25/1992 Pasal 8, and the contents the
 * notary and the Ministry of Law check): the founders, name and seat, purpose and business,
 * membership, the members' meeting, the board, the supervisors, capital, SHU, duration,
 * sanctions and dissolution. The generator writes every one for every template (unit-tested).
 */
export const REQUIRED_CHAPTERS = [
  'nama_kedudukan',
  'landasan_asas_tujuan',
  'usaha',
  'keanggotaan',
  'rapat_anggota',
  'pengurus',
  'pengawas',
  'permodalan',
  'shu',
  'jangka_waktu',
  'sanksi',
  'pembubaran',
  'pendiri'
] as const;
export type ChapterKey = (typeof REQUIRED_CHAPTERS)[number];

export const CHAPTER_TITLES: Record<ChapterKey, string> = {
  nama_kedudukan: 'Nama dan Tempat Kedudukan',
  landasan_asas_tujuan: 'Landasan, Asas, Nilai, Maksud dan Tujuan',
  usaha: 'Bidang Usaha',
  keanggotaan: 'Keanggotaan',
  rapat_anggota: 'Rapat Anggota',
  pengurus: 'Pengurus',
  pengawas: 'Pengawas',
  permodalan: 'Permodalan',
  shu: 'Sisa Hasil Usaha',
  jangka_waktu: 'Jangka Waktu Berdiri',
  sanksi: 'Sanksi',
  pembubaran: 'Pembubaran',
  pendiri: 'Para Pendiri'
};

export type StatuteInput = {
  name: string;
  kind: FoundingKind;
  seat: string;
  purpose: string;
  duration: string | null;
  vision: string;
  mission: string;
  values: string;
  templateKey: TemplateKey;
  rules: CharterRules;
  units: readonly { name: string; description: string }[];
  founders: readonly { fullName: string; address: string }[];
};
export type Article = { number: number; paragraphs: string[] };
export type Chapter = { key: ChapterKey; roman: string; title: string; articles: Article[] };
export type Statutes = { title: string; subtitle: string; chapters: Chapter[] };

const UNSUR: Record<string, string> = {
  CADANGAN: 'cadangan koperasi',
  JASA_USAHA: 'jasa usaha anggota',
  JASA_MODAL: 'jasa modal anggota',
  DANA_PENDIDIKAN: 'dana pendidikan',
  DANA_SOSIAL: 'dana sosial',
  DANA_PENGURUS: 'dana pengurus dan pengawas',
  DANA_KARYAWAN: 'dana karyawan',
  DANA_PENGAWAS: 'dana pengawas',
  DANA_PEMBANGUNAN_DAERAH_KERJA: 'dana pembangunan daerah kerja'
};
const CADENCE: Record<string, string> = { weekly: 'setiap minggu', monthly: 'setiap bulan', quarterly: 'setiap tiga bulan', yearly: 'setiap tahun' };
const PERIOD: Record<string, string> = { monthly: 'setiap bulan', quarterly: 'setiap tiga bulan', yearly: 'setiap tahun' };

function roman(n: number): string {
  const table: [number, string][] = [[10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I']];
  let out = '';
  for (const [v, s] of table) while (n >= v) [out, n] = [out + s, n - v];
  return out;
}

function pct(bp: number): string {
  const whole = Math.floor(bp / 100);
  const rest = bp % 100;
  return rest === 0 ? `${whole}%` : `${whole},${String(rest).padStart(2, '0').replace(/0$/, '')}%`;
}

function quorumText(rules: CharterRules): string {
  const q = rules.quorum;
  return q.kind === 'percent' ? `sekurang-kurangnya ${pct(q.bp)} dari jumlah anggota` : 'lebih dari separuh jumlah anggota';
}

/** "Koperasi X" — a name that already begins with "Koperasi" is not prefixed again. */
export function coopName(name: string): string {
  return /^koperasi\b/i.test(name.trim()) ? name.trim() : `Koperasi ${name.trim()}`;
}

/** The draft anggaran dasar, chapter by chapter, from the chosen template's rules and the group's answers. */
export function buildStatutes(input: StatuteInput): Statutes {
  const r = input.rules;
  const template = CHARTER_TEMPLATES[input.templateKey];
  const min = LEGAL_MINIMUM_FOUNDERS[input.kind];
  const unit = r.membership.unit === 'household' ? 'keluarga (rumah tangga)' : input.kind === 'sekunder' ? 'koperasi' : 'orang';
  const body: Record<ChapterKey, string[][]> = {
    nama_kedudukan: [
      [`Koperasi ini bernama "${coopName(input.name)}", selanjutnya dalam Anggaran Dasar ini disebut Koperasi.`, `Koperasi berkedudukan di ${input.seat}.`],
      ['Koperasi dapat membuka kantor cabang dan/atau perwakilan di tempat lain berdasarkan keputusan Rapat Anggota.']
    ],
    landasan_asas_tujuan: [
      ['Koperasi berlandaskan Pancasila dan Undang-Undang Dasar Negara Republik Indonesia Tahun 1945 serta berasaskan kekeluargaan.'],
      [`Model koperasi: ${template.name.id}. ${template.description.id}`],
      [`Visi: ${input.vision || '—'}`, `Misi: ${input.mission || '—'}`, `Nilai-nilai yang disepakati: ${input.values || '—'}`],
      [`Maksud dan tujuan Koperasi: ${input.purpose}`]
    ],
    usaha: [
      [
        'Untuk mencapai maksud dan tujuannya Koperasi menyelenggarakan usaha yang berkaitan langsung dengan kepentingan anggota:',
        ...(input.units.length ? input.units.map((u, i) => `${String.fromCharCode(97 + i)}. ${u.name}${u.description ? ` — ${u.description}` : ''}`) : ['a. usaha yang ditetapkan Rapat Anggota sesuai kebutuhan anggota.'])
      ],
      [
        r.collectiveBusinessOnly ? 'Usaha Koperasi dijalankan secara kolektif; tidak ada usaha perseorangan yang dijalankan atas nama Koperasi.' : 'Usaha Koperasi dapat dijalankan bersama usaha anggota yang terintegrasi dengan usaha Koperasi.',
        ...(r.localResourceBusiness ? ['Usaha Koperasi berbasis sumber daya dan potensi wilayah setempat.'] : [])
      ]
    ],
    keanggotaan: [
      [
        `Anggota Koperasi adalah pemilik sekaligus pengguna jasa Koperasi. Satuan keanggotaan: ${unit}.`,
        `Koperasi didirikan oleh sekurang-kurangnya ${min.count} ${min.unit} (${min.source}).`,
        ...(r.membership.max ? [`Jumlah anggota paling banyak ${r.membership.max} ${unit}.`] : [])
      ],
      [
        r.openToAllCivilSociety ? 'Keanggotaan terbuka bagi setiap warga masyarakat yang memenuhi syarat, tanpa diskriminasi.' : 'Keanggotaan terbuka bagi warga yang memenuhi syarat yang ditetapkan dalam Anggaran Rumah Tangga.',
        r.approvalBy === 'meeting' ? 'Penerimaan anggota baru diputuskan oleh Rapat Anggota.' : 'Penerimaan anggota baru diputuskan oleh Pengurus dan dilaporkan kepada Rapat Anggota.',
        ...(r.womenMinBp ? [`Sekurang-kurangnya ${pct(r.womenMinBp)} anggota adalah perempuan.`] : []),
        ...(r.youth.required ? [`Koperasi melibatkan pemuda (16–30 tahun)${r.youth.minBp ? ` sekurang-kurangnya ${pct(r.youth.minBp)} dari anggota` : ''}.`] : []),
        ...(r.rtBased ? ['Keanggotaan dan kegiatan Koperasi diorganisasi dari tingkat Rukun Tetangga (RT).'] : [])
      ],
      ['Setiap anggota mempunyai hak yang sama untuk menghadiri, menyatakan pendapat dan memberikan suara dalam Rapat Anggota, serta wajib mematuhi Anggaran Dasar, Anggaran Rumah Tangga dan keputusan Rapat Anggota.', 'Keanggotaan berakhir apabila anggota meninggal dunia, mengundurkan diri, diberhentikan oleh Pengurus, atau Koperasi dibubarkan.']
    ],
    rapat_anggota: [
      ['Rapat Anggota merupakan pemegang kekuasaan tertinggi dalam Koperasi.', `Rapat anggota rutin diadakan ${CADENCE[r.meetings.cadence] ?? r.meetings.cadence}${r.meetings.isEducation ? ' dan sekaligus menjadi sarana pendidikan anggota' : ''}.`],
      [`Rapat Anggota Tahunan diadakan paling lambat ${r.rat.monthsAfterYearEnd} bulan setelah tahun buku berakhir, dengan pemberitahuan sekurang-kurangnya ${r.rat.noticeDays} hari sebelumnya.`],
      [
        `Rapat Anggota sah apabila dihadiri ${quorumText(r)}.`,
        `Keputusan diambil berdasarkan musyawarah untuk mufakat; apabila tidak tercapai, dengan suara lebih dari ${pct(r.majority.simpleBp)}. Perubahan Anggaran Dasar memerlukan lebih dari ${pct(r.majority.charterChangeBp)} suara dan pembubaran lebih dari ${pct(r.majority.dissolutionBp)} suara.`,
        r.representationAllowed ? 'Anggota dapat diwakili sesuai ketentuan Anggaran Rumah Tangga.' : 'Setiap anggota mempunyai satu suara dan tidak dapat diwakilkan.'
      ]
    ],
    pengurus: [
      ['Pengurus dipilih dari dan oleh anggota dalam Rapat Anggota, terdiri sekurang-kurangnya atas seorang Ketua, seorang Sekretaris dan seorang Bendahara.', 'Masa jabatan Pengurus paling lama 5 (lima) tahun dan dapat dipilih kembali.'],
      ['Pengurus mengelola Koperasi dan usahanya, mewakili Koperasi di dalam dan di luar pengadilan, menyelenggarakan pembukuan, dan mempertanggungjawabkan pengelolaan kepada Rapat Anggota.']
    ],
    pengawas: [
      ['Pengawas dipilih dari dan oleh anggota dalam Rapat Anggota dan bertanggung jawab kepada Rapat Anggota.', 'Pengawas mengawasi pelaksanaan kebijakan dan pengelolaan Koperasi serta membuat laporan tertulis tentang hasil pengawasannya.']
    ],
    permodalan: [
      ['Modal Koperasi terdiri atas modal sendiri (simpanan pokok, simpanan wajib, dana cadangan, hibah) dan modal pinjaman.'],
      [
        `Simpanan pokok sebesar ${formatRupiahId(r.capital.pokok)} dibayar sekali ketika menjadi anggota dan tidak dapat diambil selama menjadi anggota.`,
        r.capital.wajib > 0 ? `Simpanan wajib sebesar ${formatRupiahId(r.capital.wajib)} dibayar ${PERIOD[r.capital.wajibPeriod] ?? r.capital.wajibPeriod}.` : 'Koperasi tidak mewajibkan simpanan wajib.',
        'Anggota dapat menyimpan simpanan sukarela yang dapat diambil sewaktu-waktu.'
      ]
    ],
    shu: [
      [
        'Sisa Hasil Usaha adalah pendapatan Koperasi dalam satu tahun buku dikurangi biaya, penyusutan dan kewajiban lain termasuk pajak.',
        'Sisa Hasil Usaha dibagi sebagai berikut; bagian anggota dibagikan sebanding dengan jasa usaha dan modal masing-masing anggota:',
        ...r.surplus.components.map((c, i) => `${String.fromCharCode(97 + i)}. ${c.label ?? UNSUR[c.key] ?? c.key}: ${pct(c.bp)}`)
      ]
    ],
    jangka_waktu: [[input.duration ? `Koperasi didirikan untuk jangka waktu ${input.duration}.` : 'Koperasi didirikan untuk jangka waktu yang tidak ditentukan.', 'Tahun buku Koperasi adalah tahun kalender, kecuali ditetapkan lain oleh Rapat Anggota.']],
    sanksi: [['Anggota, Pengurus atau Pengawas yang melanggar Anggaran Dasar, Anggaran Rumah Tangga atau keputusan Rapat Anggota dapat dikenai sanksi berupa teguran lisan, teguran tertulis, pemberhentian sementara, atau pemberhentian, sesuai ketentuan Anggaran Rumah Tangga.']],
    pembubaran: [
      [`Pembubaran Koperasi dapat dilakukan berdasarkan keputusan Rapat Anggota dengan suara lebih dari ${pct(r.majority.dissolutionBp)}, atau keputusan Pemerintah sesuai peraturan perundang-undangan.`],
      ['Penyelesaian dilakukan oleh tim penyelesai; sisa kekayaan setelah kewajiban dipenuhi digunakan sesuai keputusan Rapat Anggota, dan anggota menanggung kerugian terbatas pada simpanan pokok, simpanan wajib dan modal penyertaan yang dimilikinya.']
    ],
    pendiri: [
      [
        'Koperasi ini didirikan oleh:',
        ...(input.founders.length ? input.founders.map((f, i) => `${i + 1}. ${f.fullName}, ${f.address}`) : ['(belum ada pendiri)'])
      ]
    ]
  };
  let number = 0;
  const chapters = REQUIRED_CHAPTERS.map((key, i) => ({
    key,
    roman: roman(i + 1),
    title: CHAPTER_TITLES[key],
    articles: body[key].map((paragraphs) => ({ number: ++number, paragraphs }))
  }));
  return { title: `ANGGARAN DASAR ${coopName(input.name).toUpperCase()}`, subtitle: `Rancangan — ${template.name.id}`, chapters };
}
