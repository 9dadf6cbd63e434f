// Memory of the soak's nodes: RSS sampled from /proc while the soak runs, and whether it stayed
// flat — after a warm-up, the least-squares slopes of the RSS floors and ceilings (the low and
// high points of each 30 s) and the floors' growth from first to last.

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
  /** Least-squares slope of the RSS floors after the warm-up, MB per minute. */
  slopeMbPerMin: number;
  /** Least-squares slope of the RSS ceilings after the warm-up, MB per minute. */
  ceilingSlopeMbPerMin: number;
  /** The last floor over the first (after warm-up). */
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

/**
 * The floor of each window of `perWindow` samples: RSS right after the garbage collector ran. A
 * leak raises the floor; a heap that grows and is collected again only makes the saw-teeth.
 */
export function floors(samples: readonly RssSample[], perWindow: number): RssSample[] {
  return windows(samples, perWindow, Math.min);
}

/** The high point of each window: where a heap capped by --max-old-space-size levels off. */
export function ceilings(samples: readonly RssSample[], perWindow: number): RssSample[] {
  return windows(samples, perWindow, Math.max);
}

function windows(samples: readonly RssSample[], perWindow: number, pick: (...mb: number[]) => number): RssSample[] {
  const out: RssSample[] = [];
  for (let i = 0; i < samples.length; i += perWindow) {
    const w = samples.slice(i, i + perWindow);
    if (w.length < perWindow) break; // a partial window may have missed its collection
    out.push({ tS: w.reduce((a, s) => a + s.tS, 0) / w.length, rssMb: pick(...w.map((s) => s.rssMb)) });
  }
  return out;
}

const mbPerMin = (samples: readonly RssSample[]) => Math.round(slope(samples) * 60 * 100) / 100;

/**
 * Judges samples taken over a run: after a warm-up (`warmupFraction` of the run), the slopes of
 * the RSS floors and ceilings and the growth from the first floor to the last. A leak raises both
 * floors and ceilings. Either alone can rise without one: a full collection that comes every two
 * minutes or so (longer than a window) lets the floors ride up a single long saw-tooth, and a
 * collection late in the run drops the ceilings. So memory is flat when the floors have not grown
 * much and either slope stays small.
 */
export function judgeMemory(samples: readonly RssSample[], warmupFraction = 0.25, perWindow = 6): MemoryVerdict {
  const settled = samples.slice(Math.floor(samples.length * warmupFraction));
  const low = floors(settled, perWindow);
  const high = ceilings(settled, perWindow);
  const slopeMbPerMin = mbPerMin(low);
  const ceilingSlopeMbPerMin = mbPerMin(high);
  const first = low[0]?.rssMb ?? 0;
  const last = low.at(-1)?.rssMb ?? 0;
  const growth = first > 0 ? Math.round((last / first) * 1000) / 1000 : 1;
  return {
    samples: samples.length,
    startMb: samples[0]?.rssMb ?? 0,
    endMb: samples.at(-1)?.rssMb ?? 0,
    maxMb: Math.max(0, ...samples.map((s) => s.rssMb)),
    slopeMbPerMin,
    ceilingSlopeMbPerMin,
    growth,
    flat: low.length >= 3 && growth <= MAX_GROWTH && Math.min(slopeMbPerMin, ceilingSlopeMbPerMin) <= MAX_SLOPE_MB_PER_MIN,
  };
}
