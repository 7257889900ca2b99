import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { zodIssuesToFields } from './validation.js';

describe('zod issues as field issues', () => {
  const schema = z.object({ name: z.string().min(2), age: z.number().int() });

  it('calls a missing field "required" and a wrong type "invalid_type"', () => {
    const r = schema.safeParse({ age: 'tiga' });
    expect(zodIssuesToFields(r.error!.issues).map((f) => [f.field, f.code])).toEqual([
      ['name', 'required'],
      ['age', 'invalid_type']
    ]);
  });

  it('carries the limit of a too-short string', () => {
    const r = schema.safeParse({ name: 'A', age: 3 });
    expect(zodIssuesToFields(r.error!.issues)).toEqual([{ field: 'name', code: 'too_small_string', params: { limit: 2 } }]);
  });
});
