import { Resvg } from '@resvg/resvg-js';
import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import QRCode from 'qrcode';
import type { TenantCtx } from '../kernel/context.js';
import { AppError } from '../kernel/errors.js';
import { t } from '../kernel/i18n.js';
import { getMember } from './get-member.js';
import { formatMemberNo, memberRecordUrl, type MemberView } from './model.js';
import { coopIdentity } from './store.js';
import { PDF_FONTS, renderPdf } from '../kernel/pdf.js';

/**
 * The member card: name, number, cooperative, status, join date, and a QR code with the
 * address of the member's record page, which a board member scans to open the record.
 * Fonts: Roboto as shipped inside the pdfmake npm package, so a fresh machine needs no
 * system fonts (the PNG is rendered from SVG by resvg with the same font files).
 */

export type CardData = {
  coopName: string;
  fullName: string;
  memberNo: string;
  status: string;
  joinedOn: string;
  url: string;
  labels: { title: string; number: string; status: string; joined: string; scan: string };
};

async function cardData(ctx: TenantCtx, memberId: string, origin: string): Promise<CardData> {
  const member: MemberView = await getMember(ctx, memberId);
  const coop = await coopIdentity(ctx.db, ctx.coopId);
  if (!coop) throw new AppError('NOT_FOUND');
  const l = ctx.locale;
  const joined = member.joinedOn
    ? new Intl.DateTimeFormat(l === 'en' ? 'en-GB' : 'id-ID', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${member.joinedOn}T00:00:00Z`))
    : '—';
  return {
    coopName: coop.name,
    fullName: member.fullName,
    memberNo: formatMemberNo(member.memberNo),
    status: t(l, `members.status.${member.status}`),
    joinedOn: joined,
    url: memberRecordUrl(origin, coop.slug, member.id),
    labels: {
      title: t(l, 'members.card').toUpperCase(),
      number: t(l, 'members.field.memberNo'),
      status: t(l, 'members.field.status'),
      joined: t(l, 'members.field.joinedOn'),
      scan: l === 'en' ? 'Scan to open the record' : 'Pindai untuk membuka data'
    }
  };
}

/** ID-1 card size (85.6 × 54 mm) in PDF points. */
const CARD_W = 242.65;
const CARD_H = 153.07;
const BROWN = '#7a4b1e';
const GOLD = '#e9c46a';

export async function renderCardPdf(d: CardData): Promise<Buffer> {
  const qr = await QRCode.toDataURL(d.url, { errorCorrectionLevel: 'M', margin: 1, scale: 8 });
  const doc: TDocumentDefinitions = {
    pageSize: { width: CARD_W, height: CARD_H },
    pageMargins: [12, 10, 12, 8],
    info: { title: `${d.labels.title} — ${d.fullName}`, creator: 'Lumbung' },
    defaultStyle: { font: 'Roboto', fontSize: 7.5, color: '#1f1a14' },
    background: () => ({
      canvas: [
        { type: 'rect', x: 0, y: 0, w: CARD_W, h: 30, color: BROWN },
        { type: 'rect', x: 0, y: 30, w: CARD_W, h: 2.5, color: GOLD }
      ]
    }),
    content: [
      { text: d.coopName, bold: true, fontSize: 9, color: '#ffffff' },
      { text: d.labels.title, fontSize: 6, color: '#ffffff', characterSpacing: 1 },
      {
        margin: [0, 10, 0, 0],
        columns: [
          {
            width: '*',
            stack: [
              { text: d.fullName, bold: true, fontSize: d.fullName.length > 26 ? 9 : 11, margin: [0, 0, 0, 5] },
              { text: d.labels.number, fontSize: 6, color: '#6b6258' },
              { text: d.memberNo, bold: true, fontSize: 12, margin: [0, 0, 0, 3] },
              { text: [{ text: `${d.labels.status}: `, color: '#6b6258' }, d.status] },
              { text: [{ text: `${d.labels.joined}: `, color: '#6b6258' }, d.joinedOn] }
            ]
          },
          { width: 78, stack: [{ image: qr, width: 76 }, { text: d.labels.scan, fontSize: 5, alignment: 'center', color: '#6b6258' }] }
        ],
        columnGap: 6
      }
    ]
  };
  return renderPdf(doc);
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function fit(s: string, max: number): string {
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

/** The card as an SVG (856 × 540 px, 10 px per mm), the source of the PNG. */
export async function renderCardSvg(d: CardData): Promise<string> {
  const qrSvg = await QRCode.toString(d.url, { type: 'svg', errorCorrectionLevel: 'M', margin: 0 });
  const viewBox = /viewBox="([^"]+)"/.exec(qrSvg)?.[1] ?? '0 0 33 33';
  const qrInner = qrSvg.replace(/^[\s\S]*?<svg[^>]*>/, '').replace(/<\/svg>\s*$/, '');
  const nameSize = d.fullName.length > 26 ? 30 : 38;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="856" height="540" viewBox="0 0 856 540" font-family="Roboto">
  <rect width="856" height="540" rx="28" fill="#fbf8f3"/>
  <path d="M0 28a28 28 0 0 1 28-28h800a28 28 0 0 1 28 28v78H0z" fill="${BROWN}"/>
  <rect y="106" width="856" height="9" fill="${GOLD}"/>
  <text x="40" y="58" font-size="32" font-weight="500" fill="#fff">${esc(fit(d.coopName, 40))}</text>
  <text x="40" y="90" font-size="20" letter-spacing="3" fill="#fff">${esc(d.labels.title)}</text>
  <text x="40" y="180" font-size="${nameSize}" font-weight="500" fill="#1f1a14">${esc(fit(d.fullName, 32))}</text>
  <text x="40" y="236" font-size="20" fill="#6b6258">${esc(d.labels.number)}</text>
  <text x="40" y="284" font-size="44" font-weight="500" fill="#1f1a14">${esc(d.memberNo)}</text>
  <text x="40" y="350" font-size="24" fill="#6b6258">${esc(d.labels.status)}: <tspan fill="#1f1a14">${esc(d.status)}</tspan></text>
  <text x="40" y="392" font-size="24" fill="#6b6258">${esc(d.labels.joined)}: <tspan fill="#1f1a14">${esc(d.joinedOn)}</tspan></text>
  <rect x="566" y="170" width="260" height="260" fill="#fff"/>
  <svg x="586" y="190" width="220" height="220" viewBox="${viewBox}">${qrInner}</svg>
  <text x="696" y="462" font-size="17" text-anchor="middle" fill="#6b6258">${esc(d.labels.scan)}</text>
</svg>`;
}

export async function renderCardPng(d: CardData): Promise<Buffer> {
  const svg = await renderCardSvg(d);
  const resvg = new Resvg(svg, {
    font: { fontFiles: Object.values(PDF_FONTS), loadSystemFonts: false, defaultFontFamily: 'Roboto' },
    fitTo: { mode: 'width', value: 856 },
    background: 'rgba(255,255,255,0)'
  });
  return Buffer.from(resvg.render().asPng());
}

/** The member card as a PDF (ID-1 card size); readable by the member themselves or members.read. */
export async function memberCardPdf(ctx: TenantCtx, memberId: string, origin: string): Promise<Buffer> {
  return renderCardPdf(await cardData(ctx, memberId, origin));
}

/** The member card as a PNG image (856 × 540 px). */
export async function memberCardPng(ctx: TenantCtx, memberId: string, origin: string): Promise<Buffer> {
  return renderCardPng(await cardData(ctx, memberId, origin));
}
