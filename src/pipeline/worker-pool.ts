// Pipeline worker threads: each call's pipeline runs in one of them (the least busy when the call
// starts), so a 2-core node uses both cores — the main thread for sockets, feeds and the bus, the
// workers for DSP, models and policy. Backpressure stays per call: audio handed to a worker but
// not yet taken in counts against the call's queue bound, and beyond it audio is shed here.

import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { InputFrame } from '../frames/types.js';
import type { Metrics, MetricsJson } from '../observability/metrics.js';
import { stageClock } from '../observability/stage-clock.js';
import type { Playbook } from '../policy/schema.js';
import type { PipelineRun, PipelineRunner, RunOptions, RunSink } from './runner.js';
import type { ModelRef } from '../models/index.js';
import type { PrepareInput, Prepared } from './prepare.js';
import type { FromWorker, FromWorkerBatch, ModelVersions, ToWorker, ToWorkerBatch, WorkerInit } from './worker-protocol.js';

interface CallEntry {
  sink: RunSink;
  worker: PoolWorker;
  /** Audio frames posted to the worker and not yet taken in by its pipeline. */
  inFlight: number;
  maxQueuedAudio: number;
}

interface PoolWorker {
  thread: Worker;
  calls: number;
  /** Messages for this worker gathered in the current turn of the event loop. */
  outbox: ToWorker[];
  transfer: ArrayBuffer[];
  scheduled: boolean;
}

export class WorkerPool implements PipelineRunner {
  private readonly workers: PoolWorker[] = [];
  private readonly calls = new Map<string, CallEntry>();
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
    const prepared = await prepare(scripts.prepare, { modelsDir: init.modelsDir, prosody: init.prosody, playbook: init.playbook, jargon: init.jargon });
    const pool = new WorkerPool(metrics);
    await Promise.all(Array.from({ length: size }, (_, index) => pool.spawn(scripts.worker, { ...init, prepared, index })));
    metrics.addSource(() => pool.workerMetrics());
    return pool;
  }

  private spawn(script: string, init: WorkerInit): Promise<void> {
    const thread = new Worker(script, { workerData: init });
    const w: PoolWorker = { thread, calls: 0, outbox: [], transfer: [], scheduled: false };
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
          this.calls.delete(callId);
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
        for (const [callId, n] of Object.entries(m.taken)) {
          const c = this.calls.get(callId);
          if (c) c.inFlight = Math.max(0, c.inFlight - n);
        }
        break;
      case 'error':
      case 'complete': {
        const c = this.calls.get(m.callId);
        if (!c) break;
        this.calls.delete(m.callId);
        c.worker.calls--;
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
    const entry: CallEntry = { sink, worker, inFlight: 0, maxQueuedAudio: opts.maxQueuedAudio };
    const callId = opts.callId;
    this.calls.set(callId, entry);
    const send = (m: ToWorker, transfer?: ArrayBuffer) => this.send(worker, m, transfer);
    send({ op: 'open', callId, opts });
    return {
      push: (frame: InputFrame) => {
        if (frame.kind === 'raw-audio') {
          if (entry.inFlight >= entry.maxQueuedAudio) {
            sink.shed();
            return;
          }
          entry.inFlight++;
          // A fresh copy: the socket's buffer may be shared, and its bytes are all the worker needs.
          // (Buffer#slice is a view, not a copy: copy explicitly, then transfer the copy.)
          const bytes = new Uint8Array(frame.bytes);
          send({ op: 'frame', callId, frame: { ...frame, bytes } }, bytes.buffer as ArrayBuffer);
          return;
        }
        send({ op: 'frame', callId, frame });
      },
      complete: () => send({ op: 'complete', callId }),
      cancel: () => {
        if (this.calls.delete(callId)) worker.calls--;
        send({ op: 'cancel', callId });
      },
    };
  }

  /** Queues a message for a worker; the turn's messages go as one batch (sent in order). */
  private send(w: PoolWorker, m: ToWorker, transfer?: ArrayBuffer): void {
    w.outbox.push(m);
    if (transfer) w.transfer.push(transfer);
    if (w.scheduled) return;
    w.scheduled = true;
    setImmediate(() => {
      w.scheduled = false;
      const batch: ToWorkerBatch = { op: 'batch', messages: w.outbox };
      const transfer = w.transfer;
      w.outbox = [];
      w.transfer = [];
      stageClock.begin('worker-io');
      w.thread.postMessage(batch, transfer);
      stageClock.end();
    });
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
