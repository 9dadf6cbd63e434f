// Published bench results: written with their machine and command, read back, and the capacity
// figure the demo and the README take from the find-max result.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeMachine, listPublished, measuredBusy, publishedCapacity, readPublished, writePublished } from '../../src/capacity/index.js';

describe('published bench results', () => {
  it('keeps what was measured, when, where and how, and the capacity from find-max', () => {
    const dir = mkdtempSync(join(tmpdir(), 'callcue-published-'));
    expect(publishedCapacity(dir)).toBeNull();
    const machine = { ...describeMachine(), cores: 2, loadAvg1: 0.1 };
    writePublished('find-max', 'npm run bench -- --find-max', machine, { budgetMs: 100, maxCalls: 310, runs: [] }, dir);
    writePublished('calls-100', 'npm run bench -- --calls 100', { ...machine, loadAvg1: 7.5 }, { runs: [] }, dir);
    const p = readPublished('find-max', dir)!;
    expect(p).toMatchObject({ key: 'find-max', command: 'npm run bench -- --find-max', machine });
    expect(Date.parse(p.at)).toBeGreaterThan(0);
    expect(publishedCapacity(dir)).toMatchObject({ calls: 310, budgetMs: 100, busy: false });
    expect(listPublished(dir).map((x) => x.key).sort()).toEqual(['calls-100', 'find-max']);
    expect(measuredBusy(readPublished('calls-100', dir)!.machine)).toBe(true);
    expect(() => writePublished('../x', 'c', machine, {}, dir)).toThrow(/not a key/);
  });
});
