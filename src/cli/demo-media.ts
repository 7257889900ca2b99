import sharp from 'sharp';
import type { TenantCtx } from '../kernel/context.js';
import { listWorks } from '../catalogue/list-works.js';
import { getWork } from '../catalogue/get-work.js';
import { uploadWorkImage } from '../media/work-images.js';

/**
 * Demo photos, drawn at first start (no download): a picture per published work in the spirit
 * of its line — a batik cloth, a woodcut print, a silver figure, a book or zine cover, an album
 * sleeve, an event poster — rendered from SVG by sharp and uploaded through the same use case
 * as a phone photo (so they get the same variants, srcsets and stripped metadata).
 */
const W = 1600;
const H = 1200;

function hue(s: string): number {
  let h = 0;
  for (const c of s) h = (h * 31 + c.charCodeAt(0)) % 360;
  return h;
}

function esc(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

function batik(bg: string, ink: string): string {
  let motifs = '';
  for (let y = -100; y < H + 200; y += 160) {
    for (let x = -100; x < W + 200; x += 160) {
      // Parang: slanted rows of S-curves, with isen dots.
      motifs += `<path d="M${x} ${y + 120} q40 -80 80 -40 t80 -40" stroke="${ink}" stroke-width="18" fill="none" stroke-linecap="round"/>`;
      motifs += `<circle cx="${x + 40}" cy="${y + 40}" r="9" fill="${ink}"/><circle cx="${x + 120}" cy="${y + 110}" r="6" fill="${ink}" opacity=".7"/>`;
    }
  }
  return `<rect width="${W}" height="${H}" fill="${bg}"/><g transform="rotate(-35 ${W / 2} ${H / 2})">${motifs}</g>`;
}

function shirt(bg: string, ink: string, cloth: string): string {
  return `<rect width="${W}" height="${H}" fill="#efe9df"/>
    <defs><pattern id="p" width="90" height="90" patternUnits="userSpaceOnUse" patternTransform="rotate(-35)"><rect width="90" height="90" fill="${cloth}"/><path d="M0 70 q25 -50 45 -25 t45 -25" stroke="${ink}" stroke-width="11" fill="none"/><circle cx="22" cy="22" r="5" fill="${ink}"/></pattern></defs>
    <path d="M560 180 L700 130 Q800 200 900 130 L1040 180 L1300 360 L1190 520 L1080 450 L1080 1080 L520 1080 L520 450 L410 520 L300 360 Z" fill="url(#p)" stroke="${bg}" stroke-width="8"/>
    <path d="M700 130 Q800 240 900 130" fill="none" stroke="${bg}" stroke-width="14"/>`;
}

function print(bg: string, ink: string): string {
  let rays = '';
  for (let i = 0; i < 40; i++) rays += `<path d="M800 520 L${800 + Math.cos(i / 6.4) * 1400} ${520 + Math.sin(i / 6.4) * 1400}" stroke="${ink}" stroke-width="${4 + (i % 3) * 3}"/>`;
  return `<rect width="${W}" height="${H}" fill="${bg}"/>${rays}<circle cx="800" cy="520" r="210" fill="${bg}" stroke="${ink}" stroke-width="24"/>
    <path d="M0 900 Q400 760 800 900 T1600 880 L1600 1200 L0 1200 Z" fill="${ink}"/><path d="M0 1010 Q400 900 800 1010 T1600 990" stroke="${bg}" stroke-width="14" fill="none"/>`;
}

function silver(): string {
  return `<defs><radialGradient id="bg" cx=".5" cy=".35" r=".8"><stop offset="0" stop-color="#4a4f57"/><stop offset="1" stop-color="#111316"/></radialGradient>
    <linearGradient id="ag" x1="0" x2="1"><stop offset="0" stop-color="#8d939b"/><stop offset=".45" stop-color="#f4f6f8"/><stop offset="1" stop-color="#6f757d"/></linearGradient></defs>
    <rect width="${W}" height="${H}" fill="url(#bg)"/>
    <ellipse cx="800" cy="1060" rx="330" ry="46" fill="#000" opacity=".5"/>
    <path d="M700 1050 L720 760 Q640 700 660 560 Q690 430 800 420 Q910 430 940 560 Q960 700 880 760 L900 1050 Z" fill="url(#ag)"/>
    <circle cx="800" cy="330" r="95" fill="url(#ag)"/><path d="M690 300 Q800 160 910 300 Q800 250 690 300 Z" fill="#c9ced4"/>
    <path d="M660 560 Q520 600 560 760 L600 750 Q590 640 700 610 Z" fill="url(#ag)"/><path d="M940 560 Q1080 520 1120 380 L1080 370 Q1040 480 920 500 Z" fill="url(#ag)"/>
    <rect x="560" y="1040" width="480" height="40" rx="8" fill="#2a2d31"/>`;
}

function cover(bg: string, ink: string, title: string, sub: string, disc: boolean): string {
  const words = title.split(' ');
  const lines = [words.slice(0, Math.ceil(words.length / 2)).join(' '), words.slice(Math.ceil(words.length / 2)).join(' ')];
  return `<rect width="${W}" height="${H}" fill="#e9e4da"/>
    ${disc ? `<circle cx="1080" cy="600" r="470" fill="#151515"/><circle cx="1080" cy="600" r="150" fill="${ink}"/><circle cx="1080" cy="600" r="18" fill="#e9e4da"/>` : ''}
    <rect x="${disc ? 200 : 450}" y="130" width="${disc ? 940 : 700}" height="940" fill="${bg}"/>
    <g transform="translate(${disc ? 200 : 450} 130)">
      <circle cx="${disc ? 470 : 350}" cy="420" r="230" fill="${ink}" opacity=".85"/>
      <path d="M0 640 Q${disc ? 470 : 350} 520 ${disc ? 940 : 700} 660 L${disc ? 940 : 700} 940 L0 940 Z" fill="${ink}" opacity=".55"/>
      <text x="50" y="130" font-family="DejaVu Serif, serif" font-size="84" font-weight="bold" fill="#fffaf0">${esc(lines[0]!)}</text>
      <text x="50" y="225" font-family="DejaVu Serif, serif" font-size="84" font-weight="bold" fill="#fffaf0">${esc(lines[1]!)}</text>
      <text x="50" y="880" font-family="DejaVu Sans, sans-serif" font-size="40" fill="#fffaf0">${esc(sub)}</text>
    </g>`;
}

function poster(bg: string, ink: string, title: string): string {
  let lamps = '';
  for (let i = 0; i < 12; i++) lamps += `<circle cx="${100 + i * 130}" cy="${150 + (i % 2) * 40}" r="26" fill="#ffd27a"/>`;
  return `<rect width="${W}" height="${H}" fill="${bg}"/><path d="M0 150 Q800 260 1600 150" stroke="#222" stroke-width="4" fill="none"/>${lamps}
    <path d="M300 1200 L420 700 L560 1200 Z M1040 1200 L1180 760 L1300 1200 Z" fill="${ink}"/>
    <text x="800" y="560" text-anchor="middle" font-family="DejaVu Serif, serif" font-size="96" font-weight="bold" fill="#fffaf0">${esc(title)}</text>`;
}

export function demoArtwork(line: string, title: string, slug: string, variant?: 'indigo'): string {
  const h = hue(slug);
  const bg = `hsl(${h} 45% 28%)`;
  const ink = `hsl(${(h + 35) % 360} 60% 62%)`;
  let body: string;
  if (line === 'busana') body = /kemeja/.test(slug) ? shirt(bg, variant ? '#1d2f5e' : '#3b2412', variant ? '#9fb3d9' : '#c9955a') : shirt(bg, '#f4efe6', '#2b2b2b');
  else if (line === 'rupa') body = /perak/.test(slug) ? silver() : print('#efe4cc', '#231a12');
  else if (line === 'suara') body = cover(bg, ink, title, 'Koperasi Lumbung Sari', true);
  else if (line === 'aksara') body = cover(bg, ink, title, 'Penerbit Lumbung Sari', false);
  else body = /membatik/.test(slug) ? batik('#f1e3c6', '#5b3416') : poster(bg, ink, title);
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}">${body}</svg>`;
}

async function jpeg(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg)).jpeg({ quality: 88 }).toBuffer();
}

const ALT: Record<string, string> = {
  suara: 'Sampul album "{t}"',
  rupa: 'Foto karya "{t}"',
  aksara: 'Sampul buku "{t}"',
  busana: '"{t}", tampak depan',
  agenda: 'Poster acara "{t}"'
};

export async function seedMediaDemo(ctx: TenantCtx): Promise<void> {
  const works = (await listWorks(ctx, { pageSize: 50 })).items.filter((w) => w.status === 'published');
  for (const w of works) {
    await uploadWorkImage(ctx, w.id, { data: await jpeg(demoArtwork(w.productLine, w.title, w.slug)), alt: ALT[w.productLine]!.replace('{t}', w.title) });
    if (w.productLine === 'busana' && /kemeja/.test(w.slug)) {
      const indigo = (await getWork(ctx, w.id)).variants.find((v) => /indigo/i.test(v.colour));
      if (indigo) await uploadWorkImage(ctx, w.id, { data: await jpeg(demoArtwork(w.productLine, w.title, w.slug, 'indigo')), alt: `"${w.title}" warna indigo`, variantId: indigo.id });
    }
  }
}
