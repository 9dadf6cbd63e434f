// Lays a scenario's turns on the call's media timeline from their spoken durations — turn-taking
// pauses, the agent talking over the caller where scripted — and derives what an ASR engine would
// send for them: growing partials (one or two per turn, or one every partialEveryMs as a streaming
// recogniser sends them), then the final, each with media times.

import type { TranscriptEntry } from '../clients/client.js';
import type { Track } from '../frames/types.js';

export interface TimelineOptions {
  /** Silence before the first turn, ms. */
  leadInMs: number;
  /** Gap between turns when a turn names none, ms. */
  pauseMs: number;
  /** Silence after the last turn, ms. */
  tailMs: number;
}

export const DEFAULT_TIMELINE: TimelineOptions = Object.freeze({ leadInMs: 500, pauseMs: 600, tailMs: 1500 });

export interface TimedTurn {
  speaker: Track;
  overlapMs?: number | undefined;
  pauseBeforeMs?: number | undefined;
}

export interface PlacedTurn {
  index: number;
  speaker: Track;
  startMs: number;
  endMs: number;
}

export interface Timeline {
  turns: PlacedTurn[];
  durationMs: number;
}

/** An overlapping turn still starts this long after the turn it interrupts. */
const MIN_BEFORE_INTERRUPTION_MS = 300;

export function layoutTurns(turns: readonly TimedTurn[], durationsMs: readonly number[], options: TimelineOptions = DEFAULT_TIMELINE): Timeline {
  if (turns.length !== durationsMs.length) throw new RangeError(`${turns.length} turns but ${durationsMs.length} durations`);
  const placed: PlacedTurn[] = [];
  let latestEndMs = 0;
  turns.forEach((turn, index) => {
    const durationMs = Math.max(0, Math.round(durationsMs[index]!));
    const prev = placed[index - 1];
    let startMs: number;
    if (prev === undefined) startMs = options.leadInMs + (turn.pauseBeforeMs ?? 0);
    else if (turn.overlapMs !== undefined) startMs = Math.max(prev.startMs + MIN_BEFORE_INTERRUPTION_MS, prev.endMs - turn.overlapMs);
    else startMs = latestEndMs + (turn.pauseBeforeMs ?? options.pauseMs);
    const endMs = startMs + durationMs;
    latestEndMs = Math.max(latestEndMs, endMs);
    placed.push({ index, speaker: turn.speaker, startMs, endMs });
  });
  return { turns: placed, durationMs: latestEndMs + options.tailMs };
}

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/;
const TRAILING_PUNCTUATION = /[\s,.;:!?，。；：！？、…"'“”‘’]+$/u;

/** What a recogniser has produced `fraction` of the way through an utterance. */
export function partialText(text: string, fraction: number): string {
  if (HAN.test(text)) {
    const chars = [...text];
    return chars.slice(0, Math.max(1, Math.ceil(chars.length * fraction))).join('').replace(TRAILING_PUNCTUATION, '');
  }
  const words = text.split(/\s+/).filter(Boolean);
  return words.slice(0, Math.max(1, Math.ceil(words.length * fraction))).join(' ').replace(TRAILING_PUNCTUATION, '');
}

/** The units a recogniser emits one at a time: characters of Chinese, words of anything else. */
function spokenUnits(text: string): string[] {
  return HAN.test(text) ? [...text] : text.split(/\s+/).filter(Boolean);
}

/**
 * The words spoken `fraction` of the way through an utterance, assuming an even pace: only whole
 * units, so a word is in a streaming partial once it has been said (an empty string before the first).
 */
export function heardText(text: string, fraction: number): string {
  const units = spokenUnits(text);
  const n = Math.floor(units.length * Math.min(1, Math.max(0, fraction)) + 1e-9);
  return units.slice(0, n).join(HAN.test(text) ? '' : ' ').replace(TRAILING_PUNCTUATION, '');
}

/**
 * When `phrase` (a substring of the utterance) has been said, on the same even pace heardText
 * assumes: the first streaming partial that holds the phrase is sent at or after this moment.
 */
export function phraseSpokenAtMs(text: string, phrase: string, startMs: number, endMs: number): number {
  const at = text.indexOf(phrase);
  if (at < 0 || phrase.length === 0) throw new RangeError(`"${phrase}" is not in "${text}"`);
  const units = spokenUnits(text).length;
  const upTo = spokenUnits(text.slice(0, at + phrase.length)).length;
  return Math.round(startMs + ((endMs - startMs) * upTo) / Math.max(1, units));
}

/** Fractions of an utterance at which partials are sent: two for long turns, one for short. */
function partialFractions(durationMs: number): number[] {
  if (durationMs >= 1500) return [0.4, 0.75];
  if (durationMs >= 700) return [0.5];
  return [];
}

export interface TranscriptOptions {
  /**
   * Send a partial this often through each turn, holding the words said so far (heardText), as a
   * streaming recogniser does; unset: one or two partials per turn, as a batch recogniser might.
   */
  partialEveryMs?: number | undefined;
}

/** Partials then the final for each placed turn, in the order an ASR engine sends them (by endMs). */
export function transcriptFor(timeline: Timeline, texts: readonly string[], options: TranscriptOptions = {}): TranscriptEntry[] {
  const out: TranscriptEntry[] = [];
  const every = options.partialEveryMs;
  if (every !== undefined && !(every >= 50)) throw new RangeError('partialEveryMs must be at least 50');
  for (const turn of timeline.turns) {
    const text = texts[turn.index]!;
    const durationMs = turn.endMs - turn.startMs;
    let last = '';
    const push = (partial: string, endMs: number) => {
      if (partial.length === 0 || partial === last || partial.length >= text.length) return;
      last = partial;
      out.push({ track: turn.speaker, text: partial, isFinal: false, startMs: turn.startMs, endMs });
    };
    if (every === undefined) {
      for (const fraction of partialFractions(durationMs)) push(partialText(text, fraction), turn.startMs + Math.round(durationMs * fraction));
    } else {
      for (let ms = every; ms < durationMs; ms += every) push(heardText(text, ms / durationMs), turn.startMs + ms);
    }
    out.push({ track: turn.speaker, text, isFinal: true, startMs: turn.startMs, endMs: turn.endMs });
  }
  // Stable: a turn's partials keep their place before its final.
  return out.sort((a, b) => a.endMs - b.endMs);
}
