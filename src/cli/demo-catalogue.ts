import type { TenantCtx } from '../kernel/context.js';
import { listMembers } from '../members/list-members.js';
import { createWork } from '../catalogue/create-work.js';
import { publishWork } from '../catalogue/publish-work.js';
import type { WorkRequest } from '../catalogue/model.js';

/** Days from now at a Jakarta wall-clock time, as an ISO instant with +07:00. */
function jakartaAt(daysAhead: number, hhmm: string): string {
  const day = new Date(Date.now() + daysAhead * 86_400_000 + 7 * 3600_000).toISOString().slice(0, 10);
  return `${day}T${hhmm}:00+07:00`;
}

/**
 * Works in all five product lines by the demo members, entered and published through the
 * catalogue's use cases (one stays a draft), so the storefront has something to show.
 */
export async function seedCatalogueDemo(ctx: TenantCtx): Promise<void> {
  const members = (await listMembers(ctx, { status: 'active', pageSize: 200 })).items;
  const id = (name: string) => {
    const m = members.find((x) => x.fullName === name);
    if (!m) throw new Error(`demo member ${name} missing`);
    return m.id;
  };
  const works: (WorkRequest & { draft?: boolean })[] = [
    {
      productLine: 'suara',
      title: 'Keroncong Kali Code',
      description: 'Album keroncong tentang kehidupan di bantaran Kali Code: pagi di pasar, anak-anak bermain di sungai, lampu-lampu kampung di malam hari.',
      publicPrice: 75_000,
      memberPrice: 60_000,
      attributes: {
        format: 'album',
        releaseYear: 2025,
        label: 'Lumbung Sari Rekaman',
        tracks: [
          { title: 'Pagi di Bantaran', durationSec: 254, audioRef: 'demo/keroncong/01.flac', previewRef: 'demo/keroncong/01-cuplikan.mp3' },
          { title: 'Perahu Kertas', durationSec: 228, audioRef: 'demo/keroncong/02.flac', previewRef: 'demo/keroncong/02-cuplikan.mp3' },
          { title: 'Lampu Kampung', durationSec: 301, audioRef: 'demo/keroncong/03.flac', previewRef: 'demo/keroncong/03-cuplikan.mp3' }
        ]
      },
      creators: [
        { memberId: id('Dewi Lestari'), shareBp: 6000 },
        { memberId: id('Eko Purnomo'), shareBp: 4000 }
      ]
    },
    {
      productLine: 'suara',
      title: 'Gending Pasar Kotagede',
      description: 'Single gamelan dan vokal yang direkam langsung di Pasar Legi Kotagede.',
      publicPrice: 15_000,
      attributes: { format: 'single', releaseYear: 2026, tracks: [{ title: 'Gending Pasar Kotagede', durationSec: 412, previewRef: 'demo/gending/cuplikan.mp3' }] },
      creators: [
        { memberId: id('Joko Susilo'), shareBp: 3334 },
        { memberId: id('Eko Purnomo'), shareBp: 3333 },
        { memberId: id('Siti Nurhaliza'), shareBp: 3333 }
      ]
    },
    {
      productLine: 'rupa',
      title: 'Cukil Pasar Legi',
      description: 'Cetak cukil kayu edisi terbatas: pedagang sayur di Pasar Legi pada pagi buta.',
      publicPrice: 450_000,
      memberPrice: 380_000,
      attributes: { kind: 'edition', medium: 'cukil kayu di atas kertas Hahnemühle', widthMm: 420, heightMm: 297, editionSize: 30, year: 2025 },
      creators: [{ memberId: id('Ayu Pertiwi'), shareBp: 10_000 }]
    },
    {
      productLine: 'rupa',
      title: 'Petani Perak',
      description: 'Patung perak tempa karya pengrajin Kotagede, petani memanggul padi.',
      publicPrice: 4_500_000,
      attributes: { kind: 'original', medium: 'perak 925 tempa', widthMm: 90, heightMm: 210, depthMm: 70, year: 2024 },
      creators: [
        { memberId: id('Agus Santoso'), shareBp: 7000 },
        { memberId: id('Hendro Wibowo'), shareBp: 3000 }
      ]
    },
    {
      productLine: 'aksara',
      title: 'Zine Warga Kotagede #3',
      description: 'Zine fotokopi tentang sumur-sumur tua, tukang perak dan warung kopi di gang-gang Kotagede.',
      publicPrice: 20_000,
      memberPrice: 15_000,
      attributes: { format: 'zine', pages: 36, language: 'id', publishedYear: 2026 },
      creators: [
        { memberId: id('Yusuf Hidayat'), shareBp: 7000 },
        { memberId: id('Wulan Sari'), shareBp: 3000 }
      ]
    },
    {
      productLine: 'aksara',
      title: 'Lumbung dan Cerita-Cerita Lain',
      description: 'Kumpulan cerita pendek tentang kerja bersama, panen dan kota.',
      publicPrice: 85_000,
      memberPrice: 70_000,
      attributes: { format: 'book', pages: 184, isbn: '978-602-03-1234-7', language: 'id', publishedYear: 2025 },
      creators: [{ memberId: id('Bagus Prasetyo'), shareBp: 10_000 }]
    },
    {
      productLine: 'busana',
      title: 'Kemeja Batik Tulis Parang',
      description: 'Kemeja batik tulis motif parang, pewarna alam, dijahit tangan.',
      publicPrice: 650_000,
      memberPrice: 550_000,
      attributes: { material: 'katun primissima, pewarna alam', care: 'Cuci tangan, jangan diperas, jemur di tempat teduh.' },
      variants: [
        { size: 'S', colour: 'Sogan', sku: 'LS-PRG-S-SGN', stock: 2 },
        { size: 'M', colour: 'Sogan', sku: 'LS-PRG-M-SGN', stock: 4 },
        { size: 'L', colour: 'Sogan', sku: 'LS-PRG-L-SGN', stock: 3 },
        { size: 'L', colour: 'Indigo', sku: 'LS-PRG-L-IND', stock: 1 },
        { size: 'XL', colour: 'Indigo', sku: 'LS-PRG-XL-IND', stock: 0 }
      ],
      creators: [
        { memberId: id('Ratna Kusumawati'), shareBp: 5000 },
        { memberId: id('Lestari Handayani'), shareBp: 5000 }
      ]
    },
    {
      productLine: 'busana',
      title: 'Kaos Lumbung Sari',
      description: 'Kaos sablon manual logo koperasi.',
      publicPrice: 120_000,
      memberPrice: 95_000,
      attributes: { material: 'katun combed 30s' },
      variants: [
        { size: 'M', colour: 'Hitam', sku: 'LS-KAOS-M-HTM', stock: 12 },
        { size: 'L', colour: 'Hitam', sku: 'LS-KAOS-L-HTM', stock: 8 }
      ],
      creators: [{ memberId: id('Rina Marlina'), shareBp: 10_000 }],
      draft: true
    },
    {
      productLine: 'agenda',
      title: 'Lokakarya Membatik untuk Remaja',
      description: 'Dua hari belajar membatik tulis dari nol: mencanting, mewarna, melorod. Bahan disediakan.',
      publicPrice: 150_000,
      memberPrice: 100_000,
      attributes: { kind: 'workshop', durationMinutes: 600, facilitator: 'Lestari Handayani' },
      event: { startsAt: jakartaAt(21, '09:00'), venue: 'Pendopo Lumbung Sari, Jl. Mondorakan 45, Kotagede', capacity: 20 },
      creators: [{ memberId: id('Lestari Handayani'), shareBp: 10_000 }]
    },
    {
      productLine: 'agenda',
      title: 'Malam Keroncong Kali Code',
      description: 'Peluncuran album Keroncong Kali Code, dengan tamu dari kampung-kampung bantaran.',
      publicPrice: 50_000,
      memberPrice: 35_000,
      attributes: { kind: 'event', durationMinutes: 180 },
      event: { startsAt: jakartaAt(35, '19:30'), venue: 'Kampung Jogoyudan, bantaran Kali Code', capacity: 150 },
      creators: [
        { memberId: id('Dewi Lestari'), shareBp: 5000 },
        { memberId: id('Sri Wahyuni'), shareBp: 5000 }
      ]
    }
  ];
  for (const { draft, ...w } of works) {
    const created = await createWork(ctx, w);
    if (!draft) await publishWork(ctx, created.id);
  }
}
