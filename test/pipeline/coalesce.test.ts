// Batches between threads: every schedule() before a flush joins that flush, a quiet thread's
// flush runs in the next turn, and flushes are at least minIntervalMs apart.

import { describe, expect, it } from 'vitest';
import { coalesce } from '../../src/pipeline/coalesce.js';

describe('coalesce', () => {
  it('flushes once for everything scheduled before it, and spaces flushes by the interval', async () => {
    const at: number[] = [];
    let done: () => void;
    const finished = new Promise<void>((r) => (done = r));
    const c = coalesce(() => {
      at.push(performance.now());
      if (at.length < 3) for (let i = 0; i < 5; i++) c.schedule();
      else done();
    }, 20);
    let timerAt = 0;
    setTimeout(() => (timerAt = performance.now()), 20);
    for (let i = 0; i < 10; i++) c.schedule();
    await finished;
    expect(at).toHaveLength(3);
    // Nothing had been sent before: the first batch went in the next turn, before a 20 ms timer.
    expect(at[0]!).toBeLessThan(timerAt);
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(19);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(19);
    await new Promise((r) => setTimeout(r, 50));
    expect(at).toHaveLength(3);
  });
});
