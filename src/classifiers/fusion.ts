// One caller emotion state from voice and words. Each source is smoothed on media time (voice: an
// exponential average, fusion-voice.ts; words: the newest utterance, fading, fusion-words.ts), the
// two are mixed with a neutral prior, and the state moves with hysteresis:
//   - unequivocal words (a strong phrase, partial or final, or a final the model is sureFinalAbove
//     sure of) start a state at once (and replace another state in force at once only when the
//     model is strongTextAbove sure of them and they are final or name the feeling; with no voice,
//     partials never move one emotion to another);
//   - otherwise the mix must hold a target for onsetMs with each source heard (voice, recent words)
//     at least agreeAbove sure of it on its own — neither model alone is trusted to start a state;
//   - or, on voice alone, for voiceOnlyOnsetMs, once the caller's baseline holds enough speech and
//     only if the caller did not sound like that all along (their habit);
//   - a state ends after calmMs of calm.
// The label the agent sees is the state in force; "uncertain" only while no state is in force and
// voice and words each clearly name a different target emotion. All thresholds come from the playbook.

import { EMOTION_LABELS, type EmotionLabel, type EmotionProbs } from '../frames/types.js';
import type { FusionParams } from '../policy/schema.js';
import { argmax, TARGETS, WordsEvidence } from './fusion-words.js';
import { VoiceEvidence } from './fusion-voice.js';

export type Trend = 'rising' | 'steady' | 'easing';

export interface FusedState {
  /** What the agent is shown: the state in force, or uncertain when the evidence conflicts and none is. */
  label: EmotionLabel | 'uncertain';
  /** The state in force (hysteresis). */
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

const PRIOR: EmotionProbs = { neutral: 0.85, anger: 0.05, anxiety: 0.05, disappointment: 0.05 };
/** A switch between target emotions needs the new one this much stronger than the one in force. */
const SWITCH_MARGIN = 0.15;

const zero = (): EmotionProbs => ({ neutral: 0, anger: 0, anxiety: 0, disappointment: 0 });

interface Evidence {
  probs: EmotionProbs;
  voice: EmotionProbs | null;
  /** The words, when recent enough to back the voice. */
  words: EmotionProbs | null;
  hasVoice: boolean;
  /** Words recent enough to back the voice for the quicker onset. */
  wordsBack: boolean;
  /** Unequivocal recent words, of this target. */
  strong: EmotionLabel | null;
  /** Those words are final or name the feeling: sure enough, they may replace another state at once. */
  strongMayReplace: boolean;
  /** The newest words are a final transcript, not a sentence still being spoken. */
  wordsFinal: boolean;
  /** Voice and words each clearly name a different target. */
  conflict: boolean;
}

export class EmotionFusion {
  private readonly voice = new VoiceEvidence();
  private readonly words = new WordsEvidence();
  private active: EmotionLabel = 'neutral';
  private sinceMs = 0;
  /**
   * The change being considered, since when, and how much the caller's voice sounded like it
   * before (voice alone starts nothing the caller's voice was heard as all along).
   */
  private candidate: { label: EmotionLabel; fromMs: number; habit: number } | null = null;
  private calmFromMs: number | null = null;
  /** The state that last ended, and when: another emotion soon after is a switch from it. */
  private ended: { label: EmotionLabel; atMs: number } | null = null;
  private readonly history: { tsMs: number; intensity: number }[] = [];

  constructor(private params: () => FusionParams) {}

  /**
   * A prosody verdict on the window ending at tsMs (null while the caller is silent); speechShare:
   * the share of the window that was speech. A window mostly of silence — the caller just began or
   * just stopped — says little about the voice (the model's verdicts on such windows swing to
   * extremes), so it moves the voice evidence in proportion, fully from voiceFullSpeechShare.
   */
  addVoice(probs: EmotionProbs | null, tsMs: number, baselineS = Infinity, speechShare = 1): void {
    if (!probs) return;
    const p = this.params();
    const weight = Math.min(1, speechShare / p.voiceFullSpeechShare);
    this.voice.add(probs, tsMs, baselineS, weight, p.voiceSmoothingMs, p.voiceStaleMs);
  }

  /**
   * The text model's verdict on an utterance (a partial replaces the previous partial or final);
   * strongPhrase: the target emotion of an unequivocal phrase the model found in it, if any;
   * named: that phrase names the feeling ("I'm furious").
   */
  addText(probs: EmotionProbs, isFinal: boolean, tsMs: number, strongPhrase: EmotionLabel | null = null, named = false): void {
    const p = this.params();
    this.words.add(probs, isFinal, tsMs, strongPhrase, p.sureFinalAbove, p.strongPhraseMargin, named);
  }

  /** The fused state at media time tsMs. */
  update(tsMs: number): FusedState {
    const p = this.params();
    const sources: FusedState['sources'] = [];
    const ev = this.evidence(tsMs, sources);
    const onset = ev.conflict && ev.strong === null ? this.hold() : this.step(ev, tsMs);
    const intensity = this.active === 'neutral' ? 0 : round(ev.probs[this.active]);
    this.history.push({ tsMs, intensity });
    while (this.history.length > 0 && this.history[0]!.tsMs < tsMs - p.trendWindowMs) this.history.shift();
    const delta = intensity - (this.history[0]?.intensity ?? intensity);
    const trend: Trend = delta >= p.trendDelta ? 'rising' : delta <= -p.trendDelta ? 'easing' : 'steady';
    return {
      // The screen shows what the prompts were based on: the state in force, never a second opinion.
      label: this.active === 'neutral' && ev.conflict ? 'uncertain' : this.active,
      active: this.active,
      probs: roundProbs(ev.probs),
      intensity,
      trend,
      sources,
      onset,
      sinceMs: this.sinceMs,
    };
  }

