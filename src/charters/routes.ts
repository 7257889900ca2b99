import { z } from 'zod';
import { COOP_TYPES } from '../coops/model.js';
import { AppError } from '../kernel/errors.js';
import type { App } from '../server/types.js';
import { errorResponses, ZCoopParams } from '../server/schemas.js';
import { enterCoop } from '../server/tenant-context.js';
import { adoptCharter } from './adopt-charter.js';
import { getCharter } from './get-charter.js';
import { getCompliance } from './get-compliance.js';
import { listCharterTemplates } from './list-charter-templates.js';
import { listCharterVersions } from './list-charter-versions.js';
import { RULE_KEYS, ZCharterRulesShape, ZTemplateKey } from './model.js';
import { presentCompliance } from './present.js';

const ZText = z.object({ id: z.string(), en: z.string() });

const ZCharter = z.object({
  version: z.number().int(),
  template: z.string().meta({ description: "Template the charter is based on, or 'custom'" }),
  templateName: ZText.nullable(),
  matchesTemplate: z.boolean(),
  rules: ZCharterRulesShape,
  note: z.string().nullable(),
  adoptedAt: z.string(),
  adoptedBy: z.object({ accountId: z.string(), name: z.string() }).nullable()
});

const ZCharterVersion = ZCharter.extend({
  changed: z.array(z.string()).meta({ description: 'Rule paths changed since the previous version' }),
  templateChanged: z.boolean()
});

const ZTemplate = z.object({
  key: ZTemplateKey,
  name: z.string(),
  description: z.string(),
  names: z.object({ name: ZText, description: ZText }),
  defaultFor: z.array(z.enum(COOP_TYPES)),
  rules: ZCharterRulesShape,
  sources: z.array(z.object({ rules: z.array(z.string()), ref: z.string(), text: z.string() }))
});

const ZMessage = z.object({ key: z.string(), params: z.record(z.string(), z.unknown()), text: z.string() });

const ZComplianceItem = z.object({
  ruleKey: z.enum(RULE_KEYS),
  status: z.enum(['pass', 'fail', 'pending']),
  statusText: z.string(),
  title: z.string(),
  rule: ZMessage,
  evidence: ZMessage,
  awaits: z.enum(['members', 'governance', 'capital', 'business', 'surplus', 'settings', 'education']).optional()
});

const ZCompliance = z.object({
  charterVersion: z.number().int().nullable(),
  asOf: z.string(),
  summary: z.object({ pass: z.number().int(), fail: z.number().int(), pending: z.number().int() }),
  items: z.array(ZComplianceItem)
});

// The body is checked by the use case, which reports every bad field of the rules at once
// (including cross-field rules); the response schema documents the full shape of the rules.
const ZAdoptCharterBody = z.object({
  template: z.string().optional().meta({ description: `One of ${ZTemplateKey.options.join(', ')}. Without rules: adopt the template's rules as they are.` }),
  rules: z.record(z.string(), z.unknown()).optional().meta({ description: 'The whole rule set, shaped like `rules` in GET …/charter' }),
  note: z.string().optional().meta({ description: "Why, by which decision (e.g. 'Keputusan RAT 2025 No. 3'); 3–1000 characters" }),
  baseVersion: z.number().optional().meta({ description: 'The version this change was made against; answers 409 if another version was adopted since' })
});

export async function charterRoutes(api: App): Promise<void> {
  api.get(
    '/charter-templates',
    {
      schema: {
        tags: ['charters'],
        summary: 'Templat anggaran dasar (charter templates) dengan aturan dan sumbernya',
        response: { 200: z.object({ items: z.array(ZTemplate) }), ...errorResponses }
      }
    },
    async (req) => ({
      items: listCharterTemplates().map((t) => ({
        key: t.key,
        name: t.name[req.locale],
        description: t.description[req.locale],
        names: { name: t.name, description: t.description },
        defaultFor: t.defaultFor,
        rules: t.rules,
        sources: t.sources
      }))
    })
  );

  api.get(
    '/coops/:coopId/charter',
    {
      schema: {
        tags: ['charters'],
        summary: 'Anggaran dasar yang berlaku (versi terbaru)',
        params: ZCoopParams,
        response: { 200: ZCharter, ...errorResponses }
      }
    },
    async (req) => {
      const ctx = await enterCoop(req.ctx, req.auth, req.params.coopId);
      const charter = await getCharter(ctx);
      if (!charter) throw new AppError('NOT_FOUND');
      return charter;
    }
  );

  api.get(
    '/coops/:coopId/charter/versions',
    {
      schema: {
        tags: ['charters'],
        summary: 'Riwayat versi anggaran dasar: siapa, kapan, aturan apa yang berubah',
        params: ZCoopParams,
        response: { 200: z.object({ items: z.array(ZCharterVersion) }), ...errorResponses }
      }
    },
    async (req) => {
      const ctx = await enterCoop(req.ctx, req.auth, req.params.coopId);
      return { items: await listCharterVersions(ctx) };
    }
  );

  api.post(
    '/coops/:coopId/charter',
    {
      schema: {
        tags: ['charters'],
        summary: 'Menetapkan versi baru anggaran dasar (ketua, sekretaris)',
        params: ZCoopParams,
        body: ZAdoptCharterBody,
        response: { 201: ZCharter, ...errorResponses }
      }
    },
    async (req, reply) => {
      const ctx = await enterCoop(req.ctx, req.auth, req.params.coopId);
      const charter = await adoptCharter(ctx, req.body);
      return reply.status(201).send(charter);
    }
  );

  api.get(
    '/coops/:coopId/compliance',
    {
      schema: {
        tags: ['charters'],
        summary: 'Kepatuhan pada anggaran dasar: tiap aturan terpenuhi / tidak / belum terukur, dengan buktinya',
        params: ZCoopParams,
        response: { 200: ZCompliance, ...errorResponses }
      }
    },
    async (req) => {
      const ctx = await enterCoop(req.ctx, req.auth, req.params.coopId);
      const report = await getCompliance(ctx);
      return {
        charterVersion: report.charterVersion,
        asOf: report.asOf,
        summary: report.summary,
        items: presentCompliance(req.locale, report.items).map((i) => ({
          ruleKey: i.ruleKey,
          status: i.status,
          statusText: i.statusText,
          title: i.title,
          rule: { ...i.rule, text: i.ruleText },
          evidence: { ...i.evidence, text: i.evidenceText },
          ...(i.awaits ? { awaits: i.awaits } : {})
        }))
      };
    }
  );
}
