// The calls this node runs: admission (limits, duplicates), lookup, and drain on shutdown.

import { CallcueError, ErrorCodes } from '../errors.js';
import type { Config } from '../config/schema.js';
import { CallSession, type CallStart, type SessionDeps } from './session.js';

/** Told of every call this node admits, with the API key that opened it (the call's owner). */
export type CallOpenListener = (session: CallSession, keyId: string) => void;

export class CallManager {
  private readonly calls = new Map<string, CallSession>();
  private readonly perKey = new Map<string, number>();
  private readonly openListeners: CallOpenListener[] = [];
  private draining = false;

  constructor(
    private readonly deps: SessionDeps,
    private readonly config: Config,
  ) {}

  get size(): number {
    return this.calls.size;
  }
  get isDraining(): boolean {
    return this.draining;
  }

  get(callId: string): CallSession | undefined {
    return this.calls.get(callId);
  }

  onOpen(listener: CallOpenListener): void {
    this.openListeners.push(listener);
  }

  /** Admits a call or throws the coded reason it was refused. `keyId` identifies the API key used. */
  open(start: CallStart, keyId: string): CallSession {
    if (this.draining) throw new CallcueError(ErrorCodes.SHUTTING_DOWN, 'this node is draining; connect to another');
    if (this.calls.has(start.callId) || this.deps.bus.getCall(start.callId)) {
      throw new CallcueError(ErrorCodes.DUPLICATE_CALL, `call ${start.callId} is already live`);
    }
    if (this.calls.size >= this.config.maxCalls) {
      throw new CallcueError(ErrorCodes.TOO_MANY_CALLS, `this node is at its limit of ${this.config.maxCalls} calls`);
    }
    const held = this.perKey.get(keyId) ?? 0;
    if (held >= this.config.maxCallsPerKey) {
      throw new CallcueError(ErrorCodes.TOO_MANY_CALLS, `this API key is at its limit of ${this.config.maxCallsPerKey} calls`);
    }
    const session = new CallSession(this.deps, start, {
      jargon: this.config.jargon,
      maxQueuedAudio: this.config.maxQueuedAudioFrames,
      windowMs: this.config.windowMs,
      emotionIntervalMs: this.config.emotionIntervalMs,
      minSpeechMs: this.config.minSpeechMs,
    });
    this.calls.set(start.callId, session);
    this.perKey.set(keyId, held + 1);
    this.deps.metrics.activeCalls.set(this.calls.size);
    this.deps.metrics.callsTotal.inc({ source: start.source });
    void session.ended.then(() => {
      this.calls.delete(start.callId);
      this.perKey.set(keyId, (this.perKey.get(keyId) ?? 1) - 1);
      this.deps.metrics.activeCalls.set(this.calls.size);
    });
    for (const listener of this.openListeners) listener(session, keyId);
    return session;
  }

  /** Stops admitting calls; waits up to timeoutMs for live calls to end, then ends the rest. */
  async drain(timeoutMs: number): Promise<void> {
    this.draining = true;
    const live = [...this.calls.values()];
    if (live.length === 0) return;
    const all = Promise.all(live.map((s) => s.ended));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((r) => (timer = setTimeout(() => r('timeout'), timeoutMs)));
    const result = await Promise.race([all, timedOut]);
    clearTimeout(timer);
    if (result === 'timeout') await Promise.all([...this.calls.values()].map((s) => s.stop('shutdown')));
  }
}
