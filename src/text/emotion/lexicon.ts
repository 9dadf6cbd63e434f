// The emotion lexicons as the model ships them: each term is stored only as a 53-bit hash key with
// its (category, intensity) pairs, so the shipped sidecar carries no third-party word list while
// lookups stay exact. Built at training time from DUTIR, HowNet and NRC (see src/training/text).

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

export class HashedLexicon {
  readonly categories: readonly string[];
  readonly maxZhLength: number;
  private readonly entries = new Map<number, LexiconEntry>();

  constructor(source: PackedLexicon) {
    this.categories = source.categories;
    this.maxZhLength = source.maxZhLength;
    const bytes = Buffer.from(source.packed, 'base64');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let offset = 0;
    while (offset < bytes.byteLength) {
      const key = view.getFloat64(offset, true);
      const count = bytes[offset + 8];
      const start = offset + 9;
      this.entries.set(key, new Uint8Array(bytes.buffer, bytes.byteOffset + start, count * 2));
      offset = start + count * 2;
    }
  }

  get size(): number {
    return this.entries.size;
  }

  lookup(language: TextLanguage, term: string): LexiconEntry | undefined {
    return this.entries.get(hashKey53(`${language}:${term}`));
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
