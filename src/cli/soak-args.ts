// Flags of `callcue soak` (npm run soak): how long, how many calls at once, how many nodes, and
// how much chaos. Bounded by design: the soak stops starting calls after --minutes.

import { parseArgs } from 'node:util';

export interface SoakOptions {
  minutes: number;
  /** Calls streaming at once. */
  concurrency: number;
  /** callcue processes; above 1 they share a redis-server the soak starts. */
  nodes: number;
  /** Media speed: 1 = real time. */
  speed: number;
  /** Fractions of calls whose bridge is killed mid-call, whose feed drops and reconnects, that get malformed frames. */
  killBridge: number;
  dropFeed: number;
  garbage: number;
  /** Hostile sockets opened per minute (malformed frames on every endpoint, floods). */
  hostilePerMinute: number;
  /** Per-socket message rate the nodes enforce. */
  maxMessagesPerSecond: number;
  seed: number;
  /**
   * Old-space cap of each node, MB (--max-old-space-size). A capped heap is collected every few
   * seconds instead of every few minutes, so a leak shows as a rising RSS floor (or an OOM) within
   * the soak, not after it. 0 = Node's default.
   */
  heapMb: number;
  out: string;
}

export class SoakUsageError extends Error {}

export const SOAK_USAGE = `usage: callcue soak [--minutes 5] [--concurrency 12] [--nodes 2] [--speed 2]
                    [--kill-bridge 0.15] [--drop-feed 0.35] [--garbage 0.25] [--hostile-per-minute 120]
                    [--max-messages-per-second 500] [--heap-mb 256] [--seed 1] [--out bench/results]
Streams calls through callcue nodes (with a Redis bus between them when --nodes > 1) while it kills
bridges, drops and reconnects feeds and sends malformed frames; then checks that every prompt the
pipelines emitted (callcue_prompts_total) was delivered to a feed or stored in the call's record, and
that each node's memory stayed flat. Prints a table and JSON; exits 1 when a check fails.
`;

export function parseSoakArgs(argv: string[]): SoakOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      minutes: { type: 'string', default: '5' },
      concurrency: { type: 'string', default: '12' },
      nodes: { type: 'string', default: '2' },
      speed: { type: 'string', default: '2' },
      'kill-bridge': { type: 'string', default: '0.15' },
      'drop-feed': { type: 'string', default: '0.35' },
      garbage: { type: 'string', default: '0.25' },
      'hostile-per-minute': { type: 'string', default: '120' },
      'max-messages-per-second': { type: 'string', default: '500' },
      seed: { type: 'string', default: '1' },
      'heap-mb': { type: 'string', default: '256' },
      out: { type: 'string', default: 'bench/results' },
    },
    strict: true,
  });
  const num = (name: keyof typeof values, min: number, max: number): number => {
    const v = Number(values[name]);
    if (!Number.isFinite(v) || v < min || v > max) throw new SoakUsageError(`--${name} must be a number from ${min} to ${max}`);
    return v;
  };
  return {
    minutes: num('minutes', 0.1, 24 * 60),
    concurrency: Math.round(num('concurrency', 1, 500)),
    nodes: Math.round(num('nodes', 1, 8)),
    speed: num('speed', 0.5, 20),
    killBridge: num('kill-bridge', 0, 1),
    dropFeed: num('drop-feed', 0, 1),
    garbage: num('garbage', 0, 1),
    hostilePerMinute: num('hostile-per-minute', 0, 10_000),
    maxMessagesPerSecond: Math.round(num('max-messages-per-second', 0, 100_000)),
    seed: Math.round(num('seed', 0, 2 ** 31)),
    heapMb: Math.round(num('heap-mb', 0, 65_536)),
    out: String(values.out),
  };
}

/** A small seeded generator (mulberry32): the same seed gives the same chaos. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
