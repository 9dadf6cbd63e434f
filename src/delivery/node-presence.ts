// Which nodes of the cluster are alive. Each node refreshes a presence key with a short TTL; a
// node whose key has lapsed on two checks in a row is lost, and the one survivor that claims it
// ends the lost node's calls (call.ended, reason node_lost) so every feed is told.

import type { Redis } from 'ioredis';
import type { BusKeys, BusTimings } from './bus-keys.js';

export interface PresenceOptions {
  redis: Redis;
  keys: BusKeys;
  node: string;
  timings: BusTimings;
  /** Nodes that own live calls this node knows of. */
  owners: () => Iterable<string>;
  /** Runs on the survivor that claimed the lost node. */
  onLost: (node: string) => Promise<void>;
  onError: (err: Error) => void;
}

/** Checks in a row a node's key must be missing before it is declared lost. */
const MISSES_TO_LOSE = 2;

export class NodePresence {
  private timer: NodeJS.Timeout | null = null;
  private readonly misses = new Map<string, number>();
  private readySinceMs: number | null = Date.now();
  private beating = false;
  private readonly startedAt = new Date().toISOString();

  constructor(private readonly opts: PresenceOptions) {}

  /** Registers this node at once, then keeps it registered. */
  async start(): Promise<void> {
    await this.register();
    this.timer = setInterval(() => void this.beat(), this.opts.timings.presenceIntervalMs);
    this.timer.unref();
  }

  /** Redis went away: nothing it says about other nodes can be trusted until it is back a while. */
  markDisconnected(): void {
    this.readySinceMs = null;
    this.misses.clear();
  }

  markReady(): void {
    this.readySinceMs ??= Date.now();
    // Re-register now rather than at the next beat: a restarted Redis has forgotten every node.
    void this.register().catch((err: Error) => this.opts.onError(err));
  }

  private register(): Promise<unknown> {
    const { redis, keys, node, timings } = this.opts;
    return redis.set(keys.node(node), JSON.stringify({ startedAt: this.startedAt, pid: process.pid }), 'PX', timings.presenceTtlMs);
  }

  private async beat(): Promise<void> {
    if (this.beating) return;
    this.beating = true;
    try {
      await this.register();
      await this.findLost();
    } catch (err) {
      this.opts.onError(err as Error);
    } finally {
      this.beating = false;
    }
  }

  private async findLost(): Promise<void> {
    const { redis, keys, node, timings } = this.opts;
    // After Redis comes back, give every node one full TTL to register again before judging.
    if (this.readySinceMs === null || Date.now() - this.readySinceMs < timings.presenceTtlMs + timings.presenceIntervalMs) return;
    const others = [...new Set(this.opts.owners())].filter((n) => n !== node);
    for (const n of this.misses.keys()) if (!others.includes(n)) this.misses.delete(n);
    if (others.length === 0) return;
    const present = await redis.mget(...others.map((n) => keys.node(n)));
    for (let i = 0; i < others.length; i++) {
      const other = others[i]!;
      if (present[i] !== null) {
        this.misses.delete(other);
        continue;
      }
      const misses = (this.misses.get(other) ?? 0) + 1;
      this.misses.set(other, misses);
      if (misses < MISSES_TO_LOSE) continue;
      // One survivor ends the lost node's calls; if it dies too, the claim lapses and another does.
      const claimed = await redis.set(keys.lost(other), node, 'PX', timings.presenceTtlMs * 5, 'NX');
      if (claimed !== 'OK') continue;
      this.misses.delete(other);
      await this.opts.onLost(other);
    }
  }

  /** Unregisters: the other nodes stop waiting for this one at once. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.opts.redis.del(this.opts.keys.node(this.opts.node));
  }
}
