// Stage 7: the fused caller state → the `emotion` event. Without any model it carries the measured
// prosody only: a label is never made up. Before a loaded model has judged the caller it says so
// (learning), so a screen does not mistake the first seconds of a call for a node without models.

import { filter, map, type OperatorFunction } from 'rxjs';
import type { EventPayload } from '../frames/events.js';
import type { ProsodySummary } from '../frames/types.js';
import type { FusedEmotion } from './fuse.js';

const EMPTY_PROSODY: ProsodySummary = {
  loudnessDb: -100,
  loudnessRelDb: 0,
  pitchHz: 0,
  pitchRelPct: 0,
  pitchRangeSemitones: 0,
  pitchRangeRelPct: 0,
  speakingRateSylPerS: 0,
  speakingRateRelPct: 0,
  voiceActivity: 0,
  baselineSpeechS: 0,
};

/** modelled: whether any emotion model (shipped or plugged) runs for this call. */
export function toEmotionEvents(modelled: boolean): OperatorFunction<FusedEmotion, EventPayload> {
  return (source) =>
    source.pipe(
      // Before the caller's first window there is nothing measured to show.
      filter((f) => f.prosody !== null || f.state !== null),
      map((f): EventPayload => {
        const base = {
          type: 'emotion' as const,
          callId: f.callId,
          track: 'caller' as const,
          tsMs: Math.round(f.tsMs),
          arrivalMs: f.arrivalMs,
          prosody: f.prosody ?? EMPTY_PROSODY,
          speaking: f.speaking,
        };
        // A model that has not spoken yet is learning the caller's voice, not missing.
        if (!f.state) return modelled ? { ...base, learning: true } : base;
        return {
          ...base,
          label: f.state.label,
          probs: f.state.probs,
          intensity: f.state.intensity,
          trend: f.state.trend,
          sources: f.state.sources,
          models: pick(f.models, f.state.sources),
        };
      }),
    );
}

/** The versions of the models whose verdicts are in the state (a source gone stale is not named). */
function pick(models: FusedEmotion['models'], sources: readonly string[]): { voice?: string; text?: string } {
  return {
    ...(sources.includes('prosody') && models.voice ? { voice: models.voice } : {}),
    ...(sources.includes('text') && models.text ? { text: models.text } : {}),
  };
}
