// The call timeline: turns laid out from their durations with pauses and scripted talk-over, and
// the ASR stream derived from it (growing partials, then the final, in endMs order).

import { describe, expect, it } from 'vitest';
import { heardText, layoutTurns, partialText, phraseSpokenAtMs, transcriptFor, type TimelineOptions } from '../../src/scenarios/index.js';

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

describe('a streaming recogniser', () => {
  it('sends a partial every partialEveryMs holding the words said so far, then the final', () => {
    const timeline = layoutTurns([{ speaker: 'caller' }], [2000], OPTS);
    const entries = transcriptFor(timeline, ['one two three four five six seven eight'], { partialEveryMs: 500 });
    expect(entries.map((e) => [e.text, e.isFinal, e.endMs])).toEqual([
      ['one two', false, 1000],
      ['one two three four', false, 1500],
      ['one two three four five six', false, 2000],
      ['one two three four five six seven eight', true, 2500],
    ]);
  });

  it('grows Chinese character by character, and sends nothing new when no unit was completed', () => {
    const timeline = layoutTurns([{ speaker: 'caller' }], [1500], OPTS);
    const entries = transcriptFor(timeline, ['我要投诉'], { partialEveryMs: 250 });
    expect(entries.map((e) => e.text)).toEqual(['我', '我要', '我要投', '我要投诉']);
  });

  it('places a phrase at the moment its last unit has been said, when a partial first holds it', () => {
    const text = 'Hello. This is the third time I am calling.';
    const atMs = phraseSpokenAtMs(text, 'third time', 1000, 10_000);
    // "third time" ends with the 6th of 9 words.
    expect(atMs).toBe(1000 + 6000);
    expect(heardText(text, (atMs - 1000) / 9000)).toBe('Hello. This is the third time');
    expect(heardText(text, (atMs - 1001) / 9000)).not.toContain('time');
    expect(phraseSpokenAtMs('你好，我要投诉！', '投诉', 0, 800)).toBe(700);
    expect(() => phraseSpokenAtMs(text, 'furious', 0, 1000)).toThrow(RangeError);
  });
});
