// The block layout (FeaturizerConfig.languageBlocks): each language's features stay inside its own
// rows of the weight matrix, its bias and conversation bias sit on reserved rows, and the two
// languages' models are fitted apart — changing the English training rows leaves the Chinese block
// bit for bit unchanged. Also the STC-3 dialogue rules on hand-made turn scores.
import { describe, expect, it } from 'vitest';
import { Featurizer } from '../../src/text/emotion/featurizer.js';
import type { FeaturizerResources } from '../../src/text/emotion/featurizer-config.js';
import { RESERVED_ROWS } from '../../src/text/emotion/feature-sink.js';
import { packLexicon } from '../../src/text/emotion/lexicon.js';
import { DIALOGUE_RULES } from '../../src/training/text/dialogue-score.js';
import { trainLanguageModels } from '../../src/training/text/language-models.js';
import { syntheticCallCenterExamples } from '../../src/training/text/synthetic.js';
import { CLASS_COUNT } from '../../src/training/text/trainer.js';

const BITS = 12;

function resources(): FeaturizerResources {
  return {
    config: { hashBits: BITS, zhCharNgrams: [1, 3], enCharNgrams: [3, 5], perLanguage: true, languageBlocks: true, contextScale: 0.5 },
    lexicon: packLexicon(['t.anger'], new Map([['en:angry', new Map([[0, 0.7]])]])),
    categoryLabels: ['anger'],
    patterns: [{ id: 'zh.complaint', language: 'zh', label: 'anger', pattern: '投诉', strong: true }],
  };
}

const indices = (f: Featurizer) => Array.from(f.sink.indices.subarray(0, f.sink.length));

describe('language blocks', () => {
  it('keep each language inside its rows, with the bias and conversation bias on reserved rows', () => {
    const f = new Featurizer(resources());
    const rows = 2 ** BITS;
    expect(f.dimension).toBe(2 * rows);
    const context = { callerPrevious: ['我要投诉'], agentLast: '请稍等' };
    f.featurize('你们怎么还没处理！', 'zh-CN', context);
    const zh = indices(f);
    expect(zh.every((i) => i >= 0 && i < rows)).toBe(true);
    expect(zh.filter((i) => i === RESERVED_ROWS.bias || i === RESERVED_ROWS.conversation).sort()).toEqual([0, 1]);
    f.featurize('why has nobody fixed this yet, I am angry', 'en-GB', { callerPrevious: ['third time'], agentLast: '' });
    const en = indices(f);
    expect(en.every((i) => i >= rows && i < 2 * rows)).toBe(true);
    expect(en.filter((i) => i === rows + RESERVED_ROWS.bias || i === rows + RESERVED_ROWS.conversation).sort()).toEqual([rows, rows + 1]);
    // Hashed features never land on a reserved row.
    expect(zh.filter((i) => i < 2).length + en.filter((i) => i - rows < 2).length).toBe(4);
    // The script, not the tag, picks the block.
    f.featurize('我的卡被锁了', 'en-GB');
    expect(indices(f).every((i) => i < rows)).toBe(true);
  });

  it('fit each language alone: other English rows leave the Chinese block unchanged, the Gemm bias is zero', async () => {
    const examples = syntheticCallCenterExamples(7, 1);
    const zh = examples.filter((e) => e.language.startsWith('zh'));
    const en = examples.filter((e) => e.language.startsWith('en'));
    expect(zh.length).toBeGreaterThan(20);
    const train = async (rows: typeof examples) => trainLanguageModels(new Featurizer(resources()), rows, () => 1, () => ({ l2: 1e-3, maxIterations: 15 }), () => {});
    const all = await train(examples);
    const fewerEnglish = await train([...zh, ...en.slice(0, Math.floor(en.length / 2))]);
    const zhWeights = (w: Float32Array) => w.subarray(0, 2 ** BITS * CLASS_COUNT);
    const enWeights = (w: Float32Array) => w.subarray(2 ** BITS * CLASS_COUNT);
    expect(Array.from(zhWeights(fewerEnglish.linear.weights))).toEqual(Array.from(zhWeights(all.linear.weights)));
    expect(Array.from(enWeights(fewerEnglish.linear.weights))).not.toEqual(Array.from(enWeights(all.linear.weights)));
    expect(Array.from(all.linear.bias)).toEqual([0, 0, 0, 0]);
    expect(all.fits.map((fit) => [fit.language, fit.rows])).toEqual([
      ['zh', zh.length],
      ['en', en.length],
    ]);
  });
});

describe('STC-3 dialogue rules', () => {
  it('fold turn scores by mean, max, top-2, last, last 2 and last + mean', () => {
    const turns = [0.2, 0.9, 0.1, 0.5];
    expect(DIALOGUE_RULES.mean(turns)).toBeCloseTo(0.425);
    expect(DIALOGUE_RULES.max(turns)).toBe(0.9);
    expect(DIALOGUE_RULES['top-2 mean'](turns)).toBeCloseTo(0.7);
    expect(DIALOGUE_RULES.last(turns)).toBe(0.5);
    expect(DIALOGUE_RULES['last-2 mean'](turns)).toBeCloseTo(0.3);
    expect(DIALOGUE_RULES['last + mean'](turns)).toBeCloseTo(0.4625);
    expect(DIALOGUE_RULES['last-2 mean']([0.4])).toBeCloseTo(0.4);
  });
});
