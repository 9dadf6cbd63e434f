// The caller-text stage with the shipped model: each utterance judged with the caller's previous
// finals and the agent's last final as context, partials judged (throttled on media time), strong
// phrases marked on partials, the agent's words never judged as the caller's.

import { join } from 'node:path';
import { Subject, lastValueFrom, toArray } from 'rxjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RedactedTranscript, TextEvidence } from '../../src/frames/types.js';
import { Metrics } from '../../src/observability/metrics.js';
import { classifyText, PARTIAL_MIN_GAP_MS } from '../../src/pipeline/text-emotion.js';
import { EMOTION_LABELS } from '../../src/frames/types.js';
import { LinearTextEmotionModel, loadTextEmotion, TEXT_EMOTION_FORMAT, type TextEmotionModel } from '../../src/text/emotion/index.js';
import { packLexicon } from '../../src/text/emotion/lexicon.js';

/** A small linear model that reads context (fixed pseudo-random weights), to see the stage pass it. */
function contextModel(): TextEmotionModel {
  const hashBits = 10;
  const weights = new Float32Array((1 << hashBits) * 4);
  let seed = 7;
  for (let i = 0; i < weights.length; i += 1) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    weights[i] = (seed / 2 ** 32 - 0.5) * 4;
  }
  return new LinearTextEmotionModel(
    {
      format: TEXT_EMOTION_FORMAT,
      version: 'context-test',
      labels: [...EMOTION_LABELS],
      onnx: { file: 'none.onnx', sha256: '0'.repeat(64) },
      featurizer: { config: { hashBits, zhCharNgrams: [1, 3], enCharNgrams: [3, 5], perLanguage: true, contextScale: 0.5 }, categoryLabels: [], patterns: [] },
      lexicon: packLexicon([], new Map()),
    },
    { weights, bias: new Float32Array(4), dimension: 1 << hashBits, classes: 4, metadata: {} },
  );
}

let model: TextEmotionModel;
beforeAll(async () => {
  const loaded = await loadTextEmotion(join(import.meta.dirname, '..', '..', 'models'));
  if (loaded === null) throw new Error('the shipped text-emotion model is missing');
  model = loaded;
});

let arrival = 0;
const say = (track: 'caller' | 'agent', text: string, isFinal: boolean, startMs: number, endMs: number): RedactedTranscript => ({
  kind: 'transcript', callId: 'c', track, text, isFinal, startMs, endMs, tsMs: endMs, arrivalMs: (arrival += 1), redacted: [],
});

async function run(language: string, transcripts: RedactedTranscript[], judge: TextEmotionModel = model): Promise<TextEvidence[]> {
  const input = new Subject<RedactedTranscript>();
  const out = lastValueFrom(input.pipe(classifyText(new Metrics(false), judge, language), toArray()));
  for (const t of transcripts) input.next(t);
  input.complete();
  return out;
}

describe('classifyText', () => {
  it('judges each caller utterance with the previous caller finals and the agent\'s last final as context', async () => {
    const lines = [
      say('caller', 'my card payment was declined again', true, 0, 2000),
      say('agent', "I'm sorry, there's nothing I can do about that today", true, 2500, 5000),
      say('caller', 'so what am I supposed to do now', true, 5500, 7500),
    ];
    const reader = contextModel();
    const got = await run('en-GB', lines, reader);
    expect(got.map((e) => e.text)).toEqual([lines[0].text, lines[2].text]);
    const context = { callerPrevious: [lines[0].text], agentLast: lines[1].text };
    expect(got[1].probs).toEqual(reader.classify(lines[2].text, 'en-GB', context).probs);
    // The context is read: the same words judged cold, or with another context, come out differently.
    expect(got[1].probs).not.toEqual(reader.classify(lines[2].text, 'en-GB').probs);
    expect(got[1].probs).not.toEqual(reader.classify(lines[2].text, 'en-GB', { callerPrevious: [], agentLast: lines[1].text }).probs);
    expect(got[0].probs).toEqual(reader.classify(lines[0].text, 'en-GB', { callerPrevious: [], agentLast: '' }).probs);
  });

  it('judges partials, at most one per PARTIAL_MIN_GAP_MS of media time, and every final', async () => {
    const words = 'I want to make a formal complaint about this'.split(' ');
    const partials = words.map((_, i) => say('caller', words.slice(0, i + 1).join(' '), false, 0, 100 * (i + 1)));
    const got = await run('en-US', [...partials, say('caller', words.join(' '), true, 0, 1000)]);
    const judgedPartials = got.filter((e) => !e.isFinal);
    expect(judgedPartials.length).toBeGreaterThan(1);
    expect(judgedPartials.length).toBeLessThan(partials.length);
    for (let i = 1; i < judgedPartials.length; i += 1) expect(judgedPartials[i].tsMs - judgedPartials[i - 1].tsMs).toBeGreaterThanOrEqual(PARTIAL_MIN_GAP_MS);
    expect(got.at(-1)?.isFinal).toBe(true);
  });

  it('marks a strong phrase on the partial that first holds it, in English and Chinese', async () => {
    const en = await run('en-US', [say('caller', 'hi I want to make a complaint', false, 0, 500)]);
    expect(en[0].strong).toBe('anger');
    const zh = await run('zh-CN', [say('caller', '我的卡被盗刷了', false, 0, 500)]);
    expect(zh[0].strong).toBe('anxiety');
    const calm = await run('en-US', [say('caller', 'can I check my balance please', false, 0, 500)]);
    expect(calm[0].strong).toBeNull();
  });

  it('does not mark a negated phrase as strong', async () => {
    const got = await run('en-US', [say('caller', "I'm not angry, I just want to check a payment", true, 0, 2000)]);
    expect(got[0].strong).toBeNull();
  });
});
