// The plugged models a thread runs calls with, swapped in place on reload: the pipeline reads the
// slot at each use, so a live call moves to the new model on its next window or utterance, and the
// old model is released once the requests already made to it are answered. The models themselves
// run on an inference thread of this thread's own (inference-thread.ts says why).

import type { ModelKind } from './layout.js';
import { DEFAULT_RUN_OPTIONS, type PluggedModel, type RunLimits } from './plugged.js';
import { InferenceThread, type RemoteModel } from './remote.js';
import type { Utterance } from './text-model.js';

/** A model directory and the version it had when validated (crosses to worker threads). */
export interface ModelRef {
  kind: ModelKind;
  dir: string;
  version: string;
}

export class ModelSlots {
  private readonly models = new Map<ModelKind, RemoteModel>();
  private thread: InferenceThread | null = null;

  constructor(private readonly limits: RunLimits = DEFAULT_RUN_OPTIONS) {}

  get text(): PluggedModel<Utterance> | null {
    return this.models.get('text') ?? null;
  }

  get voice(): PluggedModel<Float32Array> | null {
    return this.models.get('voice') ?? null;
  }

  /** Loads the directory (with the version the main thread validated) and swaps it in. */
  async load(ref: ModelRef): Promise<void> {
    this.thread ??= new InferenceThread();
    const model = await this.thread.load(ref, this.limits);
    const old = this.models.get(ref.kind);
    this.models.set(ref.kind, model);
    if (old) void old.close();
  }

  async close(): Promise<void> {
    await Promise.all([...this.models.values()].map((m) => m.close()));
    this.models.clear();
    await this.thread?.terminate();
    this.thread = null;
  }
}
