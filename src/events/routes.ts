import { z } from 'zod';
import type { App } from '../server/types.js';
import { errorResponses, ZCoopParams } from '../server/schemas.js';
import { enterCoop } from '../server/tenant-context.js';
import { listEvents } from './list-events.js';
import { getAttendance } from './get-attendance.js';
import { checkInTicket } from './check-in.js';
import { setEventSettings } from './set-event-settings.js';
import { registerForEvent } from './register-for-event.js';
import { joinWaitlist } from './join-waitlist.js';
import { getTicket } from './get-ticket.js';
import { cancelRegistration } from './cancel-registration.js';

const ZWorkParams = ZCoopParams.extend({ workId: z.uuid() });
const ZPublicEventParams = z.object({ slug: z.string().min(1).max(64), workSlug: z.string().min(1).max(80) });
const ZTicketParams = z.object({ slug: z.string().min(1).max(64), token: z.string().min(1).max(120) });

const ZEventSummary = z.object({
  workId: z.string(),
  title: z.string(),
  slug: z.string(),
  status: z.string(),
  startsAt: z.string().nullable(),
  venue: z.string().nullable(),
  capacity: z.number(),
  seatsTaken: z.number(),
  freeRegistration: z.boolean(),
  ticketsSold: z.number(),
  checkedIn: z.number(),
  waiting: z.number()
});
const ZAttendance = z.object({
  workId: z.string(),
  title: z.string(),
  startsAt: z.string().nullable(),
  venue: z.string().nullable(),
  capacity: z.number(),
  seatsTaken: z.number(),
  ticketsSold: z.number(),
  attendees: z.number(),
  noShows: z.number(),
  duplicateScans: z.number(),
  waiting: z.number(),
  tickets: z.array(z.object({ id: z.string(), seatNo: z.number(), holderName: z.string(), holderEmail: z.string(), checkedInAt: z.string().nullable() }))
});
const ZCheckIn = z.object({ result: z.string(), holderName: z.string().nullable(), seatNo: z.number().nullable(), eventTitle: z.string().nullable(), checkedInAt: z.string().nullable() });
const ZTicket = z.object({
  coop: z.object({ slug: z.string(), name: z.string() }),
  event: z.object({ title: z.string(), slug: z.string(), startsAt: z.string().nullable(), venue: z.string().nullable() }),
  holderName: z.string(),
  seatNo: z.number(),
  status: z.enum(['valid', 'void']),
  checkedInAt: z.string().nullable(),
  cancellable: z.boolean(),
  token: z.string(),
  qrSvg: z.string()
});

export async function eventsRoutes(api: App): Promise<void> {
  api.get(
    '/coops/:coopId/events',
    { schema: { tags: ['events'], summary: 'Daftar acara (lini Agenda) dengan tempat, tiket, kehadiran, antrean', params: ZCoopParams, response: { 200: z.object({ items: z.array(ZEventSummary) }), ...errorResponses } } },
    async (req) => ({ items: await listEvents(await enterCoop(req.ctx, req.auth, req.params.coopId)) })
  );
  api.get(
    '/coops/:coopId/events/:workId/attendance',
    { schema: { tags: ['events'], summary: 'Laporan kehadiran: hadir (tiket berbeda) + tidak datang = tiket terjual', params: ZWorkParams, response: { 200: ZAttendance, ...errorResponses } } },
    async (req) => getAttendance(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.workId)
  );
  api.put(
    '/coops/:coopId/events/:workId/settings',
    { schema: { tags: ['events'], summary: 'Membuka/menutup pendaftaran gratis sebuah acara', params: ZWorkParams, body: z.object({ freeRegistration: z.boolean() }), response: { 200: z.object({ freeRegistration: z.boolean() }), ...errorResponses } } },
    async (req) => setEventSettings(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.workId, req.body)
  );
  api.post(
    '/coops/:coopId/events/:workId/check-in',
    { schema: { tags: ['events'], summary: 'Memindai tiket di pintu (pengurus/staf); pindaian kedua ditolak (409) dan dicatat', params: ZWorkParams, body: z.object({ token: z.string() }), response: { 200: ZCheckIn, ...errorResponses } } },
    async (req) => checkInTicket(await enterCoop(req.ctx, req.auth, req.params.coopId), req.params.workId, req.body)
  );

  api.post(
    '/public/coops/:slug/events/:workSlug/registrations',
    {
      schema: {
        tags: ['events'],
        summary: 'Pendaftaran gratis (acara gratis/komunitas): tiket langsung terbit; penuh → 409 EVENT_FULL (tawarkan antrean)',
        params: ZPublicEventParams,
        body: z.object({ name: z.string(), email: z.string(), quantity: z.number().optional() }),
        response: { 201: z.object({ registrationId: z.string(), tokens: z.array(z.string()) }), ...errorResponses }
      }
    },
    async (req, reply) => reply.status(201).send(await registerForEvent(req.ctx, req.params.slug, req.params.workSlug, req.body))
  );
  api.post(
    '/public/coops/:slug/events/:workSlug/waitlist',
    {
      schema: {
        tags: ['events'],
        summary: 'Masuk antrean acara (FIFO)',
        params: ZPublicEventParams,
        body: z.object({ name: z.string(), email: z.string(), quantity: z.number().optional() }),
        response: { 201: z.object({ position: z.number() }), ...errorResponses }
      }
    },
    async (req, reply) => reply.status(201).send(await joinWaitlist(req.ctx, req.params.slug, req.params.workSlug, req.body))
  );
  api.get(
    '/public/coops/:slug/tickets/:token',
    { schema: { tags: ['events'], summary: 'Tiket (kode QR) bagi pemegang tokennya', params: ZTicketParams, response: { 200: ZTicket, ...errorResponses } } },
    async (req) => getTicket(req.ctx, req.params.slug, req.params.token)
  );
  api.post(
    '/public/coops/:slug/tickets/:token/cancel',
    { schema: { tags: ['events'], summary: 'Membatalkan pendaftaran gratis; tempat diberikan ke antrean tertua', params: ZTicketParams, response: { 200: z.object({ cancelled: z.boolean() }), ...errorResponses } } },
    async (req) => cancelRegistration(req.ctx, req.params.slug, req.params.token)
  );
}
