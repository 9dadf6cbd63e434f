// Caller voice through a plugged voice model (CALLCUE_VOICE_MODEL, src/models): the caller's 8 kHz
// audio upsampled to the 16 kHz the model takes, a rolling window of windowMs judged every hopMs of
// media time when it holds at least minSpeechMs of speech (the same energy VAD as the prosody
// frames). Verdicts come back asynchronously (batched across calls, shed when the node is behind)
// and join the prosody windows on their way to the fusion, in place of the shipped voice model's.

import { defer, EMPTY, from, merge, mergeMap, Observable, type OperatorFunction } from 'rxjs';
import { Upsampler2x } from '../codecs/upsample2x.js';
import { HOP_SIZE_SAMPLES, INTERNAL_RATE_HZ } from '../features/index.js';
import { createVad } from '../features/vad.js';
import type { ClassifiedWindow, EmotionProbs, PcmFrame } from '../frames/types.js';
import { STALE_VERDICT_MS, VOICE_MODEL_RATE_HZ, type ModelSlots } from '../models/index.js';
import { modelShedCounter } from './plugged-slots.js';
import type { Metrics } from '../observability/metrics.js';

export interface VoiceVerdict {
  callId: string;
  /** Media time of the window's end. */
  tsMs: number;
  arrivalMs: number;
  probs: EmotionProbs;
  model: string;
}

export interface PluggedVoiceOptions {
  /** The call's language: the model judges only calls in the languages it is validated for. */
  language: string;
  windowMs: number;
  hopMs: number;
  minSpeechMs: number;
}

const BLOCK_MS = (HOP_SIZE_SAMPLES / INTERNAL_RATE_HZ) * 1000;

export function judgeVoice(metrics: Metrics, slots: ModelSlots, opts: PluggedVoiceOptions): OperatorFunction<PcmFrame, VoiceVerdict> {
  const windowSamples = Math.round((opts.windowMs / 1000) * VOICE_MODEL_RATE_HZ);
  const blocks = Math.round(opts.windowMs / BLOCK_MS);
  return (source) =>
    defer(() => {
      const up = new Upsampler2x();
      const ring = new Float32Array(windowSamples);
      let written = 0;
      const vad = createVad();
      const speech = new Uint8Array(blocks);
      let blockIndex = 0;
      const pending = new Float32Array(HOP_SIZE_SAMPLES);
      let pendingLength = 0;
      let mediaMs = 0;
      let nextMs = opts.windowMs;
      return source.pipe(
        mergeMap((f) => {
          const model = slots.voice;
          if (model === null || !model.judges(opts.language)) return EMPTY;
          const samples8k = f.samples;
          // The speech gate: the prosody frames' VAD on 10 ms blocks of the 8 kHz audio.
          for (let i = 0; i < samples8k.length; i++) {
            pending[pendingLength++] = samples8k[i]!;
            if (pendingLength < HOP_SIZE_SAMPLES) continue;
            let energy = 0;
            for (let j = 0; j < HOP_SIZE_SAMPLES; j++) energy += pending[j]! * pending[j]!;
            const db = energy > 0 ? 10 * Math.log10(energy / HOP_SIZE_SAMPLES) : -100;
            speech[blockIndex++ % blocks] = vad.isSpeech(db) ? 1 : 0;
            pendingLength = 0;
          }
          // The frames are at the internal 8 kHz (resample stage); the model takes 16 kHz.
          const samples = up.push(samples8k);
          for (let i = 0; i < samples.length; i++) ring[written++ % windowSamples] = samples[i]!;
          mediaMs += (samples8k.length / f.sampleRateHz) * 1000;
          if (mediaMs < nextMs || written < windowSamples) return EMPTY;
          nextMs = mediaMs + opts.hopMs;
          let speechBlocks = 0;
          for (let i = 0; i < blocks; i++) speechBlocks += speech[i]!;
          if (speechBlocks * BLOCK_MS < opts.minSpeechMs) return EMPTY;
          // The window in time order, a copy the model may keep until its batch runs.
          const window = new Float32Array(windowSamples);
          const start = written % windowSamples;
          window.set(ring.subarray(start));
          window.set(ring.subarray(0, start), windowSamples - start);
          const t0 = performance.now();
          const tsMs = mediaMs;
          return from(
            model.classify(window).then((probs) => {
              const waitedMs = performance.now() - t0;
              metrics.stageMs.observe({ stage: 'plugged-voice-model' }, waitedMs);
              if (probs !== null && waitedMs > STALE_VERDICT_MS) {
                modelShedCounter(metrics).inc({ kind: 'voice' });
                return null;
              }
              return probs === null ? null : { callId: f.callId, tsMs, arrivalMs: f.arrivalMs, probs, model: model.version };
            }),
          ).pipe(mergeMap((v) => (v === null ? EMPTY : [v])));
        }),
      );
    });
}

/**
 * Prosody windows on their way to the fusion, with the plugged model's verdicts joined in: each
 * verdict goes on as a voice verdict at once (with the newest measured prosody); the shipped
 * model's verdicts are dropped for calls the plugged model judges, and named otherwise.
 */
export function withVoiceVerdicts(verdicts$: Observable<VoiceVerdict>, pluggedJudges: () => boolean, shippedVersion: string | null): OperatorFunction<ClassifiedWindow, ClassifiedWindow> {
  return (windows$) =>
    defer(() => {
      let latest: ClassifiedWindow | null = null;
      return merge(windows$, verdicts$).pipe(
        mergeMap((x): ClassifiedWindow[] => {
          if ('summary' in x) {
            latest = x;
            if (x.probs === null) return [x];
            return pluggedJudges() ? [{ ...x, probs: null }] : [{ ...x, model: shippedVersion ?? undefined }];
          }
          if (latest === null) return [];
          return [{ ...latest, tsMs: x.tsMs, arrivalMs: x.arrivalMs, probs: x.probs, model: x.model }];
        }),
      );
    });
}
