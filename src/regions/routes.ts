import { z } from 'zod';
import type { App } from '../server/types.js';
import { errorResponses } from '../server/schemas.js';
import { AppError } from '../kernel/errors.js';
import { levelOf, regionByCode, regionChildren, regionKind, REGION_DATASET } from './model.js';

export async function regionRoutes(api: App): Promise<void> {
  api.get(
    '/regions',
    {
      schema: {
        tags: ['regions'],
        summary: 'Wilayah di bawah satu kode (provinsi bila kosong), untuk pemilih alamat; data Kemendagri',
        querystring: z.object({ parent: z.string().max(13).optional() }),
        response: {
          200: z.object({ dataset: z.string(), parent: z.string().nullable(), items: z.array(z.object({ code: z.string(), name: z.string(), kind: z.string().nullable() })) }),
          ...errorResponses
        }
      }
    },
    async (req) => {
      const parent = req.query.parent?.trim() || null;
      if (parent !== null && (levelOf(parent) === null || levelOf(parent) === 'village' || !(await regionByCode(parent)))) {
        throw new AppError('NOT_FOUND', { fields: [{ field: 'parent', code: 'region_unknown' }] });
      }
      const items = (await regionChildren(parent)).map((r) => ({ code: r.code, name: r.name, kind: regionKind(r.code) }));
      return { dataset: REGION_DATASET, parent, items };
    }
  );
}
