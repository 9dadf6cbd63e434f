// Hand-made numbered events of one call, as a session would publish them, for the bus tests.

import type { InternalEvent } from '../../src/frames/events.js';
import { nowMs } from '../../src/frames/clock.js';

export class ScriptedCall {
  private seq = 0;
  readonly startedAt = new Date().toISOString();

  constructor(
    readonly callId: string,
    readonly agentId = `agent-${callId}`,
  ) {}

  get lastSeq(): number {
    return this.seq;
  }

  private stamp<E extends object>(ev: E): InternalEvent {
    return { ...ev, callId: this.callId, seq: ++this.seq, at: new Date().toISOString(), arrivalMs: nowMs() } as unknown as InternalEvent;
  }

  started(): InternalEvent {
    return this.stamp({ type: 'call.started', agentId: this.agentId, language: 'en-US', tracks: ['caller'], startedAt: this.startedAt, source: 'native' });
  }

  transcript(text: string, startMs: number): InternalEvent {
    return this.stamp({ type: 'transcript', track: 'caller', text, isFinal: true, startMs, endMs: startMs + 1000, redacted: [] });
  }

  prompt(promptId: string): InternalEvent {
    return this.stamp({
      type: 'prompt',
      promptId,
      rule: 'empathy.onset.anger',
      kind: 'empathy',
      priority: 2,
      title: 'Acknowledge the feeling',
      text: 'I understand how frustrating this is.',
      evidence: ['caller said "third time"'],
      section: '§3',
      expiresAt: new Date(Date.now() + 60_000).toISOString(),
    });
  }

  ended(reason = 'stop'): InternalEvent {
    return this.stamp({ type: 'call.ended', reason, durationMs: 1000, shedFrames: 0 });
  }
}
