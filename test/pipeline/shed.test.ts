// The bounded input queue: audio is shed oldest-first when a call falls behind; transcripts and
// stops never are.

import { Subject, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { setAfterDrain, shedAudio } from '../../src/pipeline/shed.js';
import type { InputFrame } from '../../src/frames/types.js';

const audio = (i: number): InputFrame => ({ kind: 'raw-audio', callId: 'c', track: 'caller', encoding: 'pcm16le', sampleRateHz: 8000, bytes: new Uint8Array(2), tsMs: i * 20, arrivalMs: i });
const text = (i: number): InputFrame => ({ kind: 'transcript', callId: 'c', track: 'caller', text: `t${i}`, isFinal: true, startMs: 0, endMs: 1, tsMs: 1, arrivalMs: i });

describe('shedAudio', () => {
  it('passes everything through when the queue stays short', async () => {
    const input = new Subject<InputFrame>();
    const shed: InputFrame[] = [];
    const out = lastValueFrom(input.pipe(shedAudio({ maxQueuedAudio: 5, onShed: (f) => shed.push(f) }), toArray()));
    for (let i = 0; i < 3; i++) input.next(audio(i));
    input.complete();
    expect((await out).length).toBe(3);
    expect(shed).toEqual([]);
  });

  it('sheds the oldest audio beyond the bound, keeps every transcript and completes after the stop', async () => {
    const input = new Subject<InputFrame>();
    const shed: InputFrame[] = [];
    const out = lastValueFrom(input.pipe(shedAudio({ maxQueuedAudio: 4, onShed: (f) => shed.push(f) }), toArray()));
    // All arrive within one tick, as when the event loop is behind.
    for (let i = 0; i < 10; i++) {
      input.next(audio(i));
      if (i % 3 === 0) input.next(text(i));
    }
    input.complete();
    const got = await out;
    expect(got.filter((f) => f.kind === 'transcript').map((f) => f.arrivalMs)).toEqual([0, 3, 6, 9]);
    expect(got.filter((f) => f.kind === 'raw-audio').map((f) => f.arrivalMs)).toEqual([6, 7, 8, 9]);
    expect(shed.map((f) => f.arrivalMs)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('hands on the frames of every call in the next turn, in the order they came, and nothing to a call that went away', async () => {
    const seen: string[] = [];
    const a = new Subject<InputFrame>();
    const b = new Subject<InputFrame>();
    const c = new Subject<InputFrame>();
    a.pipe(shedAudio({ maxQueuedAudio: 10, onShed: () => undefined })).subscribe((f) => seen.push(`a${f.arrivalMs}`));
    b.pipe(shedAudio({ maxQueuedAudio: 10, onShed: () => undefined })).subscribe((f) => seen.push(`b${f.arrivalMs}`));
    const gone = c.pipe(shedAudio({ maxQueuedAudio: 10, onShed: () => undefined })).subscribe((f) => seen.push(`c${f.arrivalMs}`));
    b.next(audio(1));
    c.next(audio(2));
    a.next(audio(3));
    b.next(text(4));
    gone.unsubscribe();
    // Asynchronous: nothing is handed on in the turn the frames arrive.
    expect(seen).toEqual([]);
    await new Promise<void>((r) => setImmediate(r));
    expect(seen).toEqual(['b1', 'b4', 'a3']);
  });

  it("runs the thread's after-drain hook after each call's drain, before the next call's", async () => {
    const seen: string[] = [];
    const a = new Subject<InputFrame>();
    const b = new Subject<InputFrame>();
    a.pipe(shedAudio({ maxQueuedAudio: 10, onShed: () => undefined })).subscribe((f) => seen.push(`a${f.arrivalMs}`));
    b.pipe(shedAudio({ maxQueuedAudio: 10, onShed: () => undefined })).subscribe((f) => seen.push(`b${f.arrivalMs}`));
    setAfterDrain(() => seen.push('|'));
    try {
      a.next(audio(1));
      b.next(audio(2));
      a.next(audio(3));
      await new Promise<void>((r) => setImmediate(r));
    } finally {
      setAfterDrain(null);
    }
    expect(seen).toEqual(['a1', 'a3', '|', 'b2', '|']);
  });
});
