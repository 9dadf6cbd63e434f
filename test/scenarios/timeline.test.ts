// The call timeline: turns laid out from their durations with pauses and scripted talk-over, and
// the ASR stream derived from it (growing partials, then the final, in endMs order).

import { describe, expect, it } from 'vitest';
import { layoutTurns, partialText, transcriptFor, type TimelineOptions } from '../../src/scenarios/index.js';

const OPTS: TimelineOptions = { leadInMs: 500, pauseMs: 600, tailMs: 1000 };

describe('layoutTurns', () => {
  it('places turns one after another with the default pause, or the turn’s own', () => {
    const t = layoutTurns(
      [{ speaker: 'agent' }, { speaker: 'caller' }, { speaker: 'agent', pauseBeforeMs: 2000 }],
      [3000, 2000, 1000],
      OPTS,
    );
    expect(t.turns.map((p) => [p.startMs, p.endMs])).toEqual([
      [500, 3500],
      [4100, 6100],
      [8100, 9100],
    ]);
    expect(t.durationMs).toBe(10_100);
  });

  it('starts an interrupting turn before the interrupted one ends, and the next turn after both', () => {
    const t = layoutTurns(
      [{ speaker: 'caller' }, { speaker: 'agent', overlapMs: 1500 }, { speaker: 'caller' }],
      [5000, 1000, 2000],
      OPTS,
    );
    const [caller, agent, next] = t.turns;
    expect(agent!.startMs).toBe(caller!.endMs - 1500);
    expect(agent!.endMs).toBeLessThan(caller!.endMs);
    // The caller kept talking past the interruption: the next turn waits for the caller.
    expect(next!.startMs).toBe(caller!.endMs + 600);
  });

  it('never lets an interruption start before the interrupted turn has begun', () => {
    const t = layoutTurns([{ speaker: 'caller' }, { speaker: 'agent', overlapMs: 9000 }], [1000, 1000], OPTS);
    expect(t.turns[1]!.startMs).toBeGreaterThan(t.turns[0]!.startMs);
  });

  it('refuses mismatched durations', () => {
    expect(() => layoutTurns([{ speaker: 'caller' }], [], OPTS)).toThrow(RangeError);
  });
});

describe('transcriptFor', () => {
  it('sends growing partials before each final, all ordered by endMs', () => {
    const timeline = layoutTurns([{ speaker: 'agent' }, { speaker: 'caller' }], [4000, 500], OPTS);
    const entries = transcriptFor(timeline, ['Good morning, thank you for calling Harbour Bank today.', 'Hi.']);
    const agent = entries.filter((e) => e.track === 'agent');
    expect(agent.map((e) => e.isFinal)).toEqual([false, false, true]);
    expect(agent[0]!.text.length).toBeLessThan(agent[1]!.text.length);
    expect(agent[2]!.text.startsWith(agent[1]!.text)).toBe(true);
    expect(agent.every((e) => e.startMs === 500)).toBe(true);
    expect(agent[2]!.endMs).toBe(4500);
    // A short turn gets no partial.
    expect(entries.filter((e) => e.track === 'caller')).toEqual([{ track: 'caller', text: 'Hi.', isFinal: true, startMs: 5100, endMs: 5600 }]);
    const ends = entries.map((e) => e.endMs);
    expect([...ends].sort((a, b) => a - b)).toEqual(ends);
  });

  it('cuts Chinese partials by character and English by word, without trailing punctuation', () => {
    expect(partialText('你好，我想问一下营业时间。', 0.4)).toBe('你好，我想问');
    expect(partialText('你好，我想问一下营业时间。', 0.2)).toBe('你好');
    expect(partialText('Hello there, how are you?', 0.5)).toBe('Hello there, how');
    expect(partialText('Hello, there', 0.1)).toBe('Hello');
  });
});
