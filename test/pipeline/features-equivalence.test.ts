// The live audio path computes what the models see more cheaply than the straightforward way (the
// spectrum only of frames something reads, no per-frame copies, the agent's windows only as far as
// coaching reads them). This holds it to the straightforward way, bit for bit: every window's
// model input and evidence, and every frame's voice activity, level and pitch, from the same
// μ-law messages — decoded, framed and analysed in full with the code training uses, then windowed
// against the speaker's baseline as src/pipeline/window.ts specifies.

import { describe, expect, it } from 'vitest';
import { from, lastValueFrom, tap, toArray } from 'rxjs';
import { decodeAudio, encodeAudio } from '../../src/codecs/pcm.js';
import {
  createFrameAnalyzer,
  FRAME_SIZE_SAMPLES,
  Framer,
  HOP_MS,
  INTERNAL_RATE_HZ,
  SpeakerBaseline,
  summarizeAgainst,
  windowFunctionals,
  type FrameFeatures,
  type ProsodySummary,
} from '../../src/features/index.js';
import type { FeatureBatch, ProsodyWindow, RawAudioFrame, Track } from '../../src/frames/types.js';
import { Metrics } from '../../src/observability/metrics.js';
import { trackFeatures } from '../../src/pipeline/track-features.js';
import { rollingWindows } from '../../src/pipeline/window.js';
import { concat, silence, speechLike } from '../helpers/audio.js';

const CHUNK_MS = 20;
const WINDOW = { windowMs: 3000, intervalMs: 250, minSpeechMs: 600 };
const FRAME_MS = (FRAME_SIZE_SAMPLES / INTERNAL_RATE_HZ) * 1000;

function noise(durationMs: number, amplitude: number, seed: number): Float32Array {
  let s = seed;
  return Float32Array.from({ length: Math.round((durationMs / 1000) * INTERNAL_RATE_HZ) }, () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return (s / 2 ** 32 - 0.5) * amplitude;
  });
}

/** A track with what lines carry: speech of several voices, digital silence, line noise, shouting. */
function track(seed: number): Float32Array {
  const hissy = (a: Float32Array, level: number) => {
    const n = noise((a.length / INTERNAL_RATE_HZ) * 1000, level, seed + 7);
    return a.map((v, i) => v + n[i]!);
  };
  return concat(
    silence(700),
    speechLike(2600, { pitchHz: 120 + seed * 7, rateSylPerS: 4, amplitude: 0.3 }, INTERNAL_RATE_HZ, seed),
    noise(900, 0.004, seed),
    speechLike(3100, { pitchHz: 210, rateSylPerS: 5.5, amplitude: 0.6 }, INTERNAL_RATE_HZ, seed + 1),
    silence(1300),
    hissy(speechLike(4200, { pitchHz: 160, rateSylPerS: 3, amplitude: 0.15 }, INTERNAL_RATE_HZ, seed + 2), 0.003),
    noise(2500, 0.02, seed + 3),
    speechLike(3800, { pitchHz: 330, rateSylPerS: 6, amplitude: 0.9 }, INTERNAL_RATE_HZ, seed + 4),
    silence(400),
    speechLike(2000, { pitchHz: 95, rateSylPerS: 3.5, amplitude: 0.25 }, INTERNAL_RATE_HZ, seed + 5),
  );
}

function messages(samples: Float32Array, t: Track): RawAudioFrame[] {
  const chunk = (INTERNAL_RATE_HZ * CHUNK_MS) / 1000;
  const out: RawAudioFrame[] = [];
  for (let k = 0; k * chunk < samples.length; k++) {
    const bytes = encodeAudio(samples.subarray(k * chunk, (k + 1) * chunk), 'mulaw');
    out.push({ kind: 'raw-audio', callId: 'eq', track: t, encoding: 'mulaw', sampleRateHz: INTERNAL_RATE_HZ, bytes, tsMs: k * CHUNK_MS, arrivalMs: k });
  }
  return out;
}

interface Reference {
  frames: FrameFeatures[];
  windows: { tsMs: number; durationMs: number; summary: ProsodySummary; features: Float32Array }[];
}

