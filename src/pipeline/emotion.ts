// Stage 7: the fused caller state → the `emotion` event. Without any model it carries the measured
// prosody only: a label is never made up. Before a loaded model has judged the caller it says so
// (learning), so a screen does not mistake the first seconds of a call for a node without models.

import type { OperatorFunction } from 'rxjs';
import type { EventPayload } from '../frames/events.js';
import type { ProsodySummary } from '../frames/types.js';
import type { FusedEmotion } from './fuse.js';
import { stepEach } from './step-each.js';

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
  // One plain step rather than filter and map, and the events written out in full rather than
  // spread from a base: this runs for every window of every call. Before the caller's first window
  // there is nothing measured to show.
  return stepEach(() => (f) => (f.prosody === null && f.state === null ? null : toEvent(f, modelled)));
}

function toEvent(f: FusedEmotion, modelled: boolean): EventPayload {
  const tsMs = Math.round(f.tsMs);
  const prosody = f.prosody ?? EMPTY_PROSODY;
  const state = f.state;
  if (!state) {
    // A model that has not spoken yet is learning the caller's voice, not missing.
    return modelled
      ? { type: 'emotion', callId: f.callId, track: 'caller', tsMs, arrivalMs: f.arrivalMs, prosody, speaking: f.speaking, learning: true }
      : { type: 'emotion', callId: f.callId, track: 'caller', tsMs, arrivalMs: f.arrivalMs, prosody, speaking: f.speaking };
  }
  return {
    type: 'emotion',
    callId: f.callId,
    track: 'caller',
    tsMs,
    arrivalMs: f.arrivalMs,
    prosody,
    speaking: f.speaking,
    label: state.label,
    probs: state.probs,
    intensity: state.intensity,
    trend: state.trend,
    sources: state.sources,
    models: pick(f.models, state.sources),
  };
}

/** The versions of the models whose verdicts are in the state (a source gone stale is not named). */
function pick(models: FusedEmotion['models'], sources: readonly string[]): { voice?: string; text?: string } {
  const named: { voice?: string; text?: string } = {};
  if (sources.includes('prosody') && models.voice) named.voice = models.voice;
  if (sources.includes('text') && models.text) named.text = models.text;
  return named;
}
