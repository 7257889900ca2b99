/**
 * `npm run bench -- <name>`: run one benchmark by name. Benchmarks print figures and their
 * ratios against a baseline; they are not part of `npm test` and assert nothing about time.
 */
const BENCHES: Record<string, () => Promise<unknown>> = {
  ledger: async () => (await import('./ledger.js')).main(),
  governance: async () => (await import('./governance.js')).main(),
  storefront: async () => (await import('./storefront.js')).main(),
  checkout: async () => (await import('./checkout.js')).main(),
  shu: async () => (await import('./shu.js')).main(),
  education: async () => (await import('./education.js')).main(),
  care: async () => (await import('./care.js')).main(),
  citus: async () => (await import('./citus.js')).main(),
  // Issue 19: city page, roll-ups vs a plain aggregate, inter-coop trade vs pgbench.
  networks: async () => (await import('./networks.js')).main(),
  // issue #13 (speed)
  recount: async () => (await import('./recount.js')).main(),
  memory: async () => (await import('./memory.js')).main()
};

const benchName = process.argv[2];
const bench = benchName ? BENCHES[benchName] : undefined;
if (!bench) {
  console.log(`usage: npm run bench -- <${Object.keys(BENCHES).join('|')}>`);
  process.exit(benchName ? 2 : 0);
}
await bench();

export {};
