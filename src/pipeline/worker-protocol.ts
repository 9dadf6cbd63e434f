// Messages between the main thread (sockets, bus, feeds) and a pipeline worker thread (DSP,
// models, policy). Plain data only: everything here crosses by structured clone.

import type { EventPayload } from '../frames/events.js';
import type { InputFrame } from '../frames/types.js';
import type { MetricsJson } from '../observability/metrics.js';
import type { Playbook } from '../policy/schema.js';
import type { Prepared } from './prepare.js';
import type { RunOptions } from './runner.js';
import type { ModelRef } from '../models/index.js';

export interface WorkerInit {
  /** The worker's number in its pool (names its thread in the metrics). */
  index: number;
  /** Models to load, or null for none (the service then runs without that model). */
  modelsDir: string | null;
  prosody: boolean;
  text: boolean;
  playbook: Playbook;
  /** The bank's jargon (config): the language rules are compiled with it at start. */
  jargon: RunOptions['jargon'];
  /** Plugged model directories (validated by the main thread) and the voice model's hop. */
  plugged: { refs: ModelRef[]; voiceHopMs: number } | null;
  /** What the pool prepared once for all its workers (prepare.ts). */
  prepared: Prepared;
}

/** The versions of the models a worker loaded (null: none). */
export interface ModelVersions {
  prosody: string | null;
  text: string | null;
}

/**
 * Messages are sent in batches, one per event-loop turn: a postMessage per audio frame cost more than
 * the frame. A batch's audio messages are packed in one buffer (worker-audio.ts); an 'audio' message
 * in the list stands for the next `count` of them, so audio keeps its place among the other messages.
 */
export type ToWorkerBatch = { op: 'batch'; messages: ToWorker[]; audio: ArrayBuffer | null };
export type FromWorkerBatch = { op: 'batch'; messages: FromWorker[] };

export type ToWorker =
  /** callNumber: how the pool's packed audio and progress name the call (unique in the pool). */
  | { op: 'open'; callId: string; callNumber: number; opts: RunOptions }
  /** A frame other than audio (a transcript). */
  | { op: 'frame'; callId: string; frame: InputFrame }
  | { op: 'audio'; count: number }
  | { op: 'complete'; callId: string }
  | { op: 'cancel'; callId: string }
  | { op: 'playbook'; playbook: Playbook }
  /** A plugged model directory changed and passed validation: load it and swap it in. */
  | { op: 'model'; ref: ModelRef }
  | { op: 'metrics'; requestId: number };

export type FromWorker =
  | { op: 'ready'; models: ModelVersions }
  | { op: 'event'; callId: string; ev: EventPayload }
  | { op: 'shed'; callId: string }
  /** Audio messages each call's pipeline has taken in since the last progress message: [callNumber, count, …]. */
  | { op: 'progress'; taken: number[] }
  | { op: 'error'; callId: string; message: string }
  | { op: 'complete'; callId: string }
  | { op: 'metrics'; requestId: number; metrics: MetricsJson }
  | { op: 'model-failed'; message: string }
  | { op: 'failed'; message: string };
