// The bus between nodes, through Redis (CALLCUE_BUS_URL). Each node runs the pipelines of the
// calls whose bridges it holds and writes their numbered events to one Redis stream; every node
// reads the stream and folds every call's events into its mirror (bus-mirror.ts), so feeds,
// acknowledgements and supervisor views work from any node. The owner keeps a state snapshot of
// each of its calls in Redis (bus-snapshots.ts) for nodes that start later or come back after
// Redis did, and presence keys (node-presence.ts) tell the survivors when a node is lost.
//
// A stream rather than pub/sub: a node that loses Redis for a moment reads on from the last entry
// it saw, and what its own calls published meanwhile is written when Redis is back (the client's
// offline queue), so feeds on other nodes see every seq once, in order, across the outage.

import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { Redis, type RedisOptions } from 'ioredis';
import { Subject } from 'rxjs';
import { CallcueError, ErrorCodes } from '../errors.js';
import type { InternalEvent } from '../frames/events.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { AckCommand, Bus } from './bus.js';
import type { CallState } from './call-state.js';
import { busKeys, DEFAULT_BUS_TIMINGS, describeRedisUrl, MAX_PENDING_WRITES, STREAM_MAX_ENTRIES, type BusKeys, type BusTimings } from './bus-keys.js';
import { CallMirror } from './bus-mirror.js';
import { busMetrics, type BusMetrics } from './bus-metrics.js';
import { hydrationStart, NO_STREAM_ID, readSnapshots, writeSnapshots, type OwnedCall } from './bus-snapshots.js';
import { callsOfLostNode, nodeLostEvent } from './bus-lost.js';
import { ackFields, decodeEntry, eventFields } from './bus-wire.js';
import { NodePresence } from './node-presence.js';

export interface RedisBusOptions {
  url: string;
  logger: Logger;
  metrics: Metrics;
  /** Unique per process; a default is made from the host name, pid and a random suffix. */
  nodeId?: string;
  /** Key prefix, so several clusters (or test runs) can share one Redis. */
  prefix?: string;
  timings?: Partial<BusTimings>;
  /** How long start-up waits for Redis before giving up, ms. */
  connectTimeoutMs?: number;
}

/** Entries read per round trip when catching up. */
const READ_BATCH = 1000;
const READ_BLOCK_MS = 2000;

export class RedisBus implements Bus {
  readonly nodeId: string;
  private readonly events = new Subject<InternalEvent>();
  private readonly own = new Subject<InternalEvent>();
  private readonly acks = new Subject<AckCommand>();
  readonly events$ = this.events.asObservable();
  readonly ownEvents$ = this.own.asObservable();
  readonly acks$ = this.acks.asObservable();

  private readonly mirror = new CallMirror();
  private readonly owned = new Map<string, OwnedCall>();
  private readonly keys: BusKeys;
  private readonly timings: BusTimings;
  private readonly writer: Redis;
  private readonly reader: Redis;
  private readonly presence: NodePresence;
  private readonly m: BusMetrics;
  private readonly log: Logger;
  private lastId = NO_STREAM_ID;
  private pending = 0;
  private closed = false;
  private wasDisconnected = false;
  private snapshotTimer: NodeJS.Timeout | null = null;
  private snapshotting = false;
  private readLoopDone: Promise<void> = Promise.resolve();
  private lastErrorLogMs = 0;
  private readonly busForLog: string;

  /** Connects, registers this node and reads the cluster's live calls; throws when Redis cannot be reached. */
  static async connect(opts: RedisBusOptions): Promise<RedisBus> {
    const bus = new RedisBus(opts);
    try {
      await bus.start(opts.connectTimeoutMs ?? 10_000);
    } catch (err) {
      await bus.disconnect();
      throw new CallcueError(ErrorCodes.INTERNAL, `cannot reach the bus at ${describeRedisUrl(opts.url)} (CALLCUE_BUS_URL): ${(err as Error).message}`);
    }
    return bus;
  }

  private constructor(opts: RedisBusOptions) {
    this.nodeId = opts.nodeId ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    this.keys = busKeys(opts.prefix);
    this.timings = { ...DEFAULT_BUS_TIMINGS, ...opts.timings };
    this.log = opts.logger;
    this.busForLog = describeRedisUrl(opts.url);
    this.m = busMetrics(opts.metrics);
    const common: RedisOptions = {
      lazyConnect: true,
      // Commands wait for Redis to come back instead of failing after a few retries: events of
      // live calls are written late rather than lost. MAX_PENDING_WRITES bounds the wait.
      maxRetriesPerRequest: null,
      retryStrategy: (attempt) => Math.min(100 * attempt, 1000),
      connectTimeout: 5000,
      connectionName: `callcue-${this.nodeId}`,
      // RESP2: the reply shapes (XREAD's [[stream, entries]]) every Redis and managed service shares.
      protocol: 2,
    };
    this.writer = new Redis(opts.url, { ...common, enableAutoPipelining: true });
    this.reader = new Redis(opts.url, common);
    for (const r of [this.writer, this.reader]) r.on('error', (err: Error) => this.logError(err, 'bus connection error'));
    this.writer.on('close', () => this.onDisconnect());
    this.writer.on('ready', () => this.onReady());
    this.presence = new NodePresence({
      redis: this.writer,
      keys: this.keys,
      node: this.nodeId,
      timings: this.timings,
      owners: () => this.mirror.owningNodes(),
      onLost: (node) => this.endLostNode(node),
      onError: (err) => this.logError(err, 'node presence failed'),
    });
  }

