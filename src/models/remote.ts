// A plugged model as the pipeline sees it when it runs on the inference thread (inference-thread.ts):
// the same PluggedModel interface, each classify a message there and back.

import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packagePath } from '../config/paths.js';
import type { EmotionProbs } from '../frames/types.js';
import type { FromInference, ToInference } from './inference-thread.js';
import { primaryLanguage, type ModelKind } from './layout.js';
import type { PluggedModel, RunLimits } from './plugged.js';
import type { ModelRef } from './slots.js';

/** The compiled script beside this module, or in dist/ when this module runs from source (tests). */
function script(): string {
  const sibling = fileURLToPath(new URL('./inference-thread.js', import.meta.url));
  return existsSync(sibling) ? sibling : packagePath('dist/src/models/inference-thread.js');
}

export class InferenceThread {
  private readonly worker: Worker;
  private nextId = 0;
  private nextReq = 0;
  private readonly pending = new Map<number, (probs: EmotionProbs | null) => void>();
  private readonly loads = new Map<number, { resolve: (m: FromInference & { op: 'loaded' }) => void; reject: (e: Error) => void }>();
  private readonly closes = new Map<number, () => void>();
  private readonly shedListeners = new Map<number, (count: number) => void>();

  constructor() {
    this.worker = new Worker(script());
    this.worker.unref();
    this.worker.on('message', (m: FromInference) => {
      switch (m.op) {
        case 'loaded':
          this.loads.get(m.id)?.resolve(m);
          this.loads.delete(m.id);
          break;
        case 'load-failed':
          this.loads.get(m.id)?.reject(new Error(m.message));
          this.loads.delete(m.id);
          break;
        case 'result':
          this.pending.get(m.req)?.(m.probs);
          this.pending.delete(m.req);
          break;
        case 'shed':
          this.shedListeners.get(m.id)?.(m.count);
          break;
        case 'closed':
          this.closes.get(m.id)?.();
          this.closes.delete(m.id);
          break;
      }
    });
    this.worker.on('error', (err) => {
      for (const l of this.loads.values()) l.reject(err);
      for (const p of this.pending.values()) p(null);
      this.pending.clear();
    });
  }

  get waiting(): number {
    return this.pending.size;
  }

  private send(m: ToInference, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(m, transfer);
  }

  async load(ref: ModelRef, limits: RunLimits): Promise<RemoteModel> {
    const id = ++this.nextId;
    const { onShed, ...plain } = limits;
    const loaded = await new Promise<FromInference & { op: 'loaded' }>((resolve, reject) => {
      this.loads.set(id, { resolve, reject });
      this.send({ op: 'load', id, kind: ref.kind, dir: ref.dir, version: ref.version, limits: plain });
    });
    if (onShed) this.shedListeners.set(id, (n) => onShed(n, ref.kind));
    return new RemoteModel(this, id, ref, loaded.languages, loaded.calibrated, limits.maxPending);
  }

  classify(id: number, input: unknown, transfer: ArrayBuffer[]): Promise<EmotionProbs | null> {
    const req = ++this.nextReq;
    return new Promise((resolve) => {
      this.pending.set(req, resolve);
      this.send({ op: 'classify', id, req, input: input as Float32Array }, transfer);
    });
  }

  release(id: number): Promise<void> {
    this.shedListeners.delete(id);
    return new Promise((resolve) => {
      this.closes.set(id, resolve);
      this.send({ op: 'close', id });
    });
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}

export class RemoteModel implements PluggedModel<unknown> {
  readonly kind: ModelKind;
  readonly version: string;
  readonly dir: string;
  private inFlight = 0;

  constructor(
    private readonly thread: InferenceThread,
    private readonly id: number,
    ref: ModelRef,
    readonly languages: readonly string[],
    readonly calibrated: boolean,
    /** Requests from this thread not yet answered, beyond which a new one is shed at once. */
    private readonly maxInFlight: number,
  ) {
    this.kind = ref.kind;
    this.version = ref.version;
    this.dir = ref.dir;
  }

  judges(language: string): boolean {
    return this.languages.includes(primaryLanguage(language));
  }

  async classify(input: unknown): Promise<EmotionProbs | null> {
    // The inference thread sheds by its own queue bound; this bound only keeps messages from piling up.
    if (this.inFlight >= this.maxInFlight * 2) return null;
    this.inFlight++;
    try {
      // A voice window is handed over, not copied: the pipeline made it for this request.
      return await this.thread.classify(this.id, input, input instanceof Float32Array ? [input.buffer as ArrayBuffer] : []);
    } finally {
      this.inFlight--;
    }
  }

  close(): Promise<void> {
    return this.thread.release(this.id);
  }
}
