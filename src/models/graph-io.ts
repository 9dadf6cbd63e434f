// Opening a model directory's ONNX graph and checking it takes what callcue feeds: token ids (and
// mask, segment ids) for text, a 16 kHz waveform for voice, and gives one row of logits per item
// with as many columns as config.json has labels. A probe run at load proves it end to end.

import ort from 'onnxruntime-node';
import { readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { createHash } from 'node:crypto';
import { ModelDirError, type ModelKind, type ModelLayout } from './layout.js';

/** The inputs callcue can provide, by kind; the first is required. */
export const GRAPH_INPUTS: Record<ModelKind, readonly string[]> = {
  text: ['input_ids', 'attention_mask', 'token_type_ids'],
  voice: ['input_values', 'attention_mask'],
};

export interface OpenGraph {
  session: ort.InferenceSession;
  /** The graph's inputs (a subset of GRAPH_INPUTS[kind]). */
  takes: ReadonlySet<string>;
  output: string;
  /** `<directory name>@<sha256 of the .onnx, 12 hex>`: what the feed names. */
  version: string;
}

export async function openGraph(layout: ModelLayout, version?: string): Promise<OpenGraph> {
  const { dir, kind } = layout;
  const file = relative(dir, layout.onnxPath);
  const bytes = await readFile(layout.onnxPath);
  let session: ort.InferenceSession;
  try {
    // One intra-op thread: parallelism comes from the pipeline workers (one per core), and a batch
    // of calls, not from splitting one product over cores another worker needs.
    session = await ort.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
  } catch (err) {
    throw new ModelDirError(dir, `${file} could not be loaded by onnxruntime: ${(err as Error).message.split('\n')[0]}`);
  }
  const fail = async (problem: string): Promise<never> => {
    await session.release();
    throw new ModelDirError(dir, `${file}: ${problem}`);
  };
  const known = GRAPH_INPUTS[kind];
  const extra = session.inputNames.filter((n) => !known.includes(n));
  if (extra.length > 0) await fail(`the graph takes ${extra.map((n) => `"${n}"`).join(', ')}, which callcue does not provide (a ${kind} model gets ${known.join(', ')})`);
  if (!session.inputNames.includes(known[0]!)) await fail(`the graph does not take "${known[0]}" (its inputs: ${session.inputNames.join(', ')})`);
  const output = session.outputNames.includes('logits') ? 'logits' : session.outputNames.length === 1 ? session.outputNames[0]! : null;
  if (output === null) return fail(`the graph has no "logits" output (its outputs: ${session.outputNames.join(', ')})`);
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 12);
  return { session, takes: new Set(session.inputNames), output, version: version ?? `${dir.split('/').pop()}@${hash}` };
}

/** Checks a probe run's output: [items, labels] floats. */
export async function checkLogits(graph: OpenGraph, layout: ModelLayout, out: ort.Tensor | undefined, items: number): Promise<void> {
  const file = relative(layout.dir, layout.onnxPath);
  const problem =
    out === undefined
      ? `the graph gave no "${graph.output}"`
      : out.type !== 'float32'
        ? `"${graph.output}" is ${out.type}, not float32`
        : out.dims.length !== 2 || out.dims[0] !== items || out.dims[1] !== layout.labels.length
          ? `"${graph.output}" has shape [${out.dims.join(', ')}]; config.json id2label has ${layout.labels.length} labels, so [${items}, ${layout.labels.length}] was expected`
          : null;
  if (problem !== null) {
    await graph.session.release();
    throw new ModelDirError(layout.dir, `${file}: ${problem}`);
  }
}

export const int64Tensor = (values: BigInt64Array, dims: number[]) => new ort.Tensor('int64', values, dims);
export const float32Tensor = (values: Float32Array, dims: number[]) => new ort.Tensor('float32', values, dims);
export type Tensor = ort.Tensor;
