// English utterance → features: word uni/bigrams (negation-marked), within-word character n-grams,
// emotion-lexicon hits with negation and intensifier handling, call-center patterns, and the shape
// of the utterance (question, exclamation, capitals, repetition, length).

import type { EmotionLabel } from '../../frames/types.js';
import type { CuePatternMatch, CuePatterns } from './cue-patterns.js';
import { RESERVED_ROWS, type FeatureSink } from './feature-sink.js';
import type { FeaturizerConfig } from './featurizer-config.js';
import type { HashedLexicon } from './lexicon.js';

const NEGATORS = new Set([
  'not', 'no', 'never', 'nothing', 'nobody', 'none', 'neither', 'nor', 'cannot', 'without', 'hardly',
  'barely', 'nowhere', 'dont', 'cant', 'wont', 'isnt', 'arent', 'wasnt', 'werent', 'didnt', 'doesnt',
  'havent', 'hasnt', 'hadnt', 'shouldnt', 'wouldnt', 'couldnt', 'aint',
]);
// A negation reaches over the next few words until a clause turns ("not angry, just asking").
const SCOPE_BREAKS = new Set(['but', 'just', 'only', 'so', 'because', 'though', 'although', 'however', 'yet', 'except', 'and', 'or']);
const SCOPE_WORDS = 3;
const INTENSIFIERS = new Set([
  'very', 'really', 'so', 'extremely', 'super', 'totally', 'absolutely', 'completely', 'incredibly', 'too',
  'fucking', 'bloody', 'such', 'quite', 'deeply', 'seriously', 'utterly', 'terribly', 'awfully', 'truly',
  'highly', 'damn', 'genuinely', 'beyond', 'increasingly',
]);
const QUESTION_STARTS = new Set([
  'what', 'when', 'where', 'why', 'how', 'who', 'which', 'is', 'are', 'can', 'could', 'will', 'would', 'do',
  'does', 'did', 'has', 'have', 'should', 'am', 'whats', "what's",
]);
const STOPWORDS = new Set([
  'the', 'and', 'you', 'your', 'for', 'that', 'this', 'with', 'have', 'was', 'are', 'but', 'not', 'they',
  'what', 'can', 'just', 'its', "it's", "i'm", 'all', 'there', 'our', 'out', 'from', 'about', 'will', 'one',
]);
// Emoji are tokens too: in chat and social text 😡 and 😢 say as much as a word.
const TOKEN = /[a-z0-9]+(?:'[a-z]+)*|[!?.,;:]|\p{Extended_Pictographic}/gu;
const EMOJI = /\p{Extended_Pictographic}/u;
const STEM_RULES: ReadonlyArray<readonly [string, string]> = [
  ["'s", ''], ['ies', 'y'], ['ied', 'y'], ['ing', ''], ['ing', 'e'], ['ed', ''], ['ed', 'e'], ['d', ''],
  ['es', ''], ['s', ''], ['ly', ''],
];

interface Token {
  text: string;
  start: number;
  end: number;
  isWord: boolean;
  /** Index of the negating token whose scope covers this one, or -1. */
  negatedBy: number;
}

export class EnglishFeaturizer {
  private readonly tokens: Token[] = [];
  private readonly matches: CuePatternMatch[] = [];

  constructor(
    private readonly config: FeaturizerConfig,
    private readonly lexicon: HashedLexicon,
    private readonly categoryLabels: ReadonlyArray<EmotionLabel | null>,
    private readonly patterns: CuePatterns,
  ) {}

  /** display: NFKC text with straight apostrophes (cues are cut from it); lower: its lower case. */
  featurize(display: string, lower: string, sink: FeatureSink): void {
    const tokens = this.tokenize(lower);
    sink.addReserved(RESERVED_ROWS.bias, 'm:bias:en');
    this.addWordGrams(tokens, sink);
    this.addCharGrams(tokens, sink);
    this.addLexicon(tokens, display, sink);
    this.addPatterns(tokens, display, lower, sink);
    this.addShape(tokens, display, lower, sink);
  }

  /** Context n-grams (words 1–2, negation-marked) under a prefix, into the open block. */
  contextGrams(lower: string, prefix: string, sink: FeatureSink): void {
    let previous = '';
    for (const token of this.tokenize(lower)) {
      if (!token.isWord) {
        previous = '';
        continue;
      }
      const word = token.negatedBy >= 0 ? `!${token.text}` : token.text;
      sink.add(`${prefix}:${word}`);
      if (previous !== '') sink.add(`${prefix}:${previous} ${word}`);
      previous = word;
    }
  }

  private tokenize(lower: string): Token[] {
    const tokens = this.tokens;
    tokens.length = 0;
    TOKEN.lastIndex = 0;
    for (let m = TOKEN.exec(lower); m !== null; m = TOKEN.exec(lower)) {
      const text = /^[0-9]+$/.test(m[0]) ? '#' : m[0];
      tokens.push({ text, start: m.index, end: m.index + m[0].length, isWord: /[a-z0-9#]/.test(text[0]), negatedBy: -1 });
    }
    for (let i = 0; i < tokens.length; i += 1) {
      const t = tokens[i].text;
      if (!NEGATORS.has(t) && !t.endsWith("n't")) continue;
      let words = 0;
      for (let j = i + 1; j < tokens.length && words < SCOPE_WORDS; j += 1) {
        const next = tokens[j];
        if (!next.isWord || SCOPE_BREAKS.has(next.text)) break;
        next.negatedBy = i;
        words += 1;
      }
    }
    return tokens;
  }

  private addWordGrams(tokens: Token[], sink: FeatureSink): void {
    sink.beginBlock();
    let previous = '';
    for (const token of tokens) {
      if (!token.isWord) {
        if (EMOJI.test(token.text)) sink.add(`e:${token.text}`);
        previous = '';
        continue;
      }
      sink.add(token.negatedBy >= 0 ? `w:!${token.text}` : `w:${token.text}`);
      if (previous !== '') sink.add(`b:${previous} ${token.text}`);
      previous = token.text;
    }
    sink.endBlock();
  }

  private addCharGrams(tokens: Token[], sink: FeatureSink): void {
    const [minN, maxN] = this.config.enCharNgrams;
    if (minN <= 0) return;
    sink.beginBlock();
    for (const token of tokens) {
      if (!token.isWord || token.text.length < 3) continue;
      const padded = `<${token.text}>`;
      for (let n = minN; n <= maxN; n += 1) {
        for (let i = 0; i + n <= padded.length; i += 1) sink.add(`c:${padded.slice(i, i + n)}`);
      }
    }
    sink.endBlock();
  }

  /** Where the word's (or its stem's) lexicon entry starts, or −1. */
  private lookup(word: string): number {
    const direct = this.lexicon.find('en', word);
    if (direct !== -1 || word.length < 4) return direct;
    for (const [suffix, replacement] of STEM_RULES) {
      if (!word.endsWith(suffix) || word.length - suffix.length < 3) continue;
      const found = this.lexicon.find('en', word.slice(0, word.length - suffix.length) + replacement);
      if (found !== -1) return found;
    }
    return -1;
  }

  private addLexicon(tokens: Token[], display: string, sink: FeatureSink): void {
    for (let i = 0; i < tokens.length; i += 1) {
      const token = tokens[i];
      if (!token.isWord || token.text.length < 3 || STOPWORDS.has(token.text)) continue;
      const at = this.lookup(token.text);
      if (at === -1) continue;
      const entry = this.lexicon.bytes;
      const end = at + this.lexicon.entryLength(at);
      const negated = token.negatedBy >= 0;
      const intensified = !negated && ((i > 0 && INTENSIFIERS.has(tokens[i - 1].text)) || (i > 1 && INTENSIFIERS.has(tokens[i - 2].text)));
      const from = negated ? tokens[token.negatedBy].start : intensified ? tokens[i - 1].start : token.start;
      for (let k = at; k < end; k += 2) {
        const category = this.lexicon.categories[entry[k]];
        const value = 0.5 + (0.5 * entry[k + 1]) / 255;
        sink.add(negated ? `l:${category}:n` : `l:${category}`, value);
        if (intensified) sink.add(`li:${category}`, value);
        const label = this.categoryLabels[entry[k]];
        if (label !== null && label !== 'neutral') {
          sink.addHit({ text: display.slice(from, token.end), label, negated, strength: value });
        }
      }
    }
  }

  private addPatterns(tokens: Token[], display: string, lower: string, sink: FeatureSink): void {
    this.patterns.match('en', lower, this.matches);
    for (const match of this.matches) {
      const { spec } = match;
      const negator = spec.negatable === false ? undefined : negatorBefore(tokens, match.start);
      const negated = negator !== undefined;
      sink.add(negated ? `p:${spec.id}:n` : `p:${spec.id}`);
      sink.add(negated ? `pl:${spec.label}:n` : `pl:${spec.label}`);
      const from = negator?.start ?? match.start;
      sink.addHit({ text: display.slice(from, match.end), label: spec.label, negated, strength: 2, strong: spec.strong === true && !negated, names: spec.names === true && !negated });
    }
  }

  private addShape(tokens: Token[], display: string, lower: string, sink: FeatureSink): void {
    let words = 0;
    let exclamations = 0;
    let questions = 0;
    const seen = new Set<string>();
    let repeats = 0;
    for (const token of tokens) {
      if (token.text === '!') exclamations += 1;
      else if (token.text === '?') questions += 1;
      if (!token.isWord) continue;
      words += 1;
      if (token.text.length >= 3 && !STOPWORDS.has(token.text)) {
        if (seen.has(token.text)) repeats += 1;
        else seen.add(token.text);
      }
    }
    const first = tokens.find((t) => t.isWord)?.text ?? '';
    if (questions > 0 || QUESTION_STARTS.has(first)) sink.add('m:q');
    if (/\b(when|how long|how soon|what time|by when)\b/.test(lower)) sink.add('m:q_when');
    if (/\b(why|how come)\b/.test(lower)) sink.add('m:q_why');
    if (exclamations > 0) sink.add('m:excl', Math.min(exclamations, 3));
    if (/[!?]{2,}/.test(lower)) sink.add('m:punct_run');
    const caps = display.match(/\b[A-Z]{3,}\b/g)?.length ?? 0;
    if (caps > 0) sink.add('m:caps', Math.min(caps, 3));
    if (/([a-z])\1\1/.test(lower)) sink.add('m:elong');
    if (repeats > 0) sink.add('m:rep_word', Math.min(repeats, 3));
    sink.add(words <= 2 ? 'm:len:1' : words <= 6 ? 'm:len:2' : words <= 15 ? 'm:len:3' : 'm:len:4');
  }
}

/** The negating token whose scope covers the character offset, if any. */
function negatorBefore(tokens: Token[], offset: number): Token | undefined {
  for (const token of tokens) {
    if (token.start === offset) return token.negatedBy >= 0 ? tokens[token.negatedBy] : undefined;
    if (token.start > offset) return undefined;
  }
  return undefined;
}
