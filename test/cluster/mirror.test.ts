// The mirror every node keeps of every live call, and where a starting node reads the stream from:
// pure logic, no Redis.

import { describe, expect, it } from 'vitest';
import { CallMirror } from '../../src/delivery/bus-mirror.js';
import { hydrationStart, type CallSnapshot } from '../../src/delivery/bus-snapshots.js';
import { nodeLostEvent } from '../../src/delivery/bus-lost.js';
import { ScriptedCall } from './events.js';

describe('the call mirror', () => {
  it('folds events in order, remembers the owner, and skips what it already holds', () => {
    const m = new CallMirror();
    const c = new ScriptedCall('m1');
    const started = c.started();
    const p = c.prompt('p1');
    expect(m.apply(started, 'node-a')).toBe('applied');
    expect(m.apply(p, 'node-a')).toBe('applied');
    expect(m.apply(p, 'node-a')).toBe('duplicate');
    expect(m.apply(started, 'node-a')).toBe('duplicate');
    expect(m.get('m1')).toMatchObject({ lastSeq: 2, promptIds: ['p1'] });
    expect(m.ownerOf('m1')).toBe('node-a');
    expect(m.ownedBy('node-a').map((s) => s.callId)).toEqual(['m1']);
    expect([...m.owningNodes()]).toEqual(['node-a']);
    expect(m.gaps).toBe(0);
  });

  it('counts a gap, and never lets a late copy bring an ended call back', () => {
    const m = new CallMirror();
    const c = new ScriptedCall('m2');
    const started = c.started();
    const t1 = c.transcript('one', 0);
    c.transcript('lost in between', 1000);
    m.apply(started, 'a');
    m.apply(t1, 'a');
    expect(m.apply(c.transcript('three', 2000), 'a')).toBe('applied');
    expect(m.gaps).toBe(1);
    expect(m.apply(c.ended(), 'a')).toBe('applied');
    expect(m.get('m2')).toBeUndefined();
    expect(m.ownerOf('m2')).toBeUndefined();
    expect(m.apply(t1, 'a')).toBe('duplicate');
    expect(m.apply(started, 'a')).toBe('duplicate');
    expect(m.size).toBe(0);
    // The same id may start again as a new call.
    const again = new ScriptedCall('m2');
    const s2 = { ...again.started(), startedAt: new Date(Date.now() + 5).toISOString() } as typeof started;
    expect(m.apply(s2, 'b')).toBe('applied');
    expect(m.ownerOf('m2')).toBe('b');
  });

  it('an event of a call it never saw start is unknown, not guessed at', () => {
    const m = new CallMirror();
    const c = new ScriptedCall('m3');
    c.started();
    expect(m.apply(c.transcript('x', 0), 'a')).toBe('unknown');
    expect(m.size).toBe(0);
  });

  it('adopts a snapshot only when it is ahead', () => {
    const m = new CallMirror();
    const c = new ScriptedCall('m4');
    m.apply(c.started(), 'a');
    m.apply(c.transcript('x', 0), 'a');
    const behind = { ...structuredClone(m.get('m4')!), lastSeq: 1 };
    expect(m.adopt(behind, 'a')).toBe(false);
    const ahead = { ...structuredClone(m.get('m4')!), lastSeq: 9 };
    expect(m.adopt(ahead, 'a')).toBe(true);
    expect(m.get('m4')!.lastSeq).toBe(9);
  });

  it('a lost node\'s call ends with node_lost, numbered on from its last seq', () => {
    const m = new CallMirror();
    const c = new ScriptedCall('m5');
    m.apply(c.started(), 'a');
    m.apply(c.transcript('x', 0), 'a');
    const ev = nodeLostEvent(m.get('m5')!);
    expect(ev).toMatchObject({ type: 'call.ended', callId: 'm5', reason: 'node_lost', seq: 3 });
    expect(m.apply(ev, 'b')).toBe('applied');
    expect(m.size).toBe(0);
  });
});

describe('where a starting node reads the stream from', () => {
  const snap = (streamId: string) => ({ streamId }) as CallSnapshot;
  it('the earliest snapshot position, at least the look-back before the tail, the beginning of an empty stream', () => {
    expect(hydrationStart(null, [], 5000)).toBe('0-0');
    expect(hydrationStart('100000-3', [], 5000)).toBe('95000-0');
    expect(hydrationStart('100000-3', [snap('99000-1'), snap('97000-0')], 5000)).toBe('95000-0');
    expect(hydrationStart('100000-3', [snap('99000-1'), snap('90000-2')], 5000)).toBe('90000-2');
    expect(hydrationStart('3000-0', [], 5000)).toBe('0-0');
  });
});
