import { isIP } from 'node:net';

/** The header through which the server hands the pages the client's address (overwritten on every request). */
export const CLIENT_ADDRESS_HEADER = 'x-lumbung-client-address';

/** What Fastify is told about proxies: nothing trusted, a list of addresses/CIDRs, or a function (hop count). */
export type TrustProxy = false | string[] | ((address: string, hop: number) => boolean);

/**
 * Read `TRUST_PROXY`: unset, empty, `false` or `0` trusts no proxy (X-Forwarded-For is ignored and the
 * socket's address counts); a comma list of addresses and CIDRs (`127.0.0.1, 10.0.0.0/8`) trusts
 * forwarding headers only from those peers; a whole number N trusts the nearest N hops whatever their
 * address (only safe when clients cannot reach the server except through those proxies).
 * A malformed value stops the start: silently trusting nothing (or everything) would be worse.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const v = (value ?? '').trim();
  if (v === '' || v.toLowerCase() === 'false' || v === '0') return false;
  if (/^\d+$/.test(v)) {
    const hops = Number(v);
    return (_address, hop) => hop < hops;
  }
  const entries = v.split(',').map((e) => e.trim()).filter(Boolean);
  for (const e of entries) {
    const [addr, bits, ...rest] = e.split('/');
    const family = isIP(addr ?? '');
    const maxBits = family === 4 ? 32 : 128;
    const okBits = bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= maxBits) || (family === 4 && bits !== undefined && isIP(bits) === 4);
    if (!family || rest.length || !okBits) {
      throw new Error(`TRUST_PROXY: "${e}" is not an IP address or CIDR (use e.g. 127.0.0.1,10.0.0.0/8, or a hop count)`);
    }
  }
  return entries;
}
