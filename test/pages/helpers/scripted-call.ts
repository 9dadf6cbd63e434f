// A call whose events a test writes itself, published on the server's real bus the way a call
// pipeline on this or another node publishes them (numbered per call, stamped, then fanned out to
// every feed by src/delivery/feed.ts). For load: fifty streamed calls would swamp this 2-core
// machine, fifty scripted ones cost nothing. Nothing in the server is replaced or bypassed.

import { nowMs } from '../../../src/frames/clock.js';
import type { Bus } from '../../../src/delivery/bus.js';
import type { EventPayload, InternalEvent } from '../../../src/frames/events.js';
import type { EmotionEvent, TranscriptEvent } from '../../../src/protocol/feed.js';

type Body<E> = Omit<E, 'type' | 'callId' | 'seq' | 'latencyMs' | 'at'>;

const CALM_PROSODY: EmotionEvent['prosody'] = {
  loudnessDb: -20,
  loudnessRelDb: 0,
  pitchHz: 150,
  pitchRelPct: 0,
  pitchRangeSemitones: 4,
  pitchRangeRelPct: 0,
  speakingRateSylPerS: 4,
  speakingRateRelPct: 0,
  voiceActivity: 0.7,
  baselineSpeechS: 20,
};

export class ScriptedCall {
  private seq = 0;
  readonly startedAtMs = Date.now();

  constructor(
    private readonly bus: Bus,
    readonly callId: string,
    readonly agentId: string,
    readonly language = 'en-US',
  ) {
    this.emit('call.started', { agentId, language, tracks: ['caller', 'agent'], startedAt: new Date(this.startedAtMs).toISOString(), source: 'scripted' });
  }

  private emit(type: string, body: object): void {
    const ev = { type, callId: this.callId, ...body, arrivalMs: nowMs() } as unknown as EventPayload;
    this.bus.publish({ ...ev, seq: ++this.seq, at: new Date().toISOString() } as InternalEvent);
  }

  emotion(e: Partial<Body<EmotionEvent>> & { tsMs: number }): void {
    this.emit('emotion', { track: 'caller', speaking: true, prosody: CALM_PROSODY, ...e });
  }

  transcript(t: Body<TranscriptEvent>): void {
    this.emit('transcript', t);
  }

  end(reason = 'stop'): void {
    this.emit('call.ended', { reason, durationMs: Date.now() - this.startedAtMs, shedFrames: 0 });
  }
}
