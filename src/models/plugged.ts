// What the pipeline sees of a plugged model (text or voice): its version (named in the feed), the
// languages it is validated for, and an asynchronous, batched, shedding classify.

import type { EmotionProbs } from '../frames/types.js';
import { Batcher } from './batcher.js';
import type { OpenGraph } from './graph-io.js';
import { mapLogits, UNIT_WEIGHTS, type ClassWeights } from './labels.js';
import { primaryLanguage, type ModelKind, type ModelLayout } from './layout.js';

export interface PluggedModel<I> {
  readonly kind: ModelKind;
  readonly version: string;
  readonly dir: string;
  readonly languages: readonly string[];
  readonly calibrated: boolean;
  /** Whether calls (or utterances) in this BCP-47 language go to this model. */
  judges(language: string): boolean;
  /** The four probabilities, or null when the request was shed (the node is behind). */
  classify(input: I): Promise<EmotionProbs | null>;
  close(): Promise<void>;
}

export interface RunLimits {
  /** Items per onnxruntime run. */
  maxBatch: number;
  /** Requests waiting in this thread before the oldest are shed. */
  maxPending: number;
  /** A request still waiting after this long is shed. */
  maxAgeMs: number;
  onShed?: (count: number, kind: ModelKind) => void;
}

export const DEFAULT_RUN_OPTIONS: RunLimits = { maxBatch: 16, maxPending: 64, maxAgeMs: 1000 };

/**
 * A verdict that comes back later than this after its request (a starved or too large model) is
 * dropped, not fused: the caller's state would otherwise jump to what they sounded like seconds ago.
 */
export const STALE_VERDICT_MS = 2000;

/** What text and voice models share: identity, languages, the batcher, the label mapping, release. */
export abstract class PluggedBase<I> implements PluggedModel<I> {
  readonly kind: ModelKind;
  readonly version: string;
  readonly languages: readonly string[];
  readonly dir: string;
  readonly calibrated: boolean;
  private readonly batcher: Batcher<I, EmotionProbs>;

  constructor(
    protected readonly layout: ModelLayout,
    protected readonly graph: OpenGraph,
    private readonly weights: ClassWeights | null,
    limits: RunLimits,
  ) {
    this.kind = layout.kind;
    this.version = graph.version;
    this.languages = layout.languages;
    this.dir = layout.dir;
    this.calibrated = weights !== null;
    this.batcher = new Batcher((items) => this.run(items), { ...limits, onShed: (n) => limits.onShed?.(n, layout.kind) });
  }

  /** One onnxruntime run over a batch; one verdict per item. */
  protected abstract run(items: I[]): Promise<EmotionProbs[]>;

  judges(language: string): boolean {
    return this.languages.includes(primaryLanguage(language));
  }

  classify(input: I): Promise<EmotionProbs | null> {
    return this.batcher.submit(input);
  }

  /** Rows of logits → callcue's probabilities, with the calibration's class weights. */
  protected mapRows(logits: Float32Array, rows: number): EmotionProbs[] {
    const L = this.layout.labels.length;
    return Array.from({ length: rows }, (_, r) => mapLogits(logits, r * L, this.layout.targets, this.weights ?? UNIT_WEIGHTS));
  }

  /** Releases the session once the requests already made are answered. */
  async close(): Promise<void> {
    await this.batcher.drain();
    await this.graph.session.release();
  }
}
