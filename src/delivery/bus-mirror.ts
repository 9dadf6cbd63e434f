// Every node's copy of every live call in the cluster, folded from the calls' numbered events by
// the same reducer the in-process bus uses (applyEvent), so liveCalls() stays synchronous and a
// feed that (re)connects to any node draws every call at once. It also remembers which node owns
// each call, and drops what the stream may deliver twice (a resent write after a reconnect).

import type { InternalEvent } from '../frames/events.js';
import { applyEvent, type CallState } from './call-state.js';

export type MirrorResult = 'applied' | 'duplicate' | 'unknown';

/** How long an ended call is remembered, so a late copy of its events cannot bring it back. */
const ENDED_MEMORY_MS = 120_000;
const ENDED_MEMORY_MAX = 50_000;

interface Ended {
  lastSeq: number;
  startedAt: string;
  atMs: number;
}

export class CallMirror {
  private readonly calls = new Map<string, CallState>();
  private readonly owners = new Map<string, string>();
  private readonly ended = new Map<string, Ended>();
  /** Events that skipped ahead of the call's last seq (loss between nodes). */
  gaps = 0;

  get size(): number {
    return this.calls.size;
  }

  get(callId: string): CallState | undefined {
    return this.calls.get(callId);
  }

  ownerOf(callId: string): string | undefined {
    return this.owners.get(callId);
  }

  list(): CallState[] {
    return [...this.calls.values()];
  }

  /** Live calls whose pipeline runs on `node`. */
  ownedBy(node: string): CallState[] {
    const out: CallState[] = [];
    for (const [id, owner] of this.owners) if (owner === node) out.push(this.calls.get(id)!);
    return out;
  }

  /** Nodes that own at least one live call. */
  owningNodes(): Set<string> {
    return new Set(this.owners.values());
  }

  /**
   * Folds one event in. 'duplicate': already folded (or of a call that ended), skip it;
   * 'unknown': an event of a call this mirror never saw start, skip it; 'applied': pass it on.
   */
  apply(ev: InternalEvent, owner: string): MirrorResult {
    const state = this.calls.get(ev.callId);
    if (state) {
      if (ev.seq <= state.lastSeq) return 'duplicate';
      if (ev.seq > state.lastSeq + 1) this.gaps++;
    } else {
      const gone = this.ended.get(ev.callId);
      if (ev.type !== 'call.started') return gone && ev.seq <= gone.lastSeq ? 'duplicate' : 'unknown';
      // The same call id may start again after it ended; a copy of the old start may not.
      if (gone && gone.startedAt === ev.startedAt) return 'duplicate';
    }
    const next = applyEvent(state, ev);
    if (next) {
      this.calls.set(ev.callId, next);
      this.owners.set(ev.callId, owner);
    } else {
      this.forget(ev.callId, ev.seq, state?.started.startedAt ?? '');
    }
    return 'applied';
  }

  /**
   * Takes a state snapshot the owner wrote, when it is ahead of what this mirror holds (or the
   * mirror has none). Returns true when it replaced or added the call.
   */
  adopt(state: CallState, owner: string): boolean {
    const have = this.calls.get(state.callId);
    if (have && have.lastSeq >= state.lastSeq) return false;
    const gone = this.ended.get(state.callId);
    if (!have && gone && gone.startedAt === state.started.startedAt) return false;
    if (have) this.gaps++;
    this.calls.set(state.callId, state);
    this.owners.set(state.callId, owner);
    return true;
  }

  private forget(callId: string, lastSeq: number, startedAt: string): void {
    this.calls.delete(callId);
    this.owners.delete(callId);
    const now = Date.now();
    this.ended.set(callId, { lastSeq, startedAt, atMs: now });
    if (this.ended.size > ENDED_MEMORY_MAX || this.ended.size % 256 === 0) {
      for (const [id, e] of this.ended) {
        if (now - e.atMs < ENDED_MEMORY_MS && this.ended.size <= ENDED_MEMORY_MAX) break;
        this.ended.delete(id);
      }
    }
  }
}
