// A call whose events a test writes itself, published on the server's real bus the way a call
// pipeline on this or another node publishes them (numbered per call, stamped, then fanned out to
// every feed by src/delivery/feed.ts). For what no running stage produces yet — prompts,
// checklist ticks, alerts, acknowledgements — so the screens' handling of them is tested through
// the real server, socket and browser. Nothing in the server is replaced or bypassed.

import { nowMs } from '../../../src/frames/clock.js';
import type { Bus } from '../../../src/delivery/bus.js';
import type { EventPayload, InternalEvent } from '../../../src/frames/events.js';
import type { AlertEvent, ChecklistEvent, EmotionEvent, PromptEvent, TranscriptEvent } from '../../../src/protocol/feed.js';

type Body<E> = Omit<E, 'type' | 'callId' | 'seq' | 'latencyMs' | 'at'>;

export class ScriptedCall {
  private seq = 0;
  readonly startedAtMs = Date.now();

  constructor(
    private readonly bus: Bus,
    readonly callId: string,
    readonly agentId: string,
    readonly language = 'en-US',
  ) {
    this.publish({
      type: 'call.started',
      callId,
      agentId,
      language,
      tracks: ['caller', 'agent'],
      startedAt: new Date(this.startedAtMs).toISOString(),
      source: 'scripted',
      arrivalMs: nowMs(),
    } as EventPayload);
  }

  private publish(ev: EventPayload): void {
    this.bus.publish({ ...ev, seq: ++this.seq, at: new Date().toISOString() } as InternalEvent);
  }

  private emit(type: string, body: object): void {
    this.publish({ type, callId: this.callId, ...body, arrivalMs: nowMs() } as unknown as EventPayload);
  }

  prompt(p: Partial<Body<PromptEvent>> & { promptId: string; title: string; text: string }, ttlMs = 60_000): void {
    this.emit('prompt', {
      rule: 'test.rule',
      kind: 'empathy',
      priority: 2,
      evidence: [],
      section: '§3',
      expiresAt: new Date(Date.now() + ttlMs).toISOString(),
      ...p,
    });
  }

  emotion(e: Partial<Body<EmotionEvent>> & { tsMs: number }): void {
    this.emit('emotion', {
      track: 'caller',
      speaking: true,
      prosody: {
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
      },
      ...e,
    });
  }

  transcript(t: Body<TranscriptEvent>): void {
    this.emit('transcript', t);
  }

  wording(text: string, startMs: number, findings: unknown[]): void {
    this.emit('language', { track: 'agent', text, startMs, endMs: startMs + 1500, findings });
  }

  checklist(items: Body<ChecklistEvent>['items']): void {
    this.emit('checklist', { items });
  }

  alert(a: Partial<Body<AlertEvent>> & { title: string; level: AlertEvent['level'] }): void {
    this.emit('alert', { agentId: this.agentId, rule: 'test.alert', evidence: [], ...a });
  }

  /** What the playbook publishes once it has an acknowledgement from the bus. */
  acked(promptId: string, action: 'used' | 'dismissed' | 'helpful' | 'not_helpful', agentId = this.agentId): void {
    this.emit('acked', { promptId, action, agentId });
  }

  end(reason = 'stop'): void {
    this.emit('call.ended', { reason, durationMs: Date.now() - this.startedAtMs, shedFrames: 0 });
  }
}
