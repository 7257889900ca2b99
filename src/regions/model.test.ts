import { describe, expect, it } from 'vitest';
import { regionChildren, regionKind, regionPath, validateRegionChain } from './model.js';

describe('Indonesian region codes', () => {
  it('accepts a consistent province → regency → district → village chain', async () => {
    expect(await validateRegionChain({ provinceCode: '11', regencyCode: '11.01', districtCode: '11.01.01', villageCode: '11.01.01.2001' })).toEqual([]);
  });

  it('rejects a regency that belongs to another province', async () => {
    const issues = await validateRegionChain({ provinceCode: '12', regencyCode: '11.01' });
    expect(issues).toEqual([{ field: 'regencyCode', code: 'region_mismatch' }]);
  });

  it('rejects an unknown village code', async () => {
    const issues = await validateRegionChain({ provinceCode: '11', regencyCode: '11.01', districtCode: '11.01.01', villageCode: '11.01.01.2999' });
    expect(issues).toEqual([{ field: 'villageCode', code: 'region_unknown' }]);
  });

  it('rejects a lower level given without the level above it', async () => {
    const issues = await validateRegionChain({ provinceCode: '11', districtCode: '11.01.01' });
    expect(issues).toEqual([{ field: 'districtCode', code: 'region_mismatch' }]);
  });

  it('knows the 38 provinces and tells kabupaten from kota and desa from kelurahan', async () => {
    expect((await regionChildren(null)).length).toBe(38);
    expect(regionKind('34.71')).toBe('kota');
    expect(regionKind('34.02')).toBe('kabupaten');
    expect(regionKind('34.71.01.1001')).toBe('kelurahan');
    expect(regionKind('11.01.01.2001')).toBe('desa');
  });

  it('walks a village up to its province', async () => {
    const path = await regionPath('11.01.01.2001');
    expect(path.map((r) => r.code)).toEqual(['11', '11.01', '11.01.01', '11.01.01.2001']);
  });
});
