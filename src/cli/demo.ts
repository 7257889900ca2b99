import pino from 'pino';
import type { Database } from '../db/connection.js';
import type { Role } from '../db/schema.js';
import type { Ctx, TenantCtx } from '../kernel/context.js';
import { systemClock } from '../kernel/clock.js';
import { createAccount } from '../accounts/create-account.js';
import { findAccountByIdentifier } from '../accounts/store.js';
import { createCoop } from '../coops/create-coop.js';
import { setMemberRoles } from '../coops/set-member-roles.js';
import { addMember } from '../members/add-member.js';
import { applyForMembership } from '../members/apply-for-membership.js';
import { approveMember } from '../members/approve-member.js';
import { seedCapitalDemo } from './demo-capital.js';
import { seedCatalogueDemo } from './demo-catalogue.js';
import { seedOrdersDemo } from './demo-orders.js';
import { seedGovernanceDemo } from './demo-governance.js';
import { seedReportsDemo } from './demo-reports.js';
import { seedShuDemo } from './demo-shu.js';
import { seedCareDemo } from './demo-care.js';
import { FOUNDING_DEMO_EMAIL, seedFoundingDemo } from './demo-founding.js';
import { seedDownloadsDemo, seedProductionDemo } from './demo-production.js';
import { seedEducationDemo, seedForumDemo } from './demo-education.js';
import { seedMediaDemo } from './demo-media.js';
import { seedNetworksDemo } from './demo-networks.js';

import { seedLedgerDemo } from '../ledger/demo.js';
import { inOneTransaction } from '../db/one-transaction.js';
export type DemoResult = { slug: string; logins: { role: string; identifier: string; password: string }[] };

export const DEMO_SLUG = 'lumbung-sari';
export const DEMO_PASSWORD = 'lumbung-demo-2026';

/** Officers of the demo cooperative: each is also an active member with a sign-in account. */
const OFFICERS: { role: Role; email: string; name: string; gender: 'F' | 'M'; birthDate: string; occupation: string }[] = [
  { role: 'ketua', email: 'ketua@lumbung.test', name: 'Sri Wahyuni', gender: 'F', birthDate: '1979-04-21', occupation: 'Penari dan pelatih tari' },
  { role: 'sekretaris', email: 'sekretaris@lumbung.test', name: 'Bagus Prasetyo', gender: 'M', birthDate: '1994-09-02', occupation: 'Penulis' },
  { role: 'bendahara', email: 'bendahara@lumbung.test', name: 'Ratna Kusumawati', gender: 'F', birthDate: '1987-01-15', occupation: 'Penjahit batik' },
  { role: 'pengawas', email: 'pengawas@lumbung.test', name: 'Hendro Wibowo', gender: 'M', birthDate: '1969-11-30', occupation: 'Pematung' },
  { role: 'anggota', email: 'anggota@lumbung.test', name: 'Dewi Lestari', gender: 'F', birthDate: '2001-06-08', occupation: 'Musisi keroncong' }
];

/** Other members, entered by the board (no sign-in accounts). */
const MEMBERS: [string, 'F' | 'M', string, string, number][] = [
  ['Ayu Pertiwi', 'F', '1998-03-12', 'Ilustrator', 3],
  ['Agus Santoso', 'M', '1975-07-19', 'Pengrajin perak', 3],
  ['Siti Nurhaliza', 'F', '2003-12-01', 'Penyanyi', 4],
  ['Joko Susilo', 'M', '1983-05-25', 'Dalang', 4],
  ['Wulan Sari', 'F', '1996-08-17', 'Fotografer', 5],
  ['Eko Purnomo', 'M', '1990-02-03', 'Penabuh gamelan', 5],
  ['Rina Marlina', 'F', '1985-10-10', 'Penjahit', 3],
  ['Dimas Aditya', 'M', '2000-01-29', 'Pembuat film', 6],
  ['Lestari Handayani', 'F', '1972-04-04', 'Pembatik', 6],
  ['Yusuf Hidayat', 'M', '1999-11-11', 'Penulis zine', 4],
  ['Fitri Rahmawati', 'F', '1993-06-21', 'Perancang busana', 5],
  ['Andi Saputra', 'M', '1988-09-09', 'Gitaris', 3],
  ['Nur Aini', 'F', '2002-02-14', 'Pelukis', 6],
  ['Bambang Sutrisno', 'M', '1965-12-25', 'Pengrajin wayang', 4],
  ['Maya Anggraini', 'F', '1997-07-07', 'Penata acara', 5],
  ['Rudi Hartono', 'M', '1980-03-30', 'Penjilid buku', 3],
  ['Intan Permata', 'F', '2004-05-05', 'Penari', 6]
];
const APPLICANTS: [string, 'F' | 'M', string, string][] = [
  ['Galih Ramadhan', 'M', '2005-04-10', 'Pemain biola'],
  ['Putri Maharani', 'F', '1992-08-28', 'Penerjemah']
];

