// The calls this node runs, as words name them: every id a call's bridge carries, mapped to the
// call's session and its owner; and the calls that ended lately (bounded in count and time), so
// late words get CALL_ENDED rather than UNKNOWN_CALL.

import type { CallManager } from '../pipeline/calls.js';
import type { CallSession } from '../pipeline/session.js';
import { callKeysOf, ownerOf } from './ids.js';
import type { CallOwner } from './types.js';
import { WallTimeline } from './wall-timing.js';

export interface LiveCall {
  session: CallSession;
  owner: CallOwner;
  keys: readonly string[];
  /** Placement state for wall-clock words (Twilio callbacks), made on first use. */
  wall: WallTimeline | null;
}

/** How long and how many ended calls are remembered. */
export const ENDED_MEMORY_MS = 10 * 60_000;
export const ENDED_MEMORY_MAX = 20_000;

export interface DirectoryListener {
  opened(call: LiveCall): void;
  ended(call: LiveCall): void;
}

export class WordsDirectory {
  private readonly live = new Map<string, LiveCall>();
  private readonly ended = new Map<string, { owner: CallOwner; atMs: number }>();

  constructor(calls: CallManager, listener: DirectoryListener) {
    calls.onOpen((session, keyId) => {
      const call: LiveCall = { session, owner: ownerOf(session.start, keyId), keys: callKeysOf(session.start), wall: null };
      // The first live call to claim an id keeps it (two Twilio streams of one call share its callSid).
      for (const k of call.keys) if (!this.live.has(k)) this.live.set(k, call);
      listener.opened(call);
      void session.ended.then(() => {
        const nowMs = Date.now();
        for (const k of call.keys) {
          if (this.live.get(k) !== call) continue;
          this.live.delete(k);
          this.ended.delete(k);
          this.ended.set(k, { owner: call.owner, atMs: nowMs });
        }
        this.forgetOld(nowMs);
        listener.ended(call);
      });
    });
  }

  find(key: string): LiveCall | undefined {
    return this.live.get(key);
  }

  /** The owner of a call that ended within ENDED_MEMORY_MS. */
  endedRecently(key: string): CallOwner | undefined {
    const e = this.ended.get(key);
    return e && Date.now() - e.atMs < ENDED_MEMORY_MS ? e.owner : undefined;
  }

  private forgetOld(nowMs: number): void {
    // Insertion order is end order: the oldest are first.
    for (const [k, e] of this.ended) {
      if (this.ended.size <= ENDED_MEMORY_MAX && nowMs - e.atMs < ENDED_MEMORY_MS) break;
      this.ended.delete(k);
    }
  }
}
