// Batching across calls: requests made in one turn of the event loop (and while a batch runs) go to
// the model together, one onnxruntime run per batch. The queue is bounded: past maxPending, and for
// requests older than maxAgeMs when their turn comes, the request is shed (resolves null) — a
// verdict that late is worth less than keeping up, and a node that cannot keep up must not queue
// without bound.

export interface BatcherOptions {
  maxBatch: number;
  maxPending: number;
  maxAgeMs: number;
  onShed?: (count: number) => void;
}

interface Pending<I, O> {
  item: I;
  atMs: number;
  resolve: (out: O | null) => void;
  reject: (err: Error) => void;
}

export class Batcher<I, O> {
  private queue: Pending<I, O>[] = [];
  private running = false;
  private scheduled = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly run: (items: I[]) => Promise<O[]>,
    private readonly opts: BatcherOptions,
  ) {}

  get pending(): number {
    return this.queue.length;
  }

  /** Resolves once nothing is queued or running (a replaced model is released only then). */
  drain(): Promise<void> {
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  submit(item: I): Promise<O | null> {
    return new Promise((resolve, reject) => {
      this.queue.push({ item, atMs: performance.now(), resolve, reject });
      if (this.queue.length > this.opts.maxPending) this.shed(this.queue.splice(0, this.queue.length - this.opts.maxPending));
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.running || this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      void this.next();
    });
  }

  private shed(items: Pending<I, O>[]): void {
    if (items.length === 0) return;
    for (const p of items) p.resolve(null);
    this.opts.onShed?.(items.length);
  }

  private async next(): Promise<void> {
    if (this.running) return;
    const now = performance.now();
    const stale = this.queue.filter((p) => now - p.atMs > this.opts.maxAgeMs);
    if (stale.length > 0) {
      this.queue = this.queue.filter((p) => now - p.atMs <= this.opts.maxAgeMs);
      this.shed(stale);
    }
    const batch = this.queue.splice(0, this.opts.maxBatch);
    if (batch.length === 0) {
      for (const w of this.idleWaiters.splice(0)) w();
      return;
    }
    this.running = true;
    try {
      const out = await this.run(batch.map((p) => p.item));
      batch.forEach((p, i) => p.resolve(out[i] ?? null));
    } catch (err) {
      for (const p of batch) p.reject(err as Error);
    } finally {
      this.running = false;
      if (this.queue.length > 0) this.schedule();
      else for (const w of this.idleWaiters.splice(0)) w();
    }
  }
}
