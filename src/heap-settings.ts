// How the process's V8 heaps are sized: set once at boot, before the pipeline workers start, because
// the flags are the process's and every isolate created afterwards reads them.
//
// At 100 calls a node's RSS was mostly heap its threads had not yet collected: a pipeline worker's
// calls keep ~0.5 MB each live (frames in their windows and baselines, which outlive the young
// generation and die in the old one), and V8 let each worker's old space grow to about twice that
// before a full GC. `heapGrowthPct` (config) caps the growth factor: at 30 % a worker does a full GC
// every ~3 s instead of every ~15 s at 100 calls (counted with a PerformanceObserver on 'gc': 12–13
// against 2–3 in a 40 s bench run), each pausing it ~15 ms, for 50–130 MB less peak RSS (bench,
// 100 calls, busy machine, 2026-12-07). It is off by default: on a quiet node near its CPU limit the
// pauses reached the latency tail (config/schema.ts has the figures).
//
// The main thread's young generation (V8's default: two 16 MB semi-spaces, always resident once
// grown) is sized by a command-line flag only, which the launchers pass (MAIN_NODE_FLAGS). The flag
// is the process's: it caps the pipeline workers' semi-spaces too (seen in their heap statistics:
// 8.4 MB of new space, not the 16.8 their resourceLimits ask for), so they scavenge more often; the
// bench figures of 2026-12-07 (issue 17 item 3) were measured so.

import { setFlagsFromString } from 'node:v8';

/** Node flags the service is launched with (Dockerfile, npm start, spawnNode): 4 MB semi-spaces for the main thread. */
export const MAIN_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4'];

export function applyHeapSettings(opts: { heapGrowthPct: number }): void {
  if (opts.heapGrowthPct > 0) setFlagsFromString(`--heap-growing-percent=${opts.heapGrowthPct}`);
}
