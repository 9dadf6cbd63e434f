// The bus carries every call's numbered events from the node running its pipeline to every feed
// that may show it, and acknowledgements back. The in-process bus is the embedded default; a bus
// between nodes implements the same interface.

import { Subject, type Observable } from 'rxjs';
import type { InternalEvent } from '../frames/events.js';
import { applyEvent, type CallState } from './call-state.js';

export interface AckCommand {
  callId: string;
  promptId: string;
  action: 'used' | 'dismissed' | 'helpful' | 'not_helpful';
  agentId: string;
  arrivalMs: number;
}

export interface Bus {
  publish(ev: InternalEvent): void;
  /** Every event published from now on, in each call's order. */
  readonly events$: Observable<InternalEvent>;
  /**
   * Events of the calls whose pipeline runs on this node only. Across nodes every node sees every
   * call on events$; whatever must happen once per call (the call recorder) subscribes here.
   */
  readonly ownEvents$: Observable<InternalEvent>;
  /** The live calls, as of the last event published. */
  liveCalls(): CallState[];
  getCall(callId: string): CallState | undefined;
  sendAck(ack: AckCommand): void;
  readonly acks$: Observable<AckCommand>;
  close(): Promise<void>;
}

export class LocalBus implements Bus {
  private readonly events = new Subject<InternalEvent>();
  private readonly acks = new Subject<AckCommand>();
  private readonly calls = new Map<string, CallState>();
  readonly events$ = this.events.asObservable();
  /** In one process every call is this node's own. */
  readonly ownEvents$ = this.events$;
  readonly acks$ = this.acks.asObservable();

  publish(ev: InternalEvent): void {
    // State first, so a feed that connects while this event is delivered sees it in its snapshot.
    const next = applyEvent(this.calls.get(ev.callId), ev);
    if (next) this.calls.set(ev.callId, next);
    else this.calls.delete(ev.callId);
    this.events.next(ev);
  }

  liveCalls(): CallState[] {
    return [...this.calls.values()];
  }

  getCall(callId: string): CallState | undefined {
    return this.calls.get(callId);
  }

  sendAck(ack: AckCommand): void {
    this.acks.next(ack);
  }

  async close(): Promise<void> {
    this.events.complete();
    this.acks.complete();
  }
}
