// The guard that keeps the test suite out of the user's data/ folder (test/guard) tells a test's
// pollution from the user's own running service: only a process that still runs is excused.

import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { unexplainedChanges, type DataSnapshot } from '../guard/data-folder.js';

const running = `${hostname()}:${process.pid}:guard`;
const gone = `${hostname()}:999999999:guard`;
const db = (calls: Record<string, [string, string | null]>, owners: string[] = []): DataSnapshot['db'] => ({
  calls: Object.fromEntries(Object.entries(calls).map(([id, [status, ownerId]]) => [id, { status, ownerId }])),
  owners,
});

describe('the data/ guard', () => {
  it('reports what a process that has ended wrote: a new database, calls added, a call closed out, files', () => {
    const before: DataSnapshot = { files: { 'notes.txt': '3 bytes' }, db: db({ a: ['live', running] }) };
    expect(unexplainedChanges(before, { files: { 'notes.txt': '4 bytes' }, db: db({ a: ['incomplete', running], b: ['complete', gone] }, [running]) })).toEqual([
      'data/notes.txt: 3 bytes → 4 bytes',
      `call b was added (owner ${gone} is not running)`,
    ]);
    expect(unexplainedChanges({ files: {}, db: db({ a: ['live', gone] }) }, { files: {}, db: db({ a: ['incomplete', gone] }) })).toEqual([
      `call a: live → incomplete (owner ${gone} is not running)`,
    ]);
    expect(unexplainedChanges({ files: {}, db: null }, { files: {}, db: db({}) })).toEqual(['data/callcue.db was created (no running callcue owns it)']);
    expect(unexplainedChanges({ files: {}, db: db({ old: ['complete', null] }) }, { files: {}, db: db({}) })).toEqual(['call old was deleted']);
  });

  it("excuses the user's own running service: its new calls, their end, its retention purge", () => {
    const before: DataSnapshot = { files: {}, db: db({ a: ['live', running], old: ['complete', null] }, [running]) };
    const after: DataSnapshot = { files: {}, db: db({ a: ['complete', running], c: ['live', running] }, [running]) };
    expect(unexplainedChanges(before, after)).toEqual([]);
    expect(unexplainedChanges({ files: {}, db: null }, { files: {}, db: db({}, [running]) })).toEqual([]);
  });
});
