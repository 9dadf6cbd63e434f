// The call recorder: a side-tap on the bus (it observes every call event and never changes the
// flow) that writes the record of each call this node runs (bus.ownEvents$: across nodes, each
// call is recorded once, by its own node) through the store as the call runs — batched, at most
// flushIntervalMs apart, so a crash of the process loses at most that much. It holds a lease as
// the owner of the calls it records (owner.ts) and, as upkeep, marks incomplete the calls of owners
// that are really gone, and purges records past retention.

import type { Subscription } from 'rxjs';
import type { Bus } from '../delivery/bus.js';
import type { InternalEvent } from '../frames/events.js';
import type { Logger } from '../observability/logger.js';
import { stageClock } from '../observability/stage-clock.js';
import { LiveCall } from './live-call.js';
import { newOwner, ownerIsGone, retireOwner, type OwnerLease } from './owner.js';
import { HEARTBEAT_MS, STALE_AFTER_MS, type CallStore, type CallWrite } from './store.js';

const DAY_MS = 86_400_000;

export interface RecorderOptions {
  store: CallStore;
  bus: Bus;
  logger: Logger;
  /** Records older than this are purged (at start, then every purgeIntervalMs). */
  retentionDays: number;
  flushIntervalMs?: number;
  purgeIntervalMs?: number;
  /** How often the calls of other (possibly dead) owners are checked. */
  sweepIntervalMs?: number;
  /**
   * Closing out dead owners' calls and purging past retention: the service's duty (default).
   * A tool that only adds its own record (`callcue analyze --db`) turns it off.
   */
  upkeep?: boolean;
}

export class CallRecorder {
  readonly store: CallStore;
  private readonly calls = new Map<string, LiveCall>();
  private readonly timers: NodeJS.Timeout[] = [];
  private subscription: Subscription | null = null;
  private flushing: Promise<void> | null = null;
  private followUp: Promise<void> | null = null;
  private closed = false;
  private readonly flushIntervalMs: number;
  /** This recorder's identity as the owner of the calls it records. */
  readonly owner: OwnerLease;
  /** For metrics and tests: batches written, batches that failed (and were kept), rows given up. */
  readonly counters = { writes: 0, failedWrites: 0, droppedRows: 0 };

  constructor(private readonly opts: RecorderOptions) {
    this.store = opts.store;
    this.flushIntervalMs = opts.flushIntervalMs ?? 250;
    this.owner = newOwner();
  }

  /** Subscribes to the bus (at once, so no call is missed), then tidies the store. */
  async start(): Promise<void> {
    this.subscription = this.opts.bus.ownEvents$.subscribe((ev) => {
      // A bug here must never reach the bus: an error thrown into a Subject's subscriber would
      // end the process.
      stageClock.enter('recorder');
      try {
        this.take(ev);
      } catch (err) {
        this.opts.logger.error({ callId: ev.callId, type: ev.type, err: (err as Error).message }, 'call recorder could not take an event');
      } finally {
        stageClock.exit();
      }
    });
    // The lease first: from now on nobody may take this recorder's calls for a dead process's.
    await this.renewLease();
    const upkeep = this.opts.upkeep ?? true;
    if (upkeep) {
      await this.closeOutDead();
      await this.purge();
    }
    const every = (ms: number, fn: () => Promise<unknown>) => {
      const t = setInterval(() => void fn().catch((err: Error) => this.opts.logger.error({ err: err.message }, 'call records upkeep failed')), ms);
      t.unref();
      this.timers.push(t);
    };
    every(this.flushIntervalMs, () => this.flush());
    every(HEARTBEAT_MS, () => this.renewLease());
    if (upkeep) {
      every(this.opts.purgeIntervalMs ?? 3_600_000, () => this.purge());
      every(this.opts.sweepIntervalMs ?? 2 * HEARTBEAT_MS, () => this.closeOutDead());
    }
  }

  private renewLease(): Promise<void> {
    return this.store.renewLease({ ...this.owner, heartbeatMs: Date.now() });
  }

  /**
   * Marks incomplete the live calls of owners that are really gone: a process of this machine
   * that no longer runs (at once), or any owner whose lease expired. Returns how many calls.
   */
  async closeOutDead(nowMs = Date.now()): Promise<number> {
    let n = 0;
    for (const lease of await this.store.leases()) {
      if (lease.ownerId !== this.owner.ownerId && ownerIsGone(lease)) n += await this.store.releaseOwner(lease.ownerId);
    }
    n += await this.store.markIncomplete(nowMs - STALE_AFTER_MS);
    if (n > 0) this.opts.logger.warn({ calls: n }, 'calls left live by a stopped process are marked incomplete');
    return n;
  }

  /** Calls whose rows are held in memory right now. */
  get liveCalls(): number {
    return this.calls.size;
  }

