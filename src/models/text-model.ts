// A plugged text emotion model (CALLCUE_TEXT_MODEL): a Hugging Face sequence classifier exported to
// ONNX with its tokenizer.json, run on utterances batched across the calls of this thread. When the
// graph takes token_type_ids and the tokenizer has a pair template, the model gets the previous
// turns as the second segment (the utterance first, so truncation cuts context, never the words
// being judged).

import { Tokenizer } from '@huggingface/tokenizers';
import type { EmotionProbs } from '../frames/types.js';
import { readCalibration } from './calibration.js';
import { checkLogits, int64Tensor, openGraph, type OpenGraph, type Tensor } from './graph-io.js';
import type { ClassWeights } from './labels.js';
import { ModelDirError, readModelLayout, type ModelLayout } from './layout.js';
import { DEFAULT_RUN_OPTIONS, PluggedBase, type RunLimits } from './plugged.js';

export interface Utterance {
  text: string;
  /** The previous turns, oldest first (used only by models that take sentence pairs). */
  context?: string;
}

/** BERT's usual limit; a tokenizer_config.json model_max_length or config.json max_position_embeddings lowers it. */
const DEFAULT_MAX_TOKENS = 512;

interface Encoded {
  ids: number[];
  mask: number[];
  types: number[];
}

export class PluggedTextModel extends PluggedBase<Utterance> {
  /** Whether the previous turns go in as a second segment. */
  readonly takesPairs: boolean;
  private readonly maxTokens: number;

  constructor(
    layout: ModelLayout,
    graph: OpenGraph,
    private readonly tokenizer: Tokenizer,
    weights: ClassWeights | null,
    limits: RunLimits,
  ) {
    super(layout, graph, weights, limits);
    const post = (layout.tokenizer!.json as { post_processor?: { type?: string; pair?: unknown } | null }).post_processor;
    const pairTemplate = post !== undefined && post !== null && (post.type === 'BertProcessing' || post.type === 'RobertaProcessing' || (post.type === 'TemplateProcessing' && post.pair !== undefined));
    this.takesPairs = graph.takes.has('token_type_ids') && pairTemplate;
    this.maxTokens = maxTokens(layout);
  }

  private encode(u: Utterance): Encoded {
    const pair = this.takesPairs && u.context !== undefined && u.context.trim().length > 0 ? u.context : null;
    let e = this.tokenizer.encode(u.text, { text_pair: pair, return_token_type_ids: true });
    if (pair !== null && e.ids.length > this.maxTokens) {
      // Keep the newest context that fits: the turns just before the utterance matter most.
      const alone = this.tokenizer.encode(u.text).ids.length;
      const room = Math.max(0, this.maxTokens - alone - 1);
      e = room > 0 ? this.tokenizer.encode(u.text, { text_pair: pair.slice(-room), return_token_type_ids: true }) : this.tokenizer.encode(u.text, { return_token_type_ids: true });
    }
    let { ids, attention_mask: mask, token_type_ids: types } = e as typeof e & { token_type_ids: number[] };
    if (ids.length > this.maxTokens) {
      // Keep the closing special token ([SEP], </s>) the model was trained to see.
      const last = ids.length - 1;
      ids = [...ids.slice(0, this.maxTokens - 1), ids[last]!];
      mask = [...mask.slice(0, this.maxTokens - 1), mask[last]!];
      types = [...types.slice(0, this.maxTokens - 1), types[last]!];
    }
    return { ids, mask, types: types ?? ids.map(() => 0) };
  }

  protected async run(items: Utterance[]): Promise<EmotionProbs[]> {
    const encoded = items.map((u) => this.encode(u));
    const n = items.length;
    const width = Math.max(...encoded.map((e) => e.ids.length));
    const pad = (this.tokenizer.token_to_id('[PAD]') ?? this.tokenizer.token_to_id('<pad>') ?? 0) as number;
    const ids = new BigInt64Array(n * width).fill(BigInt(pad));
    const mask = new BigInt64Array(n * width);
    const types = new BigInt64Array(n * width);
    encoded.forEach((e, r) => {
      for (let j = 0; j < e.ids.length; j++) {
        ids[r * width + j] = BigInt(e.ids[j]!);
        mask[r * width + j] = BigInt(e.mask[j]!);
        types[r * width + j] = BigInt(e.types[j] ?? 0);
      }
    });
    const feeds: Record<string, Tensor> = { input_ids: int64Tensor(ids, [n, width]) };
    if (this.graph.takes.has('attention_mask')) feeds.attention_mask = int64Tensor(mask, [n, width]);
    if (this.graph.takes.has('token_type_ids')) feeds.token_type_ids = int64Tensor(types, [n, width]);
    const result = await this.graph.session.run(feeds);
    return this.mapRows(result[this.graph.output]!.data as Float32Array, n);
  }

  /** Probe: tokenise and run two utterances of different lengths, check the logits. */
  async probe(): Promise<void> {
    const items = [{ text: 'hello' }, { text: '我想问一下 my card', context: 'previous turn' }];
    const encoded = items.map((u) => this.encode(u));
    const width = Math.max(...encoded.map((e) => e.ids.length));
    const feeds: Record<string, Tensor> = {};
    const fill = (pick: (e: Encoded) => number[]) => {
      const a = new BigInt64Array(items.length * width);
      encoded.forEach((e, r) => pick(e).forEach((v, j) => (a[r * width + j] = BigInt(v))));
      return int64Tensor(a, [items.length, width]);
    };
    feeds.input_ids = fill((e) => e.ids);
    if (this.graph.takes.has('attention_mask')) feeds.attention_mask = fill((e) => e.mask);
    if (this.graph.takes.has('token_type_ids')) feeds.token_type_ids = fill((e) => e.types);
    let out;
    try {
      out = (await this.graph.session.run(feeds))[this.graph.output];
    } catch (err) {
      await this.graph.session.release();
      throw new ModelDirError(this.dir, `a probe run failed: ${(err as Error).message.split('\n')[0]}`);
    }
    await checkLogits(this.graph, this.layout, out, items.length);
  }
}

function maxTokens(layout: ModelLayout): number {
  const fromTokenizer = Number(layout.tokenizer!.config.model_max_length);
  const fromConfig = Number(layout.config.max_position_embeddings);
  const limits = [DEFAULT_MAX_TOKENS, fromTokenizer, fromConfig].filter((v) => Number.isFinite(v) && v > 2);
  return Math.min(...limits);
}

export async function loadTextModel(dir: string, limits: RunLimits = DEFAULT_RUN_OPTIONS, version?: string): Promise<PluggedTextModel> {
  const layout = readModelLayout('text', dir);
  let tokenizer: Tokenizer;
  try {
    tokenizer = new Tokenizer(layout.tokenizer!.json, layout.tokenizer!.config);
  } catch (err) {
    throw new ModelDirError(layout.dir, `tokenizer.json could not be loaded: ${(err as Error).message}`);
  }
  const graph = await openGraph(layout, version);
  const model = new PluggedTextModel(layout, graph, tokenizer, readCalibration(layout.dir, graph.version), limits);
  await model.probe();
  return model;
}
