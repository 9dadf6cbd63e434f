// The feed router hands each call's events only to the feeds that see the call: from its start (or
// from a feed's connection, for calls already live) to its end, and never after a feed has gone.

import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { InternalEvent } from '../../src/frames/events.js';
import { FeedRouter, type FeedTarget } from '../../src/delivery/feed-router.js';

const started = (callId: string, agentId: string, seq = 1) =>
  ({ type: 'call.started', callId, agentId, language: 'en-US', tracks: ['caller'], startedAt: '', source: 'native', arrivalMs: 0, seq, at: '' }) as unknown as InternalEvent;
const transcript = (callId: string, seq: number) =>
  ({ type: 'transcript', callId, track: 'caller', text: 'hello', isFinal: true, startMs: 0, endMs: 1, redacted: [], arrivalMs: 0, seq, at: '' }) as unknown as InternalEvent;
const ended = (callId: string, seq: number) => ({ type: 'call.ended', callId, reason: 'stop', durationMs: 1, shedFrames: 0, arrivalMs: 0, seq, at: '' }) as unknown as InternalEvent;

function feed(agentId: string | null): FeedTarget & { got: string[] } {
  const got: string[] = [];
  return {
    got,
    wants: (_callId, agent) => agentId === null || agent === agentId,
    deliver: (ev, json) => {
      expect(JSON.parse(json)).toMatchObject({ type: ev.type, callId: ev.callId, seq: ev.seq });
      got.push(`${ev.callId}:${ev.seq}`);
    },
  };
}

describe('feed router', () => {
  it('delivers a call to the feeds that see it, from start to end, and to no one after', () => {
    const bus = new Subject<InternalEvent>();
    const router = new FeedRouter(bus);
    const a1 = feed('a1');
    const a2 = feed('a2');
    const wall = feed(null);
    const late = feed('a1');
    router.add(a1, []);
    router.add(a2, []);
    router.add(wall, []);
    bus.next(started('c1', 'a1'));
    bus.next(started('c2', 'a2'));
    router.add(late, ['c1']);
    bus.next(transcript('c1', 2));
    bus.next(transcript('c2', 2));
    router.remove(a2);
    bus.next(transcript('c2', 3));
    bus.next(ended('c1', 3));
    bus.next(transcript('c1', 4));
    expect(a1.got).toEqual(['c1:1', 'c1:2', 'c1:3']);
    expect(a2.got).toEqual(['c2:1', 'c2:2']);
    expect(wall.got).toEqual(['c1:1', 'c2:1', 'c1:2', 'c2:2', 'c2:3', 'c1:3']);
    expect(late.got).toEqual(['c1:2', 'c1:3']);
    router.close();
    bus.next(transcript('c2', 4));
    expect(wall.got).toHaveLength(6);
  });

  it('sends the event as it was published, without arrivalMs and with latencyMs last', () => {
    const bus = new Subject<InternalEvent>();
    const router = new FeedRouter(bus);
    const sent: string[] = [];
    router.add({ wants: () => true, deliver: (_ev, json) => sent.push(json) }, []);
    bus.next(started('c1', 'a1'));
    // arrivalMs in the middle, a nested object, an undefined field: as a rest copy would send them.
    const ev = { type: 'prompt', callId: 'c1', promptId: 'p1', arrivalMs: 0, rule: 'r', emotion: { label: 'anger', intensity: 0.5 }, supersedes: undefined, seq: 2, at: 'x' } as unknown as InternalEvent;
    bus.next(ev);
    const { arrivalMs: _a, ...rest } = ev;
    expect(sent[1]!.replace(/"latencyMs":[0-9.e+-]+/, '"latencyMs":L')).toBe(JSON.stringify({ ...rest, latencyMs: 'L' }).replace('"L"', 'L'));
    expect(Object.keys(JSON.parse(sent[1]!)).at(-1)).toBe('latencyMs');
    router.close();
  });
});
