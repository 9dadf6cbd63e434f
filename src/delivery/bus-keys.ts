// The names and timings of everything the bus between nodes keeps in Redis, in one place so the
// nodes of a cluster (and an operator reading `redis-cli keys 'callcue:*'`) agree on them.

/** Timings of the bus between nodes, ms. Tests shorten them; production keeps the defaults. */
export interface BusTimings {
  /** How often a node refreshes its presence key and looks for lost nodes. */
  presenceIntervalMs: number;
  /** A node whose presence key is older than this is gone (a few missed refreshes). */
  presenceTtlMs: number;
  /** How often the owner writes the state snapshots of its calls that changed. */
  snapshotIntervalMs: number;
  /** A snapshot lives this long unless refreshed: a dead owner's snapshots go away by themselves. */
  snapshotTtlMs: number;
  /** How far back a starting node reads the event stream for calls too young to have a snapshot. */
  hydrateLookbackMs: number;
}

export const DEFAULT_BUS_TIMINGS: BusTimings = {
  presenceIntervalMs: 1_000,
  presenceTtlMs: 3_000,
  snapshotIntervalMs: 1_000,
  snapshotTtlMs: 30_000,
  hydrateLookbackMs: 5_000,
};

/**
 * Entries the event stream keeps (approximately: trimmed with MAXLEN ~). It must cover the events
 * published between a snapshot and the next one, cluster-wide, with room to spare: at 2,000 live
 * calls and ~5 events per call per second that is 10,000 a second, so this is ~20 s.
 */
export const STREAM_MAX_ENTRIES = 200_000;

/** Events a node holds for Redis while it is unreachable; beyond, further ones stay local. */
export const MAX_PENDING_WRITES = 100_000;

export interface BusKeys {
  /** The one stream every event and acknowledgement travels on, in each call's order. */
  stream: string;
  node(nodeId: string): string;
  /** The calls a node owns (so a survivor can end them when it is lost). */
  nodeCalls(nodeId: string): string;
  call(callId: string): string;
  callPattern: string;
  /** Held by the one survivor that ends a lost node's calls. */
  lost(nodeId: string): string;
}

export function busKeys(prefix = 'callcue'): BusKeys {
  return {
    stream: `${prefix}:bus`,
    node: (id) => `${prefix}:node:${id}`,
    nodeCalls: (id) => `${prefix}:node-calls:${id}`,
    call: (id) => `${prefix}:call:${id}`,
    callPattern: `${prefix}:call:*`,
    lost: (id) => `${prefix}:lost:${id}`,
  };
}

/** The millisecond part of a stream entry id ("1732861200123-4" → 1732861200123). */
export function streamIdMs(id: string): number {
  const ms = Number(id.split('-')[0]);
  return Number.isFinite(ms) ? ms : 0;
}

/** -1, 0 or 1 as stream id a is before, equal to or after b. */
export function compareStreamIds(a: string, b: string): number {
  const [am = 0, as = 0] = a.split('-').map(Number);
  const [bm = 0, bs = 0] = b.split('-').map(Number);
  return am !== bm ? Math.sign(am - bm) : Math.sign(as - bs);
}

/** A Redis URL fit for a log line: scheme, host and port, never the password. */
export function describeRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.hostname}${u.port ? `:${u.port}` : ''}`;
  } catch {
    return 'redis (unparsable URL)';
  }
}
