// The per-stage clock behind `npm run bench -- --profile`: time is charged to exactly one stage at
// a time, so the stages partition a thread's busy time (nothing counted twice, nothing lost).

import { describe, expect, it } from 'vitest';
import { stageClock, STAGES, type StageSnapshot } from '../../src/observability/stage-clock.js';

function spin(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until);
}

const delta = (a: StageSnapshot, b: StageSnapshot) => Object.fromEntries(STAGES.map((s) => [s, b.stageMs[s] - a.stageMs[s]]));

describe('stage clock', () => {
  it('charges a nested stage to itself only, and the stages add up to the time spent in them', () => {
    const before = stageClock.snapshot();
    const t0 = performance.now();
    stageClock.begin('pipeline');
    spin(2);
    stageClock.time('frames', () => {
      spin(3);
      stageClock.time('windows', () => spin(2));
    });
    spin(1);
    stageClock.end();
    const wall = performance.now() - t0;
    const d = delta(before, stageClock.snapshot());
    expect(d.frames).toBeGreaterThanOrEqual(3);
    expect(d.windows).toBeGreaterThanOrEqual(2);
    expect(d.pipeline).toBeGreaterThanOrEqual(3);
    const sum = d.pipeline + d.frames + d.windows;
    // Nothing counted twice (the sum fits in the wall time), nothing lost (every spin is in it).
    expect(sum).toBeLessThanOrEqual(wall + 1e-6);
    expect(sum).toBeGreaterThanOrEqual(2 + 3 + 2 + 1);
    // Nothing else was charged.
    for (const s of STAGES) if (!['pipeline', 'frames', 'windows'].includes(s)) expect(d[s]).toBe(0);
  });

  it('charges nothing outside a stage, and begin() drops what a thrown error left open', () => {
    stageClock.begin('decode');
    expect(() => stageClock.time('frames', () => {
      stageClock.enter('windows');
      throw new Error('boom');
    })).toThrow('boom');
    // 'windows' was never exited: the next begin starts clean.
    stageClock.begin('policy');
    stageClock.end();
    const before = stageClock.snapshot();
    spin(3);
    const d = delta(before, stageClock.snapshot());
    for (const s of STAGES) expect(d[s]).toBe(0);
  });

  it('reports the thread CPU time and event-loop activity beside the stages', () => {
    const s = stageClock.snapshot();
    expect(s.thread).toBe('main');
    expect(s.activeMs).toBeGreaterThan(0);
    if (process.platform === 'linux') expect(s.cpuMs).toBeGreaterThan(0);
  });
});
