// A pipeline worker thread: runs the pipelines of the calls the main thread assigns to it, with
// its own models and playbook copy, and posts their events back. The main thread keeps the
// sockets, the bus and the feeds, so DSP and inference never delay a socket.

import { parentPort, workerData } from 'node:worker_threads';
import { loadProsodyModel } from '../classifiers/prosody.js';
import { Metrics } from '../observability/metrics.js';
import { stageClock } from '../observability/stage-clock.js';
import type { Playbook } from '../policy/schema.js';
import { loadTextEmotion, textModelFromTables } from '../text/emotion/index.js';
import { pluggedSlots } from './plugged-slots.js';
import { primeScriptCache, warmAgentLanguageRules } from '../text/language/index.js';
import { LocalRunner, type PipelineRun } from './runner.js';
import { AudioUnpacker } from './worker-audio.js';
import { coalesce } from './coalesce.js';
import type { FromWorker, FromWorkerBatch, ToWorker, ToWorkerBatch, WorkerInit } from './worker-protocol.js';

const port = parentPort!;
let outbox: FromWorker[] = [];
/** Audio messages each call (by number) has taken in since the last batch. */
const taken = new Map<number, number>();
/**
 * What is posted goes in batches (coalesce.ts): within 2 ms when it carries what a person waits on
 * (a prompt, a transcript, an alert), within 5 ms when it is only emotion states (four a second per
 * call, against a 100 ms budget) and progress, which rides along with whatever goes first.
 */
const flusher = coalesce(flush, 2, 5);
const post = (m: FromWorker) => {
  outbox.push(m);
  flusher.schedule(m.op === 'event' && m.ev.type === 'emotion' ? 'bulk' : 'urgent');
};
function flush() {
  stageClock.begin('worker-io');
  if (taken.size > 0) {
    const pairs: number[] = [];
    for (const [n, count] of taken) pairs.push(n, count);
    taken.clear();
    outbox.push({ op: 'progress', taken: pairs });
  }
  const messages = outbox;
  outbox = [];
  port.postMessage({ op: 'batch', messages } satisfies FromWorkerBatch);
  stageClock.end();
}

async function start(init: WorkerInit) {
  stageClock.thread = `worker-${init.index}`;
  const metrics = new Metrics(false);
  // Started from what the pool prepared: the rules compile without OpenCC's large dictionaries,
  // the prosody model is not checked against onnxruntime again, and the text model reads the
  // tables every worker shares.
  primeScriptCache(init.prepared.scriptCache);
  const [prosodyModel, textModel] = await Promise.all([
    init.modelsDir && init.prosody ? loadProsodyModel(init.modelsDir, { parityCheckedSha256: init.prepared.prosodyCheckedSha256 ?? undefined }) : null,
    init.prepared.textTables ? textModelFromTables(init.prepared.textTables) : init.modelsDir && init.text ? loadTextEmotion(init.modelsDir) : null,
  ]);
  warmAgentLanguageRules(init.jargon);
  const slots = init.plugged ? await pluggedSlots(metrics, init.plugged.refs) : null;
  let playbook: Playbook = init.playbook;
  const plugged = slots && init.plugged ? { slots, voiceHopMs: init.plugged.voiceHopMs } : null;
  const runner = new LocalRunner({ metrics, prosodyModel, textModel, playbook: () => playbook, plugged });
  const runs = new Map<string, PipelineRun>();
  /** Calls by the number the pool's packed audio names them with. */
  const callIds = new Map<number, string>();
  const callIdOf = (n: number) => callIds.get(n);
  let unpacker: AudioUnpacker | null = null;

  const handle = (m: ToWorker) => {
    switch (m.op) {
      case 'open':
        callIds.set(m.callNumber, m.callId);
        runs.set(
          m.callId,
          runner.run(m.opts, {
            event: (ev) => post({ op: 'event', callId: m.callId, ev }),
            shed: () => post({ op: 'shed', callId: m.callId }),
            error: (err) => {
              runs.delete(m.callId);
              callIds.delete(m.callNumber);
              post({ op: 'error', callId: m.callId, message: err.message });
            },
            complete: () => {
              runs.delete(m.callId);
              callIds.delete(m.callNumber);
              post({ op: 'complete', callId: m.callId });
            },
          }),
        );
        break;
      case 'frame':
        runs.get(m.callId)?.push(m.frame);
        break;
      case 'audio':
        for (let i = 0; i < m.count; i++) {
          const { callNumber, frame } = unpacker!.next(callIdOf);
          if (frame) runs.get(frame.callId)?.push(frame);
          taken.set(callNumber, (taken.get(callNumber) ?? 0) + 1);
        }
        flusher.schedule('bulk');
        break;
      case 'complete':
        runs.get(m.callId)?.complete();
        break;
      case 'cancel':
        runs.get(m.callId)?.cancel();
        runs.delete(m.callId);
        for (const [n, id] of callIds) if (id === m.callId) callIds.delete(n);
        break;
      case 'playbook':
        playbook = m.playbook;
        break;
      case 'model':
        slots?.load(m.ref).catch((err: Error) => post({ op: 'model-failed', message: err.message }));
        break;
      case 'metrics':
        void metrics.registry.getMetricsAsJSON().then((json) => post({ op: 'metrics', requestId: m.requestId, metrics: json }));
        break;
    }
  };
  port.on('message', (b: ToWorkerBatch) => {
    stageClock.begin('worker-io');
    unpacker = b.audio ? new AudioUnpacker(b.audio) : null;
    for (const m of b.messages) handle(m);
    unpacker = null;
    stageClock.end();
  });
  post({ op: 'ready', models: { prosody: prosodyModel?.version ?? null, text: textModel?.version ?? null } });
}

start(workerData as WorkerInit).catch((err: Error) => post({ op: 'failed', message: err.message }));
