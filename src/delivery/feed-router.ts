// The bus's events to the feeds that see each call. Each feed registers what it may see; an event is
// handed only to the feeds watching its call, serialised once for all of them. (Every feed filtering
// every event was feeds × events callbacks: at 300 calls with a feed each, ~450,000 a second.)

import type { Observable, Subscription } from 'rxjs';
import type { InternalEvent } from '../frames/events.js';
import { nowMs } from '../frames/clock.js';
import { stageClock } from '../observability/stage-clock.js';

export interface FeedTarget {
  /** Whether a call that starts now is this feed's to see. */
  wants(callId: string, agentId: string): boolean;
  /** One event of a call this feed sees: `json` is what goes on the wire, `latencyMs` in it. */
  deliver(ev: InternalEvent, json: string, latencyMs: number): void;
}

export class FeedRouter {
  private readonly feeds = new Set<FeedTarget>();
  private readonly watchers = new Map<string, Set<FeedTarget>>();
  private readonly sub: Subscription;

  constructor(events$: Observable<InternalEvent>) {
    this.sub = events$.subscribe((ev) => {
      stageClock.enter('feed');
      try {
        this.route(ev);
      } finally {
        stageClock.exit();
      }
    });
  }

  /** Registers a feed that already sees `callIds` (the live calls it was sent on connecting). */
  add(feed: FeedTarget, callIds: Iterable<string>): void {
    this.feeds.add(feed);
    for (const id of callIds) this.watch(feed, id);
  }

  remove(feed: FeedTarget): void {
    this.feeds.delete(feed);
    for (const [callId, set] of this.watchers) {
      set.delete(feed);
      if (set.size === 0) this.watchers.delete(callId);
    }
  }

  close(): void {
    this.sub.unsubscribe();
  }

  private watch(feed: FeedTarget, callId: string): void {
    let set = this.watchers.get(callId);
    if (!set) this.watchers.set(callId, (set = new Set()));
    set.add(feed);
  }

  private route(ev: InternalEvent): void {
    if (ev.type === 'call.started') for (const f of this.feeds) if (f.wants(ev.callId, ev.agentId)) this.watch(f, ev.callId);
    const watching = this.watchers.get(ev.callId);
    if (!watching) return;
    if (ev.type === 'call.ended') this.watchers.delete(ev.callId);
    const latencyMs = Math.round((nowMs() - ev.arrivalMs) * 100) / 100;
    // One copy of the event, not two: JSON leaves out a key whose value is undefined, so arrivalMs
    // is not sent, and latencyMs comes last, as it would after a rest copy.
    const json = JSON.stringify({ ...ev, arrivalMs: undefined, latencyMs });
    for (const f of watching) f.deliver(ev, json, latencyMs);
  }
}
