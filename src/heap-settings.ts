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
// The main thread's young generation is sized by a command-line flag only, which the launchers pass
// (MAIN_NODE_FLAGS): 8 MB semi-spaces. At 100 calls the main thread allocates ~25 MB a second (ws's
// buffer views, frames, the workers' events), and much of what a scavenge finds has lived only a few
// hundred ms (events waiting for the recorder's flush, sockets' pending writes): at 4 MB it scavenged
// 6.6 times a second, at 8 MB 3.1 times, for ~9 MB more RSS (--trace-gc, 100 calls, 2026-12-07).
// The flag is the process's, and every isolate created later reads it: left set, it capped the
// pipeline workers' young generation at the main thread's (8 MB of new space instead of the 16 their
// resourceLimits ask for; worker-pool.ts says why 16), and they scavenged twice as often (102 against
// 55 per worker in a 100-call run). So once the main isolate is made, applyHeapSettings clears it.

import { setFlagsFromString } from 'node:v8';

/** Node flags the service is launched with (Dockerfile, npm start, spawnNode): 8 MB semi-spaces for the main thread. */
export const MAIN_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];

/** At boot, before any worker thread starts (the flags are read by each isolate as it is created). */
export function applyHeapSettings(opts: { heapGrowthPct: number }): void {
  if (opts.heapGrowthPct > 0) setFlagsFromString(`--heap-growing-percent=${opts.heapGrowthPct}`);
  // The main isolate has read its semi-space size: threads started from now on size their own.
  setFlagsFromString('--max-semi-space-size=0');
}
