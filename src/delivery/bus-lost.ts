// Ending the calls of a lost node: which calls it held (the survivor's mirror, plus the node's call
// list and snapshots in Redis for calls the mirror never saw), and the call.ended event that tells
// every feed, numbered on from the call's last known seq.

import type { Redis } from 'ioredis';
import { nowMs } from '../frames/clock.js';
import type { InternalEvent } from '../frames/events.js';
import type { BusKeys } from './bus-keys.js';
import type { CallMirror } from './bus-mirror.js';
import { decodeSnapshot } from './bus-snapshots.js';
import type { CallState } from './call-state.js';

export const NODE_LOST_REASON = 'node_lost';

/** The lost node's live calls; those known only from Redis are adopted into the mirror first. */
export async function callsOfLostNode(redis: Redis, keys: BusKeys, mirror: CallMirror, node: string): Promise<CallState[]> {
  const calls = new Map(mirror.ownedBy(node).map((c) => [c.callId, c]));
  for (const id of await redis.smembers(keys.nodeCalls(node))) {
    if (calls.has(id)) continue;
    const s = decodeSnapshot(await redis.get(keys.call(id)));
    if (s && s.owner === node && mirror.adopt(s.state, node)) calls.set(id, s.state);
  }
  return [...calls.values()];
}

export function nodeLostEvent(c: CallState, now = Date.now()): InternalEvent {
  const startedMs = Date.parse(c.started.startedAt);
  return {
    type: 'call.ended',
    callId: c.callId,
    reason: NODE_LOST_REASON,
    durationMs: Number.isFinite(startedMs) ? Math.max(0, now - startedMs) : 0,
    // What the lost pipeline shed is unknown: it died with the node.
    shedFrames: 0,
    arrivalMs: nowMs(),
    seq: c.lastSeq + 1,
    at: new Date(now).toISOString(),
  } as InternalEvent;
}
