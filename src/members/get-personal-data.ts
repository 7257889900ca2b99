import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { recordAudit } from '../audit/record-audit.js';
import { withTenant, type Tx } from '../db/tenant.js';
import type { Ctx, TenantCtx } from '../kernel/context.js';
import { jakartaDate } from '../kernel/clock.js';
import { AppError } from '../kernel/errors.js';
import { t, type Locale } from '../kernel/i18n.js';
import { requirePermission } from '../kernel/permissions.js';
import { renderPdf } from '../kernel/pdf.js';
import { formatMemberNo, toMemberView, type MemberRow, type MemberView } from './model.js';
import { personalDataOf, type PersonalDataSections } from './privacy-store.js';
import { coopIdentity, findMember, findMemberByAccount } from './store.js';

/** Everything the cooperative holds about one person (UU 27/2022 art. 7: the subject's right of access), decision 0106. */
export type PersonalData = {
  format: 'lumbung.personal-data.v1';
  generatedAt: string;
  coop: { id: string; slug: string; name: string };
  member: MemberView;
  account: { name: string; email: string | null; phone: string | null } | null;
} & PersonalDataSections;

async function collect(trx: Tx, ctx: Pick<TenantCtx, 'coopId' | 'actor' | 'clock'>, row: MemberRow, by: 'self' | 'officer'): Promise<PersonalData> {
  const coop = await coopIdentity(trx, ctx.coopId);
  if (!coop) throw new AppError('NOT_FOUND');
  const account = row.account_id
    ? ((await trx.selectFrom('accounts').select(['name', 'email', 'phone']).where('id', '=', row.account_id).executeTakeFirst()) ?? null)
    : null;
  // The download itself is a line about them (written before reading, so it is in the file too).
  await recordAudit(trx, ctx, { action: 'member.personal.export', entity: 'member', entityId: row.id, after: { by } });
  const sections = await personalDataOf(trx, ctx.coopId, row.id, row.account_id);
  return {
    format: 'lumbung.personal-data.v1',
    generatedAt: ctx.clock.now().toISOString(),
    coop: { id: coop.id, slug: coop.slug, name: coop.name },
    member: toMemberView(row, jakartaDate(ctx.clock.now())),
    account,
    ...sections
  };
}

/** The signed-in person's own data in a cooperative, also after they left (no role needed, like applying). */
export async function getOwnPersonalData(ctx: Ctx & { coopId: string }): Promise<PersonalData> {
  const actor = ctx.actor;
  if (!actor) throw new AppError('UNAUTHENTICATED');
  if (!/^[0-9a-f-]{36}$/i.test(ctx.coopId)) throw new AppError('NOT_FOUND');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const row = await findMemberByAccount(trx, ctx.coopId, actor.accountId);
    if (!row) throw new AppError('MEMBER_NOT_FOUND');
    return collect(trx, { ...ctx, actor }, row, 'self');
  });
}

/** A member's data for the officers who keep the register (a request made on paper, or for a member without an account); audited. */
export async function getMemberPersonalData(ctx: TenantCtx, memberId: string): Promise<PersonalData> {
  requirePermission(ctx, 'members.personal');
  if (!/^[0-9a-f-]{36}$/i.test(memberId)) throw new AppError('MEMBER_NOT_FOUND');
  return withTenant(ctx.db, ctx.coopId, async (trx) => {
    const row = await findMember(trx, ctx.coopId, memberId);
    if (!row) throw new AppError('MEMBER_NOT_FOUND');
    return collect(trx, ctx, row, 'officer');
  });
}

const cell = (v: unknown): string => {
  if (v === null || v === undefined || v === '') return '—';
  if (v instanceof Date) return v.toISOString().slice(0, 16).replace('T', ' ');
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
};

function table(rows: Record<string, unknown>[]): Content {
  if (rows.length === 0) return { text: '—', margin: [0, 0, 0, 6] };
  const keys = Object.keys(rows[0]!);
  return {
    table: { headerRows: 1, widths: keys.map(() => '*'), body: [keys.map((k) => ({ text: k, bold: true })), ...rows.map((r) => keys.map((k) => cell(r[k])))] },
    layout: 'lightHorizontalLines',
    fontSize: 6,
    margin: [0, 0, 0, 8]
  };
}

/** The same data as a PDF to read and keep; the JSON is the complete, machine-readable copy. */
export async function personalDataPdf(data: PersonalData, locale: Locale): Promise<Buffer> {
  const tr = (k: string, p?: Record<string, unknown>) => t(locale, k, p);
  const m = data.member;
  const h = (key: string): Content => ({ text: tr(`privacy.section.${key}`), style: 'h2' });
  const memberRows: [string, unknown][] = Object.entries(m).filter(([k]) => k !== 'id');
  const content: Content[] = [
    { text: tr('privacy.pdfTitle'), style: 'h1' },
    { text: `${data.coop.name} · ${m.fullName} · ${formatMemberNo(m.memberNo)}`, bold: true },
    { text: tr('privacy.pdfIntro', { at: data.generatedAt.slice(0, 16).replace('T', ' ') }), fontSize: 8, margin: [0, 2, 0, 8] },
    h('member'),
    { table: { widths: [110, '*'], body: memberRows.map(([k, v]) => [k, cell(v)]) }, layout: 'noBorders', fontSize: 8, margin: [0, 0, 0, 8] },
    ...(data.account ? [table([data.account])] : []),
    h('statusHistory'),
    table(data.statusHistory),
    table(data.membershipPeriods),
    h('capital'),
    table([data.capital.balance]),
    table(data.capital.movements),
    h('businessVolume'),
    table(data.businessVolume),
    h('shu'),
    table(data.shu.shares),
    table(data.shu.payments),
    h('orders'),
    table(data.orders),
    h('payouts'),
    table(data.payouts),
    h('governance'),
    table(data.governance.meetingAttendance),
    table(data.governance.voteParticipation),
    table(data.governance.openVotes),
    table(data.governance.positions),
    table(data.governance.comments),
    h('events'),
    table(data.events.registrations),
    table(data.events.waitlist),
    h('workCredits'),
    table(data.workCredits),
    h('productionWork'),
    table(data.productionWork),
    h('invitations'),
    table(data.invitations),
    h('erasureRequest'),
    table(data.erasureRequest ? [data.erasureRequest] : []),
    h('auditLines'),
    table(data.auditLines)
  ];
  const doc: TDocumentDefinitions = {
    pageSize: 'A4',
    pageMargins: [32, 32, 32, 32],
    info: { title: `${tr('privacy.pdfTitle')} — ${m.fullName}` },
    content,
    styles: { h1: { fontSize: 14, bold: true, margin: [0, 0, 0, 4] }, h2: { fontSize: 10, bold: true, margin: [0, 6, 0, 3] } },
    defaultStyle: { fontSize: 9 }
  };
  return renderPdf(doc);
}
