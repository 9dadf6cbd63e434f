// One caller emotion state from voice and words. Each source is smoothed on media time (voice: an
// exponential average; words: the last utterance, fading), the two are mixed with a neutral prior,
// and the state moves with hysteresis: it needs sustained evidence to start (longer for voice
// alone, which cries wolf more) and sustained calm to end. "uncertain" is said when the evidence is
// weak or voice and words disagree. All thresholds come from the playbook.

import { EMOTION_LABELS, type EmotionLabel, type EmotionProbs } from '../frames/types.js';
import type { FusionParams } from '../policy/schema.js';

export type Trend = 'rising' | 'steady' | 'easing';

export interface FusedState {
  /** The state in force (with hysteresis), or uncertain. */
  label: EmotionLabel | 'uncertain';
  /** The hysteresis state even when the evidence right now is uncertain. */
  active: EmotionLabel;
  probs: EmotionProbs;
  intensity: number;
  trend: Trend;
  sources: ('prosody' | 'text')[];
  /** Set on the update where `active` changed to a target emotion. */
  onset: EmotionLabel | null;
  /** Media time the active state began. */
  sinceMs: number;
}

const TARGETS: readonly EmotionLabel[] = ['anger', 'anxiety', 'disappointment'];
const PRIOR: EmotionProbs = { neutral: 0.85, anger: 0.05, anxiety: 0.05, disappointment: 0.05 };
/** A final utterance this sure of a target emotion acts at once. */
const STRONG_TEXT = 0.8;
/** Voice evidence older than this is no evidence. */
const VOICE_STALE_MS = 8000;

const zero = (): EmotionProbs => ({ neutral: 0, anger: 0, anxiety: 0, disappointment: 0 });
const argmax = (p: EmotionProbs, among: readonly EmotionLabel[] = EMOTION_LABELS): EmotionLabel =>
  among.reduce((best, l) => (p[l] > p[best] ? l : best), among[0]!);

export class EmotionFusion {
  private voice: EmotionProbs | null = null;
  private voiceAtMs = -Infinity;
  /** Speech in the caller's baseline when the newest voice verdict was made, s. */
  private voiceBaselineS = 0;
  private text: EmotionProbs | null = null;
  private textAtMs = -Infinity;
  private textFinal = true;
  private active: EmotionLabel = 'neutral';
  private sinceMs = 0;
  /** Where the candidate for a change began holding, by candidate. */
  private candidate: { label: EmotionLabel; fromMs: number } | null = null;
  private calmFromMs: number | null = null;
  private readonly history: { tsMs: number; intensity: number }[] = [];

  constructor(private params: () => FusionParams) {}

  /** A prosody verdict on the window ending at tsMs (null while the caller is silent). */
  addVoice(probs: EmotionProbs | null, tsMs: number, baselineS = Infinity): void {
    if (!probs) return;
    this.voiceBaselineS = baselineS;
    const p = this.params();
    if (!this.voice || tsMs - this.voiceAtMs > VOICE_STALE_MS) {
      this.voice = { ...probs };
    } else {
      const a = 1 - Math.exp(-Math.max(0, tsMs - this.voiceAtMs) / p.voiceSmoothingMs);
      for (const l of EMOTION_LABELS) this.voice[l] += a * (probs[l] - this.voice[l]);
    }
    this.voiceAtMs = tsMs;
  }

  /** The text model's verdict on an utterance (a partial replaces the previous partial or final). */
  addText(probs: EmotionProbs, isFinal: boolean, tsMs: number): void {
    this.text = { ...probs };
    this.textAtMs = tsMs;
    this.textFinal = isFinal;
  }