  private async start(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs)));
    try {
      await Promise.race([Promise.all([this.writer.connect(), this.reader.connect()]), timeout]);
      await Promise.race([this.hydrate(true), timeout]);
      await Promise.race([this.catchUp(), timeout]);
    } finally {
      clearTimeout(timer);
    }
    this.m.connected.set(1);
    await this.presence.start();
    this.snapshotTimer = setInterval(() => void this.snapshotRound(), this.timings.snapshotIntervalMs);
    this.snapshotTimer.unref();
    this.readLoopDone = this.readLoop();
    this.log.info({ node: this.nodeId, bus: this.busForLog, liveCalls: this.mirror.size }, 'joined the bus between nodes');
  }

  // ---- the Bus interface ----

  publish(ev: InternalEvent): void {
    if (ev.type === 'call.started') this.owned.set(ev.callId, { streamId: NO_STREAM_ID, dirty: true });
    this.mirror.apply(ev, this.nodeId);
    const o = this.owned.get(ev.callId);
    if (ev.type === 'call.ended') {
      this.owned.delete(ev.callId);
      this.forgetSnapshot(ev.callId, this.nodeId);
    } else if (o) o.dirty = true;
    this.events.next(ev);
    this.own.next(ev);
    this.write(eventFields(this.nodeId, ev), ev.callId);
  }

  liveCalls(): CallState[] {
    return this.mirror.list();
  }

  getCall(callId: string): CallState | undefined {
    return this.mirror.get(callId);
  }

  sendAck(ack: AckCommand): void {
    // The owner applies it; when that is this node, Redis is not needed at all.
    if (this.owned.has(ack.callId)) this.acks.next(ack);
    else this.write(ackFields(this.nodeId, ack));
  }

  /** The node that runs a live call's pipeline. */
  ownerOf(callId: string): string | undefined {
    return this.mirror.ownerOf(callId);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.snapshotTimer) clearInterval(this.snapshotTimer);
    // What the drain published (call.ended of every call) reaches Redis before the node leaves.
    const deadline = Date.now() + 3000;
    while (this.pending > 0 && Date.now() < deadline && this.writer.status === 'ready') await new Promise((r) => setTimeout(r, 20));
    if (this.writer.status === 'ready') {
      await Promise.allSettled([this.presence.stop(), this.writer.del(this.keys.nodeCalls(this.nodeId))]);
    }
    this.events.complete();
    this.own.complete();
    this.acks.complete();
    await this.disconnect();
    await this.readLoopDone;
  }

  // ---- writing ----

  private write(fields: string[], callId?: string): void {
    if (this.pending >= MAX_PENDING_WRITES) {
      this.m.dropped.inc();
      return;
    }
    this.pending++;
    this.m.pendingWrites.set(this.pending);
    this.writer
      .xadd(this.keys.stream, 'MAXLEN', '~', STREAM_MAX_ENTRIES, '*', ...fields)
      .then(
        (id) => {
          this.m.published.inc();
          const o = callId === undefined ? undefined : this.owned.get(callId);
          if (o && id) o.streamId = id;
        },
        (err: Error) => this.logError(err, 'bus write failed'),
      )
      .finally(() => {
        this.pending--;
        this.m.pendingWrites.set(this.pending);
      });
  }

  private forgetSnapshot(callId: string, owner: string): void {
    void Promise.all([this.writer.del(this.keys.call(callId)), this.writer.srem(this.keys.nodeCalls(owner), callId)]).catch((err: Error) =>
      this.logError(err, 'bus snapshot delete failed'),
    );
  }

  private async snapshotRound(): Promise<void> {
    if (this.snapshotting || this.closed || this.writer.status !== 'ready') return;
    this.snapshotting = true;
    try {
      await writeSnapshots(this.writer, this.keys, this.nodeId, this.owned, (id) => this.mirror.get(id), this.timings.snapshotTtlMs);
    } catch (err) {
      this.logError(err as Error, 'bus snapshot write failed');
    } finally {
      this.snapshotting = false;
    }
  }

  // ---- reading ----

  /** Adopts the snapshots of other nodes' calls; at start, also picks where to read the stream from. */
  private async hydrate(initial: boolean): Promise<void> {
    const tail = (await this.writer.xrevrange(this.keys.stream, '+', '-', 'COUNT', 1)) as [string, string[]][];
    const snapshots = (await readSnapshots(this.writer, this.keys)).filter((s) => s.owner !== this.nodeId);
    let adopted = 0;
    for (const s of snapshots) if (this.mirror.adopt(s.state, s.owner)) adopted++;
    if (!initial) {
      if (adopted > 0) this.log.warn({ calls: adopted }, 'bus: call states taken from snapshots after Redis came back');
      return;
    }
    this.lastId = hydrationStart(tail[0]?.[0] ?? null, snapshots, this.timings.hydrateLookbackMs);
  }

  /** Reads what the stream holds now, without waiting for more. */
  private async catchUp(): Promise<void> {
    for (;;) {
      const n = await this.readOnce(false);
      if (n < READ_BATCH) return;
    }
  }

  private async readLoop(): Promise<void> {
    while (!this.closed) {
      try {
        await this.readOnce(true);
      } catch (err) {
        if (this.closed) return;
        this.logError(err as Error, 'bus read failed');
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  private async readOnce(block: boolean): Promise<number> {
    const args: (string | number)[] = ['COUNT', READ_BATCH];
    if (block) args.push('BLOCK', READ_BLOCK_MS);
    const res = (await this.reader.call('XREAD', ...args, 'STREAMS', this.keys.stream, this.lastId)) as [string, [string, string[]][]][] | null;
    const entries = res?.[0]?.[1];
    if (!entries) return 0;
    for (const [id, fields] of entries) {
      this.lastId = id;
      this.take(fields);
    }
    return entries.length;
  }

  private take(fields: string[]): void {
    const e = decodeEntry(fields);
    if (e.kind === 'invalid') {
      this.m.invalid.inc();
      return;
    }
    if (e.node === this.nodeId) return; // delivered here when it was published
    if (e.kind === 'ack') {
      this.m.received.inc({ kind: 'ack' });
      if (this.owned.has(e.ack.callId)) this.acks.next(e.ack);
      return;
    }
    this.m.received.inc({ kind: 'event' });
    // The owner is the authority on its own calls: another node's word about them is ignored.
    if (this.owned.has(e.event.callId)) return;
    const gaps = this.mirror.gaps;
    const result = this.mirror.apply(e.event, e.node);
    if (result === 'duplicate') this.m.duplicates.inc();
    if (result !== 'applied') return;
    if (this.mirror.gaps > gaps) this.m.gaps.inc(this.mirror.gaps - gaps);
    this.events.next(e.event);
  }

  // ---- failures ----

  /** On the survivor that claimed it: ends every call of a lost node, continuing each call's seq. */
  private async endLostNode(node: string): Promise<void> {
    const calls = await callsOfLostNode(this.writer, this.keys, this.mirror, node);
    for (const c of calls) {
      const ended = nodeLostEvent(c);
      this.mirror.apply(ended, this.nodeId);
      this.events.next(ended);
      this.write(eventFields(this.nodeId, ended));
      this.forgetSnapshot(c.callId, node);
    }
    await this.writer.del(this.keys.nodeCalls(node));
    this.m.nodesLost.inc();
    this.log.warn({ node, calls: calls.length }, 'a node was lost: its calls are ended (node_lost)');
  }

  private onDisconnect(): void {
    if (this.closed) return;
    if (!this.wasDisconnected) this.log.warn({ node: this.nodeId }, 'lost the connection to the bus; retrying (own calls go on, other nodes\' calls pause)');
    this.wasDisconnected = true;
    this.m.connected.set(0);
    this.presence.markDisconnected();
  }

  private onReady(): void {
    if (!this.wasDisconnected || this.closed) return;
    this.wasDisconnected = false;
    this.m.connected.set(1);
    this.log.info({ node: this.nodeId }, 'reconnected to the bus');
    this.presence.markReady();
    // Redis may have restarted empty: rewrite every snapshot, then take the other nodes' once
    // they have had a round to rewrite theirs.
    for (const o of this.owned.values()) o.dirty = true;
    void this.snapshotRound();
    setTimeout(() => {
      if (!this.closed) void this.hydrate(false).catch((err: Error) => this.logError(err, 'bus rehydration failed'));
    }, 2 * this.timings.snapshotIntervalMs).unref();
  }

  private logError(err: Error, msg: string): void {
    if (this.closed) return;
    // A Redis outage produces an error per retry: one line a few seconds is enough.
    const now = Date.now();
    if (now - this.lastErrorLogMs < 5000) return;
    this.lastErrorLogMs = now;
    this.log.error({ err: err.message.slice(0, 200) }, msg);
  }

  private async disconnect(): Promise<void> {
    this.reader.disconnect();
    try {
      await this.writer.quit();
    } catch {
      this.writer.disconnect();
    }
  }
}
