// Per-call state snapshots in Redis. The owner of a call keeps its latest state under the call's
// key (rewritten when it changed, its TTL refreshed while the call lives), with the stream id of
// an event already folded in: a node that starts, or comes back after Redis did, adopts the
// snapshots and reads the stream from there, so it holds every live call without replaying calls
// from their beginning.

import type { Redis } from 'ioredis';
import type { CallState } from './call-state.js';
import { compareStreamIds, streamIdMs, type BusKeys } from './bus-keys.js';

export interface CallSnapshot {
  v: 1;
  owner: string;
  /** The id of a stream entry whose event is folded into `state` (reading after it misses nothing). */
  streamId: string;
  state: CallState;
}

export function encodeSnapshot(s: CallSnapshot): string {
  return JSON.stringify(s);
}

export function decodeSnapshot(text: string | null): CallSnapshot | null {
  if (!text) return null;
  try {
    const s = JSON.parse(text) as CallSnapshot;
    if (s?.v !== 1 || typeof s.owner !== 'string' || typeof s.streamId !== 'string' || typeof s.state?.callId !== 'string' || !Number.isInteger(s.state.lastSeq)) {
      return null;
    }
    return s;
  } catch {
    return null;
  }
}

/** Every snapshot in Redis (SCAN, so a large keyspace is read in slices without blocking it). */
export async function readSnapshots(redis: Redis, keys: BusKeys): Promise<CallSnapshot[]> {
  const out: CallSnapshot[] = [];
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', keys.callPattern, 'COUNT', 1000);
    cursor = next;
    if (found.length === 0) continue;
    const values = await redis.mget(...found);
    for (const v of values) {
      const s = decodeSnapshot(v);
      if (s) out.push(s);
    }
  } while (cursor !== '0');
  return out;
}

/** The earliest stream id among snapshots, or null when there are none. */
export function earliestStreamId(snapshots: readonly CallSnapshot[]): string | null {
  let min: string | null = null;
  for (const s of snapshots) if (min === null || compareStreamIds(s.streamId, min) < 0) min = s.streamId;
  return min;
}

/**
 * Where a starting node reads the stream from (exclusive): the earliest snapshot's position, and at
 * least `lookbackMs` before the newest entry — calls younger than one snapshot round have no
 * snapshot yet, and must be seen to start. An empty stream is read from its beginning.
 */
export function hydrationStart(tailId: string | null, snapshots: readonly CallSnapshot[], lookbackMs: number): string {
  if (tailId === null) return NO_STREAM_ID;
  const lookback = `${Math.max(0, streamIdMs(tailId) - lookbackMs)}-0`;
  const earliest = earliestStreamId(snapshots);
  return earliest && compareStreamIds(earliest, lookback) < 0 ? earliest : lookback;
}

/** A stream id before any entry. */
export const NO_STREAM_ID = '0-0';

/** What the owner tracks for one of its calls between snapshot writes. */
export interface OwnedCall {
  /** The newest stream id Redis confirmed for this call's events ('0-0' before the first). */
  streamId: string;
  dirty: boolean;
}

/**
 * Writes the snapshots of a node's own calls: changed ones in full, the others' TTL refreshed.
 * One pipeline per round; the caller decides how often.
 */
export async function writeSnapshots(
  redis: Redis,
  keys: BusKeys,
  node: string,
  owned: ReadonlyMap<string, OwnedCall>,
  stateOf: (callId: string) => CallState | undefined,
  ttlMs: number,
): Promise<number> {
  if (owned.size === 0) return 0;
  const p = redis.pipeline();
  const refreshed: [OwnedCall, number][] = [];
  let written = 0;
  let ops = 0;
  for (const [callId, o] of owned) {
    const state = stateOf(callId);
    // Until Redis has confirmed one of its events the call has no stream position to offer; a
    // starting node finds it by reading the stream's recent past instead.
    if (!state || o.streamId === NO_STREAM_ID) continue;
    if (o.dirty) {
      p.set(keys.call(callId), encodeSnapshot({ v: 1, owner: node, streamId: o.streamId, state }), 'PX', ttlMs);
      o.dirty = false;
      written++;
    } else {
      p.pexpire(keys.call(callId), ttlMs);
      refreshed.push([o, ops]);
    }
    ops++;
  }
  p.sadd(keys.nodeCalls(node), ...owned.keys());
  p.pexpire(keys.nodeCalls(node), ttlMs);
  const results = (await p.exec()) ?? [];
  const failed = results.find(([err]) => err);
  if (failed) {
    for (const o of owned.values()) o.dirty = true;
    throw failed[0]!;
  }
  // A snapshot whose key is gone (Redis restarted empty) is written whole next round.
  for (const [o, i] of refreshed) if (results[i]?.[1] === 0) o.dirty = true;
  return written;
}
