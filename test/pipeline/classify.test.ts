// Stage 5 in the pipeline: the caller's windows judged by the shipped voice model — nothing in a
// language it was not validated on, nothing on a synthetic voice — with the operators the live
// pipeline runs (decode → resample → analyze → windows → classify).

import { resolve } from 'node:path';
import { from, lastValueFrom, toArray } from 'rxjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProsodyModel, type ProsodyModel } from '../../src/classifiers/prosody.js';
import { encodeAudio } from '../../src/codecs/pcm.js';
import { INTERNAL_RATE_HZ } from '../../src/features/index.js';
import type { ClassifiedWindow, RawAudioFrame } from '../../src/frames/types.js';
import { Metrics } from '../../src/observability/metrics.js';
import { analyzeFrames } from '../../src/pipeline/analyze.js';
import { classifyWindows } from '../../src/pipeline/classify.js';
import { decodeFrames } from '../../src/pipeline/decode.js';
import { rollingWindows } from '../../src/pipeline/window.js';
import { hasEspeak } from '../../src/scenarios/espeak.js';
import { createRng } from '../../src/training/rng.js';
import { drawSyntheticVoice, synthesize } from '../../src/training/synthetic-speech.js';
import { concat, silence, speechLike } from '../helpers/audio.js';
import { overPhoneLine } from '../helpers/phone-line.js';

let model: ProsodyModel;
beforeAll(async () => {
  model = (await loadProsodyModel(resolve(import.meta.dirname, '../../models')))!;
});

/** The caller track of a call in `language`, streamed as 20 ms μ-law messages through stages 1–5. */
async function classified(samples: Float32Array, language: string): Promise<ClassifiedWindow[]> {
  const chunk = (INTERNAL_RATE_HZ * 20) / 1000;
  const msgs: RawAudioFrame[] = [];
  for (let k = 0; k * chunk < samples.length; k++) {
    msgs.push({ kind: 'raw-audio', callId: 'c', track: 'caller', encoding: 'mulaw', sampleRateHz: INTERNAL_RATE_HZ, bytes: encodeAudio(samples.subarray(k * chunk, (k + 1) * chunk), 'mulaw'), tsMs: k * 20, arrivalMs: 0 });
  }
  const m = new Metrics(false);
  return lastValueFrom(
    from(msgs).pipe(
      decodeFrames(m, INTERNAL_RATE_HZ),
      analyzeFrames(m, { modelInput: true }),
      rollingWindows(m, { windowMs: 3000, intervalMs: 250, minSpeechMs: 600, modelInput: true }),
      classifyWindows(m, model, language),
      toArray(),
    ),
  );
}

describe('classifyWindows', () => {
  it('gives no verdict on any window of a call in a language the model was not validated on', async () => {
    const audio = speechLike(12_000, { pitchHz: 170, rateSylPerS: 5, amplitude: 0.3 });
    for (const language of ['fr-FR', 'zh-HK']) {
      const windows = await classified(audio, language);
      expect(windows.filter((w) => w.features.length > 0).length).toBeGreaterThan(20);
      expect(windows.every((w) => w.probs === null)).toBe(true);
    }
  });

  it.skipIf(!hasEspeak())('gives no verdict on a calm synthetic Mandarin caller on a phone line', async () => {
    const voice = drawSyntheticVoice(createRng(4), 'cmn', 'eval', 'calm');
    const parts: Float32Array[] = [];
    for (const text of ['您好，我想问一下信用卡账单的还款日期。', '另外我想把自动还款改到另一张储蓄卡上。', '好的，谢谢您，没有别的问题了。']) {
      parts.push(await synthesize({ language: 'cmn', params: voice, text }), silence(500));
    }
    const judged = (await classified(overPhoneLine(concat(...parts), 4), 'zh-CN')).filter((w) => w.features.length > 0);
    expect(judged.length).toBeGreaterThan(20);
    const verdicts = judged.filter((w) => w.probs !== null);
    const targets = verdicts.filter((w) => Object.entries(w.probs!).some(([label, p]) => label !== 'neutral' && p > w.probs!.neutral));
    expect(targets).toEqual([]);
    expect(verdicts.length / judged.length).toBeLessThan(0.1);
  }, 120_000);
});
