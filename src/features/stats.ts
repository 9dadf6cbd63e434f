// Small descriptive statistics over plain number arrays, used at window rate (not per frame).

export function mean(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i];
  return s / values.length;
}

export function std(values: ArrayLike<number>, mu = mean(values)): number {
  if (values.length < 2) return 0;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i] - mu) ** 2;
  return Math.sqrt(s / values.length);
}

/** Linear-interpolated percentile (q in 0..1) of an ascending-sorted array. */
export function percentileSorted(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return 0;
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** Least-squares slope of values against their sample times. */
export function slope(times: ArrayLike<number>, values: ArrayLike<number>): number {
  const n = values.length;
  if (n < 2) return 0;
  const mt = mean(times);
  const mv = mean(values);
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (times[i] - mt) * (values[i] - mv);
    den += (times[i] - mt) ** 2;
  }
  return den > 0 ? num / den : 0;
}
