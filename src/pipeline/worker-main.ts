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
import { setAfterDrain } from './shed.js';
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
/** Whether the outbox holds something a person waits on. */
let urgentQueued = false;
/** Whether it holds a prompt or an alert: posted as soon as the drain that raised it is done (shed.ts). */
let promptQueued = false;
const post = (m: FromWorker) => {
  outbox.push(m);
  const lane = m.op === 'event' && m.ev.type === 'emotion' ? 'bulk' : 'urgent';
  if (lane === 'urgent') urgentQueued = true;
  if (m.op === 'event' && (m.ev.type === 'prompt' || m.ev.type === 'alert')) promptQueued = true;
  flusher.schedule(lane);
};
function flush() {
  stageClock.begin('worker-io');
  urgentQueued = false;
  promptQueued = false;
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

// A prompt the voice raised leaves when its call's drain is done, not after every other call's of the
// turn (words calls' prompts were already posted before the rest of their batch: onBatch).
setAfterDrain(() => {
  if (promptQueued) flusher.now();
});

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

  /** Hands the calls' pipelines `count` audio messages from `unpacker`: those `pick` accepts (the others are passed over). */
  const takeAudio = (unpacker: AudioUnpacker, count: number, pick: ((callNumber: number) => boolean) | null) => {
    for (let i = 0; i < count; i++) {
      if (pick && !pick(unpacker.peekCallNumber())) {
        unpacker.skip();
        continue;
      }
      const { callNumber, frame } = unpacker.next(callIdOf);
      if (frame) runs.get(frame.callId)?.push(frame);
      taken.set(callNumber, (taken.get(callNumber) ?? 0) + 1);
    }
    flusher.schedule('bulk');
  };

  const handle = (m: Exclude<ToWorker, { op: 'audio' }>) => {
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
  /** The second turn of a batch with words, while it is pending: a batch that comes first runs it first. */
  let runLater: (() => void) | null = null;
  /**
   * Hands out a batch's messages, in order. A batch that carries words goes in two turns: first the
   * messages of the calls with words (their pipelines drain first: shed.ts drains in the order calls
   * were handed frames), then — once those drains have run and what they raised has been posted —
   * the rest. A prompt no longer waits for every other call's audio of the batch, milliseconds at
   * 100 calls. Each call's own messages keep their order; a message for no call (a playbook, a model,
   * metrics) goes with the rest.
   */
  const onBatch = (b: ToWorkerBatch) => {
    runLater?.();
    const words = callsWithWords(b.messages);
    if (!words) {
      const unpacker = b.audio ? new AudioUnpacker(b.audio) : null;
      for (const m of b.messages) {
        if (m.op === 'audio') takeAudio(unpacker!, m.count, null);
        else handle(m);
      }
      return;
    }
    const numbers = new Set<number>();
    for (const [n, id] of callIds) if (words.has(id)) numbers.add(n);
    const first = b.audio ? new AudioUnpacker(b.audio) : null;
    for (const m of b.messages) {
      if (m.op === 'audio') takeAudio(first!, m.count, (n) => numbers.has(n));
      else if ('callId' in m && words.has(m.callId)) {
        handle(m);
        if (m.op === 'open') numbers.add(m.callNumber);
      }
    }
    const rest = () => {
      runLater = null;
      clearImmediate(later);
      if (urgentQueued) flusher.now();
      const second = b.audio ? new AudioUnpacker(b.audio) : null;
      for (const m of b.messages) {
        if (m.op === 'audio') takeAudio(second!, m.count, (n) => !numbers.has(n));
        else if (!('callId' in m) || !words.has(m.callId)) handle(m);
      }
    };
    runLater = rest;
    const later = setImmediate(() => {
      stageClock.begin('worker-io');
      rest();
      stageClock.end();
    });
  };
  port.on('message', (b: ToWorkerBatch) => {
    stageClock.begin('worker-io');
    onBatch(b);
    stageClock.end();
  });
  post({ op: 'ready', models: { prosody: prosodyModel?.version ?? null, text: textModel?.version ?? null } });
}

/** The calls a batch carries words for (transcripts), or null for none. */
function callsWithWords(messages: readonly ToWorker[]): Set<string> | null {
  let words: Set<string> | null = null;
  for (const m of messages) if (m.op === 'frame') (words ??= new Set()).add(m.callId);
  return words;
}

start(workerData as WorkerInit).catch((err: Error) => post({ op: 'failed', message: err.message }));