const VILLAGE = '34.71.14.1002'; // Prenggan, Kotagede, Kota Yogyakarta
const log = pino({ level: 'silent' });

async function ensureAccount(db: Database, email: string, name: string, isPlatformAdmin = false): Promise<string> {
  const existing = await findAccountByIdentifier(db, { email });
  if (existing) return existing.id;
  return (await createAccount(db, { email, name, password: DEMO_PASSWORD, isPlatformAdmin })).id;
}

function actorCtx(db: Database, accountId: string, name: string, isPlatformAdmin = false): Ctx {
  return { db, clock: systemClock, log, locale: 'id', actor: { accountId, name, isPlatformAdmin, via: 'system' } };
}

/**
 * The demo cooperative "Koperasi Produsen Budaya Lumbung Sari" in Kotagede, Yogyakarta:
 * officers with sign-in accounts, 22 active members and two applicants — made through the
 * same use cases as the pages, so it is audited like real data. Does nothing if it exists.
 *
 * All of it is written in one transaction (inOneTransaction) into the database at `url`: a
 * seed interrupted at any moment (Ctrl-C, `signal`) leaves no trace, and the next start
 * seeds it whole (decision 0101). `onSeeding` is called when there is a demo to make.
 */
export async function seedDemo(url: string, opts: { signal?: AbortSignal; onSeeding?: () => void } = {}): Promise<DemoResult> {
  return inOneTransaction(url, (db) => seedDemoWith(db, opts.onSeeding), { signal: opts.signal });
}