/** The straightforward way: full analysis of every frame, windows as src/pipeline/window.ts specifies. */
function reference(msgs: RawAudioFrame[], modelInput: boolean): Reference {
  const framer = new Framer();
  const analyzer = createFrameAnalyzer();
  const baseline = new SpeakerBaseline();
  const capacity = Math.ceil(WINDOW.windowMs / HOP_MS);
  const all: FrameFeatures[] = [];
  const ring: FrameFeatures[] = [];
  const windows: Reference['windows'] = [];
  let nextEmitMs = WINDOW.intervalMs;
  for (const m of msgs) {
    const batchStart = all.length;
    const batch = framer.push(decodeAudio(m.bytes, m.encoding)).map((f) => analyzer.analyze(f));
    for (let i = 0; i < batch.length; i++) {
      ring.push(batch[i]!);
      if (ring.length > capacity) ring.shift();
      const endMs = (batchStart + i) * HOP_MS + FRAME_MS;
      if (endMs < nextEmitMs) continue;
      nextEmitMs += WINDOW.intervalMs;
      const speech = ring.filter((f) => f.isSpeech).length;
      const functionals = windowFunctionals(ring);
      windows.push({
        tsMs: endMs,
        durationMs: ring.length * HOP_MS,
        summary: summarizeAgainst(functionals, baseline.reference(), baseline.speechMs),
        features: modelInput && speech * HOP_MS >= WINDOW.minSpeechMs ? baseline.normalize(functionals) : new Float32Array(0),
      });
    }
    baseline.add(batch);
    all.push(...batch);
  }
  return { frames: all, windows };
}

interface LiveBatch {
  tsMs: number;
  frames: FrameFeatures[];
}

async function live(msgs: RawAudioFrame[], modelInput: boolean): Promise<{ batches: LiveBatch[]; windows: ProsodyWindow[] }> {
  const metrics = new Metrics(false);
  // A batch's frames are lent for its emission: copied out as they pass.
  const batches: LiveBatch[] = [];
  const copy = tap((b: FeatureBatch) => batches.push({ tsMs: b.tsMs, frames: Array.from({ length: b.frames.length }, (_, i) => b.frames.frame(i)) }));
  const windows = await lastValueFrom(
    from(msgs).pipe(trackFeatures(metrics, { toHz: INTERNAL_RATE_HZ, modelInput }), copy, rollingWindows(metrics, { ...WINDOW, modelInput }), toArray()),
  );
  return { batches, windows };
}

const bits = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex');

describe('the live audio path computes what the models see exactly as the full analysis does', () => {
  for (const [t, modelInput] of [
    ['caller', true],
    ['agent', false],
  ] as const) {
    it(`${t} track: every window's ${modelInput ? 'model input and ' : ''}evidence, and every frame's voice activity, level and pitch`, async () => {
      const msgs = messages(track(t === 'caller' ? 3 : 11), t);
      const ref = reference(msgs, modelInput);
      const got = await live(msgs, modelInput);

      const frames = got.batches.flatMap((b) => b.frames);
      expect(frames.length).toBe(ref.frames.length);
      expect(frames.map((f) => [f.isSpeech, f.rmsDb, f.pitchHz])).toEqual(ref.frames.map((f) => [f.isSpeech, f.rmsDb, f.pitchHz]));
      // Power is computed for the speech frames, which are the only ones read.
      expect(frames.map((f) => (f.isSpeech ? f.power : 'not read'))).toEqual(ref.frames.map((f) => (f.isSpeech ? f.power : 'not read')));
      // The batches carry media time as before.
      let at = 0;
      for (const b of got.batches) {
        expect(b.tsMs).toBe(at * HOP_MS);
        at += b.frames.length;
      }

      expect(got.windows.length).toBe(ref.windows.length);
      const judged = ref.windows.filter((w) => w.features.length > 0).length;
      if (modelInput) expect(judged).toBeGreaterThan(20);
      got.windows.forEach((w, i) => {
        const r = ref.windows[i]!;
        expect([w.tsMs, w.durationMs]).toEqual([r.tsMs, r.durationMs]);
        expect(w.summary).toEqual(r.summary);
        for (const k of Object.keys(r.summary) as (keyof ProsodySummary)[]) expect(Object.is(w.summary[k], r.summary[k])).toBe(true);
        expect(bits(w.features)).toBe(bits(r.features));
      });
    });
  }
});
