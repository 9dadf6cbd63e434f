// OpenCC converters (opencc-js), one cache for the thread, each built on first use. Converting
// to Traditional (from 'cn') loads the phrase dictionaries into a trie of Maps that holds ~42 MB
// (measured: cn→tw, cn→twp and cn→hk each). Kept for the life of a pipeline worker, those tries
// made every major GC mark ~170 MB, and each such GC slowed the worker's event loop for ~250 ms:
// the emotion p99 of the 100-call bench jumped past 100 ms at every one (2026-11-29). They are
// needed only to compile rule tables and to convert fixed texts, so those converters are let go
// once idle and rebuilt (~0.1 s) if needed again. The Traditional→Simplified ones are small
// (2–3 MB), serve every Chinese caller line, and stay.

import { Converter } from 'opencc-js';

export type Convert = (text: string) => string;
export type OpenccVariant = 'cn' | 'tw' | 'twp' | 'hk';

/** A converter unused this long is released (only the large, to-Traditional ones). */
const IDLE_RELEASE_MS = 2000;

interface Entry {
  convert: Convert;
  lastUsedMs: number;
}

const resident = new Map<string, Convert>();
const releasable = new Map<string, Entry>();
let sweep: ReturnType<typeof setTimeout> | null = null;

function scheduleSweep(): void {
  if (sweep !== null) return;
  sweep = setTimeout(() => {
    sweep = null;
    const now = performance.now();
    for (const [key, e] of releasable) if (now - e.lastUsedMs >= IDLE_RELEASE_MS) releasable.delete(key);
    if (releasable.size > 0) scheduleSweep();
  }, IDLE_RELEASE_MS);
  // Never keeps a process (or a test) alive on its own.
  sweep.unref();
}

/** Converts text from one OpenCC variant to another. */
export function opencc(from: OpenccVariant, to: OpenccVariant): Convert {
  const key = `${from}>${to}`;
  if (from !== 'cn') {
    const existing = resident.get(key);
    if (existing !== undefined) return existing;
    const created: Convert = Converter({ from, to });
    resident.set(key, created);
    return created;
  }
  let entry = releasable.get(key);
  if (entry === undefined) {
    entry = { convert: Converter({ from, to }), lastUsedMs: 0 };
    releasable.set(key, entry);
  }
  entry.lastUsedMs = performance.now();
  scheduleSweep();
  return entry.convert;
}

/** How many to-Traditional converters are loaded now (for tests of the release). */
export function loadedToTraditional(): number {
  return releasable.size;
}
