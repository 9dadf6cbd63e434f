// Batches between threads: every schedule() before a flush joins that flush, a quiet thread's
// flush goes in the next turn, and a thread that schedules all the time is flushed about once per
// interval, not once per schedule; bulk waits its longer interval unless something urgent comes.

import { describe, expect, it } from 'vitest';
import { coalesce } from '../../src/pipeline/coalesce.js';

const turn = () => new Promise<void>((r) => setImmediate(r));

describe('coalesce', () => {
  it('flushes once for everything scheduled before it, in the next turn when nothing was flushed lately', async () => {
    let flushes = 0;
    const c = coalesce(() => flushes++, 20);
    let timerFired = false;
    // Scheduled together with the batch: a 20 ms timer cannot fire before the next turn's immediates.
    setTimeout(() => (timerFired = true), 20);
    for (let i = 0; i < 10; i++) c.schedule();
    await turn();
    expect(flushes).toBe(1);
    expect(timerFired).toBe(false);
  });

  it('flushes a thread that schedules all the time about once per interval', async () => {
    let flushes = 0;
    const c = coalesce(() => flushes++, 20);
    const t0 = performance.now();
    let schedules = 0;
    while (performance.now() - t0 < 300) {
      c.schedule();
      schedules++;
      await turn();
    }
    await new Promise((r) => setTimeout(r, 40));
    expect(schedules).toBeGreaterThanOrEqual(flushes);
    // 300 ms at one flush per 20 ms is 15; timers may fire a little early on a busy loop.
    expect(flushes).toBeGreaterThanOrEqual(2);
    expect(flushes).toBeLessThanOrEqual(25);
  });

  it('lets bulk wait its own interval after a flush, and an urgent message brings that flush forward', async () => {
    let flushes = 0;
    const c = coalesce(() => flushes++, 5, 60_000);
    c.schedule('bulk');
    await turn();
    // Quiet thread: the first bulk message still left in the next turn.
    expect(flushes).toBe(1);
    c.schedule('bulk');
    await new Promise((r) => setTimeout(r, 10));
    // A flush was just made: bulk waits (a minute here), an urgent message only its 5 ms.
    expect(flushes).toBe(1);
    c.schedule('urgent');
    await turn();
    expect(flushes).toBe(2);
    // The bulk wait was replaced by the urgent flush, which took everything queued: nothing more to come.
    c.schedule('bulk');
    await turn();
    expect(flushes).toBe(2);
    await new Promise((r) => setTimeout(r, 10));
    c.schedule('urgent');
    await turn();
    expect(flushes).toBe(3);
  });

  it('flushes at once on now(), and the flush scheduled before it does not follow', async () => {
    let flushes = 0;
    const c = coalesce(() => flushes++, 5, 60_000);
    c.schedule('bulk');
    c.now();
    expect(flushes).toBe(1);
    await turn();
    expect(flushes).toBe(1);
    // Just flushed: an urgent message waits its interval, and now() still goes at once.
    c.schedule('urgent');
    c.now();
    expect(flushes).toBe(2);
    await new Promise((r) => setTimeout(r, 15));
    expect(flushes).toBe(2);
  });
});
