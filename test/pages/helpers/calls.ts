// Streams a scripted call through the real bridge protocol (/v1/stream): each turn is speech-like
// audio on the speaker's track (silence on the other) followed by its final transcript, so the
// whole pipeline — prosody, text emotion, fusion, playbook, language rules — runs as in production.

import { openBridge, startMessage, streamAudio, type BridgeTrack } from '../../helpers/bridge.js';
import { speechLike } from '../../helpers/audio.js';
import type { TestSocket } from '../../helpers/ws-client.js';

export const TRACKS: BridgeTrack[] = [
  { track: 'caller', encoding: 'mulaw', sampleRateHz: 8000 },
  { track: 'agent', encoding: 'mulaw', sampleRateHz: 8000 },
];

/** Who speaks, what they say, and whether they sound agitated (higher, louder, faster). */
export type Turn = ['caller' | 'agent', string] | ['caller' | 'agent', string, { agitated: boolean }];

export class LiveCall {
  private mediaMs = 0;
  private constructor(
    readonly bridge: TestSocket,
    readonly callId: string,
  ) {}

  static async start(wsUrl: string, callId: string, agentId: string, language = 'en-US'): Promise<LiveCall> {
    const bridge = await openBridge(wsUrl);
    bridge.send(startMessage(callId, agentId, TRACKS, language));
    await bridge.nextType('started');
    return new LiveCall(bridge, callId);
  }

  /**
   * One turn: durationMs of speech (agitated: higher, louder, faster) streamed 50× faster than
   * real time, then the final transcript.
   */
  async say(who: 'caller' | 'agent', text: string, opts: { agitated?: boolean; durationMs?: number } = {}): Promise<void> {
    const ms = opts.durationMs ?? 2500;
    const voice = opts.agitated
      ? speechLike(ms, { pitchHz: 210, rateSylPerS: 6.5, amplitude: 0.8 }, 8000, this.mediaMs + 1)
      : speechLike(ms, { pitchHz: who === 'caller' ? 140 : 200, rateSylPerS: 4, amplitude: 0.35 }, 8000, this.mediaMs + 1);
    const silence = new Float32Array(voice.length);
    await Promise.all([
      streamAudio(this.bridge, 0, who === 'caller' ? voice : silence, TRACKS[0]!, 20, 50),
      streamAudio(this.bridge, 1, who === 'agent' ? voice : silence, TRACKS[1]!, 20, 50),
    ]);
    this.bridge.send({ type: 'transcript', track: who, text, isFinal: true, startMs: this.mediaMs, endMs: this.mediaMs + ms });
    this.mediaMs += ms;
  }

  async play(turns: Turn[]): Promise<void> {
    for (const [who, text, opts] of turns) await this.say(who, text, opts);
  }

  /** A partial transcript (replaced by the next partial or final of its track). */
  partial(who: 'caller' | 'agent', text: string): void {
    this.bridge.send({ type: 'transcript', track: who, text, isFinal: false, startMs: this.mediaMs, endMs: this.mediaMs + 500 });
  }

  async stop(): Promise<void> {
    this.bridge.send({ type: 'stop' });
    await this.bridge.nextType('stopped');
    await this.bridge.closed;
  }
}

/** The escalating English complaint of test/e2e/prompts.test.ts: empathy, then tiers and alerts. */
export const ANGRY_COMPLAINT: Turn[] = [
  ['agent', 'Good morning, thank you for calling First Bank, my name is Anna from the cards team.'],
  ['caller', "This is the third time I'm calling, I want to file a complaint, I'm furious!"],
  ['agent', "Calm down, there's nothing I can do about it."],
  ['caller', 'Put me through to your manager right now.'],
  ['caller', "If this isn't fixed I'm going to the financial ombudsman."],
];
