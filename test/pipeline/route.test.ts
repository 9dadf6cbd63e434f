// The call's input split by reader: every frame reaches its own route only, the input is subscribed
// once for all routes, and completion and errors reach the routes in the order they subscribed.

import { Observable, Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { InputFrame } from '../../src/frames/types.js';
import { routeFrames } from '../../src/pipeline/route.js';

const audio = (track: 'caller' | 'agent', i: number): InputFrame => ({ kind: 'raw-audio', callId: 'c', track, encoding: 'mulaw', sampleRateHz: 8000, bytes: new Uint8Array(2), tsMs: i * 20, arrivalMs: i });
const text = (i: number): InputFrame => ({ kind: 'transcript', callId: 'c', track: 'agent', text: `t${i}`, isFinal: true, startMs: 0, endMs: 1, tsMs: 1, arrivalMs: i });
const stop: InputFrame = { kind: 'stop', callId: 'c', reason: 'hangup', tsMs: 0, arrivalMs: 0 };

describe('routeFrames', () => {
  it('hands each frame to its own route only, from one subscription to the input', () => {
    let subscriptions = 0;
    const input = new Subject<InputFrame>();
    const counted = new Observable<InputFrame>((out) => {
      subscriptions++;
      return input.subscribe(out);
    });
    const routes = routeFrames(counted);
    const seen: string[] = [];
    routes.audio('caller').subscribe((f) => seen.push(`caller${f.arrivalMs}`));
    routes.audio('agent').subscribe((f) => seen.push(`agent${f.arrivalMs}`));
    routes.transcripts.subscribe((f) => seen.push(`text${f.arrivalMs}`));
    input.next(audio('agent', 1));
    input.next(text(2));
    input.next(stop);
    input.next(audio('caller', 3));
    expect(seen).toEqual(['agent1', 'text2', 'caller3']);
    expect(subscriptions).toBe(1);
  });

  it('completes and errors the routes in the order they subscribed', () => {
    for (const end of ['complete', 'error'] as const) {
      const input = new Subject<InputFrame>();
      const routes = routeFrames(input);
      const ended: string[] = [];
      const watch = (name: string) => ({ complete: () => ended.push(name), error: () => ended.push(name) });
      routes.transcripts.subscribe(watch('text'));
      routes.audio('agent').subscribe(watch('agent'));
      routes.audio('caller').subscribe(watch('caller'));
      if (end === 'complete') input.complete();
      else input.error(new Error('x'));
      expect(ended).toEqual(['text', 'agent', 'caller']);
    }
  });

  it('leaves the input when the last route is unsubscribed, and no sooner', () => {
    const input = new Subject<InputFrame>();
    const routes = routeFrames(input);
    const caller = routes.audio('caller').subscribe();
    const agent = routes.audio('agent').subscribe();
    caller.unsubscribe();
    expect(input.observed).toBe(true);
    agent.unsubscribe();
    expect(input.observed).toBe(false);
  });
});
