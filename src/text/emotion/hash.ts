// String hashing shared by training and inference, so a feature lands in the same weight bucket
// in both: FNV-1a over UTF-16 code units with a murmur3 finaliser for spread.

/** FNV-1a's offset basis: the seed of every feature hash unless a per-language salt is set. */
export const HASH_SEED = 0x811c9dc5;

/** 32-bit FNV-1a of a string, finalised (unsigned). */
export function hash32(text: string, seed = HASH_SEED): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i += 1) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

// A second, independent seed: lexicon keys combine both so that a chance collision between an
// arbitrary substring and a lexicon term (looked up ~100 times per utterance) is negligible.
const SECOND_SEED = 0x9747b28c;

/** A 53-bit key for exact-membership lookups (safe as a JS number and a Map key). */
export function hashKey53(text: string): number {
  const high = hash32(text) & 0x1fffff;
  const low = hash32(text, SECOND_SEED);
  return high * 0x100000000 + low;
}
