// The featurizer's context and per-language features on a tiny hand-made lexicon and pattern list:
// context adds its own down-weighted features only when the model reads context, never changes the
// utterance's own features, and Chinese and English features never share a bucket when hashed
// per language. Strong phrases are reported only unnegated.
import { describe, expect, it } from 'vitest';
import { Featurizer } from '../../src/text/emotion/featurizer.js';
import type { FeaturizerResources } from '../../src/text/emotion/featurizer-config.js';
import { packLexicon } from '../../src/text/emotion/lexicon.js';
import { strongEmotion } from '../../src/text/emotion/model.js';

function resources(config: Partial<FeaturizerResources['config']> = {}): FeaturizerResources {
  return {
    config: { hashBits: 16, zhCharNgrams: [1, 3], enCharNgrams: [3, 5], ...config },
    lexicon: packLexicon(['t.anger'], new Map([['en:angry', new Map([[0, 0.7]])]])),
    categoryLabels: ['anger'],
    patterns: [
      { id: 'en.complaint', language: 'en', label: 'anger', pattern: '\\bcomplain(?:t|ing)?\\b', strong: true },
      { id: 'zh.complaint', language: 'zh', label: 'anger', pattern: '投诉', strong: true },
    ],
  };
}

const features = (f: Featurizer) => {
  const out = new Map<number, number>();
  for (let i = 0; i < f.sink.length; i += 1) out.set(f.sink.indices[i], (out.get(f.sink.indices[i]) ?? 0) + f.sink.values[i]);
  return out;
};
const context = { callerPrevious: ['I already made a complaint last week'], agentLast: "there's nothing more I can do" };

describe('context features', () => {
  it('add down-weighted features beside the utterance\'s own, which stay as they were', () => {
    const f = new Featurizer(resources({ contextScale: 0.5 }));
    f.featurize('so what now', 'en-GB');
    const cold = features(f);
    f.featurize('so what now', 'en-GB', context);
    const warm = features(f);
    expect(warm.size).toBeGreaterThan(cold.size + 5);
    for (const [index, value] of cold) expect(warm.get(index)).toBeCloseTo(value, 6);
    // One "this is a conversation" bias; the context's n-grams and patterns at most 0.5 each.
    const extra = [...warm].filter(([index]) => !cold.has(index)).map(([, v]) => Math.abs(v));
    expect(extra.filter((v) => v > 0.5 + 1e-6)).toEqual([1]);
    // Cues come from the utterance alone: the earlier "complaint" is context, not the caller's words now.
    expect(f.sink.hits).toEqual([]);
  });

  it('are not read by a model trained without them', () => {
    const f = new Featurizer(resources());
    f.featurize('so what now', 'en-GB');
    const cold = features(f);
    f.featurize('so what now', 'en-GB', context);
    expect(features(f)).toEqual(cold);
  });

  it('mark a conversation even before anyone has spoken', () => {
    const f = new Featurizer(resources({ contextScale: 0.5 }));
    f.featurize('hello', 'en-GB');
    const cold = features(f);
    f.featurize('hello', 'en-GB', { callerPrevious: [], agentLast: '' });
    expect(features(f).size).toBe(cold.size + 1);
  });
});

describe('per-language hashing', () => {
  it('gives Chinese and English different buckets for the same feature name', () => {
    const shared = new Featurizer(resources());
    const split = new Featurizer(resources({ perLanguage: true }));
    const biasBuckets = (f: Featurizer) => {
      f.featurize('ok', 'en-GB');
      const en = new Set(features(f).keys());
      f.featurize('好', 'zh-CN');
      const zh = new Set(features(f).keys());
      return [...en].filter((k) => zh.has(k)).length;
    };
    // Shared space: the shape features (length bucket, bias…) coincide; per language: none do.
    expect(biasBuckets(shared)).toBeGreaterThan(0);
    expect(biasBuckets(split)).toBe(0);
  });
});

describe('strong phrases', () => {
  const f = new Featurizer(resources());
  const probs = { neutral: 0.2, anger: 0.6, anxiety: 0.1, disappointment: 0.1 };

  it('are the unnegated strong pattern hits the model agrees with', () => {
    f.featurize('I want to make a complaint', 'en-US');
    expect(strongEmotion(f.sink.hits, probs)).toBe('anger');
    expect(strongEmotion(f.sink.hits, { neutral: 0.7, anger: 0.2, anxiety: 0.05, disappointment: 0.05 })).toBeNull();
    f.featurize('我要投诉', 'zh-CN');
    expect(strongEmotion(f.sink.hits, probs)).toBe('anger');
  });

  it('are not negated phrases', () => {
    f.featurize("I'm not complaining", 'en-US');
    expect(strongEmotion(f.sink.hits, probs)).toBeNull();
    f.featurize('我不是投诉', 'zh-CN');
    expect(strongEmotion(f.sink.hits, probs)).toBeNull();
  });
});
