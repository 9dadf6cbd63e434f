// Pipeline worker threads: each call's pipeline runs in one of them (the least busy when the call
// starts), so a 2-core node uses both cores — the main thread for sockets, feeds and the bus, the
// workers for DSP, models and policy. Backpressure stays per call: audio handed to a worker but
// not yet taken in counts against the call's queue bound, and beyond it audio is shed here.

import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { InputFrame, RawAudioFrame } from '../frames/types.js';
import type { Metrics, MetricsJson } from '../observability/metrics.js';
import { stageClock } from '../observability/stage-clock.js';
import type { Playbook } from '../policy/schema.js';
import type { PipelineRun, PipelineRunner, RunOptions, RunSink } from './runner.js';
import type { ModelRef } from '../models/index.js';
import type { PrepareInput, Prepared } from './prepare.js';
import { AudioPacker } from './worker-audio.js';
import { coalesce, type Coalescer } from './coalesce.js';
import type { FromWorker, FromWorkerBatch, ModelVersions, ToWorker, ToWorkerBatch, WorkerInit } from './worker-protocol.js';

/**
 * A pipeline worker's young generation. V8 grows it to 48 MB under a steady allocation rate, but
 * what a pipeline keeps (a call's frames, for its windows and baseline) lives seconds and is promoted
 * whatever its size. Measured (bench, 100 calls, 20 s, busy machine): RSS p50 379 / max 420 MB at the
 * default, 342 / 384 at 16 MB, 336 / 398 at 8 MB; but scavenges grow with a smaller one (60 calls,
 * --trace-gc: 115 scavenges at 48 MB, 144 at 16, 195 at 8, their time in proportion): 16 MB. The
 * main thread's --max-semi-space-size would cap it; heap-settings.ts clears that flag before the
 * workers start.
 */
const YOUNG_GENERATION_MB = 16;

/**
 * At most one batch every 2 ms to each worker when it carries a control message, every 8 ms when it
 * is only audio (coalesce.ts says why); a final transcript goes at once.
 */
const BATCH_INTERVAL_MS = 2;
const AUDIO_BATCH_INTERVAL_MS = 8;

interface CallEntry {
  callNumber: number;
  sink: RunSink;
  worker: PoolWorker;
  /** Audio frames posted to the worker and not yet taken in by its pipeline. */
  inFlight: number;
  maxQueuedAudio: number;
}

interface PoolWorker {
  thread: Worker;
  calls: number;
  /** Messages for this worker since its last batch. */
  outbox: ToWorker[];
  /** Their audio messages, packed. */
  audio: AudioPacker;
  flush: Coalescer;
}

export class WorkerPool implements PipelineRunner {
  private readonly workers: PoolWorker[] = [];
  private readonly calls = new Map<string, CallEntry>();
  private readonly byNumber = new Map<number, CallEntry>();
  private lastCallNumber = 0;
  private readonly metricRequests = new Map<number, (m: MetricsJson) => void>();
  private nextRequest = 0;
  /** The models the workers loaded (every worker loads the same files). */
  models: ModelVersions = { prosody: null, text: null };
  /** Told when a worker could not load a reloaded model (it keeps the one it had). */
  onModelFailed: (message: string) => void = () => {};

  private constructor(private readonly metrics: Metrics) {}

  /**
   * Prepares what the workers share in a thread of its own (scripts.prepare: worker-prepare.ts), then
   * starts `size` workers from the compiled worker script; resolves when all have loaded their models.
   */
  static async start(size: number, scripts: { worker: string; prepare: string }, init: Omit<WorkerInit, 'index' | 'prepared'>, metrics: Metrics): Promise<WorkerPool> {
    for (const script of [scripts.worker, scripts.prepare]) if (!existsSync(script)) throw new Error(`pipeline worker script ${script} is missing: run npm run build`);
    const prepared = await prepare(scripts.prepare, { modelsDir: init.modelsDir, prosody: init.prosody, text: init.text, playbook: init.playbook, jargon: init.jargon });
    const pool = new WorkerPool(metrics);
    await Promise.all(Array.from({ length: size }, (_, index) => pool.spawn(scripts.worker, { ...init, prepared, index })));
    metrics.addSource(() => pool.workerMetrics());
    return pool;
  }

