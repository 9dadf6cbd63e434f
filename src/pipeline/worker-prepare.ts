// The short-lived thread that prepares what pipeline workers share (prepare.ts): it runs once when
// the pool starts, posts the results and ends, and its heap — OpenCC's dictionaries, an onnxruntime
// session — goes with it.

import { parentPort, workerData } from 'node:worker_threads';
import { prepareShared, type PrepareInput } from './prepare.js';

prepareShared(workerData as PrepareInput).then(
  (prepared) => parentPort!.postMessage({ ok: prepared }),
  (err: Error) => parentPort!.postMessage({ error: err.message }),
);
