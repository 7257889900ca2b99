import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createTestDb, type TestDb } from '../support/db.js';
import { startWebServer } from '../support/web.js';
import { DEMO_SLUG } from '../../src/cli/demo.js';

/**
 * Responses are compressed with brotli or gzip when the client accepts it (decision 0140): the
 * API's JSON, the pages' HTML, the stylesheet (precompressed at build time) and SVG; nothing is
 * compressed for a client that does not ask. Needs a build (npm run build).
 */
let t: TestDb;
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  t = await createTestDb({ demo: true });
  server = await startWebServer(t.db);
});
afterAll(async () => {
  await server?.close();
  await t?.drop();
});

/** The raw bytes on the wire (node:http does not decompress) and the headers. */
function get(url: string, acceptEncoding?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function decode(r: { headers: Record<string, unknown>; body: Buffer }): string {
  const enc = r.headers['content-encoding'];
  if (enc === 'br') return brotliDecompressSync(r.body).toString('utf8');
  if (enc === 'gzip') return gunzipSync(r.body).toString('utf8');
  return r.body.toString('utf8');
}

describe('compressed responses', () => {
  it('sends the storefront page with brotli, gzip or as it is, the same page each time', async () => {
    const url = `${server.url}/koperasi/${DEMO_SLUG}/toko`;
    const plain = await get(url);
    const br = await get(url, 'gzip, deflate, br');
    const gz = await get(url, 'gzip');
    expect([plain.status, br.status, gz.status]).toEqual([200, 200, 200]);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.headers['content-encoding']).toBe('br');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    // The same page (compared by its text: nothing in it varies between requests but markup attributes).
    const text = (s: string) => s.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
    expect(text(decode(br))).toBe(text(plain.body.toString('utf8')));
    expect(text(decode(gz))).toBe(text(plain.body.toString('utf8')));
    expect(br.body.length).toBeLessThan(plain.body.length / 2);
    console.log(`storefront HTML: ${plain.body.length} B plain, ${gz.body.length} B gzip, ${br.body.length} B brotli`);
  });

  it('sends the stylesheet precompressed from the build, and SVG compressed', async () => {
    const html = (await get(`${server.url}/koperasi/${DEMO_SLUG}/toko`)).body.toString('utf8');
    const href = /<link[^>]+rel="stylesheet"[^>]*href="([^"]+)"|<link[^>]+href="([^"]+)"[^>]*rel="stylesheet"/.exec(html);
    const cssUrl = new URL(href![1] ?? href![2]!, `${server.url}/koperasi/${DEMO_SLUG}/toko`).href;
    const plain = await get(cssUrl);
    const br = await get(cssUrl, 'br, gzip');
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(br.headers['content-encoding']).toBe('br');
    expect(decode(br)).toBe(plain.body.toString('utf8'));
    expect(br.body.length).toBeLessThan(plain.body.length / 2);

    const svgPlain = await get(`${server.url}/favicon.svg`);
    const svg = await get(`${server.url}/favicon.svg`, 'gzip');
    expect(svg.headers['content-type']).toMatch(/svg/);
    expect(svg.headers['content-encoding']).toBe('gzip');
    expect(decode(svg)).toBe(svgPlain.body.toString('utf8'));
  });

  it('compresses the API JSON when asked and only then', async () => {
    const url = `${server.url}/api/docs/json`;
    const plain = await get(url);
    const gz = await get(url, 'gzip');
    const br = await get(url, 'br');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(decode(gz))).toEqual(JSON.parse(plain.body.toString('utf8')));
    expect(JSON.parse(decode(br))).toEqual(JSON.parse(plain.body.toString('utf8')));
    expect(br.body.length).toBeLessThan(plain.body.length / 4);
  });

  it('leaves small responses and errors readable', async () => {
    const health = await get(`${server.url}/healthz`, 'br');
    expect(health.status).toBe(200);
    expect(health.headers['content-encoding']).toBeUndefined();
    const missing = await get(`${server.url}/api/v1/nothing-here`, 'gzip');
    expect(missing.status).toBe(404);
    expect(JSON.parse(decode(missing)).code).toBe('NOT_FOUND');
  });
});
