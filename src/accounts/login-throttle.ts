const SLOT = Symbol.for('lumbung.throttles');

/**
 * The counts of one named throttle, kept on a global slot: the built web pages carry their own
 * copy of this module, and the form and the API must count against the same numbers.
 */
function sharedCounts(name: string): Map<string, number[]> {
  const g = globalThis as Record<symbol, Map<string, Map<string, number[]>> | undefined>;
  const all = (g[SLOT] ??= new Map());
  let counts = all.get(name);
  if (!counts) all.set(name, (counts = new Map()));
  return counts;
}

/**
 * Sign-in throttling shared by the API and the web form: at most `limit` failed
 * attempts per key within the window. Kept in memory: one Lumbung process serves a
 * cooperative or a network; a restart forgets the counts.
 */
export class LoginThrottle {
  private readonly failures: Map<string, number[]>;
  constructor(
    name: string,
    private readonly limit: number,
    private readonly windowMs = 15 * 60_000
  ) {
    this.failures = sharedCounts(name);
  }

  private recent(key: string, now: number): number[] {
    const list = (this.failures.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  isBlocked(keys: string[], now: number): boolean {
    return keys.some((k) => this.recent(k, now).length >= this.limit);
  }

  fail(keys: string[], now: number): void {
    for (const k of keys) this.failures.set(k, [...this.recent(k, now), now]);
  }

  succeed(keys: string[]): void {
    for (const k of keys) this.failures.delete(k);
  }
}

/** Five failures lock one identifier for a while. */
export const identifierThrottle = new LoginThrottle('sign-in:account', 5);
/** A whole village may share one address (one wifi, one carrier NAT), so an address gets more room. */
export const addressThrottle = new LoginThrottle('sign-in:address', 50);
