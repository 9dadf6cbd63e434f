// The emotion lexicons as the model ships them: each term is stored only as a 53-bit hash key with
// its (category, intensity) pairs, so the shipped sidecar carries no third-party word list while
// lookups stay exact. Built at training time from DUTIR, HowNet and NRC (see src/training/text).

import { plainAlloc, type TableAlloc } from './alloc.js';
import { hashKey53 } from './hash.js';
import type { TextLanguage } from '../lang.js';

/** One lexicon hit's categories: pairs of (category index, intensity 0–255). */
export type LexiconEntry = Uint8Array;

export interface PackedLexicon {
  /** Category names, indexed by the bytes in each entry (e.g. "zh.anger", "en.fear"). */
  categories: string[];
  /** Longest Chinese term in characters: bounds the substring search. */
  maxZhLength: number;
  /** base64 of: per term, key (float64 LE), count (uint8), count × (category uint8, intensity uint8). */
  packed: string;
}

/**
 * The unpacked lexicon: an open-addressing table (linear probing) of the 53-bit keys over the
 * packed bytes themselves, in three typed arrays rather than a Map of one Uint8Array per term (~6 MB
 * of heap per thread for ~40k terms), so a process can build it once on SharedArrayBuffers and every
 * pipeline worker reads the same copy (text/emotion/tables.ts). Lookups give the same entries.
 */
export interface LexiconTables {
  categories: string[];
  maxZhLength: number;
  terms: number;
  /** Slot → key; a slot is empty when its start is −1. Length: a power of two, at least twice the terms. */
  keys: Float64Array;
  /** Slot → offset in bytes of the entry's (category, intensity) pairs; its pair count is the byte before. */
  starts: Int32Array;
  /** The packed lexicon (PackedLexicon.packed, decoded). */
  bytes: Uint8Array;
}

/** The slot a key's probe starts at: its low 32 bits (hash32 output, well spread) under the mask. */
const home = (key: number, mask: number) => (key >>> 0) & mask;

export function buildLexiconTables(source: PackedLexicon, alloc: TableAlloc = plainAlloc): LexiconTables {
  const decoded = Buffer.from(source.packed, 'base64');
  const bytes = new Uint8Array(alloc(decoded.byteLength));
  bytes.set(decoded);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let terms = 0;
  for (let offset = 0; offset < bytes.byteLength; offset += 9 + bytes[offset + 8] * 2) terms += 1;
  let capacity = 16;
  while (capacity < terms * 2) capacity *= 2;
  const mask = capacity - 1;
  const keys = new Float64Array(alloc(capacity * 8));
  const starts = new Int32Array(alloc(capacity * 4)).fill(-1);
  let unique = 0;
  for (let offset = 0; offset < bytes.byteLength; ) {
    const key = view.getFloat64(offset, true);
    const start = offset + 9;
    let slot = home(key, mask);
    while (starts[slot] !== -1 && keys[slot] !== key) slot = (slot + 1) & mask;
    // A key seen again replaces the entry, as Map.set did.
    if (starts[slot] === -1) unique += 1;
    keys[slot] = key;
    starts[slot] = start;
    offset = start + bytes[offset + 8] * 2;
  }
  return { categories: source.categories, maxZhLength: source.maxZhLength, terms: unique, keys, starts, bytes };
}

export class HashedLexicon {
  readonly categories: readonly string[];
  readonly maxZhLength: number;
  /** The packed entries: an entry found at `at` is bytes[at .. at + entryLength(at)), pairs of (category, intensity). */
  readonly bytes: Uint8Array;
  private readonly keys: Float64Array;
  private readonly starts: Int32Array;
  private readonly mask: number;
  private readonly terms: number;

  constructor(source: PackedLexicon | LexiconTables) {
    const tables = 'keys' in source ? source : buildLexiconTables(source);
    this.categories = tables.categories;
    this.maxZhLength = tables.maxZhLength;
    this.bytes = tables.bytes;
    this.keys = tables.keys;
    this.starts = tables.starts;
    this.mask = tables.keys.length - 1;
    this.terms = tables.terms;
  }

  get size(): number {
    return this.terms;
  }

  /** Where the term's entry starts in bytes, or −1 when the lexicon does not hold it. */
  find(language: TextLanguage, term: string): number {
    const key = hashKey53(`${language}:${term}`);
    const { keys, starts, mask } = this;
    for (let slot = home(key, mask); ; slot = (slot + 1) & mask) {
      const start = starts[slot];
      if (start === -1) return -1;
      if (keys[slot] === key) return start;
    }
  }

  /** Bytes of the entry found at `at`: two per (category, intensity) pair. */
  entryLength(at: number): number {
    return this.bytes[at - 1] * 2;
  }

  /** The term's entry as a view of the packed bytes (allocates: for tests and tools, not the hot path). */
  lookup(language: TextLanguage, term: string): LexiconEntry | undefined {
    const at = this.find(language, term);
    return at === -1 ? undefined : this.bytes.subarray(at, at + this.entryLength(at));
  }
}

/** Pack terms for shipping; terms are keyed as "<language>:<term>" and sorted for a stable file. */
export function packLexicon(
  categories: string[],
  terms: ReadonlyMap<string, ReadonlyMap<number, number>>,
): PackedLexicon {
  const keyed = [...terms.entries()].map(([term, cats]) => ({ key: hashKey53(term), term, cats }));
  keyed.sort((a, b) => a.key - b.key);
  let size = 0;
  for (const item of keyed) size += 9 + item.cats.size * 2;
  const buffer = Buffer.alloc(size);
  let offset = 0;
  let maxZhLength = 1;
  for (const item of keyed) {
    buffer.writeDoubleLE(item.key, offset);
    buffer.writeUInt8(Math.min(item.cats.size, 255), offset + 8);
    offset += 9;
    const sortedCats = [...item.cats.entries()].sort((a, b) => a[0] - b[0]);
    for (const [category, intensity] of sortedCats) {
      buffer.writeUInt8(category, offset);
      buffer.writeUInt8(Math.max(0, Math.min(255, Math.round(intensity * 255))), offset + 1);
      offset += 2;
    }
    if (item.term.startsWith('zh:')) maxZhLength = Math.max(maxZhLength, item.term.length - 3);
  }
  return { categories, maxZhLength, packed: buffer.toString('base64') };
}
