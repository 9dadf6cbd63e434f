// What one entry of the bus stream holds, and how a node reads it back. Entries come from our
// own nodes, but a node never trusts what it reads enough to crash on it: anything malformed is
// skipped and counted.

import type { InternalEvent } from '../frames/events.js';
import { ACK_ACTIONS } from '../protocol/feed.js';
import type { AckCommand } from './bus.js';

export type BusEntry =
  | { kind: 'event'; node: string; event: InternalEvent }
  | { kind: 'ack'; node: string; ack: AckCommand }
  | { kind: 'invalid'; reason: string };

/** The flat field list XADD takes after the id: k (kind), n (node), d (JSON). */
export function eventFields(node: string, ev: InternalEvent): string[] {
  return ['k', 'e', 'n', node, 'd', JSON.stringify(ev)];
}

export function ackFields(node: string, ack: AckCommand): string[] {
  return ['k', 'a', 'n', node, 'd', JSON.stringify(ack)];
}

function field(fields: readonly string[], name: string): string | undefined {
  for (let i = 0; i + 1 < fields.length; i += 2) if (fields[i] === name) return fields[i + 1];
  return undefined;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function decodeEntry(fields: readonly string[]): BusEntry {
  const kind = field(fields, 'k');
  const node = field(fields, 'n');
  const data = field(fields, 'd');
  if (!node || data === undefined) return { kind: 'invalid', reason: 'missing fields' };
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return { kind: 'invalid', reason: 'not JSON' };
  }
  if (!isObj(json) || typeof json.callId !== 'string') return { kind: 'invalid', reason: 'no callId' };
  if (kind === 'e') {
    if (typeof json.type !== 'string' || !Number.isInteger(json.seq) || typeof json.arrivalMs !== 'number') {
      return { kind: 'invalid', reason: 'not an event' };
    }
    return { kind: 'event', node, event: json as unknown as InternalEvent };
  }
  if (kind === 'a') {
    const a = json;
    if (typeof a.promptId !== 'string' || typeof a.agentId !== 'string' || typeof a.arrivalMs !== 'number' || !(ACK_ACTIONS as readonly unknown[]).includes(a.action)) {
      return { kind: 'invalid', reason: 'not an acknowledgement' };
    }
    return { kind: 'ack', node, ack: a as unknown as AckCommand };
  }
  return { kind: 'invalid', reason: `unknown kind ${String(kind).slice(0, 8)}` };
}
