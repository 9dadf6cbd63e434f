// Chinese utterance (already Simplified) → features: character 1–3 grams, emotion-lexicon hits by
// forward maximum matching with negation (「不生气」) and degree adverbs (「太失望」), call-center
// patterns, and the shape of the utterance (question, exclamation, repetition, length).

import type { EmotionLabel } from '../../frames/types.js';
import type { CuePatternMatch, CuePatterns } from './cue-patterns.js';
import { RESERVED_ROWS, type FeatureSink } from './feature-sink.js';
import type { FeaturizerConfig } from './featurizer-config.js';
import type { HashedLexicon } from './lexicon.js';
import { isFalseNegator, markNegationScope, NEGATORS, PUNCTUATION } from './zh-negation.js';

// Characters allowed between a negator and the word it negates: 「不太生气」「没有很担心」「不是很失望」.
const FILLERS = new Set([...'太很怎么那这是会再用要算觉得感到有点特别非常那么真的']);
const MAX_NEGATION_GAP = 4;
const INTENSIFIERS = ['越来越', '非常', '特别', '真的', '极其', '十分', '相当', '实在', '简直', '格外', '多么', '如此', '这么', '那么', '超级', '很', '太', '真', '超', '极', '好', '挺', '更', '蛮', '巨', '最', '够', '勁', '劲'];
const MAX_LEXICON_LENGTH = 6;
const CJK = /[\u3400-\u4dbf\u4e00-\u9fff]/u;

export class ChineseFeaturizer {
  private readonly matches: CuePatternMatch[] = [];
  private readonly chars: string[] = [];
  private readonly covered: Uint8Array[] = [new Uint8Array(256)];
  private scope = new Uint8Array(256);

  constructor(
    private readonly config: FeaturizerConfig,
    private readonly lexicon: HashedLexicon,
    private readonly categoryLabels: ReadonlyArray<EmotionLabel | null>,
    private readonly patterns: CuePatterns,
  ) {}

  /** display: NFKC text as the caller wrote it (cues are cut from it); simple: its Simplified lower case, same length or not. */
  featurize(display: string, simple: string, sink: FeatureSink): void {
    // Cues come from the caller's own script when the conversion kept character positions.
    const source = display.length === simple.length ? display : simple;
    sink.addReserved(RESERVED_ROWS.bias, 'm:bias:zh');
    this.addCharGrams(simple, sink);
    const covered = this.addLexicon(simple, source, sink);
    this.addPatterns(simple, source, covered, sink);
    this.addShape(simple, sink);
  }

  /**
   * Character n-grams over the whole utterance, punctuation and emoji included: on Weibo 「。。。」,
   * 「！！」 and 「～」 carry emotion (splitting at punctuation cost 1.5 points of macro-F1 on SMP2020),
   * and on a call transcript they are harmless. Spaces are kept as one character: a pause. With
   * zhNegationChars set, n-grams that start inside a negator's scope are their own features
   * (「不生气」: 生气 there is not the 生气 of 「我很生气」).
   */
  private addCharGrams(simple: string, sink: FeatureSink): void {
    const [minN, maxN] = this.config.zhCharNgrams;
    const text = simple.replace(/[0-9]+/g, '#');
    sink.beginBlock();
    // Latin words inside Chinese speech ("app", "ATM") count as whole words.
    for (const word of text.match(/[a-z]{2,}/g) ?? []) sink.add(`w:${word}`);
    const chars = this.chars;
    chars.length = 0;
    for (const c of text) chars.push(c);
    const scope = this.negationScope(chars);
    for (let n = minN; n <= maxN; n += 1) {
      for (let j = 0; j + n <= chars.length; j += 1) {
        let gram = chars[j];
        for (let k = 1; k < n; k += 1) gram += chars[j + k];
        sink.add(scope !== undefined && scope[j] === 1 ? `z!${gram}` : `z:${gram}`);
      }
    }
    sink.endBlock();
  }

  /** Per character (not UTF-16 unit) whether it is in a negator's scope; undefined when the model does not mark scope. */
  private negationScope(chars: readonly string[]): Uint8Array | undefined {
    const maxChars = this.config.zhNegationChars ?? 0;
    if (maxChars <= 0) return undefined;
    if (this.scope.length < chars.length) this.scope = new Uint8Array(chars.length * 2);
    markNegationScope(chars, maxChars, this.scope);
    return this.scope;
  }

  /** Context n-grams (characters 1–2, digits folded) under a prefix, into the open block. */
  contextGrams(simple: string, prefix: string, sink: FeatureSink): void {
    const chars = this.chars;
    chars.length = 0;
    for (const c of simple.replace(/[0-9]+/g, '#')) chars.push(c);
    for (let j = 0; j < chars.length; j += 1) {
      sink.add(`${prefix}:${chars[j]}`);
      if (j + 1 < chars.length) sink.add(`${prefix}:${chars[j]}${chars[j + 1]}`);
    }
  }

  private coverage(length: number): Uint8Array {
    if (this.covered[0].length < length) this.covered[0] = new Uint8Array(length * 2);
    const covered = this.covered[0];
    covered.fill(0, 0, length);
    return covered;
  }

