// Twilio's transcription callbacks say when a result was produced (Timestamp, wall clock), not when
// its words were spoken, and number the callbacks of one transcription (SequenceId) without
// promising to deliver them in order. This places such words on the call's media timeline, drops
// what is repeated or superseded, and keeps each track's utterances in sequence.
//
// The timing model (docs/transcripts.md): endMs is the Timestamp on the media clock (the wall time
// of media 0 comes from the audio's arrival); startMs is where the utterance most likely began —
// its first result's end minus how long its words take to say, never before the previous final of
// its track ended.

import type { Track } from '../frames/types.js';

export type Placement = { startMs: number; endMs: number } | 'duplicate' | 'stale';

/** Sequence numbers remembered per transcription (for duplicates); older ones are forgotten. */
const SEEN_KEEP = 2048;
/** Speaking pace used to estimate where an utterance began: ms per Latin word, per Han/kana character. */
const MS_PER_WORD = 380;
const MS_PER_CJK_CHAR = 230;
const MIN_UTTERANCE_MS = 300;
const MAX_UTTERANCE_MS = 15_000;

/** How long the text takes to say, roughly (en ≈ 160 words a minute, zh ≈ 4.3 characters a second). */
export function estimateSpeechMs(text: string): number {
  const cjk = text.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu)?.length ?? 0;
  const words = text.replace(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu, ' ').match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
  return Math.min(MAX_UTTERANCE_MS, Math.max(MIN_UTTERANCE_MS, words * MS_PER_WORD + cjk * MS_PER_CJK_CHAR));
}

interface TrackState {
  /** End of the newest final, ms (an utterance starts after it). */
  lastFinalEndMs: number;
  /** Start of the newest final, ms (finals' starts stay distinct: records key them by it). */
  lastFinalStartMs: number;
  /** Start of the utterance whose partials are arriving; null between utterances. */
  utteranceStartMs: number | null;
}

interface WallWords {
  track: Track;
  text: string;
  isFinal: boolean;
  atWallMs: number;
  sequence: number;
  stream: string;
}

/** One call's words from wall-clock sources. */
export class WallTimeline {
  private readonly seen = new Map<string, Set<number>>();
  private readonly highest = new Map<string, number>();
  private readonly tracks: Record<Track, TrackState> = {
    caller: { lastFinalEndMs: 0, lastFinalStartMs: -1, utteranceStartMs: null },
    agent: { lastFinalEndMs: 0, lastFinalStartMs: -1, utteranceStartMs: null },
  };

  /** `mediaOriginMs`: the wall time of media 0 (CallSession.mediaOriginMs). */
  place(w: WallWords, mediaOriginMs: number): Placement {
    const seen = this.seen.get(w.stream) ?? new Set<number>();
    this.seen.set(w.stream, seen);
    if (seen.has(w.sequence)) return 'duplicate';
    const lane = `${w.stream}|${w.track}`;
    const highest = this.highest.get(lane) ?? -1;
    seen.add(w.sequence);
    if (seen.size > SEEN_KEEP) for (const s of seen) if (s < w.sequence - SEEN_KEEP / 2) seen.delete(s);
    // A partial older than anything already shown on its track has been overtaken: by a newer
    // partial, or by the final it led to. A final is never stale: it is the utterance itself.
    if (!w.isFinal && w.sequence < highest) return 'stale';
    this.highest.set(lane, Math.max(highest, w.sequence));

    const st = this.tracks[w.track];
    let endMs = Math.max(0, Math.round(w.atWallMs - mediaOriginMs));
    const floor = Math.min(st.lastFinalEndMs, endMs);
    const estimate = Math.max(floor, endMs - estimateSpeechMs(w.text));
    st.utteranceStartMs = st.utteranceStartMs === null ? estimate : Math.max(floor, Math.min(st.utteranceStartMs, estimate));
    let startMs = Math.min(st.utteranceStartMs, endMs);
    if (w.isFinal) {
      startMs = Math.max(startMs, st.lastFinalStartMs + 1);
      endMs = Math.max(endMs, startMs);
      st.lastFinalStartMs = startMs;
      st.lastFinalEndMs = Math.max(st.lastFinalEndMs, endMs);
      st.utteranceStartMs = null;
    }
    return { startMs, endMs };
  }
}
