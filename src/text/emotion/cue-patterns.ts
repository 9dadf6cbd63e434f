// The hand-written call-center cue patterns (repeat contact, complaint, fraud, refund timing, broken
// promises…) as the model ships them. Their source of truth is the training data file
// src/training/text/data/callcenter-patterns.ts; training copies them into the sidecar so the
// weights and the patterns they were trained with always travel together.

import type { EmotionLabel } from '../../frames/types.js';
import type { TextLanguage } from '../lang.js';

export interface CuePatternSpec {
  /** Stable identifier; also the model feature name, so renaming one needs a retrain. */
  id: string;
  language: TextLanguage;
  label: EmotionLabel;
  /** Regular-expression source, matched against lower-cased, Simplified, NFKC text. */
  pattern: string;
  /** False when the pattern already contains its own negation (e.g. "hasn't arrived"). */
  negatable?: boolean;
  /**
   * An unequivocal phrase ("I want to file a complaint", 「被盗刷」): on its own, unnegated, it is
   * evidence enough to act on — even on a partial transcript — when the model agrees.
   */
  strong?: boolean;
  /**
   * The caller names the feeling itself ("I'm furious", 「我很生气」), not a situation that fits more
   * than one ("I'll complain", 「很多次」 fit a disappointed caller too). Only a named feeling replaces
   * another emotion in force on a partial transcript.
   */
  names?: boolean;
}

export interface CuePatternMatch {
  spec: CuePatternSpec;
  start: number;
  end: number;
}

export class CuePatterns {
  private readonly compiled: Array<{ spec: CuePatternSpec; regex: RegExp }>;

  constructor(specs: readonly CuePatternSpec[]) {
    this.compiled = specs.map((spec) => ({ spec, regex: new RegExp(spec.pattern, 'gu') }));
  }

  get specs(): CuePatternSpec[] {
    return this.compiled.map((c) => c.spec);
  }

  /** First match of each pattern of the language (a pattern counts once per utterance). */
  match(language: TextLanguage, text: string, out: CuePatternMatch[]): void {
    out.length = 0;
    for (const { spec, regex } of this.compiled) {
      if (spec.language !== language) continue;
      regex.lastIndex = 0;
      const found = regex.exec(text);
      if (found !== null) out.push({ spec, start: found.index, end: found.index + found[0].length });
    }
  }
}
