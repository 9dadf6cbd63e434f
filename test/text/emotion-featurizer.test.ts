// The featurizer on a tiny hand-made lexicon and pattern list: negation scope, intensifiers,
// Traditional input and hashing, without the shipped model or the shared data.
import { describe, expect, it } from 'vitest';
import { Featurizer } from '../../src/text/emotion/featurizer.js';
import { HashedLexicon, packLexicon } from '../../src/text/emotion/lexicon.js';
import { hash32, hashKey53 } from '../../src/text/emotion/hash.js';
import type { FeaturizerResources } from '../../src/text/emotion/featurizer-config.js';

function resources(): FeaturizerResources {
  const terms = new Map<string, Map<number, number>>([
    ['zh:生气', new Map([[0, 0.8]])],
    ['zh:失望', new Map([[1, 0.9]])],
    ['en:angry', new Map([[0, 0.7]])],
    ['en:worried', new Map([[2, 0.6]])],
  ]);
  return {
    config: { hashBits: 16, zhCharNgrams: [1, 3], enCharNgrams: [3, 5] },
    lexicon: packLexicon(['t.anger', 't.sad', 't.fear'], terms),
    categoryLabels: ['anger', 'disappointment', 'anxiety'],
    patterns: [
      { id: 'en.complaint', language: 'en', label: 'anger', pattern: '\\bcomplain(?:t|ing)?\\b' },
      { id: 'zh.complaint', language: 'zh', label: 'anger', pattern: '投诉' },
    ],
  };
}

const hitsOf = (f: Featurizer) => f.sink.hits.map((h) => ({ text: h.text, label: h.label, negated: h.negated }));

describe('HashedLexicon', () => {
  it('round-trips packed terms and misses unknown ones', () => {
    const lexicon = new HashedLexicon(resources().lexicon);
    expect(lexicon.size).toBe(4);
    expect([...(lexicon.lookup('zh', '失望') ?? [])]).toEqual([1, Math.round(0.9 * 255)]);
    expect(lexicon.lookup('zh', '高兴')).toBeUndefined();
    expect(lexicon.lookup('en', '生气')).toBeUndefined();
    expect(lexicon.maxZhLength).toBe(2);
  });
  it('hashes deterministically', () => {
    expect(hash32('abc')).toBe(hash32('abc'));
    expect(hash32('abc')).not.toBe(hash32('abd'));
    expect(hashKey53('zh:生气')).toBeLessThan(2 ** 53);
  });
});

describe('Featurizer negation and intensity', () => {
  const f = new Featurizer(resources());

  it('marks an English emotion word inside a negation scope', () => {
    f.featurize("I'm not angry, just want to check my balance", 'en-US');
    expect(hitsOf(f)).toEqual([{ text: 'not angry', label: 'anger', negated: true }]);
    f.featurize("I'm angry and worried", 'en-US');
    expect(hitsOf(f)).toEqual([
      { text: 'angry', label: 'anger', negated: false },
      { text: 'worried', label: 'anxiety', negated: false },
    ]);
  });

  it('ends the English scope at a clause word', () => {
    f.featurize("It's not fine but I'm angry", 'en-GB');
    expect(hitsOf(f)).toEqual([{ text: 'angry', label: 'anger', negated: false }]);
  });

  it('marks 「不生气」 and 「不太生气」 as negated but not 「非常生气」', () => {
    f.featurize('我不生气', 'zh-CN');
    expect(hitsOf(f)).toEqual([{ text: '不生气', label: 'anger', negated: true }]);
    f.featurize('我不太生气', 'zh-CN');
    expect(hitsOf(f)[0]?.negated).toBe(true);
    f.featurize('我非常生气', 'zh-CN');
    expect(hitsOf(f)).toEqual([{ text: '生气', label: 'anger', negated: false }]);
  });

  it('gives the n-grams in a negator\'s scope their own features when the model marks scope', () => {
    const marking = new Featurizer({ ...resources(), config: { ...resources().config, zhNegationChars: 3 } });
    const bucketsOf = (text: string, model: Featurizer) => {
      model.featurize(text, 'zh-CN');
      return new Set(model.sink.indices.slice(0, model.sink.length));
    };
    const angry = hash32('z:生气') & 0xffff;
    expect(bucketsOf('我很生气', marking).has(angry)).toBe(true);
    expect(bucketsOf('我不生气', marking).has(angry)).toBe(false);
    expect(bucketsOf('我不生气', marking).has(hash32('z!生气') & 0xffff)).toBe(true);
    // Models trained before scope marking see the plain n-gram, as they were trained.
    expect(bucketsOf('我不生气', f).has(angry)).toBe(true);
  });

  it('adds intensified copies of a hit after a degree adverb', () => {
    f.featurize('太失望了', 'zh-CN');
    const plain = f.sink.length;
    f.featurize('失望了', 'zh-CN');
    expect(plain).toBeGreaterThan(f.sink.length);
  });

  it('finds patterns and cuts cues from the caller\'s own Traditional script', () => {
    f.featurize('我要投訴你們', 'zh-TW');
    expect(hitsOf(f)).toEqual([{ text: '投訴', label: 'anger', negated: false }]);
    f.featurize("I'm not complaining", 'en-US');
    expect(hitsOf(f)).toEqual([{ text: 'not complaining', label: 'anger', negated: true }]);
  });

  it('produces the same features for the same text and unit-length n-gram blocks', () => {
    f.featurize('when will my refund arrive?', 'en-US');
    const first = Array.from(f.sink.indices.subarray(0, f.sink.length));
    f.featurize('when will my refund arrive?', 'en-US');
    expect(Array.from(f.sink.indices.subarray(0, f.sink.length))).toEqual(first);
    expect(first.every((i) => i >= 0 && i < 2 ** 16)).toBe(true);
  });
});

describe('Featurizer n-grams', () => {
  const f = new Featurizer(resources());
  const has = (name: string) => {
    const bucket = hash32(name) & (2 ** 16 - 1);
    return Array.from(f.sink.indices.subarray(0, f.sink.length)).includes(bucket);
  };

  it('keeps Chinese punctuation in the character n-grams (「！！」 and 「。。。」 carry emotion)', () => {
    f.featurize('又扣钱！！', 'zh-CN');
    expect(has('z:!!')).toBe(true);
    expect(has('z:钱!')).toBe(true);
    f.featurize('又扣钱', 'zh-CN');
    expect(has('z:!!')).toBe(false);
  });

  it('counts English emoji as tokens', () => {
    f.featurize('my card got declined again 😡', 'en-US');
    expect(has('e:😡')).toBe(true);
  });
});
