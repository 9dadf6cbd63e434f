// The synthetic voices' sentences (the voice gate trains on one half and is scored on the other)
// come from a fixed list of scenario scripts: a scenario added later changes neither half, and a
// listed script that goes missing stops training instead of quietly changing it.
import { describe, expect, it } from 'vitest';
import { loadScenarios, type Scenario } from '../../src/scenarios/index.js';
import { SENTENCE_SCENARIOS, syntheticSentences } from '../../src/training/synthetic-speech.js';

const listed = () => loadScenarios().filter((s) => SENTENCE_SCENARIOS.includes(s.id));

describe('synthetic sentences', () => {
  it('ignores scenarios outside the list', () => {
    const all = loadScenarios();
    expect(all.length).toBeGreaterThan(SENTENCE_SCENARIOS.length);
    for (const language of ['en', 'cmn'] as const) {
      for (const split of ['train', 'eval'] as const) expect(syntheticSentences(all, language, split)).toEqual(syntheticSentences(listed(), language, split));
    }
  });

  it('alternates the listed scripts’ lines between the halves', () => {
    const lines = listed()
      .filter((s) => s.language.startsWith('en'))
      .flatMap((s) => s.turns.map((t) => t.text));
    const train = syntheticSentences(listed(), 'en', 'train');
    const evaluate = syntheticSentences(listed(), 'en', 'eval');
    expect(train.length).toBeGreaterThan(20);
    expect([train[0], evaluate[0], train[1]]).toEqual(lines.slice(0, 3));
    expect(train.length + evaluate.length).toBe(lines.length);
  });

  it('refuses when a listed script is missing', () => {
    const without: Scenario[] = listed().filter((s) => s.id !== 'complaint-en-US');
    expect(() => syntheticSentences(without, 'en', 'train')).toThrow(/complaint-en-US/);
  });
});
