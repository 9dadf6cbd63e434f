import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import wavefile from 'wavefile';
import { NORMALIZED_COUNT } from '../../src/features/index.js';
import { activeRms, gainForLevel } from '../../src/training/channel.js';
import { buildExamples, DEFAULT_DATASET_OPTIONS } from '../../src/training/dataset.js';
import type { ManifestRow } from '../../src/training/manifest.js';
import { voice } from '../features/signals.js';

const { WaveFile } = wavefile;

/** A tiny corpus of generated voices on disk: two speakers, four labels each. */
function corpus(): ManifestRow[] {
  const dir = mkdtempSync(join(tmpdir(), 'callcue-dataset-'));
  const rows: ManifestRow[] = [];
  ['a', 'b'].forEach((speaker, s) => {
    ['neutral', 'angry', 'sad', 'happy'].forEach((label, l) => {
      const samples = voice({ f0Hz: 110 + 40 * s + 15 * l, durationS: 1.5, syllablesPerS: 4, amplitude: 0.02 * (l + 1), seed: s * 10 + l });
      const wav = new WaveFile();
      wav.fromScratch(1, 8000, '16', Int16Array.from(samples, (v) => Math.round(v * 32767)));
      const path = join(dir, `${speaker}-${label}.wav`);
      writeFileSync(path, wav.toBuffer());
      rows.push({ path, corpus: 'synthetic', speaker, lang: 'xx', label, intensity: '' });
    });
  });
  return rows;
}

describe('gainForLevel', () => {
  it('brings a speaker’s clips to the line level on average, keeping their differences', () => {
    const quiet = voice({ f0Hz: 140, durationS: 1, amplitude: 0.01 });
    const loud = voice({ f0Hz: 140, durationS: 1, amplitude: 0.04 });
    const gainDb = gainForLevel(-26, [quiet, loud]);
    const db = (x: Float32Array): number => 20 * Math.log10(activeRms(x)) + gainDb;
    expect((db(quiet) + db(loud)) / 2).toBeCloseTo(-26, 5);
    expect(db(loud) - db(quiet)).toBeCloseTo(20 * Math.log10(4), 1);
    expect(gainForLevel(Number.NaN, [quiet])).toBe(0);
  });
});

describe('buildExamples', () => {
  it('scores only recordings at their own speed and perturbs later rounds', () => {
    const rows = corpus();
    const examples = buildExamples(rows, { ...DEFAULT_DATASET_OPTIONS, rounds: 3, speedPerturb: 0.1, seed: 4 });
    expect(examples).toHaveLength(rows.length * 3);
    expect(examples.every((e) => e.x.length === NORMALIZED_COUNT && e.x.every(Number.isFinite))).toBe(true);
    expect(examples.filter((e) => e.round === 0).every((e) => e.speed === 1)).toBe(true);
    const perturbed = examples.filter((e) => e.speed !== 1);
    expect(perturbed.length).toBeGreaterThan(0);
    expect(perturbed.every((e) => e.round > 0 && Math.abs(e.speed - 1) <= 0.1)).toBe(true);
  });

  it('is deterministic for a seed and never perturbs with speedPerturb 0', () => {
    const rows = corpus();
    const options = { ...DEFAULT_DATASET_OPTIONS, rounds: 2, seed: 9 };
    const a = buildExamples(rows, options);
    const b = buildExamples(rows, options);
    expect(a.map((e) => Array.from(e.x))).toEqual(b.map((e) => Array.from(e.x)));
    expect(buildExamples(rows, { ...options, speedPerturb: 0 }).every((e) => e.speed === 1)).toBe(true);
  });
});
