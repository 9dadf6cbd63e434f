// Memory of the soak's nodes: RSS sampled from /proc while the soak runs, and whether it stayed
// flat — the least-squares slope after a warm-up, and the growth from the first to the last
// quarter of the samples.

import { readFileSync } from 'node:fs';

export interface RssSample {
  tS: number;
  rssMb: number;
}

export interface MemoryVerdict {
  samples: number;
  startMb: number;
  endMb: number;
  maxMb: number;
  /** Least-squares slope of RSS after the warm-up, MB per minute. */
  slopeMbPerMin: number;
  /** Mean of the last quarter over the mean of the first quarter (after warm-up). */
  growth: number;
  flat: boolean;
}

/** A node's RSS may rise this fast (MB/min) after warm-up and still be flat: allocator and GC noise. */
export const MAX_SLOPE_MB_PER_MIN = 3;
export const MAX_GROWTH = 1.15;

export function rssMbOf(pid: number): number | null {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 102.4) / 10 : null;
  } catch {
    return null;
  }
}

export function slope(samples: readonly RssSample[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const mt = samples.reduce((a, s) => a + s.tS, 0) / n;
  const mr = samples.reduce((a, s) => a + s.rssMb, 0) / n;
  let num = 0;
  let den = 0;
  for (const s of samples) {
    num += (s.tS - mt) * (s.rssMb - mr);
    den += (s.tS - mt) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/** Judges samples taken over a run; the first `warmupFraction` is the warm-up. */
export function judgeMemory(samples: readonly RssSample[], warmupFraction = 0.25): MemoryVerdict {
  const after = samples.slice(Math.floor(samples.length * warmupFraction));
  const q = Math.max(1, Math.floor(after.length / 4));
  const mean = (xs: readonly RssSample[]) => xs.reduce((a, s) => a + s.rssMb, 0) / Math.max(1, xs.length);
  const slopeMbPerMin = Math.round(slope(after) * 60 * 100) / 100;
  const growth = Math.round((mean(after.slice(-q)) / Math.max(1e-9, mean(after.slice(0, q)))) * 1000) / 1000;
  return {
    samples: samples.length,
    startMb: samples[0]?.rssMb ?? 0,
    endMb: samples.at(-1)?.rssMb ?? 0,
    maxMb: Math.max(0, ...samples.map((s) => s.rssMb)),
    slopeMbPerMin,
    growth,
    flat: after.length >= 4 && slopeMbPerMin <= MAX_SLOPE_MB_PER_MIN && growth <= MAX_GROWTH,
  };
}
