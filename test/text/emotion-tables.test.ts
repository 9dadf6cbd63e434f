// The text model on tables a process loads once and its pipeline workers share (SharedArrayBuffers,
// src/text/emotion/tables.ts): the lexicon's hash table finds exactly what a Map of the packed
// entries finds (the representation before it), and the model on shared tables — also after being
// cloned as a worker receives them — gives bit-identical probabilities to the one loaded alone.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTextEmotion, loadTextModelTables, sharedAlloc, textModelFromTables, type TextEmotionModel, type TextModelTables } from '../../src/text/emotion/index.js';
import { hashKey53 } from '../../src/text/emotion/hash.js';
import { HashedLexicon } from '../../src/text/emotion/lexicon.js';
import { sidecarSchema } from '../../src/text/emotion/sidecar.js';
import { HELD_OUT_CALLCENTER } from '../../src/training/text/data/heldout-callcenter.js';

const MODELS_DIR = join(import.meta.dirname, '..', '..', 'models');

/** The packed lexicon decoded into a Map keyed by hash, as HashedLexicon held it before the table. */
function referenceMap(packed: string): Map<number, number[]> {
  const bytes = Buffer.from(packed, 'base64');
  const map = new Map<number, number[]>();
  for (let offset = 0; offset < bytes.length; ) {
    const key = bytes.readDoubleLE(offset);
    const count = bytes[offset + 8]!;
    map.set(key, [...bytes.subarray(offset + 9, offset + 9 + count * 2)]);
    offset += 9 + count * 2;
  }
  return map;
}

/** Every substring up to 6 characters and every word of the held-out lines: what the featurizers look up. */
function probes(): Array<['zh' | 'en', string]> {
  const out: Array<['zh' | 'en', string]> = [];
  for (const { text } of HELD_OUT_CALLCENTER) {
    for (const word of text.toLowerCase().split(/[^a-z']+/)) if (word) out.push(['en', word]);
    for (let i = 0; i < text.length; i++) for (let n = 1; n <= 6 && i + n <= text.length; n++) out.push(['zh', text.slice(i, i + n)]);
  }
  return out;
}

let plain: TextEmotionModel;
let tables: TextModelTables;
beforeAll(async () => {
  const loaded = await loadTextEmotion(MODELS_DIR);
  const shared = await loadTextModelTables(MODELS_DIR, sharedAlloc);
  if (loaded === null || shared === null) throw new Error(`the shipped text-emotion model is missing from ${MODELS_DIR}`);
  plain = loaded;
  tables = shared;
});

describe('the lexicon hash table', () => {
  it("finds every shipped term's entry and misses what a Map of the packed entries misses", () => {
    const sidecar = sidecarSchema.parse(JSON.parse(readFileSync(join(MODELS_DIR, 'text-emotion.json'), 'utf8')));
    const reference = referenceMap(sidecar.lexicon.packed);
    const lexicon = new HashedLexicon(tables.lexicon);
    expect(lexicon.size).toBe(reference.size);
    let hits = 0;
    for (const [language, term] of probes()) {
      const expected = reference.get(hashKey53(`${language}:${term}`));
      const found = lexicon.lookup(language, term);
      expect(found === undefined ? undefined : [...found]).toEqual(expected);
      if (expected) hits++;
    }
    expect(hits).toBeGreaterThan(20);
  });
});

describe('the text model on shared tables', () => {
  it('lives on SharedArrayBuffers: one copy a process, whatever the workers', () => {
    for (const a of [tables.linear.weights, tables.idf!, tables.lexicon.keys, tables.lexicon.starts, tables.lexicon.bytes]) expect(a.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(tables.sidecar.lexicon.packed).toBe('');
    expect(tables.sidecar.featurizer.idf).toBeUndefined();
  });

  it('gives bit-identical probabilities, labels, cues and strong phrases to the model loaded alone, cloned as a worker gets it too', () => {
    const shared = textModelFromTables(tables);
    const cloned = textModelFromTables(structuredClone(tables));
    let previous: string[] = [];
    for (const { text, language } of HELD_OUT_CALLCENTER) {
      const context = { callerPrevious: previous, agentLast: 'how can I help you today' };
      for (const ctx of [undefined, context]) {
        const expected = plain.classify(text, language, ctx);
        expect(shared.classify(text, language, ctx)).toEqual(expected);
        expect(cloned.classify(text, language, ctx)).toEqual(expected);
      }
      previous = [...previous.slice(-1), text];
    }
  });
});