  /** The fused state at media time tsMs. */
  update(tsMs: number): FusedState {
    const p = this.params();
    const sources: FusedState['sources'] = [];
    const mix = zero();
    let total = p.priorWeight;
    for (const l of EMOTION_LABELS) mix[l] = PRIOR[l] * p.priorWeight;
    let wv = 0;
    let wt = 0;
    if (this.voice && tsMs - this.voiceAtMs <= VOICE_STALE_MS) {
      wv = p.voiceWeight;
      sources.push('prosody');
      for (const l of EMOTION_LABELS) mix[l] += wv * this.voice[l];
    }
    if (this.text) {
      wt = p.textWeight * 0.5 ** (Math.max(0, tsMs - this.textAtMs) / p.textHalfLifeMs) * (this.textFinal ? 1 : p.partialWeight);
      if (wt > 0.05) {
        sources.push('text');
        for (const l of EMOTION_LABELS) mix[l] += wt * this.text[l];
      } else wt = 0;
    }
    total += wv + wt;
    const probs = zero();
    for (const l of EMOTION_LABELS) probs[l] = mix[l] / total;

    const top = argmax(probs);
    const disagree =
      wv > 0 &&
      wt > 0 &&
      this.voice !== null &&
      this.text !== null &&
      argmax(this.voice, TARGETS) !== argmax(this.text, TARGETS) &&
      this.voice[argmax(this.voice, TARGETS)] >= p.disagreeAbove &&
      this.text[argmax(this.text, TARGETS)] >= p.disagreeAbove;
    // Voice and words that disagree start nothing — the agent is told "uncertain", not a guess —
    // unless the words are unequivocal ("I want to file a complaint" is anger whatever the pitch).
    const strongWords = wt > 0 && this.finalWords() >= STRONG_TEXT;
    // Only recent words back the voice for the quicker voice-and-words onset; an older utterance
    // still colours the mix, but a new burst of voice is then judged as voice alone.
    const wordsBack = wt > 0 && tsMs - this.textAtMs <= p.textSupportMs;
    const onset = disagree && !strongWords ? this.hold() : this.step(probs, tsMs, wv > 0, wordsBack);
    const intensity = this.active === 'neutral' ? 0 : round(probs[this.active]);
    this.history.push({ tsMs, intensity });
    while (this.history.length > 0 && this.history[0]!.tsMs < tsMs - p.trendWindowMs) this.history.shift();
    const delta = intensity - (this.history[0]?.intensity ?? intensity);
    const trend: Trend = delta >= p.trendDelta ? 'rising' : delta <= -p.trendDelta ? 'easing' : 'steady';
    const weak = probs[top] < p.uncertainBelow;
    return {
      label: disagree || (weak && this.active === 'neutral') ? 'uncertain' : this.active,
      active: this.active,
      probs: roundProbs(probs),
      intensity,
      trend,
      sources,
      onset,
      sinceMs: this.sinceMs,
    };
  }

  /** The last final utterance's probability of `label` (default: its strongest target); 0 without one. */
  private finalWords(label?: EmotionLabel): number {
    if (this.text === null || !this.textFinal) return 0;
    return this.text[label ?? argmax(this.text, TARGETS)];
  }

  /** No change while the evidence conflicts. */
  private hold(): null {
    this.candidate = null;
    return null;
  }

  /** Hysteresis: returns the target emotion that just started, if one did. */
  private step(probs: EmotionProbs, tsMs: number, hasVoice: boolean, hasText: boolean): EmotionLabel | null {
    const p = this.params();
    const best = argmax(probs, TARGETS);
    const voiceOnly = hasVoice && !hasText;
    // Voice alone judges change against the caller's usual voice: with no baseline yet, a deep or
    // high voice is not an emotion.
    if (voiceOnly && this.voiceBaselineS < p.voiceOnlyMinBaselineS && this.active === 'neutral') {
      this.candidate = null;
      return null;
    }
    const onThreshold = voiceOnly ? p.voiceOnlyOnThreshold : p.onThreshold;
    const onsetMs = voiceOnly ? p.voiceOnlyOnsetMs : p.onsetMs;
    // A change is to the strongest target emotion, if it is strong enough (and clearly stronger than
    // the one in force, for a switch between target emotions).
    const wants =
      probs[best] >= onThreshold && best !== this.active && (this.active === 'neutral' || probs[best] >= probs[this.active] + 0.15) ? best : null;
    if (wants) {
      if (!this.candidate || this.candidate.label !== wants) this.candidate = { label: wants, fromMs: tsMs };
      // Strong words need no waiting: "I want to file a complaint" is anger now.
      const strongText = hasText && this.finalWords(wants) >= STRONG_TEXT;
      if (strongText || tsMs - this.candidate.fromMs >= onsetMs) {
        this.active = wants;
        this.sinceMs = tsMs;
        this.candidate = null;
        this.calmFromMs = null;
        return wants;
      }
    } else this.candidate = null;
    if (this.active !== 'neutral') {
      if (probs[this.active] < p.offThreshold) {
        this.calmFromMs ??= tsMs;
        if (tsMs - this.calmFromMs >= p.calmMs) {
          this.active = 'neutral';
          this.sinceMs = tsMs;
          this.calmFromMs = null;
        }
      } else this.calmFromMs = null;
    }
    return null;
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;
function roundProbs(p: EmotionProbs): EmotionProbs {
  return { neutral: round(p.neutral), anger: round(p.anger), anxiety: round(p.anxiety), disappointment: round(p.disappointment) };
}
