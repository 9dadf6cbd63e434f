// One language's block fitted in a worker thread (language-models.ts's BlockFitter for train-text):
// the Chinese and English fits are independent, so on two cores they run side by side and training
// takes the longer fit's time instead of the sum. The arrays are moved, not copied, both ways; the
// result is bit for bit the one trainLinear gives in the calling thread.

import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import type { BlockFitter } from './language-models.js';
import { trainLinear, type SparseSet, type TrainOptions } from './trainer.js';

interface FitJob {
  set: SparseSet;
  rows: number;
  options: Pick<TrainOptions, 'l2' | 'maxIterations'>;
}

type FitMessage = { log: string } | { weights: Float32Array; bias: Float32Array; dimension: number; iterations: number; converged: boolean };

export const fitInWorkerThread: BlockFitter = (set, rows, options, log) =>
  new Promise((resolve, reject) => {
    const job: FitJob = { set, rows, options };
    const worker = new Worker(new URL(import.meta.url), {
      workerData: job,
      transferList: [set.offsets.buffer, set.indices.buffer, set.values.buffer, set.labels.buffer, set.weights.buffer] as ArrayBuffer[],
    });
    worker.on('message', (message: FitMessage) => {
      if ('log' in message) log(message.log);
      else resolve(message);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`block fit thread exited with code ${code}`));
    });
  });

if (!isMainThread && parentPort !== null && (workerData as FitJob | undefined)?.set !== undefined) {
  const port = parentPort;
  const job = workerData as FitJob;
  const block = trainLinear(job.set, job.rows, job.options, (line) => port.postMessage({ log: line }));
  port.postMessage(block, [block.weights.buffer, block.bias.buffer] as ArrayBuffer[]);
}
