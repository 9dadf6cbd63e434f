// The thread plugged models run on. onnxruntime-node's session.run computes on the calling thread
// (it only defers the call to setImmediate), so a 95M-parameter speech encoder would stop a pipeline
// worker's event loop for half a second per window and every call on that worker with it. Each
// pipeline worker (or the main thread, with no workers) therefore runs its plugged models here, in a
// thread of its own: requests arrive by message, are batched by the model's Batcher, and verdicts go
// back. Shedding (queue bound, age) happens here as it would in-thread.

import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { parentPort } from 'node:worker_threads';
import type { EmotionProbs } from '../frames/types.js';
import type { ModelKind } from './layout.js';
import type { RunLimits } from './plugged.js';
import { loadTextModel, type PluggedTextModel, type Utterance } from './text-model.js';
import { loadVoiceModel, type PluggedVoiceModel } from './voice-model.js';

export type ToInference =
  | { op: 'load'; id: number; kind: ModelKind; dir: string; version: string; limits: Omit<RunLimits, 'onShed'> }
  | { op: 'classify'; id: number; req: number; input: Utterance | Float32Array }
  | { op: 'close'; id: number };

export type FromInference =
  | { op: 'loaded'; id: number; languages: string[]; calibrated: boolean }
  | { op: 'load-failed'; id: number; message: string }
  | { op: 'result'; id: number; req: number; probs: EmotionProbs | null; error?: string }
  | { op: 'shed'; id: number; count: number }
  | { op: 'closed'; id: number };

/** Niceness added, below the pipeline threads: when the node is short of CPU the model waits (and sheds), not the calls' audio. */
const NICE = 10;

// onnxruntime computes on this thread (one intra-op thread), so lowering its priority lowers the
// model's. Linux only (/proc/thread-self names the thread); elsewhere it runs at normal priority.
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  setPriority(tid, Math.min(19, getPriority(tid) + NICE));
} catch {
  // Not Linux, or not permitted: the model competes with the pipeline as an equal.
}

const port = parentPort!;
const models = new Map<number, PluggedTextModel | PluggedVoiceModel>();
const post = (m: FromInference) => port.postMessage(m);

port.on('message', (m: ToInference) => {
  switch (m.op) {
    case 'load': {
      const limits: RunLimits = { ...m.limits, onShed: (count) => post({ op: 'shed', id: m.id, count }) };
      const load = m.kind === 'text' ? loadTextModel(m.dir, limits, m.version) : loadVoiceModel(m.dir, limits, m.version);
      load.then(
        (model) => {
          models.set(m.id, model);
          post({ op: 'loaded', id: m.id, languages: [...model.languages], calibrated: model.calibrated });
        },
        (err: Error) => post({ op: 'load-failed', id: m.id, message: err.message }),
      );
      break;
    }
    case 'classify': {
      const model = models.get(m.id);
      if (!model) {
        post({ op: 'result', id: m.id, req: m.req, probs: null });
        break;
      }
      (model as { classify(i: unknown): Promise<EmotionProbs | null> }).classify(m.input).then(
        (probs) => post({ op: 'result', id: m.id, req: m.req, probs }),
        (err: Error) => post({ op: 'result', id: m.id, req: m.req, probs: null, error: err.message }),
      );
      break;
    }
    case 'close': {
      const model = models.get(m.id);
      models.delete(m.id);
      void (model?.close() ?? Promise.resolve()).then(() => post({ op: 'closed', id: m.id }));
      break;
    }
  }
});
