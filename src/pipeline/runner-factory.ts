// Picks where calls' pipelines run: `pipelineWorkers` worker threads (by default one per core), or
// this thread (0 — and the fallback when the compiled worker is missing).

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config/schema.js';
import { packagePath } from '../config/paths.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import type { PlaybookStore } from '../policy/store.js';
import { loadProsodyModel, PROSODY_MODEL_FILE, type ProsodyModel } from '../classifiers/prosody.js';
import { loadTextEmotion, TEXT_EMOTION_ONNX, TEXT_EMOTION_SIDECAR, type TextEmotionModel } from '../text/emotion/index.js';
import { warmAgentLanguageRules } from '../text/language/index.js';
import { LocalRunner, type PipelineRunner } from './runner.js';
import { WorkerPool } from './worker-pool.js';
import type { PluggedModelStore } from '../models/index.js';
import { pluggedSlots } from './plugged-slots.js';

export interface RunnerDeps {
  metrics: Metrics;
  logger: Logger;
  playbook: PlaybookStore;
  /**
   * A model given (or null: run without it); undefined: the threads that run the pipelines load it
   * from config.modelsDir — with workers, only they do: the main thread holds no model.
   */
  prosodyModel?: ProsodyModel | null;
  textModel?: TextEmotionModel | null;
  /** Plugged model directories, validated (null: none configured). */
  plugged?: PluggedModelStore | null;
}

/** A compiled worker script beside this module, or in dist/ when this module runs from source (tests). */
function workerScript(name: string): string {
  const sibling = fileURLToPath(new URL(`./${name}`, import.meta.url));
  return existsSync(sibling) ? sibling : packagePath(`dist/src/pipeline/${name}`);
}

/** Whether the model files are in modelsDir (what the loaders would find), without loading them. */
export function modelFilesPresent(modelsDir: string): { prosody: boolean; text: boolean } {
  const sidecar = join(modelsDir, TEXT_EMOTION_SIDECAR);
  let text = false;
  if (existsSync(sidecar)) {
    const named = (JSON.parse(readFileSync(sidecar, 'utf8')) as { onnx?: { file?: string } }).onnx?.file;
    text = existsSync(join(modelsDir, named || TEXT_EMOTION_ONNX));
  }
  return { prosody: existsSync(join(modelsDir, PROSODY_MODEL_FILE)), text };
}

export async function createRunner(config: Config, deps: RunnerDeps): Promise<PipelineRunner> {
  const store = deps.plugged ?? null;
  const modelsDir = packagePath(config.modelsDir);
  const local = async (): Promise<PipelineRunner> => {
    const [prosodyModel, textModel] = await Promise.all([
      deps.prosodyModel !== undefined ? deps.prosodyModel : loadProsodyModel(modelsDir),
      deps.textModel !== undefined ? deps.textModel : loadTextEmotion(modelsDir),
    ]);
    // Compile the language rules (and load OpenCC's dictionaries) now, not on the first call — in
    // the thread that runs the pipelines: pipeline workers warm their own.
    warmAgentLanguageRules(config.jargon);
    const slots = store ? await pluggedSlots(deps.metrics, store.refs) : null;
    const off = store?.onReload((r) => {
      if (r.ok) void slots!.load({ kind: r.kind, dir: r.dir, version: r.version }).catch((err: Error) => deps.logger.error({ err: err.message }, 'reloaded model failed to load'));
    });
    const runner = new LocalRunner({
      metrics: deps.metrics,
      prosodyModel,
      textModel,
      playbook: () => deps.playbook.current,
      plugged: slots ? { slots, voiceHopMs: config.voiceModelHopMs } : null,
    });
    return {
      models: runner.models,
      run: (opts, sink) => runner.run(opts, sink),
      close: async () => {
        off?.();
        await slots?.close();
      },
    };
  };
  if (config.pipelineWorkers === 0) return local();
  const scripts = { worker: workerScript('worker-main.js'), prepare: workerScript('worker-prepare.js') };
  if (!existsSync(scripts.worker) || !existsSync(scripts.prepare)) {
    deps.logger.warn({ scripts }, 'pipeline worker scripts missing (npm run build): running pipelines on the main thread');
    return local();
  }
  const pool = await WorkerPool.start(
    config.pipelineWorkers,
    scripts,
    {
      modelsDir,
      // A node started without a model (deps null) runs its workers without it too.
      prosody: deps.prosodyModel !== null,
      text: deps.textModel !== null,
      playbook: deps.playbook.current,
      jargon: config.jargon,
      plugged: store ? { refs: store.refs, voiceHopMs: config.voiceModelHopMs } : null,
    },
    deps.metrics,
  );
  const off = deps.playbook.onReload((r) => {
    if (r.ok) pool.setPlaybook(deps.playbook.current);
  });
  const offModels = store?.onReload((r) => {
    if (r.ok) pool.setModel({ kind: r.kind, dir: r.dir, version: r.version });
  });
  pool.onModelFailed = (message) => deps.logger.error({ err: message }, 'a pipeline worker could not load a reloaded model; it keeps the one it had');
  return {
    models: pool.models,
    run: (opts, sink) => pool.run(opts, sink),
    close: async () => {
      off();
      offModels?.();
      await pool.close();
    },
  };
}
