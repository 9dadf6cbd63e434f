// Utterance → sparse feature vector, the one path shared by training and inference: normalise
// (NFKC, lower case, Traditional→Simplified), pick the language, then the language's featurizer,
// then (when the model reads context) the caller's previous turns and the agent's last turn.

import { detectTextLanguage, toSimplified, type TextLanguage } from '../lang.js';
import { agentContextText, callerContextText, isEmptyContext, type TextContext } from './context.js';
import { CuePatterns, type CuePatternMatch } from './cue-patterns.js';
import { FeatureSink, RESERVED_ROWS } from './feature-sink.js';
import type { FeaturizerResources } from './featurizer-config.js';
import { ChineseFeaturizer } from './featurize-zh.js';
import { EnglishFeaturizer } from './featurize-en.js';
import { hash32 } from './hash.js';
import { unpackIdf } from './idf.js';
import { HashedLexicon, type LexiconTables } from './lexicon.js';

const LANGUAGE_SALT: Record<TextLanguage, number> = { zh: hash32('callcue:zh'), en: hash32('callcue:en') };
/** Which block of the weight matrix each language's features use in the block layout. */
export const LANGUAGE_BLOCK: Record<TextLanguage, number> = { zh: 0, en: 1 };

export class Featurizer {
  readonly sink: FeatureSink;
  readonly lexicon: HashedLexicon;
  private readonly english: EnglishFeaturizer;
  private readonly chinese: ChineseFeaturizer;
  private readonly patterns: CuePatterns;
  private readonly contextMatches: CuePatternMatch[] = [];

  /**
   * built: the lexicon table and idf already unpacked from these resources (text/emotion/tables.ts:
   * one copy a process, shared by its pipeline workers); absent: unpacked here.
   */
  constructor(
    readonly resources: FeaturizerResources,
    built?: { lexicon: LexiconTables; idf: Float32Array | null },
  ) {
    this.sink = new FeatureSink(resources.config.hashBits, this.blocks);
    if (built !== undefined) this.sink.idf = built.idf;
    else if (resources.idf !== undefined) this.sink.idf = unpackIdf(resources.idf, this.dimension);
    this.lexicon = new HashedLexicon(built?.lexicon ?? resources.lexicon);
    this.patterns = new CuePatterns(resources.patterns);
    this.english = new EnglishFeaturizer(resources.config, this.lexicon, resources.categoryLabels, this.patterns);
    this.chinese = new ChineseFeaturizer(resources.config, this.lexicon, resources.categoryLabels, this.patterns);
  }

  /** Language blocks in the weight matrix: 2 in the block layout, else 1 (shared by both languages). */
  get blocks(): number {
    return this.resources.config.languageBlocks === true ? 2 : 1;
  }

  /** Rows of one block: 2^hashBits. */
  get blockRows(): number {
    return 2 ** this.resources.config.hashBits;
  }

  get dimension(): number {
    return this.blocks * this.blockRows;
  }

  /** Whether context changes the features at all (a model trained without it ignores it). */
  get readsContext(): boolean {
    return (this.resources.config.contextScale ?? 0) > 0;
  }

  /** The language an utterance is analysed in (its script, else its tag): the block its features use. */
  languageOf(text: string, languageTag: string): TextLanguage {
    return detectTextLanguage(normalise(text), languageTag);
  }

  /**
   * Features of one utterance (and its context, if the model reads context) into this.sink,
   * overwritten on the next call. Returns the language the text was analysed in.
   */
  featurize(text: string, languageTag: string, context?: TextContext): TextLanguage {
    const sink = this.sink;
    sink.reset();
    const display = normalise(text);
    const language = detectTextLanguage(display, languageTag);
    if (this.resources.config.perLanguage === true) sink.salt = LANGUAGE_SALT[language];
    if (this.blocks > 1) sink.base = LANGUAGE_BLOCK[language] * this.blockRows;
    if (language === 'zh') {
      this.chinese.featurize(display, toSimplified(display, languageTag).toLowerCase(), sink);
    } else {
      this.english.featurize(display, display.toLowerCase(), sink);
    }
    if (this.readsContext && context !== undefined) {
      // A conversation (even before anyone has said anything else): its own bias, learnt from the
      // dialogue corpora, so spoken turns do not inherit Weibo's or Reddit's class priors.
      sink.addReserved(RESERVED_ROWS.conversation, 'x:conv');
      if (!isEmptyContext(context)) this.addContext(context, language, languageTag);
    }
    return language;
  }

  /**
   * The caller's previous turns ("xc") and the agent's last turn ("xa") as down-weighted n-gram
   * blocks, plus which call-center patterns the caller's previous turns matched (an earlier "third
   * time" or 「投诉」 makes a flat follow-up more likely angry).
   */
  private addContext(context: TextContext, language: TextLanguage, languageTag: string): void {
    const scale = this.resources.config.contextScale ?? 0;
    const sink = this.sink;
    const sides: ReadonlyArray<readonly [string, string]> = [
      ['xc', callerContextText(context)],
      ['xa', agentContextText(context)],
    ];
    for (const [prefix, raw] of sides) {
      if (raw.trim().length === 0) continue;
      const display = normalise(raw);
      const lower = language === 'zh' ? toSimplified(display, languageTag).toLowerCase() : display.toLowerCase();
      sink.beginBlock();
      if (language === 'zh') this.chinese.contextGrams(lower, prefix, sink);
      else this.english.contextGrams(lower, prefix, sink);
      sink.endBlock(scale);
      this.patterns.match(language, lower, this.contextMatches);
      for (const match of this.contextMatches) sink.add(`${prefix}p:${match.spec.label}`, scale);
    }
    if (context.agentLast.trim().length === 0) sink.add('xa:none', scale);
  }
}

function normalise(text: string): string {
  return text.normalize('NFKC').replace(/[\u2018\u2019\u02bc`]/g, "'").replace(/\s+/g, ' ').trim();
}

