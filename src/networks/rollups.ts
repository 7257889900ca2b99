import { z } from 'zod';
import type { Ctx } from '../kernel/context.js';
import { jakartaDate } from '../kernel/clock.js';
import { parseInput } from '../kernel/validation.js';
import { regionByCode } from '../regions/model.js';

/**
 * The public regional dashboards: read from region_rollups only (kept by each opted-in coop's
 * changes, figures.ts) — one statement per view, never a scan of the coops' own rows.
 */

export type RollupRow = { level: string; code: string; name: string; coops: number; members: number; women: number; youth: number; capital: number; turnover: number; shu: number; trade: number; ratHeld: number };
export type RollupView = { year: number; level: 'instance' | 'province'; code: string; name: string; total: RollupRow | null; children: RollupRow[] };

const ZRollupRequest = z.object({ year: z.coerce.number().int().min(2000).max(2100).optional(), province: z.string().regex(/^[0-9]{2}$/).optional() });

type Row = { level: string; region_code: string; coops: number; members: number; women: number; youth: number; capital: number; turnover: number; shu: number; trade: number; rat_on_time: number };

async function toRow(r: Row): Promise<RollupRow> {
  const name = r.level === 'instance' ? 'Indonesia' : ((await regionByCode(r.region_code))?.name ?? r.region_code);
  return { level: r.level, code: r.region_code, name, coops: r.coops, members: Number(r.members), women: Number(r.women), youth: Number(r.youth), capital: Number(r.capital), turnover: Number(r.turnover), shu: Number(r.shu), trade: Number(r.trade), ratHeld: r.rat_on_time };
}

/** The instance with its provinces, or one province with its regencies. */
export async function getRollups(ctx: Ctx, input: unknown = {}): Promise<RollupView> {
  const p = parseInput(ZRollupRequest, input ?? {});
  const year = p.year ?? Number(jakartaDate(ctx.clock.now()).slice(0, 4));
  const parent = p.province ? { level: 'province' as const, code: p.province } : { level: 'instance' as const, code: '' };
  const rows = (await ctx.db
    .selectFrom('region_rollups')
    .select(['level', 'region_code', 'coops', 'members', 'women', 'youth', 'capital', 'turnover', 'shu', 'trade', 'rat_on_time'])
    .where('year', '=', year)
    .where((eb) =>
      parent.level === 'instance'
        ? eb.or([eb('level', '=', 'instance'), eb('level', '=', 'province')])
        : eb.or([eb.and([eb('level', '=', 'province'), eb('region_code', '=', parent.code)]), eb.and([eb('level', '=', 'regency'), eb('region_code', 'like', `${parent.code}.%`)])])
    )
    .orderBy('region_code')
    .execute()) as Row[];
  const totalRow = rows.find((r) => r.level === parent.level);
  const children: RollupRow[] = [];
  for (const r of rows.filter((x) => x.level !== parent.level && x.coops > 0)) children.push(await toRow(r));
  return {
    year,
    level: parent.level,
    code: parent.code,
    name: parent.level === 'instance' ? 'Indonesia' : ((await regionByCode(parent.code))?.name ?? parent.code),
    total: totalRow && totalRow.coops > 0 ? await toRow(totalRow) : null,
    children
  };
}

/** The columns of the Ministry's data collection that the per-coop export already has, summed per region. */
export const ROLLUP_CSV_COLUMNS = ['tahun_buku', 'tingkat', 'kode_wilayah', 'nama_wilayah', 'jumlah_koperasi', 'jumlah_anggota', 'anggota_perempuan', 'anggota_pemuda', 'modal_anggota', 'volume_usaha', 'shu_tahun_berjalan', 'perdagangan_antar_koperasi', 'koperasi_sudah_rat'] as const;

const cell = (v: string | number) => {
  const s = String(v);
  return /[",\n;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

export function rollupCsv(view: RollupView): string {
  const rows = [...(view.total ? [view.total] : []), ...view.children];
  const out = [ROLLUP_CSV_COLUMNS.join(',')];
  for (const r of rows) out.push([view.year, r.level, r.code, r.name, r.coops, r.members, r.women, r.youth, r.capital, r.turnover, r.shu, r.trade, r.ratHeld].map(cell).join(','));
  return out.join('\r\n') + '\r\n';
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A horizontal bar chart as SVG text, drawn on the server (no script, no inline style): one bar
 * per region, women as the darker part of the members' bar; widths in whole units of a 300-wide
 * plot. Classes are styled by app.css; the numbers are also in the table beside it.
 */
export function rollupSvg(rows: readonly RollupRow[], title: string): string {
  const max = Math.max(1, ...rows.map((r) => r.members));
  const rowH = 28;
  const h = Math.max(1, rows.length) * rowH + 8;
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 360 ${h}" role="img" aria-label="${esc(title)}" class="rollup-chart"><title>${esc(title)}</title>`];
  rows.forEach((r, i) => {
    const y = i * rowH + 4;
    const w = Math.round((r.members * 200) / max);
    const wf = Math.round((r.women * 200) / max);
    parts.push(
      `<text x="0" y="${y + 16}" class="rollup-label">${esc(r.name.slice(0, 18))}</text>`,
      `<rect x="110" y="${y + 4}" width="${w}" height="16" class="rollup-bar"/>`,
      `<rect x="110" y="${y + 4}" width="${wf}" height="16" class="rollup-bar-women"/>`,
      `<text x="${114 + w}" y="${y + 16}" class="rollup-value">${r.members}</text>`
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