  private take(ev: InternalEvent): void {
    if (ev.type === 'scorecard') {
      // The call's row must exist before its scorecard can be set: write what is pending first.
      const { callId, scorecard } = ev;
      void this.flush()
        .then(() => this.store.setScorecard(callId, scorecard))
        .catch((err: Error) => this.opts.logger.error({ callId, err: err.message }, 'could not store the QA scorecard'));
      return;
    }
    if (ev.type === 'call.started') {
      this.calls.set(ev.callId, new LiveCall(ev, this.owner.ownerId));
      return;
    }
    // Unknown: started before this recorder, or deleted on request while it runs.
    this.calls.get(ev.callId)?.take(ev);
  }

  /** Stops recording a live call (its record was deleted on request). */
  forget(callId: string): void {
    this.calls.delete(callId);
  }

  /**
   * Writes everything taken so far. A loop already running may be past its last round, so a call
   * made meanwhile waits for it and then for one more loop, shared by every caller in that time
   * (so the periodic flush and a scorecard's never pile up more than one loop behind the other).
   */
  flush(): Promise<void> {
    if (this.flushing === null) {
      this.flushing = this.writeLoop().finally(() => (this.flushing = null));
      return this.flushing;
    }
    this.followUp ??= this.flushing
      .catch(() => undefined)
      .then(() => {
        this.followUp = null;
        return this.flush();
      });
    return this.followUp;
  }

  private async writeLoop(): Promise<void> {
    // Two rounds: what arrived while the first write ran is written before anyone is told
    // "flushed" — bounded, so a busy node never spins here.
    for (let round = 0; round < 2; round++) {
      const now = Date.now();
      const batch: [LiveCall, CallWrite][] = [];
      stageClock.enter('recorder');
      for (const [callId, call] of this.calls) {
        if (call.due(now, HEARTBEAT_MS)) batch.push([call, call.takeWrite(callId, now)]);
      }
      stageClock.exit();
      if (batch.length === 0) return;
      if (await this.write(batch, now)) continue;
      if (batch.length > 1) await this.isolate(batch, now);
      return;
    }
  }

  /**
   * After a batch failed: one call's bad row must not hold every other call back, so each call
   * is written alone — until two fail in a row, which is an outage, not a bad row (the rest
   * wait for the next flush). The start rotates so no call is always tried last.
   */
  private async isolate(batch: [LiveCall, CallWrite][], now: number): Promise<void> {
    const from = this.counters.failedWrites % batch.length;
    const order = [...batch.slice(from), ...batch.slice(0, from)];
    let failuresInARow = 0;
    for (let i = 0; i < order.length; i++) {
      if (failuresInARow >= 2) {
        for (const [call, w] of order.slice(i)) call.restore(w);
        return;
      }
      failuresInARow = (await this.write([order[i]!], now)) ? 0 : failuresInARow + 1;
    }
  }

  /** Writes one batch; on failure its rows go back to their calls for the next flush. */
  private async write(batch: [LiveCall, CallWrite][], now: number): Promise<boolean> {
    try {
      // The store's synchronous part (composing the statements) runs here; the database on its thread.
      await stageClock.time('recorder', () => this.store.write(batch.map(([, w]) => w)));
    } catch (err) {
      this.counters.failedWrites++;
      if (batch.length === 1) for (const [call, w] of batch) call.restore(w);
      const e = err as Error & { code?: string };
      this.opts.logger.error({ code: e.code, err: e.message.slice(0, 200), calls: batch.length }, 'call records write failed; retrying');
      return false;
    }
    this.counters.writes++;
    for (const [call, w] of batch) {
      call.written(now);
      if (call.dropped > 0) {
        this.counters.droppedRows += call.dropped;
        this.opts.logger.warn({ callId: w.callId, rows: call.dropped }, 'call record rows dropped while the store was unreachable');
        call.dropped = 0;
      }
      if (w.end && this.calls.get(w.callId) === call) this.calls.delete(w.callId);
    }
    return true;
  }

  async purge(nowMs = Date.now()): Promise<number> {
    const n = await this.store.purgeStartedBefore(nowMs - this.opts.retentionDays * DAY_MS);
    if (n > 0) this.opts.logger.info({ calls: n, retentionDays: this.opts.retentionDays }, 'call records past retention purged');
    return n;
  }

  /** Deletes a call's record (privacy request), live or not. */
  async deleteCall(callId: string): Promise<boolean> {
    this.forget(callId);
    // A flush in progress may still carry this call's rows: let it land, then delete them.
    await this.flushing?.catch(() => undefined);
    return this.store.deleteCall(callId);
  }

  /**
   * Stops listening, writes what is left, and gives up the lease: a call still live then will
   * never end in this record, so it is marked incomplete now. The store stays open (its owner
   * closes it).
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.subscription?.unsubscribe();
    for (const t of this.timers) clearInterval(t);
    try {
      await this.flush();
      await this.store.releaseOwner(this.owner.ownerId);
    } finally {
      retireOwner(this.owner.ownerId);
    }
  }
}
