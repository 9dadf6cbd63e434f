// Builds the shipped hashed lexicon from the shared DUTIR, HowNet and NRC files. Terms are hashed
// (see src/text/emotion/lexicon.ts), so the model carries the lexicons' knowledge without
// redistributing their word lists. Category names say which lexicon a feature came from; the
// label table says which of our classes a hit may be shown to the agent as evidence for.

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { EmotionLabel } from '../../frames/types.js';
import { toSimplified } from '../../text/lang.js';
import { packLexicon, type PackedLexicon } from '../../text/emotion/lexicon.js';
import { MissingDataError } from './missing-data.js';
import { existsSync, readFileSync } from 'node:fs';

// DUTIR emotion classes (Dalian University of Technology ontology) and what each speaks for.
const DUTIR_CLASSES: Record<string, EmotionLabel | null> = {
  NA: 'anger', NE: 'anger', ND: null, NN: null,
  NC: 'anxiety', NI: 'anxiety',
  NB: 'disappointment', NJ: 'disappointment',
  NH: null, NG: null, NK: null, NL: null,
  PA: null, PE: null, PD: null, PH: null, PG: null, PB: null, PK: null, PF: null, PC: null,
};
const NRC_EMOTIONS: Record<string, EmotionLabel | null> = {
  anger: 'anger', fear: 'anxiety', sadness: 'disappointment',
  disgust: null, joy: null, trust: null, surprise: null, anticipation: null, negative: null, positive: null,
};
const MIN_ZH_LENGTH = 2;
const MAX_ZH_LENGTH = 6;
// EmoLex marks association without strength; count it as a middling intensity.
const EMOLEX_INTENSITY = 0.6;

export interface BuiltLexicon {
  lexicon: PackedLexicon;
  categoryLabels: Array<EmotionLabel | null>;
  /** Terms per source, for the model card. */
  counts: Record<string, number>;
}

function read(path: string): string {
  if (!existsSync(path)) throw new MissingDataError(path);
  return readFileSync(path, 'utf8');
}

class Builder {
  readonly categories: string[] = [];
  readonly labels: Array<EmotionLabel | null> = [];
  readonly terms = new Map<string, Map<number, number>>();
  readonly counts: Record<string, number> = {};

  category(name: string, label: EmotionLabel | null): number {
    let index = this.categories.indexOf(name);
    if (index < 0) {
      index = this.categories.length;
      this.categories.push(name);
      this.labels.push(label);
    }
    return index;
  }

  add(source: string, language: 'zh' | 'en', rawTerm: string, category: number, intensity: number): void {
    let term = rawTerm.trim().toLowerCase();
    if (language === 'zh') {
      term = toSimplified(term);
      if (!/^[\u4e00-\u9fff]+$/u.test(term) || term.length < MIN_ZH_LENGTH || term.length > MAX_ZH_LENGTH) return;
    } else if (!/^[a-z][a-z'-]*$/.test(term)) {
      return;
    }
    const key = `${language}:${term}`;
    let cats = this.terms.get(key);
    if (cats === undefined) {
      cats = new Map();
      this.terms.set(key, cats);
    }
    cats.set(category, Math.max(cats.get(category) ?? 0, intensity));
    this.counts[source] = (this.counts[source] ?? 0) + 1;
  }
}

function addDutir(builder: Builder, dir: string): void {
  const lines = read(join(dir, 'dutir', 'emotion_ontology.csv')).split('\n').slice(1);
  for (const line of lines) {
    const cols = line.split(',');
    const word = cols[0];
    for (const [classCol, strengthCol] of [[4, 5], [7, 8]] as const) {
      const cls = cols[classCol]?.trim();
      if (word === undefined || cls === undefined || !(cls in DUTIR_CLASSES)) continue;
      const strength = Number(cols[strengthCol]);
      const category = builder.category(`dutir.${cls}`, DUTIR_CLASSES[cls]);
      builder.add('DUTIR', 'zh', word, category, Number.isFinite(strength) ? strength / 9 : 0.5);
    }
  }
}

function addHowNet(builder: Builder, dir: string): void {
  const base = join(dir, 'hownet');
  if (!existsSync(base)) throw new MissingDataError(base);
  const files: Array<[string, string]> = [['正面情感', 'hownet.pos-emotion'], ['正面评价', 'hownet.pos-evaluation'], ['负面评价', 'hownet.neg-evaluation']];
  for (const file of readdirSync(base)) {
    const match = files.find(([prefix]) => file.startsWith(prefix));
    if (match === undefined) continue;
    const category = builder.category(match[1], null);
    for (const line of read(join(base, file)).split('\n')) {
      if (line.includes('\t') || line.includes('词语')) continue;
      builder.add('HowNet', 'zh', line, category, 1);
    }
  }
}

function addNrc(builder: Builder, dir: string): void {
  const base = join(dir, 'nrc');
  for (const line of read(join(base, 'NRC-Emotion-Lexicon-Wordlevel-v0.92.txt')).split('\n')) {
    const [word, emotion, flag] = line.split('\t');
    if (flag?.trim() !== '1' || word === undefined || emotion === undefined || !(emotion in NRC_EMOTIONS)) continue;
    builder.add('NRC EmoLex', 'en', word, builder.category(`nrc.${emotion}`, NRC_EMOTIONS[emotion]), EMOLEX_INTENSITY);
  }
  for (const line of read(join(base, 'NRC-Emotion-Intensity-Lexicon-zh-CN.csv')).split('\n').slice(1)) {
    const [word, wordZh, emotion, score] = line.split(',');
    if (word === undefined || emotion === undefined || !(emotion in NRC_EMOTIONS)) continue;
    const intensity = Number(score);
    if (!Number.isFinite(intensity)) continue;
    builder.add('NRC Intensity', 'en', word, builder.category(`nrci.${emotion}`, NRC_EMOTIONS[emotion]), intensity);
    if (wordZh !== undefined) builder.add('NRC Intensity zh', 'zh', wordZh, builder.category(`nrci-zh.${emotion}`, NRC_EMOTIONS[emotion]), intensity);
  }
}

/** lexiconDir: the shared data's lexicons/ folder. */
export function buildLexicon(lexiconDir: string): BuiltLexicon {
  const builder = new Builder();
  addDutir(builder, lexiconDir);
  addHowNet(builder, lexiconDir);
  addNrc(builder, lexiconDir);
  return {
    lexicon: packLexicon(builder.categories, builder.terms),
    categoryLabels: builder.labels,
    counts: builder.counts,
  };
}
