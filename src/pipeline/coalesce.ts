// Messages between the main thread and a pipeline worker go in batches, and a batch at most every
// `minIntervalMs`: each postMessage costs a structured clone and a wake-up of the other thread
// (measured: postMessage was the largest single item of both threads' profiles at 40 calls, when
// batching per event-loop turn still meant one or two audio messages a batch; a transfer costs
// ~6 µs of CPU). A quiet thread's message still leaves in the next turn; a busy one's waits at most
// minIntervalMs — 2 ms each way in the pool, against a 100 ms budget.

export interface Coalescer {
  /** Arranges for flush() to run: in the next turn, or once minIntervalMs has passed since the last. */
  schedule(): void;
}

export function coalesce(flush: () => void, minIntervalMs: number): Coalescer {
  let scheduled = false;
  let lastMs = Number.NEGATIVE_INFINITY;
  const run = () => {
    scheduled = false;
    lastMs = performance.now();
    flush();
  };
  return {
    schedule() {
      if (scheduled) return;
      scheduled = true;
      const waitMs = lastMs + minIntervalMs - performance.now();
      if (waitMs <= 0) setImmediate(run);
      else setTimeout(run, waitMs);
    },
  };
}
