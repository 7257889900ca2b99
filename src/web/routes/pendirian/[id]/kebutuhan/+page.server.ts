import type { Actions, PageServerLoad } from './$types';
import { failWith } from '$lib/server/forms';
import { groupFor } from '$lib/server/founding';
import { t } from '$core/kernel/i18n.js';
import { getGroup } from '$core/founding/group.js';
import { getNeedsMap, getOwnSurvey, saveOwnSurvey } from '$core/founding/needs.js';
import { needsChartSvg, MAX_NEEDS_PER_FOUNDER, NEED_CATEGORIES } from '$core/founding/model.js';

/** Rows on the form: the founder's answers and empty rows to add more (no JavaScript needed). */
const ROWS = 6;

export const load: PageServerLoad = async (event) => {
  const ctx = await groupFor(event);
  const [group, mine, map] = await Promise.all([getGroup(ctx), getOwnSurvey(ctx), getNeedsMap(ctx)]);
  const labels = { households: t(ctx.locale, 'founding.households'), perMonth: t(ctx.locale, 'founding.perMonth'), categories: Object.fromEntries(NEED_CATEGORIES.map((c) => [c, t(ctx.locale, `founding.cat.${c}`)])) as Record<(typeof NEED_CATEGORIES)[number], string> };
  const rows = Math.min(MAX_NEEDS_PER_FOUNDER, Math.max(ROWS, mine.length + 2));
  return { group: { coopId: group.coopId, name: group.name }, mine, rows, map, chart: map.items.length ? needsChartSvg(map, labels) : null };
};

export const actions: Actions = {
  default: async (event) => {
    const ctx = await groupFor(event);
    const form = await event.request.formData();
    const raw: Record<string, string>[] = [];
    for (let i = 0; i < MAX_NEEDS_PER_FOUNDER; i++) {
      const item = String(form.get(`item_${i}`) ?? '').trim();
      const spend = String(form.get(`spend_${i}`) ?? '').trim().replace(/\./g, '');
      if (!item && !spend) continue;
      raw.push({ row: String(i), category: String(form.get(`category_${i}`) ?? ''), item, frequency: String(form.get(`frequency_${i}`) ?? ''), monthlySpend: spend || '0' });
    }
    try {
      await saveOwnSurvey(ctx, { needs: raw.map(({ row: _row, ...n }) => n) });
      return { saved: true };
    } catch (err) {
      // Field errors name needs.N.field; the form names its row i: translate back.
      const failed = failWith(ctx.locale, err, Object.fromEntries([...form.entries()].map(([k, v]) => [k, String(v)])));
      const fe = failed.data.fieldErrors as Record<string, string>;
      for (const key of Object.keys(fe)) {
        const m = /^needs\.(\d+)\.(\w+)$/.exec(key);
        if (m) fe[`${m[2]}_${raw[Number(m[1])]?.row}`] = fe[key]!;
      }
      return failed;
    }
  }
};
