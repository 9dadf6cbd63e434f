// The README's Measured and Scaling sections and docs/scaling.md's table are generated from the
// published bench results: each figure carries its date, machine and command, a busy machine is
// said, nothing outside the markers changes — and the committed files are what the committed
// results generate, so a figure cannot be typed by hand or go stale.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Machine, Published } from '../../src/capacity/index.js';
import { listPublished } from '../../src/capacity/index.js';
import { packagePath } from '../../src/config/paths.js';
import { generate, replaceBetween } from '../../bench/readme.js';

const quiet: Machine = { cpu: 'Test CPU', cores: 2, memoryGb: 24, os: 'Linux 6', node: 'v22.0.0', loadAvg1: 0.2 };
const run = (calls: number, p99: number, rss: number, shed = 0) => ({
  calls,
  durationS: 30,
  emotionLatencyMs: { p50: 2, p95: 9, p99 },
  clientLatencyMs: { p99: p99 + 3 },
  promptLatencyMs: { n: 40, p99: 12 },
  shedFrames: shed,
  errors: 0,
  serverCpuPct: { p50: calls / 4 },
  serverRssMb: { max: rss },
  idleRssMb: 250,
});
const published = (key: string, result: unknown, machine = quiet): Published => ({ key, command: `npm run bench -- (${key})`, at: '2026-12-24T10:00:00.000Z', machine, result });

const FIXTURES: Published[] = [
  published('find-max', { budgetMs: 100, maxCalls: 320, runs: [run(100, 20, 330), run(200, 40, 360), run(300, 80, 390), run(320, 95, 396), run(350, 180, 405, 12)] }),
  published(
    'calls-100',
    {
      budgetMs: 100,
      runs: [
        {
          ...run(100, 20, 330),
          profile: { callSeconds: 3000, totalUsPerCallS: 2900, threads: {}, rows: [{ stage: 'frames', where: 'workers', usPerCallS: 900 }, { stage: 'ingest', where: 'main', usPerCallS: 400 }] },
          floor: { usPerCallS: 1000 },
        },
      ],
    },
    { ...quiet, loadAvg1: 6 },
  ),
];

describe('README figures from the published bench results', () => {
  it('writes each figure with its date, machine and command, says when the machine was busy, and leaves the rest alone', () => {
    const readme = readFileSync(packagePath('README.md'), 'utf8');
    const scaling = readFileSync(packagePath('docs/scaling.md'), 'utf8');
    const out = generate(readme, scaling, FIXTURES);
    expect(out.readme).toContain('Measured on Test CPU, 2 cores, 24 GB, Linux 6, Node 22.0.0 (2026-12-24)');
    expect(out.readme).toContain('**320 calls** (at 320: emotion p99 95 ms, client p99 98 ms, 0 shed; 350 miss; 2026-12-24)');
    expect(out.readme).toContain('2900 CPU µs per call-second (0.29 % of a core per call); the floor 1000 µs, so 2.9 × the floor; largest: frames 900, ingest 400 (2026-12-24, busy machine: load 6)');
    expect(out.readme).toMatch(/0\.30 MB per call \(least squares over 5 runs of 100–350 calls\); 250 MB with no call/);
    expect(out.readme).toContain('holds **320 concurrent calls**');
    expect(out.readme).toContain('`CALLCUE_MAX_CALLS` to about 0.8 × that figure (256)');
    expect(out.readme).toContain('2,000 seats at 70 % occupancy: 7 nodes');
    expect(out.readme).toMatch(/300 calls \| not published yet \(`npm run bench:publish -- --only calls-300`\)/);
    expect(out.scaling).toContain('| 1 node (`--find-max`: the most within budget) | **320** | 2 / 95 | 98 | 12 | 80 | — | — | 396 | 0 | 2026-12-24 |');
    expect(out.scaling).toContain('| 1 node | 100 | 2 / 20 | 23 | 12 | 25 | — | — | 330 | 0 | 2026-12-24 (busy) |');
    expect(out.scaling).toContain('So `C ≈ 320` calls per 2-core node here; with 0.8 × C that is `CALLCUE_MAX_CALLS=256`.');
    // The sizing steps' worked example follows the published C (it was typed by hand once, and went stale).
    expect(out.scaling).toContain('2,000 seats at 70 % occupancy (1,400 concurrent calls) on nodes like this one need `ceil(1400 / 256) + 1 = 7` nodes.');
    // Outside the markers, nothing changed.
    const outside = (text: string) => text.replace(/<!-- begin ([^:]+):[^>]*-->[\s\S]*?<!-- end \1:[^>]*-->/g, '');
    expect(outside(out.readme)).toBe(outside(readme));
    expect(outside(out.scaling)).toBe(outside(scaling));
    expect(() => replaceBetween('no markers here', 'measured', 'x')).toThrow(/markers/);
  });

  it('names every find-max run when the lowest of several is published', () => {
    const [findMax, ...rest] = FIXTURES;
    const several = { ...findMax!, result: { ...(findMax!.result as object), maxCallsRuns: [320, 410, 365] } };
    const out = generate(readFileSync(packagePath('README.md'), 'utf8'), readFileSync(packagePath('docs/scaling.md'), 'utf8'), [several, ...rest]);
    expect(out.readme).toContain('**320 calls** (the lowest of 3 runs: 320, 410, 365; at 320: emotion p99 95 ms');
    expect(out.scaling).toContain('So `C ≈ 320` calls per 2-core node here (the lowest of 3 runs: 320, 410, 365);');
  });

  it('the committed README and docs/scaling.md are what the committed results generate', () => {
    const readme = readFileSync(packagePath('README.md'), 'utf8');
    const scaling = readFileSync(packagePath('docs/scaling.md'), 'utf8');
    const out = generate(readme, scaling, listPublished());
    expect(out.readme).toBe(readme);
    expect(out.scaling).toBe(scaling);
  });
});