  private evidence(tsMs: number, sources: FusedState['sources']): Evidence {
    const p = this.params();
    const mix = zero();
    for (const l of EMOTION_LABELS) mix[l] = PRIOR[l] * p.priorWeight;
    let total = p.priorWeight;
    const voice = this.voice.current(tsMs, p.voiceStaleMs);
    if (voice) {
      sources.push('prosody');
      for (const l of EMOTION_LABELS) mix[l] += p.voiceWeight * voice[l];
      total += p.voiceWeight;
    }
    const wt = this.words.weight(tsMs, p.textWeight, p.textHalfLifeMs, p.partialWeight);
    const text = wt > 0.05 ? this.words.probs : null;
    if (text) {
      sources.push('text');
      for (const l of EMOTION_LABELS) mix[l] += wt * text[l];
      total += wt;
    }
    const probs = zero();
    for (const l of EMOTION_LABELS) probs[l] = mix[l] / total;
    const recentWords = text !== null && tsMs - this.words.atMs <= p.textSupportMs;
    const vTop = voice ? argmax(voice, TARGETS) : null;
    const tTop = text ? argmax(text, TARGETS) : null;
    return {
      probs,
      voice,
      words: recentWords ? text : null,
      hasVoice: voice !== null,
      wordsBack: recentWords,
      strong: recentWords ? this.words.strong : null,
      strongMayReplace: this.words.isFinal || this.words.named,
      wordsFinal: this.words.isFinal,
      conflict: voice !== null && text !== null && vTop !== tTop && voice[vTop!] >= p.disagreeAbove && text[tTop!] >= p.disagreeAbove,
    };
  }

  /** No change while the evidence conflicts. */
  private hold(): null {
    this.candidate = null;
    return null;
  }

  /** Hysteresis: returns the target emotion that just started, if one did. */
  private step(ev: Evidence, tsMs: number): EmotionLabel | null {
    const p = this.params();
    const { probs } = ev;
    // Unequivocal words need no waiting: "I want to file a complaint" is anger now. To replace
    // another emotion in force at once, the model must also be sure of them, and on a partial they
    // must name the feeling: a disappointed caller who says she will complain, or whose "I've waited
    // so many times" is on its way to "…and I'm very disappointed", is not suddenly angry.
    const sure = (ev.words?.[ev.strong ?? 'neutral'] ?? 0) >= p.strongTextAbove;
    const from = this.switchingFrom(tsMs);
    const blocked = from !== null && from !== ev.strong && !(sure && ev.strongMayReplace);
    if (ev.strong !== null && ev.strong !== this.active && !blocked) return this.start(ev.strong, tsMs);
    const best = argmax(probs, TARGETS);
    const voiceOnly = ev.hasVoice && !ev.wordsBack;
    // Voice alone judges change against the caller's usual voice: with no baseline yet, a deep or
    // high voice is not an emotion.
    if (voiceOnly && this.active === 'neutral' && this.voice.baselineS < p.voiceOnlyMinBaselineS) return this.hold();
    // Words with no voice to weigh them (the voice model refused the sound, or has no verdict for the
    // call's language) must be surer: nothing dilutes a misread calm sentence.
    const onThreshold = voiceOnly ? p.voiceOnlyOnThreshold : ev.hasVoice ? p.onThreshold : p.wordsOnlyOnThreshold;
    const agreed = voiceOnly || [ev.voice, ev.words].every((src) => src === null || src[best] >= p.agreeAbove);
    // A sentence still being spoken does not move one emotion to another on words alone: with no
    // voice to back it, 「又是稍後。我已經等過很多次了」 is on its way to 「…我對你們已經很失望」.
    const unfinishedSwitch = from !== null && from !== best && !ev.hasVoice && !ev.wordsFinal;
    const switches = (this.active === 'neutral' || probs[best] >= probs[this.active] + SWITCH_MARGIN) && !unfinishedSwitch;
    const wants = probs[best] >= onThreshold && agreed && best !== this.active && switches ? best : null;
    if (wants) {
      if (!this.candidate || this.candidate.label !== wants) this.candidate = { label: wants, fromMs: tsMs, habit: this.voice.habit(wants) };
      if (tsMs - this.candidate.fromMs >= (voiceOnly ? p.voiceOnlyOnsetMs : p.onsetMs) && (!voiceOnly || this.candidate.habit < p.voiceOnlyHabitBelow)) {
        return this.start(wants, tsMs);
      }
    } else this.candidate = null;
    if (this.active !== 'neutral') {
      if (probs[this.active] < p.offThreshold) {
        this.calmFromMs ??= tsMs;
        if (tsMs - this.calmFromMs >= p.calmMs) {
          this.ended = { label: this.active, atMs: tsMs };
          this.active = 'neutral';
          this.sinceMs = tsMs;
          this.calmFromMs = null;
        }
      } else this.calmFromMs = null;
    }
    return null;
  }

  /** The emotion a new one would replace: the state in force, or one that ended within switchMemoryMs. */
  private switchingFrom(tsMs: number): EmotionLabel | null {
    if (this.active !== 'neutral') return this.active;
    return this.ended !== null && tsMs - this.ended.atMs <= this.params().switchMemoryMs ? this.ended.label : null;
  }

  private start(label: EmotionLabel, tsMs: number): EmotionLabel {
    this.active = label;
    this.sinceMs = tsMs;
    this.candidate = null;
    this.calmFromMs = null;
    return label;
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;
function roundProbs(p: EmotionProbs): EmotionProbs {
  return { neutral: round(p.neutral), anger: round(p.anger), anxiety: round(p.anxiety), disappointment: round(p.disappointment) };
}