async function seedDemoWith(db: Database, onSeeding?: () => void): Promise<DemoResult> {
  const logins = [
    { role: 'admin platform', identifier: 'admin@lumbung.test', password: DEMO_PASSWORD },
    ...OFFICERS.map((o) => ({ role: o.role, identifier: o.email, password: DEMO_PASSWORD })),
    { role: 'pendiri (kelompok pendiri)', identifier: FOUNDING_DEMO_EMAIL, password: DEMO_PASSWORD }
  ];
  const exists = await db.selectFrom('coops').select('id').where('slug', '=', DEMO_SLUG).executeTakeFirst();
  if (exists) return { slug: DEMO_SLUG, logins };
  onSeeding?.();

  const adminId = await ensureAccount(db, 'admin@lumbung.test', 'Admin Lumbung', true);
  const ketua = OFFICERS[0]!;
  const ketuaId = await ensureAccount(db, ketua.email, ketua.name);
  const { coop } = await createCoop(actorCtx(db, adminId, 'Admin Lumbung', true), {
    name: 'Koperasi Produsen Budaya Lumbung Sari',
    slug: DEMO_SLUG,
    coopType: 'produksi',
    charterTemplate: 'tujuh_prinsip',
    description:
      'Koperasi musisi, perupa, penulis, penjahit dan penyelenggara acara di Kotagede. Kami memproduksi dan memasarkan karya anggota bersama-sama, dan belajar bersama setiap bulan.',
    provinceCode: '34',
    regencyCode: '34.71',
    districtCode: '34.71.14',
    villageCode: VILLAGE,
    street: 'Jl. Mondorakan 45',
    rt: 3,
    rw: 5,
    postalCode: '55172',
    productLines: ['suara', 'rupa', 'aksara', 'busana', 'agenda'],
    phone: '081234567890',
    email: 'halo@lumbungsari.test',
    ketua: { email: ketua.email }
  });
  const asKetua: TenantCtx = { ...actorCtx(db, ketuaId, ketua.name), actor: { accountId: ketuaId, name: ketua.name, isPlatformAdmin: false, via: 'session' }, coopId: coop.id, roles: ['ketua'] };

  // Members joined over the past year (a week apart), so the demo has a year of capital history.
  const joinedAgo = (i: number): TenantCtx => ({ ...asKetua, clock: { now: () => new Date(Date.now() - (365 - 7 * i) * 86_400_000) } });

  for (const [i, o] of OFFICERS.entries()) {
    const accountId = o.role === 'ketua' ? ketuaId : await ensureAccount(db, o.email, o.name);
    if (o.role !== 'ketua' && o.role !== 'anggota') await setMemberRoles(asKetua, { identifier: o.email, roles: [o.role] });
    const applicant = await applyForMembership(
      { ...actorCtx(db, accountId, o.name), actor: { accountId, name: o.name, isPlatformAdmin: false, via: 'session' }, coopId: coop.id },
      { fullName: o.name, gender: o.gender, birthDate: o.birthDate, occupation: o.occupation, email: o.email, villageCode: VILLAGE, rt: 3 + (i % 3), rw: 5, householdCode: `RT-${i + 1}` }
    );
    await approveMember(joinedAgo(i), applicant.id);
  }
  for (const [i, [fullName, gender, birthDate, occupation, rt]] of MEMBERS.entries()) {
    await addMember(joinedAgo(OFFICERS.length + i), { fullName, gender, birthDate, occupation, villageCode: VILLAGE, rt, rw: 5, householdCode: `RT-${OFFICERS.length + i + 1}`, asStatus: 'active' });
  }
  for (const [fullName, gender, birthDate, occupation] of APPLICANTS) {
    await addMember(asKetua, { fullName, gender, birthDate, occupation, villageCode: VILLAGE, rt: 4, rw: 5 });
  }
  const bendahara = OFFICERS.find((o) => o.role === 'bendahara')!;
  const bendaharaId = await ensureAccount(db, bendahara.email, bendahara.name);
  await seedCapitalDemo({ ...asKetua, actor: { accountId: bendaharaId, name: bendahara.name, isPlatformAdmin: false, via: 'session' }, roles: ['bendahara'] });
  await seedCatalogueDemo(asKetua);
  await seedMediaDemo(asKetua);
  await seedLedgerDemo({ ...asKetua, actor: { accountId: bendaharaId, name: bendahara.name, isPlatformAdmin: false, via: 'session' }, roles: ['bendahara'] });
  await seedReportsDemo({ ...asKetua, actor: { accountId: bendaharaId, name: bendahara.name, isPlatformAdmin: false, via: 'session' }, roles: ['bendahara'] });
  await seedDownloadsDemo(asKetua);
  await seedOrdersDemo({ ...asKetua, actor: { accountId: bendaharaId, name: bendahara.name, isPlatformAdmin: false, via: 'session' }, roles: ['bendahara'] }, asKetua);
  await seedProductionDemo(asKetua, DEMO_SLUG);
  await seedGovernanceDemo(asKetua, async (email) => {
    const id = (await findAccountByIdentifier(db, { email }))?.id;
    return id ? { ...asKetua, actor: { accountId: id, name: email, isPlatformAdmin: false, via: 'session' }, roles: ['anggota'] } : null;
  });
  await seedEducationDemo(asKetua);
  await seedForumDemo(async (email, role) => {
    const id = (await findAccountByIdentifier(db, { email }))?.id;
    const o = OFFICERS.find((x) => x.email === email);
    return id && o ? { ...asKetua, actor: { accountId: id, name: o.name, isPlatformAdmin: false, via: 'session' }, roles: [role] } : null;
  });
  // Last: it closes the last complete fiscal year (C1, SHU).
  await seedShuDemo({ ...asKetua, actor: { accountId: bendaharaId, name: bendahara.name, isPlatformAdmin: false, via: 'session' }, roles: ['bendahara'] }, asKetua);
  // After the SHU: its dana sosial allocation is already in the social fund (issue #18).
  const pengawas = OFFICERS.find((o) => o.role === 'pengawas')!;
  const pengawasId = await ensureAccount(db, pengawas.email, pengawas.name);
  await seedCareDemo(
    { ...asKetua, actor: { accountId: bendaharaId, name: bendahara.name, isPlatformAdmin: false, via: 'session' }, roles: ['bendahara'] },
    asKetua,
    { ...asKetua, actor: { accountId: pengawasId, name: pengawas.name, isPlatformAdmin: false, via: 'session' }, roles: ['pengawas'] },
    VILLAGE
  );
  // Issue 19: the demo network of three coops (two small ones made here), after the books exist.
  await seedNetworksDemo(
    db,
    actorCtx(db, adminId, 'Admin Lumbung', true),
    asKetua,
    { ...asKetua, actor: { accountId: bendaharaId, name: bendahara.name, isPlatformAdmin: false, via: 'session' }, roles: ['bendahara'] },
    (email, name) => ensureAccount(db, email, name)
  );
  // A founding group halfway, needs map filled in (issue 20).
  await seedFoundingDemo(db, DEMO_PASSWORD, VILLAGE, log, systemClock);
  return { slug: DEMO_SLUG, logins };
}
