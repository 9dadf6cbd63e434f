// What a call's pipeline hands to delivery: a feed event before it is numbered and timed.
// seq is assigned once per call by the session; latencyMs is computed at the moment of sending
// from arrivalMs, the arrival of the newest input the event reflects.

import type { CallEvent } from '../protocol/feed.js';

/** Omit that keeps known keys beside an index signature (the built-in Omit loses them). */
export type Without<T, K extends PropertyKey> = { [P in keyof T as P extends K ? never : P]: T[P] };

type Untimed<E> = E extends CallEvent ? Without<E, 'seq' | 'latencyMs' | 'at'> : never;

/** An event as a stage produces it. */
export type EventPayload = Untimed<CallEvent> & { arrivalMs: number };

/** An event as the bus carries it: numbered, stamped, not yet timed for a particular socket. */
export type InternalEvent = EventPayload & { seq: number; at: string };
