// The soak's own judgements, on made-up figures: a saw-tooth heap is flat, a rising floor is a
// leak; counters are summed across a Prometheus exposition's label sets.

import { describe, expect, it } from 'vitest';
import { floors, judgeMemory, type RssSample } from '../../src/cli/soak-memory.js';
import { sumCounter } from '../../src/cli/soak-report.js';
import { parseSoakArgs, seededRandom } from '../../src/cli/soak-args.js';

const series = (n: number, f: (i: number) => number): RssSample[] => Array.from({ length: n }, (_, i) => ({ tS: i * 5, rssMb: f(i) }));

describe('the soak memory verdict', () => {
  it('a heap that saws up and is collected back is flat', () => {
    const saw = series(60, (i) => 300 + (i % 6) * 25); // 300 → 425, collected every 30 s
    const v = judgeMemory(saw);
    expect(floors(saw.slice(15), 6).every((f) => f.rssMb <= 325)).toBe(true);
    expect(v.flat).toBe(true);
    expect(Math.abs(v.slopeMbPerMin)).toBeLessThan(3);
  });

  it('a floor that rises 10 MB a minute is a leak', () => {
    const leak = series(60, (i) => 300 + (i * 5 * 10) / 60 + (i % 6) * 20);
    const v = judgeMemory(leak);
    expect(v.flat).toBe(false);
    expect(v.slopeMbPerMin).toBeGreaterThan(8);
  });

  it('a plateau that one late full collection saws is flat; the same plateau rising 10 MB a minute is not', () => {
    // Node 2 of a real 5-minute soak (heap 256 MB), every 5 s: the floors ride up one long
    // saw-tooth (slope 3.7 MB/min) while the ceilings level off at the heap's cap.
    const real = [265, 298, 296.8, 302.7, 306.7, 310.3, 310.4, 311.2, 311.5, 314.6, 316.4, 316.8, 318.2, 319.4, 319.2, 320.6, 320.8, 321.2, 321.8, 321.4, 321.8, 301.4, 305.3, 310, 310.2, 311.4, 317.1, 317.3, 319.8, 320, 320.5, 321.6, 321.4, 321.7, 321.4, 321.8, 322.5, 322.4, 322.8, 321.9, 322.3, 323, 323.3, 323.8, 324.4, 323.9, 323.8, 324, 324.5, 324.8, 323.3, 323.7, 323.8, 323.2, 323.7, 323.3, 324.8, 325.4, 325.1, 325.5, 324.4, 324.7, 324.8];
    const v = judgeMemory(series(real.length, (i) => real[i]!));
    expect(v.slopeMbPerMin).toBeGreaterThan(3);
    expect(v.ceilingSlopeMbPerMin).toBeLessThan(3);
    expect(v.flat).toBe(true);
    const leaking = judgeMemory(series(real.length, (i) => real[i]! + (i * 5 * 10) / 60));
    expect(leaking.ceilingSlopeMbPerMin).toBeGreaterThan(8);
    expect(leaking.flat).toBe(false);
  });

  it('too few samples to judge is not called flat', () => {
    expect(judgeMemory(series(4, () => 300)).flat).toBe(false);
  });
});

describe('the soak accounting', () => {
  it('sums a counter over all its label sets, and only that counter', () => {
    const text = [
      '# HELP callcue_prompts_total Prompts shown',
      '# TYPE callcue_prompts_total counter',
      'callcue_prompts_total{rule="empathy.onset.anger"} 7',
      'callcue_prompts_total{rule="escalation.primary"} 3',
      'callcue_prompts_suppressed_total{rule="x",reason="cooldown"} 100',
      'callcue_prompts_total_extra 50',
    ].join('\n');
    expect(sumCounter(text, 'callcue_prompts_total')).toBe(10);
  });

  it('parses its flags with bounds, and its chaos is reproducible from the seed', () => {
    expect(parseSoakArgs([]).minutes).toBe(5);
    expect(parseSoakArgs(['--minutes', '0.5', '--nodes', '1']).nodes).toBe(1);
    expect(() => parseSoakArgs(['--minutes', '0'])).toThrow(/--minutes/);
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});