  /** Forward maximum matching of lexicon terms; returns which characters a term covered. */
  private addLexicon(simple: string, source: string, sink: FeatureSink): Uint8Array {
    const covered = this.coverage(simple.length);
    const maxLength = Math.min(this.lexicon.maxZhLength, MAX_LEXICON_LENGTH);
    let i = 0;
    while (i < simple.length) {
      let matched = 0;
      if (CJK.test(simple[i])) {
        for (let n = Math.min(maxLength, simple.length - i); n >= 2; n -= 1) {
          const at = this.lexicon.find('zh', simple.slice(i, i + n));
          if (at === -1) continue;
          matched = n;
          for (let k = i; k < i + n; k += 1) covered[k] = 1;
          this.addHit(simple, source, i, i + n, at, covered, sink);
          break;
        }
      }
      i += matched > 0 ? matched : 1;
    }
    return covered;
  }

  /** at: where the term's lexicon entry starts (HashedLexicon.find). */
  private addHit(simple: string, source: string, start: number, end: number, at: number, covered: Uint8Array, sink: FeatureSink): void {
    const negatorStart = negatorBefore(simple, start, covered);
    const negated = negatorStart >= 0;
    const intensified = !negated && INTENSIFIERS.some((w) => simple.startsWith(w, start - w.length) || simple.startsWith(w, start - w.length - 1));
    const entry = this.lexicon.bytes;
    for (let k = at, stop = at + this.lexicon.entryLength(at); k < stop; k += 2) {
      const category = this.lexicon.categories[entry[k]];
      const value = 0.5 + (0.5 * entry[k + 1]) / 255;
      sink.add(negated ? `l:${category}:n` : `l:${category}`, value);
      if (intensified) sink.add(`li:${category}`, value);
      const label = this.categoryLabels[entry[k]];
      if (label !== null && label !== 'neutral') {
        sink.addHit({ text: source.slice(negated ? negatorStart : start, end), label, negated, strength: value });
      }
    }
  }

  private addPatterns(simple: string, source: string, covered: Uint8Array, sink: FeatureSink): void {
    this.patterns.match('zh', simple, this.matches);
    for (const match of this.matches) {
      const { spec } = match;
      const negatorStart = spec.negatable === false ? -1 : negatorBefore(simple, match.start, covered);
      const negated = negatorStart >= 0;
      sink.add(negated ? `p:${spec.id}:n` : `p:${spec.id}`);
      sink.add(negated ? `pl:${spec.label}:n` : `pl:${spec.label}`);
      sink.addHit({ text: source.slice(negated ? negatorStart : match.start, match.end), label: spec.label, negated, strength: 2, strong: spec.strong === true && !negated, names: spec.names === true && !negated });
    }
  }

  private addShape(simple: string, sink: FeatureSink): void {
    const body = simple.replace(/[\s。.!！~～…]+$/u, '');
    if (/[?？]/.test(simple) || /[吗呢么吧嘛]$/.test(body) || /什么|怎么|为什么|哪|多少|多久|是否|能不能|会不会|有没有|是不是|可不可以|几时|乜|咩|点解|点样/.test(body)) {
      sink.add('m:q');
    }
    if (/什么时候|多久|几时|何时|多长时间|几天|几点|哪天|几耐|要等/.test(body)) sink.add('m:q_when');
    if (/为什么|凭什么|怎么回事|怎么搞的|怎么又|干嘛|点解|搞什么/.test(body)) sink.add('m:q_why');
    const exclamations = simple.match(/[!！]/g)?.length ?? 0;
    if (exclamations > 0) sink.add('m:excl', Math.min(exclamations, 3));
    if (/[!?！？]{2,}/.test(simple)) sink.add('m:punct_run');
    if (/([\u4e00-\u9fff])\1\1/u.test(simple)) sink.add('m:rep_char');
    if (/([\u4e00-\u9fff]{2,4})\1/u.test(simple)) sink.add('m:rep_phrase');
    const chars = simple.match(/[\u4e00-\u9fff]/gu)?.length ?? 0;
    sink.add(chars <= 4 ? 'm:len:1' : chars <= 10 ? 'm:len:2' : chars <= 25 ? 'm:len:3' : 'm:len:4');
  }
}

/** Start of a negator that governs the word at `start` (only fillers between), or -1. */
function negatorBefore(text: string, start: number, covered: Uint8Array): number {
  for (let gap = 0; gap <= MAX_NEGATION_GAP && start - gap > 0; gap += 1) {
    const between = text.slice(start - gap, start);
    if (gap > 0 && (PUNCTUATION.test(between[0]) || ![...between].every((c) => FILLERS.has(c)))) return -1;
    for (const negator of NEGATORS) {
      const at = start - gap - negator.length;
      if (at < 0 || !text.startsWith(negator, at)) continue;
      if (covered[at] === 1) continue;
      if (isFalseNegator(text, at)) continue;
      return at;
    }
  }
  return -1;
}
