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

describe('NUL characters in input', () => {
  it('names every string, key or array item holding one, and skips bytes', async () => {
    const { findNul, parseInput } = await import('./validation.js');
    expect(findNul({ a: 'ok', b: 'x\u0000', c: [{ d: '\u0000' }], ['e\u0000']: 1, f: Buffer.from([0, 1]) })).toEqual(['b', 'c.0.d', '_']);
    expect(findNul('\u0000')).toEqual(['_']);
    expect(findNul({ a: 'tanpa NUL', n: 3 })).toEqual([]);
    const schema = z.object({ name: z.string().min(2) });
    expect(() => parseInput(schema, { name: 'Sri\u0000' })).toThrowError(expect.objectContaining({ code: 'VALIDATION_FAILED', fields: [{ field: 'name', code: 'text_nul' }] }));
  });
});
