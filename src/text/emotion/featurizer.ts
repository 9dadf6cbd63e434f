// Utterance → sparse feature vector, the one path shared by training and inference: normalise
// (NFKC, lower case, Traditional→Simplified), pick the language, then the language's featurizer.

import { detectTextLanguage, toSimplified, type TextLanguage } from '../lang.js';
import { CuePatterns } from './cue-patterns.js';
import { FeatureSink } from './feature-sink.js';
import type { FeaturizerResources } from './featurizer-config.js';
import { ChineseFeaturizer } from './featurize-zh.js';
import { EnglishFeaturizer } from './featurize-en.js';
import { unpackIdf } from './idf.js';
import { HashedLexicon } from './lexicon.js';

export class Featurizer {
  readonly sink: FeatureSink;
  readonly lexicon: HashedLexicon;
  private readonly english: EnglishFeaturizer;
  private readonly chinese: ChineseFeaturizer;

  constructor(readonly resources: FeaturizerResources) {
    this.sink = new FeatureSink(resources.config.hashBits);
    if (resources.idf !== undefined) this.sink.idf = unpackIdf(resources.idf, this.dimension);
    this.lexicon = new HashedLexicon(resources.lexicon);
    const patterns = new CuePatterns(resources.patterns);
    this.english = new EnglishFeaturizer(resources.config, this.lexicon, resources.categoryLabels, patterns);
    this.chinese = new ChineseFeaturizer(resources.config, this.lexicon, resources.categoryLabels, patterns);
  }

  get dimension(): number {
    return 2 ** this.resources.config.hashBits;
  }

  /**
   * Features of one utterance into this.sink (overwritten on the next call). Returns the language
   * the text was analysed in.
   */
  featurize(text: string, languageTag: string): TextLanguage {
    const sink = this.sink;
    sink.reset();
    const display = text.normalize('NFKC').replace(/[\u2018\u2019\u02bc`]/g, "'").replace(/\s+/g, ' ').trim();
    const language = detectTextLanguage(display, languageTag);
    if (language === 'zh') {
      this.chinese.featurize(display, toSimplified(display, languageTag).toLowerCase(), sink);
    } else {
      this.english.featurize(display, display.toLowerCase(), sink);
    }
    return language;
  }
}
