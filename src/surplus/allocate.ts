/**
 * Largest-remainder (Hamilton) allocation in bigint (docs/domain/surplus.md §5.3): the
 * parts always add up to the total exactly, each part is the floor or the floor + 1 of
 * its exact share, a zero weight gets zero, and the result does not depend on the order
 * of the input. Ties in the remainder go to the smaller tie key.
 */
export function allocateLRM(total: bigint, items: readonly { weight: bigint; tieKey: string | number }[]): bigint[] {
  if (total < 0n) throw new RangeError('allocateLRM: total must be ≥ 0');
  let sum = 0n;
  for (const it of items) {
    if (it.weight < 0n) throw new RangeError('allocateLRM: weights must be ≥ 0');
    sum += it.weight;
  }
  if (sum === 0n) throw new RangeError('allocateLRM: the weights sum to zero');
  const parts = items.map((it) => (total * it.weight) / sum);
  const remainders = items.map((it) => (total * it.weight) % sum);
  let left = total - parts.reduce((a, b) => a + b, 0n);
  const order = items.map((_, i) => i).sort((a, b) => {
    const ra = remainders[a]!;
    const rb = remainders[b]!;
    if (ra !== rb) return ra > rb ? -1 : 1;
    const ka = items[a]!.tieKey;
    const kb = items[b]!.tieKey;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
  for (const i of order) {
    if (left === 0n) break;
    parts[i] = parts[i]! + 1n;
    left -= 1n;
  }
  return parts;
}
