// Builds a call's events as the bus carries them (numbered, stamped), for tests that publish into
// a LocalBus: the shapes are the real InternalEvent types, so a change to them breaks these tests.

import type { InternalEvent } from '../../src/frames/events.js';
import type { Bus } from '../../src/delivery/bus.js';

type Payload = Record<string, unknown> & { type: string };

const PROSODY = {
  loudnessDb: -21.234,
  loudnessRelDb: 3.1,
  pitchHz: 182.456,
  pitchRelPct: 24.2,
  pitchRangeSemitones: 5.5,
  pitchRangeRelPct: 10,
  speakingRateSylPerS: 4.44,
  speakingRateRelPct: 12,
  voiceActivity: 0.8,
  baselineSpeechS: 12,
};

export class CallScript {
  private seq = 0;
  /** Wall-clock ms of the next event. */
  clockMs: number;

  constructor(
    private readonly bus: Bus,
    readonly callId: string,
    readonly agentId: string,
    startedAtMs = Date.now(),
  ) {
    this.clockMs = startedAtMs;
  }

  emit(payload: Payload, advanceMs = 0): InternalEvent {
    this.clockMs += advanceMs;
    const ev = { callId: this.callId, arrivalMs: performance.now(), ...payload, seq: ++this.seq, at: new Date(this.clockMs).toISOString() } as unknown as InternalEvent;
    this.bus.publish(ev);
    return ev;
  }

  start(language = 'en-US'): this {
    this.emit({ type: 'call.started', agentId: this.agentId, language, tracks: ['caller', 'agent'], startedAt: new Date(this.clockMs).toISOString(), source: 'native' });
    return this;
  }

  emotion(tsMs: number, label?: string, intensity?: number): void {
    const probs = label ? { neutral: 0.1, anger: 0.1, anxiety: 0.1, disappointment: 0.1, [label === 'uncertain' ? 'neutral' : label]: 0.7 } : undefined;
    this.emit({ type: 'emotion', track: 'caller', tsMs, prosody: PROSODY, speaking: true, ...(label ? { label, probs, intensity: intensity ?? 0.7, sources: ['prosody'] } : {}) }, 0);
  }

  say(track: 'caller' | 'agent', text: string, startMs: number, opts: { isFinal?: boolean; corrected?: boolean; redacted?: string[] } = {}): void {
    this.emit({ type: 'transcript', track, text, isFinal: opts.isFinal ?? true, startMs, endMs: startMs + 1000, redacted: opts.redacted ?? [], ...(opts.corrected ? { corrected: true } : {}) }, 10);
  }

  language(text: string, startMs: number, findings: { kind: string; polarity: 'violation' | 'good'; text: string }[]): void {
    this.emit({
      type: 'language',
      track: 'agent',
      text,
      startMs,
      endMs: startMs + 1000,
      findings: findings.map((f) => ({ ...f, start: 0, end: f.text.length, rule: `manual §2: ${f.kind}`, section: '§2', severity: 'warning', ruleId: `en.${f.kind}` })),
    }, 10);
  }

  prompt(promptId: string, rule: string, extra: Record<string, unknown> = {}): void {
    this.emit({
      type: 'prompt',
      promptId,
      rule,
      kind: rule.split('.')[0],
      priority: 2,
      title: 'Acknowledge the feeling',
      text: 'I can hear this has been frustrating.',
      evidence: ['anger for 20 s'],
      section: '§3',
      expiresAt: new Date(this.clockMs + 60_000).toISOString(),
      ...extra,
    }, 10);
  }

  ack(promptId: string, action: 'used' | 'dismissed' | 'helpful' | 'not_helpful'): void {
    this.emit({ type: 'acked', promptId, action, agentId: this.agentId }, 10);
  }

  end(reason = 'stop', durationMs = 60_000): void {
    this.emit({ type: 'call.ended', reason, durationMs, shedFrames: 0 }, 10);
  }
}
