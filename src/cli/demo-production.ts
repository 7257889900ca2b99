import type { Ctx, TenantCtx } from '../kernel/context.js';
import { listMembers } from '../members/list-members.js';
import { listWorks } from '../catalogue/list-works.js';
import { withTenant } from '../db/tenant.js';
import { checkout } from '../orders/checkout.js';
import { applyPayment } from '../orders/apply-payment.js';
import { checkInTicket } from '../events/check-in.js';
import { uploadWorkFile } from '../downloads/upload-work-file.js';
import { createProject } from '../production/create-project.js';
import { addTask } from '../production/add-task.js';
import { logWork } from '../production/log-work.js';
import { addCost } from '../production/add-cost.js';

/** A tiny valid WAV (silence) so the demo's download and preview are real files. */
function silenceWav(seconds: number): Buffer {
  const rate = 8000;
  const data = Buffer.alloc(rate * seconds);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVEfmt ', 8);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate, 28);
  h.writeUInt16LE(1, 32);
  h.writeUInt16LE(8, 34);
  h.write('data', 36);
  h.writeUInt32LE(data.length, 40);
  data.fill(128);
  return Buffer.concat([h, data]);
}

/**
 * A short synthesized melody (slendro-like pentatonic, plucked notes with a fading envelope) as
 * an 8 kHz 8-bit mono WAV: the demo's audio preview plays something real, with no download.
 */
export function melodyWav(): Buffer {
  const rate = 8000;
  const scale = [293.7, 336.2, 388.6, 445.0, 513.1, 587.3];
  const notes = [0, 2, 3, 2, 4, 3, 1, 0, 2, 4, 5, 4, 3, 2, 1, 0];
  const noteLen = Math.round(rate * 0.36);
  const data = Buffer.alloc(noteLen * notes.length);
  notes.forEach((n, k) => {
    const f = scale[n]!;
    for (let i = 0; i < noteLen; i++) {
      const t = i / rate;
      const env = Math.exp(-4.5 * t) * Math.min(1, i / 40);
      const v = env * (0.7 * Math.sin(2 * Math.PI * f * t) + 0.25 * Math.sin(4 * Math.PI * f * t) + 0.05 * Math.sin(6 * Math.PI * f * t));
      data[k * noteLen + i] = Math.max(0, Math.min(255, Math.round(128 + 100 * v)));
    }
  });
  const h = Buffer.alloc(44);
  h.write('RIFF', 0);
  h.writeUInt32LE(36 + data.length, 4);
  h.write('WAVEfmt ', 8);
  h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20);
  h.writeUInt16LE(1, 22);
  h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate, 28);
  h.writeUInt16LE(1, 32);
  h.writeUInt16LE(8, 34);
  h.write('data', 36);
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

/**
 * Digital downloads demo: the first published Suara album gets its downloadable file, licence
 * and a preview. Runs BEFORE the orders demo, so the album bought there gets its entitlement.
 */
export async function seedDownloadsDemo(ctx: TenantCtx): Promise<void> {
  const album = (await listWorks(ctx, { line: 'suara', pageSize: 20 })).items.find((w) => w.status === 'published');
  if (!album) return;
  await uploadWorkFile(ctx, album.id, {
    kind: 'download',
    filename: `${album.title}.wav`,
    contentType: 'audio/wav',
    data: silenceWav(2),
    licenceTerms: 'Lisensi pribadi: boleh didengar dan disalin untuk perangkat sendiri; tidak boleh disebarkan ulang atau dipakai komersial tanpa izin koperasi.'
  });
  await uploadWorkFile(ctx, album.id, { kind: 'preview', filename: 'cuplikan.wav', contentType: 'audio/wav', data: melodyWav() });
}

/**
 * Events and production demo (after the orders demo): two paid tickets for the batik workshop,
 * one checked in; a production project with tasks, hours and material costs. ctx: the ketua.
 */
export async function seedProductionDemo(ctx: TenantCtx, coopSlug: string): Promise<void> {
  const members = (await listMembers(ctx, { status: 'active', pageSize: 200 })).items;
  const id = (name: string) => members.find((m) => m.fullName === name)?.id ?? members[0]!.id;
  const publicCtx: Ctx = { db: ctx.db, clock: ctx.clock, log: ctx.log, locale: 'id', actor: null };

  const workshop = (await listWorks(ctx, { line: 'agenda', pageSize: 20 })).items.find((w) => w.status === 'published');
  if (workshop) {
    const order = await checkout(publicCtx, coopSlug, { lines: [{ workId: workshop.id, quantity: 2 }], paymentMethod: 'cash', buyer: { name: 'Agus Prasetyo', email: 'agus@contoh.test' }, idempotencyKey: 'demo-order-workshop-tickets' });
    await withTenant(ctx.db, ctx.coopId, (trx) => applyPayment(trx, ctx.coopId, { orderId: order.orderId, method: 'cash', amount: order.total, reference: 'demo-kas-lokakarya', actor: ctx.actor }));
    const ticket = await withTenant(ctx.db, ctx.coopId, (trx) => trx.selectFrom('event_tickets').select('token').where('coop_id', '=', ctx.coopId).where('work_id', '=', workshop.id).orderBy('seat_no').executeTakeFirst());
    if (ticket) await checkInTicket(ctx, workshop.id, { token: ticket.token });
  }

  const album = (await listWorks(ctx, { line: 'suara', pageSize: 20 })).items.find((w) => w.status === 'published');
  const project = await createProject(ctx, {
    title: 'Rekaman Album Keroncong Kali Code',
    description: 'Rekaman, mixing dan pencetakan sampul album kolektif.',
    startsOn: new Date(Date.now() - 30 * 86_400_000).toISOString().slice(0, 10),
    workIds: album ? [album.id] : []
  });
  const withTask = await addTask(ctx, project.id, { title: 'Rekaman vokal dan biola', assigneeMemberId: id('Sri Wahyuni') });
  await addTask(ctx, project.id, { title: 'Desain sampul', assigneeMemberId: id('Dewi Lestari') });
  const day = (ago: number) => new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);
  await logWork(ctx, project.id, { memberId: id('Sri Wahyuni'), taskId: withTask.tasks[0]!.id, workedOn: day(20), minutes: 240, note: 'Sesi rekaman 1' });
  await logWork(ctx, project.id, { memberId: id('Sri Wahyuni'), taskId: withTask.tasks[0]!.id, workedOn: day(19), minutes: 180, note: 'Sesi rekaman 2' });
  await logWork(ctx, project.id, { memberId: id('Dewi Lestari'), workedOn: day(15), minutes: 150, note: 'Sketsa sampul' });
  await addCost(ctx, project.id, { description: 'Sewa mikrofon kondensor (2 hari)', amount: 400_000, incurredOn: day(20) });
  await addCost(ctx, project.id, { description: 'Senar biola', amount: 185_000, incurredOn: day(21), paidByMemberId: id('Sri Wahyuni') });
}
