// A bus event → the row the record keeps: ids and clocks that only mattered in flight are
// dropped (callId is the row's key, arrivalMs a monotonic reading), free text is redacted again,
// and an emotion state keeps only the numbers a reviewer reads.

import type { InternalEvent } from '../frames/events.js';
import type { EmotionEvent } from '../protocol/feed.js';
import type { EmotionPoint } from './record.js';
import { scrub } from './scrub.js';
import type { EventRow } from './store.js';

const round2 = (x: number) => Math.round(x * 100) / 100;

function emotionPoint(e: Omit<EmotionEvent, 'seq' | 'at' | 'latencyMs' | 'callId' | 'type'>): Omit<EmotionPoint, 'at'> {
  const p = e.prosody;
  return {
    tsMs: e.tsMs,
    ...(e.label !== undefined ? { label: e.label } : {}),
    ...(e.probs ? { probs: Object.fromEntries(Object.entries(e.probs).map(([k, v]) => [k, round2(v)])) } : {}),
    ...(e.intensity !== undefined ? { intensity: e.intensity } : {}),
    ...(e.trend !== undefined ? { trend: e.trend } : {}),
    ...(e.sources ? { sources: e.sources } : {}),
    speaking: e.speaking,
    prosody: {
      loudnessDb: round2(p.loudnessDb),
      loudnessRelDb: round2(p.loudnessRelDb),
      pitchHz: round2(p.pitchHz),
      pitchRelPct: round2(p.pitchRelPct),
      speakingRateSylPerS: round2(p.speakingRateSylPerS),
      voiceActivity: round2(p.voiceActivity),
    },
  };
}

export function toEventRow(ev: InternalEvent): EventRow {
  // isFinal: only finals are kept, so it says nothing in the record.
  const { type, seq, at, callId: _callId, arrivalMs: _arrivalMs, isFinal: _isFinal, ...rest } = ev as InternalEvent & Record<string, unknown>;
  const body = type === 'emotion' ? emotionPoint(rest as unknown as EmotionEvent) : scrub(rest);
  const atMs = Date.parse(at);
  const row: EventRow = { seq, type, atMs: Number.isFinite(atMs) ? atMs : Date.now(), body: body as Record<string, unknown> };
  if (ev.type === 'transcript') {
    row.key = `${ev.track}:${ev.startMs}`;
    if (ev.corrected) row.replaces = true;
  }
  return row;
}
