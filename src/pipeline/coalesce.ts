// Messages between the main thread and a pipeline worker go in batches, and a batch at most every
// `minIntervalMs`: each postMessage costs a structured clone and a wake-up of the other thread
// (measured: postMessage was the largest single item of both threads' profiles at 40 calls, when
// batching per event-loop turn still meant one or two audio messages a batch; a transfer costs
// ~6 µs of CPU). A quiet thread's message still leaves in the next turn; a busy one's waits at most
// minIntervalMs — 2 ms each way in the pool, against a 100 ms budget.
// Two lanes: what a person waits on (a transcript on its way to a prompt, a prompt on its way to the
// agent) is urgent and leaves within minIntervalMs; bulk (audio, which the pipeline reads in 250 ms
// windows, and its acknowledgements) may wait bulkIntervalMs, so a busy thread posts a few times
// fewer batches. Whatever is queued leaves with the first flush, whichever lane asked for it.
// now() flushes at once, for what must not wait for the rest of the thread's turn (a transcript on
// its way to a worker that is busy for milliseconds at a time; a prompt raised early in a long turn).

export interface Coalescer {
  /**
   * Arranges for flush() to run: in the next turn, or once the lane's interval has passed since the
   * last flush (urgent: minIntervalMs, the default; bulk: bulkIntervalMs).
   */
  schedule(lane?: 'urgent' | 'bulk'): void;
  /** Flushes now, in this turn; a flush scheduled before is dropped (this one took what it would have). */
  now(): void;
}

export function coalesce(flush: () => void, minIntervalMs: number, bulkIntervalMs = minIntervalMs): Coalescer {
  let timeout: ReturnType<typeof setTimeout> | null = null;
  let immediate: ReturnType<typeof setImmediate> | null = null;
  /** When the scheduled flush runs (performance.now() ms); Infinity when none is scheduled. */
  let dueMs = Number.POSITIVE_INFINITY;
  let lastMs = Number.NEGATIVE_INFINITY;
  const run = () => {
    if (timeout) clearTimeout(timeout);
    if (immediate) clearImmediate(immediate);
    timeout = null;
    immediate = null;
    dueMs = Number.POSITIVE_INFINITY;
    lastMs = performance.now();
    flush();
  };
  return {
    schedule(lane = 'urgent') {
      const earliest = lastMs + (lane === 'urgent' ? minIntervalMs : bulkIntervalMs);
      // Already due no later than this lane asks (the common case: once per audio message): no clock read.
      if (immediate || earliest >= dueMs) return;
      const now = performance.now();
      const due = Math.max(now, earliest);
      if (due >= dueMs) return;
      if (timeout) clearTimeout(timeout);
      timeout = null;
      dueMs = due;
      if (due <= now) immediate = setImmediate(run);
      else timeout = setTimeout(run, due - now);
    },
    now: run,
  };
}
