// Collects one utterance's sparse features (hashed index, signed value) and the cue hits that
// justify them. One sink per model, reset per utterance, so the hot path reuses its arrays.

import { hash32, HASH_SEED } from './hash.js';
import type { EmotionLabel } from '../../frames/types.js';

/** A lexicon or pattern hit, kept so the agent sees why a label was chosen. */
export interface CueHit {
  /** The caller's own words that matched (or a short description for structural cues). */
  text: string;
  /** The emotion this hit speaks for; null for lexicon categories that map to none of ours. */
  label: EmotionLabel | null;
  negated: boolean;
  /** Call-center patterns outrank generic lexicon words when choosing which cues to show. */
  strength: number;
  /** A strong call-center phrase (CuePatternSpec.strong), unnegated. */
  strong?: boolean;
  /** The hit names the feeling (CuePatternSpec.names), unnegated. */
  names?: boolean;
}

const INITIAL_CAPACITY = 1024;

/** Rows at the start of each language's block that no hashed feature reaches (block layout only). */
export const RESERVED_ROWS = { bias: 0, conversation: 1 } as const;
const RESERVED_COUNT = 2;

export class FeatureSink {
  indices = new Int32Array(INITIAL_CAPACITY);
  values = new Float32Array(INITIAL_CAPACITY);
  length = 0;
  readonly hits: CueHit[] = [];
  /** Per-bucket n-gram weights applied by endBlock (null: plain counts). */
  idf: Float32Array | null = null;
  /**
   * Hash seed of the features being added. The featurizer sets one per language when the model is
   * per-language, so Chinese and English never share a weight (not even the bias or the shape
   * features): one weight matrix then holds two independent models.
   */
  salt = HASH_SEED;
  /** First row of the current language's block (block layout; 0 otherwise). */
  base = 0;
  private readonly mask: number;
  private readonly blocked: boolean;
  private readonly hashedRows: number;
  private blockStart = 0;

  // Per-bucket scratch for mergeBlock, allocated once per sink.
  private readonly stamp: Int32Array;
  private readonly slot: Int32Array;
  private generation = 0;

  /** blocks > 1: one block of 2^hashBits rows per language (FeaturizerConfig.languageBlocks). */
  constructor(
    readonly hashBits: number,
    blocks = 1,
  ) {
    this.mask = (1 << hashBits) - 1;
    this.blocked = blocks > 1;
    this.hashedRows = (1 << hashBits) - RESERVED_COUNT;
    this.stamp = new Int32Array(blocks << hashBits);
    this.slot = new Int32Array(blocks << hashBits);
  }

  reset(): void {
    this.salt = HASH_SEED;
    this.base = 0;
    this.length = 0;
    this.hits.length = 0;
    this.blockStart = 0;
  }

  /** Signed feature hashing: the top hash bit picks the sign so collisions tend to cancel. */
  add(name: string, value = 1): void {
    if (value === 0) return;
    if (this.length === this.indices.length) this.grow();
    const h = hash32(name, this.salt);
    this.indices[this.length] = this.blocked ? this.base + RESERVED_COUNT + (h % this.hashedRows) : h & this.mask;
    this.values[this.length] = h & 0x80000000 ? -value : value;
    this.length += 1;
  }

  /**
   * A bias feature (value 1): in the block layout the language block's reserved row, so nothing
   * else shares its weight and training can fold an intercept into it exactly; otherwise the
   * hashed feature `name`, as models before the block layout had it.
   */
  addReserved(row: (typeof RESERVED_ROWS)[keyof typeof RESERVED_ROWS], name: string): void {
    if (!this.blocked) {
      this.add(name);
      return;
    }
    if (this.length === this.indices.length) this.grow();
    this.indices[this.length] = this.base + row;
    this.values[this.length] = 1;
    this.length += 1;
  }

  addHit(hit: CueHit): void {
    this.hits.push(hit);
  }

  /** Start a block of n-gram counts that endBlock will scale to unit length. */
  beginBlock(): void {
    this.blockStart = this.length;
  }

  /**
   * Ends an n-gram block: merges repeats of a bucket, damps counts (1 + ln count, TF-IDF's sublinear
   * tf: a word said three times is not three times the evidence), weights by idf, and scales the
   * block to unit length so long and short utterances sit on one scale (TF-IDF's l2 norm), times
   * `scale` (context blocks count for less than the utterance's own words).
   */
  endBlock(scale = 1): void {
    this.mergeBlock();
    const idf = this.idf;
    for (let i = this.blockStart; i < this.length; i += 1) {
      const v = this.values[i];
      const magnitude = Math.abs(v);
      let weighted = magnitude > 1 ? Math.sign(v) * (1 + Math.log(magnitude)) : v;
      if (idf !== null) weighted *= idf[this.indices[i]];
      this.values[i] = weighted;
    }
    let sumSq = 0;
    for (let i = this.blockStart; i < this.length; i += 1) sumSq += this.values[i] * this.values[i];
    if (sumSq === 0) return;
    const factor = scale / Math.sqrt(sumSq);
    for (let i = this.blockStart; i < this.length; i += 1) this.values[i] *= factor;
  }

  /** Sum the block's entries that share a bucket into the first of them (stamps avoid clearing). */
  private mergeBlock(): void {
    this.generation += 1;
    if (this.generation === 0x7fffffff) {
      this.stamp.fill(0);
      this.generation = 1;
    }
    let write = this.blockStart;
    for (let i = this.blockStart; i < this.length; i += 1) {
      const bucket = this.indices[i];
      if (this.stamp[bucket] === this.generation) {
        this.values[this.slot[bucket]] += this.values[i];
        continue;
      }
      this.stamp[bucket] = this.generation;
      this.slot[bucket] = write;
      this.indices[write] = bucket;
      this.values[write] = this.values[i];
      write += 1;
    }
    this.length = write;
  }

  private grow(): void {
    const indices = new Int32Array(this.indices.length * 2);
    indices.set(this.indices);
    const values = new Float32Array(this.values.length * 2);
    values.set(this.values);
    this.indices = indices;
    this.values = values;
  }
}
