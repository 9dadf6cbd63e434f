// A stage that throws on one call's input fails that call's stream with the error. Thrown out of a
// plain subscriber's next(), it would instead be reported as unhandled on a later timer and take
// the pipeline worker down, with every other call on it.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EMPTY, Subject, type Observable } from 'rxjs';
import { rollingWindows } from '../../src/pipeline/window.js';
import { fuseEmotion } from '../../src/pipeline/fuse.js';
import { trackFeatures } from '../../src/pipeline/track-features.js';
import { INTERNAL_RATE_HZ } from '../../src/features/types.js';
import { CallcueError } from '../../src/errors.js';
import { Metrics } from '../../src/observability/metrics.js';
import { parsePlaybook } from '../../src/policy/store.js';
import type { ClassifiedWindow, FeatureBatch, RawAudioFrame } from '../../src/frames/types.js';

const playbook = parsePlaybook(readFileSync('playbooks/default.json', 'utf8'), 'default');

/** Subscribes, feeds one bad input, and returns what the stream and the process saw. */
async function feedBad<I>(stage: (in$: Observable<I>) => Observable<unknown>, bad: I) {
  const input = new Subject<I>();
  const seen = { values: 0, error: null as unknown, unhandled: [] as unknown[] };
  const onUncaught = (err: unknown) => seen.unhandled.push(err);
  process.on('uncaughtException', onUncaught);
  try {
    stage(input).subscribe({ next: () => seen.values++, error: (err) => (seen.error = err) });
    input.next(bad);
    // RxJS reports a subscriber's unhandled throw on a later timer: give it one.
    await new Promise((r) => setTimeout(r, 20));
  } finally {
    process.off('uncaughtException', onUncaught);
  }
  return seen;
}

describe('a stage that cannot read its input', () => {
  it('decoding and frame analysis: fails the call’s stream, nothing unhandled', async () => {
    const features = trackFeatures(new Metrics(false), { toHz: INTERNAL_RATE_HZ, modelInput: true });
    // PCM16 with an odd byte count cannot be decoded.
    const frame = { kind: 'raw-audio', callId: 'c1', track: 'caller', tsMs: 0, arrivalMs: 0, encoding: 'pcm16le', sampleRateHz: 8000, bytes: new Uint8Array(321) };
    const seen = await feedBad<RawAudioFrame>(features, frame as unknown as RawAudioFrame);
    expect(seen.error).toBeInstanceOf(CallcueError);
    expect(seen.unhandled).toEqual([]);
    expect(seen.values).toBe(0);
  });

  it('rolling windows: fails the call’s stream, nothing unhandled', async () => {
    const windows = rollingWindows(new Metrics(false), { windowMs: 3000, intervalMs: 250, minSpeechMs: 600, modelInput: true });
    // A batch without its frame columns: what a broken upstream stage could hand over.
    const seen = await feedBad<FeatureBatch>(windows, { callId: 'c1', track: 'caller', tsMs: 0, arrivalMs: 0, frames: null } as unknown as FeatureBatch);
    expect(seen.error).toBeInstanceOf(TypeError);
    expect(seen.unhandled).toEqual([]);
    expect(seen.values).toBe(0);
  });

  it('fusion: fails the call’s stream, nothing unhandled', async () => {
    const fuse = fuseEmotion(new Metrics(false), () => playbook.fusion, EMPTY);
    // A classified window without its prosody summary.
    const seen = await feedBad<ClassifiedWindow>(fuse, { callId: 'c1', track: 'caller', tsMs: 250, arrivalMs: 0, summary: null, probs: null } as unknown as ClassifiedWindow);
    expect(seen.error).toBeInstanceOf(TypeError);
    expect(seen.unhandled).toEqual([]);
    expect(seen.values).toBe(0);
  });
});
