// The plugged models a thread runs with, swapped in place on reload: the pipeline reads the slot at
// each use, so a live call moves to the new model on its next window or utterance, and the old
// model is released once the requests already made to it are answered.

import { loadTextModel, PluggedTextModel } from './text-model.js';
import { loadVoiceModel, type PluggedVoiceModel } from './voice-model.js';
import type { ModelKind } from './layout.js';
import { DEFAULT_RUN_OPTIONS, type RunLimits } from './plugged.js';

/** A model directory and the version it had when validated (crosses to worker threads). */
export interface ModelRef {
  kind: ModelKind;
  dir: string;
  version: string;
}

export class ModelSlots {
  private textModel: PluggedTextModel | null = null;
  private voiceModel: PluggedVoiceModel | null = null;

  constructor(private readonly limits: RunLimits = DEFAULT_RUN_OPTIONS) {}

  get text(): PluggedTextModel | null {
    return this.textModel;
  }

  get voice(): PluggedVoiceModel | null {
    return this.voiceModel;
  }

  /** Loads the directory (with the version the main thread validated) and swaps it in. */
  async load(ref: ModelRef): Promise<void> {
    if (ref.kind === 'text') this.put(await loadTextModel(ref.dir, this.limits, ref.version));
    else this.put(await loadVoiceModel(ref.dir, this.limits, ref.version));
  }

  put(model: PluggedTextModel | PluggedVoiceModel): void {
    const old = model instanceof PluggedTextModel ? this.textModel : this.voiceModel;
    if (model instanceof PluggedTextModel) this.textModel = model;
    else this.voiceModel = model;
    if (old && old !== model) void old.close();
  }

  async close(): Promise<void> {
    await Promise.all([this.textModel?.close(), this.voiceModel?.close()]);
    this.textModel = null;
    this.voiceModel = null;
  }
}
