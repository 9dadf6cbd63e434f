// What the prosody model sees, unchanged by the work on speed: the caller's model inputs and every
// frame's voice activity, level and pitch for a fixed synthetic call, hashed, against the hash the
// code gave before (commit fd0437a, before the frame-analysis and windows changes of issue 17).
// A change of the features themselves (a retrained model's) updates the hash in the same commit,
// with the model's scores measured again.

import { createHash } from 'node:crypto';
import { from, lastValueFrom, tap, toArray, type Observable } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { encodeAudio } from '../../src/codecs/pcm.js';
import { INTERNAL_RATE_HZ } from '../../src/features/index.js';
import type { FeatureBatch, RawAudioFrame, Track } from '../../src/frames/types.js';
import { Metrics } from '../../src/observability/metrics.js';
import { analyzeFrames } from '../../src/pipeline/analyze.js';
import { decodeFrames } from '../../src/pipeline/decode.js';
import { rollingWindows } from '../../src/pipeline/window.js';
import { trackFeatures } from '../../src/pipeline/track-features.js';

/** sha256 computed by the code of fd0437a on the same material (the same computation run against that commit's build). */
const BEFORE = 'f92a095a6fb198e9d3051be6056be0bbdb241430468622bdfcf259c6988c737f';

/** A deterministic call: voiced syllables of several pitches and loudnesses, pauses, silence and hiss. */
function goldenTrack(seed: number, durationMs: number): Float32Array {
  const n = Math.round((durationMs / 1000) * INTERNAL_RATE_HZ);
  const out = new Float32Array(n);
  let s = seed >>> 0;
  const noise = () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32 - 0.5;
  };
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const t = i / INTERNAL_RATE_HZ;
    const turn = Math.floor(t / 2.7 + seed) % 3;
    const f0 = [110, 190, 310][turn]! * (1 + 0.1 * Math.sin(2 * Math.PI * 0.6 * t + seed));
    phase += (2 * Math.PI * f0) / INTERNAL_RATE_HZ;
    let v = 0;
    for (let h = 1; h <= 8; h++) if (f0 * h < 3800) v += Math.sin(h * phase) / h;
    const syllable = Math.max(0, Math.sin(2 * Math.PI * (3 + turn) * t)) ** 2;
    const speaking = Math.floor(t / 1.9 + seed * 0.5) % 2 === 0;
    const level = [0.08, 0.3, 0.7][(turn + seed) % 3]!;
    const hiss = turn === 2 ? 0.004 : 0;
    out[i] = (speaking ? level * syllable * v : 0) + hiss * noise();
  }
  return out;
}

/** The live pipeline's two ways to a track's feature batches: one operator, or decode then analyze (a plugged voice model reading the caller's samples). */
const PATHS = {
  fused: (m: Metrics) => trackFeatures(m, { toHz: INTERNAL_RATE_HZ, modelInput: true }),
  separate: (m: Metrics) => (s: Observable<RawAudioFrame>) => s.pipe(decodeFrames(m, INTERNAL_RATE_HZ), analyzeFrames(m, { modelInput: true })),
};

async function modelInputsHash(path: keyof typeof PATHS): Promise<{ hash: string; judged: number }> {
  const h = createHash('sha256');
  let judged = 0;
  for (let seed = 0; seed < 3; seed++) {
    const samples = goldenTrack(seed, 40_000);
    const chunk = (INTERNAL_RATE_HZ * 20) / 1000;
    const msgs: RawAudioFrame[] = [];
    for (let k = 0; k * chunk < samples.length; k++) {
      const track: Track = 'caller';
      msgs.push({ kind: 'raw-audio', callId: 'golden', track, encoding: 'mulaw', sampleRateHz: INTERNAL_RATE_HZ, bytes: encodeAudio(samples.subarray(k * chunk, (k + 1) * chunk), 'mulaw'), tsMs: k * 20, arrivalMs: 0 });
    }
    const m = new Metrics(false);
    // A batch's frames are lent for its emission: read them as they pass.
    const frames: string[] = [];
    const read = tap((b: FeatureBatch) => {
      for (let i = 0; i < b.frames.length; i++) frames.push(`${b.frames.isSpeech[i] === 1},${b.frames.rmsDb[i]},${b.frames.pitchHz[i]};`);
    });
    const windows = await lastValueFrom(
      from(msgs).pipe(PATHS[path](m), read, rollingWindows(m, { windowMs: 3000, intervalMs: 250, minSpeechMs: 600, modelInput: true }), toArray()),
    );
    for (const f of frames) h.update(f);
    for (const w of windows) {
      h.update(Buffer.from(w.features.buffer, w.features.byteOffset, w.features.byteLength));
      if (w.features.length > 0) judged++;
    }
  }
  return { hash: h.digest('hex'), judged };
}

describe('the prosody model sees what it saw before the speed work', () => {
  it.each(Object.keys(PATHS) as (keyof typeof PATHS)[])('the caller\'s model inputs and frame measurements hash as they did (%s)', async (path) => {
    const { hash, judged } = await modelInputsHash(path);
    expect(judged).toBeGreaterThan(100);
    expect(hash).toBe(BEFORE);
  });
});
