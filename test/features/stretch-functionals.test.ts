// The baseline's stretch functionals, kept up frame by frame, against the batch computation of the
// same frames: every slot, bit for bit, after every frame of a track with speech of several
// voices, pauses, silence and noise (what the model sees must not move).

import { describe, expect, it } from 'vitest';
import { countSyllables, createFrameAnalyzer, FrameColumns, Framer, summaryFunctionals, windowFunctionals, type FrameFeatures } from '../../src/features/index.js';
import { StretchFunctionals } from '../../src/features/stretch-functionals.js';
import { SyllableCounter } from '../../src/features/syllables.js';
import { concat, silence, speechLike } from '../helpers/audio.js';
import { seededNoise } from './signals.js';

function noise(durationMs: number, amplitude: number, seed: number): Float32Array {
  const next = seededNoise(seed);
  return Float32Array.from({ length: durationMs * 8 }, () => (next() - 0.5) * amplitude);
}

function frames(): FrameFeatures[] {
  const audio = concat(
    silence(300),
    speechLike(1500, { pitchHz: 130, rateSylPerS: 4, amplitude: 0.3 }, 8000, 1),
    noise(400, 0.01, 2),
    speechLike(1200, { pitchHz: 240, rateSylPerS: 6, amplitude: 0.8 }, 8000, 3),
    silence(500),
    speechLike(900, { pitchHz: 95, rateSylPerS: 3, amplitude: 0.1 }, 8000, 4),
  );
  const analyzer = createFrameAnalyzer();
  return new Framer().push(audio).map((f) => analyzer.analyze(f));
}

const bits = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

describe('StretchFunctionals', () => {
  const all = frames();
  const columns = new FrameColumns();
  for (const f of all) columns.pushFrame(f);

  it('equals windowFunctionals of the frames so far after every frame, bit for bit', () => {
    const stretch = new StretchFunctionals('full');
    expect(all.filter((f) => f.isSpeech && f.pitchHz > 0).length).toBeGreaterThan(100);
    for (let n = 1; n <= all.length; n++) {
      stretch.append(columns, n - 1);
      expect(bits(stretch.functionals()), `after ${n} frames`).toEqual(bits(windowFunctionals(all.slice(0, n))));
    }
  });

  it('equals summaryFunctionals in the summary kind, and starts again on reset', () => {
    const stretch = new StretchFunctionals('summary');
    for (let i = 0; i < 120; i++) stretch.append(columns, i);
    stretch.reset();
    const rest = all.slice(120);
    for (let n = 1; n <= rest.length; n++) {
      stretch.append(columns, 120 + n - 1);
      expect(bits(stretch.functionals()), `after ${n} frames`).toEqual(bits(summaryFunctionals(rest.slice(0, n))));
    }
  });

  it('in the full kind, gives the summary slots alone as summaryFunctionals does, bit for bit', () => {
    const stretch = new StretchFunctionals('full');
    for (let n = 1; n <= all.length; n++) {
      stretch.append(columns, n - 1);
      expect(bits(stretch.functionals('summary')), `after ${n} frames`).toEqual(bits(summaryFunctionals(all.slice(0, n))));
    }
  });

  it('counts syllables frame by frame as countSyllables counts a window', () => {
    const counter = new SyllableCounter();
    expect(counter.count()).toBe(0);
    let seen = 0;
    for (let n = 1; n <= all.length; n++) {
      counter.push(columns, n - 1);
      const expected = countSyllables(all.slice(0, n));
      expect(counter.count()).toBe(expected);
      seen = expected;
    }
    expect(seen).toBeGreaterThan(5);
  });
});
