/**
 * Shares as people read them (issue 14 item 6): rounded to the shown precision, never
 * truncated, and a breakdown of one whole adds up to exactly 100 % at that precision
 * (largest remainder, as money splits do). Integers only: basis points (1/100 of a percent).
 */

/** part / whole in basis points, rounded half up: 1/3 → 3333, 2/3 → 6667. 0 when whole is 0. */
export function roundedShareBp(part: number, whole: number): number {
  if (whole <= 0) return 0;
  return Math.floor((2 * part * 10_000 + whole) / (2 * whole));
}

/**
 * Each part's share of their sum in units of `step` basis points (100 = whole percents, 10 = one
 * decimal, 1 = two decimals), adding up to exactly 10 000 bp: the floor of each share first, then
 * one more step to the parts with the largest remainders (ties to the earlier part).
 */
export function sharesBp(parts: readonly number[], step: 1 | 10 | 100 = 1): number[] {
  const whole = parts.reduce((s, p) => s + p, 0);
  if (whole <= 0) return parts.map(() => 0);
  const units = 10_000 / step;
  const exact = parts.map((p) => p * units);
  const floors = exact.map((x) => Math.floor(x / whole));
  let left = units - floors.reduce((s, f) => s + f, 0);
  const order = exact.map((x, i) => ({ i, rem: x % whole })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i]! += 1;
    left -= 1;
  }
  return floors.map((f) => f * step);
}