  private spawn(script: string, init: WorkerInit): Promise<void> {
    const thread = new Worker(script, { workerData: init, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    const w: PoolWorker = { thread, calls: 0, outbox: [], audio: new AudioPacker(), flush: coalesce(() => this.flush(w), BATCH_INTERVAL_MS, AUDIO_BATCH_INTERVAL_MS) };
    this.workers.push(w);
    return new Promise((resolve, reject) => {
      thread.on('message', (b: FromWorkerBatch) => {
        stageClock.begin('worker-io');
        for (const m of b.messages) {
          if (m.op === 'ready') {
            this.models = m.models;
            resolve();
          }
          else if (m.op === 'failed') reject(new Error(`pipeline worker failed to start: ${m.message}`));
          else this.onMessage(m);
        }
        stageClock.end();
      });
      thread.once('error', (err) => {
        reject(err);
        // A worker that dies ends its calls, and only its calls.
        for (const [callId, c] of this.calls) {
          if (c.worker !== w) continue;
          this.forget(callId, c);
          c.sink.error(err);
        }
      });
    });
  }

  private onMessage(m: FromWorker): void {
    switch (m.op) {
      case 'event':
        this.calls.get(m.callId)?.sink.event(m.ev);
        break;
      case 'shed':
        this.calls.get(m.callId)?.sink.shed();
        break;
      case 'progress':
        for (let i = 0; i < m.taken.length; i += 2) {
          const c = this.byNumber.get(m.taken[i]!);
          if (c) c.inFlight = Math.max(0, c.inFlight - m.taken[i + 1]!);
        }
        break;
      case 'error':
      case 'complete': {
        const c = this.calls.get(m.callId);
        if (!c) break;
        this.forget(m.callId, c);
        if (m.op === 'error') c.sink.error(new Error(m.message));
        else c.sink.complete();
        break;
      }
      case 'metrics':
        this.metricRequests.get(m.requestId)?.(m.metrics);
        this.metricRequests.delete(m.requestId);
        break;
      case 'model-failed':
        this.onModelFailed(m.message);
        break;
    }
  }

  run(opts: RunOptions, sink: RunSink): PipelineRun {
    const worker = this.workers.reduce((a, b) => (b.calls < a.calls ? b : a));
    worker.calls++;
    const callNumber = ++this.lastCallNumber;
    const entry: CallEntry = { callNumber, sink, worker, inFlight: 0, maxQueuedAudio: opts.maxQueuedAudio };
    const callId = opts.callId;
    this.calls.set(callId, entry);
    this.byNumber.set(callNumber, entry);
    const send = (m: ToWorker) => this.send(worker, m);
    send({ op: 'open', callId, callNumber, opts });
    return {
      push: (frame: InputFrame) => {
        if (frame.kind === 'raw-audio') {
          if (entry.inFlight >= entry.maxQueuedAudio) {
            sink.shed();
            return;
          }
          entry.inFlight++;
          this.sendAudio(worker, callNumber, frame);
          return;
        }
        // A final transcript leaves at once, with the audio queued before it: coalesced, it waited
        // for the rest of a busy turn (tens of ms at 100 calls) on its way to a prompt. Partials,
        // which a recogniser may send several times a second per call, wait the 2 ms.
        if (frame.kind === 'transcript' && frame.isFinal) {
          worker.outbox.push({ op: 'frame', callId, frame });
          worker.flush.now();
        } else send({ op: 'frame', callId, frame });
      },
      complete: () => send({ op: 'complete', callId }),
      cancel: () => {
        if (this.calls.get(callId) === entry) this.forget(callId, entry);
        send({ op: 'cancel', callId });
      },
    };
  }

  private forget(callId: string, c: CallEntry): void {
    this.calls.delete(callId);
    this.byNumber.delete(c.callNumber);
    c.worker.calls--;
  }

  /** Packs an audio message for a worker; in the turn's list it joins the run of audio before it, if any. */
  private sendAudio(w: PoolWorker, callNumber: number, frame: RawAudioFrame): void {
    w.audio.add(callNumber, frame);
    const last = w.outbox.at(-1);
    if (last?.op === 'audio') last.count++;
    else w.outbox.push({ op: 'audio', count: 1 });
    w.flush.schedule('bulk');
  }

  /** Queues a message for a worker; queued messages go as one batch, in order (coalesce.ts). */
  private send(w: PoolWorker, m: ToWorker): void {
    w.outbox.push(m);
    w.flush.schedule('urgent');
  }

  private flush(w: PoolWorker): void {
    stageClock.begin('worker-io');
    const audio = w.audio.count > 0 ? w.audio.take() : null;
    const batch: ToWorkerBatch = { op: 'batch', messages: w.outbox, audio };
    w.outbox = [];
    w.thread.postMessage(batch, audio ? [audio] : []);
    stageClock.end();
  }

  /** Sends a reloaded playbook to every worker (live calls use it from their next decision). */
  setPlaybook(playbook: Playbook): void {
    for (const w of this.workers) this.send(w, { op: 'playbook', playbook });
  }

  /** Sends a reloaded plugged model to every worker (live calls use it from their next verdict). */
  setModel(ref: ModelRef): void {
    for (const w of this.workers) this.send(w, { op: 'model', ref });
  }

  private workerMetrics(): Promise<MetricsJson[]> {
    return Promise.all(
      this.workers.map(
        (w) =>
          new Promise<MetricsJson>((resolve) => {
            const requestId = ++this.nextRequest;
            const timer = setTimeout(() => resolve([]), 2000);
            this.metricRequests.set(requestId, (m) => {
              clearTimeout(timer);
              resolve(m);
            });
            this.send(w, { op: 'metrics', requestId });
          }),
      ),
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.thread.terminate()));
  }
}

/** Runs the prepare thread to its end and returns what it prepared. */
function prepare(script: string, input: PrepareInput): Promise<Prepared> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(script, { workerData: input });
    thread.once('message', (m: { ok?: Prepared; error?: string }) => {
      void thread.terminate();
      if (m.ok) resolve(m.ok);
      else reject(new Error(`pipeline workers could not be prepared: ${m.error}`));
    });
    thread.once('error', reject);
  });
}
