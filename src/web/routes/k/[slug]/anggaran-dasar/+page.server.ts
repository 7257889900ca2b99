import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { tenantFor } from '$lib/server/tenant';
import { failWith, formObject } from '$lib/server/forms';
import { formFieldOf, rulesFromForm, rulesToForm, surplusRowCount } from '$lib/charters/form';
import { AppError, isAppError } from '../../../../../kernel/errors.js';
import { can } from '../../../../../kernel/permissions.js';
import { adoptCharter } from '../../../../../charters/adopt-charter.js';
import { getCharter } from '../../../../../charters/get-charter.js';
import { listCharterVersions } from '../../../../../charters/list-charter-versions.js';
import { listCharterTemplates } from '../../../../../charters/list-charter-templates.js';
import { KNOWN_SURPLUS_KEYS, RULE_KEYS } from '../../../../../charters/model.js';
import { presentRules, ruleTitle } from '../../../../../charters/present.js';
import { defaultTemplateFor, getTemplate, templateRules } from '../../../../../charters/templates.js';
import type { CoopType } from '../../../../../db/schema.js';

/** A changed rule path ('membership.max', 'surplus.components') as the title of its rule. */
function changedTitles(locale: 'id' | 'en', paths: string[]): string[] {
  const titles = new Set<string>();
  for (const p of paths) {
    const key = RULE_KEYS.find((k) => p === k || p.startsWith(`${k}.`)) ?? RULE_KEYS.find((k) => k.startsWith(`${p.split('.')[0]}`));
    titles.add(key ? ruleTitle(locale, key) : p);
  }
  return [...titles];
}

export const load: PageServerLoad = async (event) => {
  const ctx = await tenantFor(event);
  const locale = ctx.locale;
  const [charter, versions, parent] = await Promise.all([getCharter(ctx), listCharterVersions(ctx), event.parent()]);
  const templates = listCharterTemplates();
  const mayWrite = can(ctx, 'charter.write');

  // The form starts from a template when one was chosen, else from the charter in force
  // (or, with no charter yet, from the default template of the cooperative's type).
  const chosen = mayWrite ? getTemplate(event.url.searchParams.get('templat') ?? '') : null;
  const startTemplate = chosen ?? (charter ? null : getTemplate(defaultTemplateFor(parent.coop.coop_type as CoopType)));
  const formRules = startTemplate ? templateRules(startTemplate.key) : charter!.rules;
  const currentTemplate = charter ? getTemplate(charter.template) : null;

  return {
    charter: charter && {
      version: charter.version,
      templateName: charter.templateName?.[locale] ?? null,
      matchesTemplate: charter.matchesTemplate,
      note: charter.note,
      adoptedAt: charter.adoptedAt,
      adoptedBy: charter.adoptedBy?.name ?? null,
      rules: presentRules(locale, charter.rules)
    },
    sources: currentTemplate?.sources ?? [],
    versions: versions.map((v) => ({
      version: v.version,
      adoptedAt: v.adoptedAt,
      adoptedBy: v.adoptedBy?.name ?? null,
      note: v.note,
      templateName: v.templateName?.[locale] ?? null,
      templateChanged: v.templateChanged,
      changed: changedTitles(locale, v.changed)
    })),
    templates: templates.map((tpl) => ({ key: tpl.key, name: tpl.name[locale], description: tpl.description[locale] })),
    mayWrite,
    loadedTemplate: chosen ? { key: chosen.key, name: chosen.name[locale] } : null,
    form: mayWrite
      ? {
          template: (startTemplate?.key ?? charter?.template ?? '') as string,
          baseVersion: charter?.version ?? 0,
          values: rulesToForm(formRules)
        }
      : null,
    surplusKeys: [...KNOWN_SURPLUS_KEYS],
    adopted: Number(event.url.searchParams.get('diterapkan')) || null
  };
};

export const actions: Actions = {
  default: async (event) => {
    const ctx = await tenantFor(event);
    const values = formObject(await event.request.formData());
    const parsed = rulesFromForm(values);
    const template = typeof values.template === 'string' && values.template !== 'custom' ? values.template : undefined;
    const baseVersion = /^\d+$/.test(String(values.baseVersion ?? '')) ? Number(values.baseVersion) : undefined;
    const echo = { ...values, surplusRows: String(surplusRowCount(values as Record<string, string>)) };
    let version: number;
    try {
      const adopted = await adoptCharter(ctx, { template, rules: parsed.rules, note: typeof values.note === 'string' ? values.note : undefined, baseVersion });
      version = adopted.version;
    } catch (err) {
      if (!isAppError(err)) throw err;
      // Issues the form itself found (a percentage typed wrongly) win over the use case's for the same field.
      const own = new Map(parsed.issues.map((f) => [f.field, f]));
      const fields = err.fields.map((f) => ({ ...f, field: formFieldOf(f.field, parsed.surplusRowOf) }));
      const merged = [...parsed.issues, ...fields.filter((f) => !own.has(f.field))];
      return failWith(ctx.locale, new AppError(err.code, { params: err.params, fields: merged }), echo);
    }
    redirect(303, `/k/${event.params.slug}/anggaran-dasar?diterapkan=${version}`);
  }
};
