// Code-generated test signals at 8 kHz (no recorded audio in tests).

import { INTERNAL_RATE_HZ } from '../../src/features/index.js';

export function seededNoise(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
}

export function sine(freqHz: number, amplitude: number, samples: number): Float32Array {
  return Float32Array.from({ length: samples }, (_, i) => amplitude * Math.sin((2 * Math.PI * freqHz * i) / INTERNAL_RATE_HZ));
}

export interface VoiceOptions {
  f0Hz: number;
  durationS: number;
  amplitude?: number;
  /** Syllables per second (half-wave amplitude modulation); 0 for a steady vowel. */
  syllablesPerS?: number;
  /** Line-noise amplitude. */
  noise?: number;
  seed?: number;
}

/** A vowel-like harmonic voice with optional syllabic modulation and line noise. */
export function voice(o: VoiceOptions): Float32Array {
  const n = Math.round(o.durationS * INTERNAL_RATE_HZ);
  const amplitude = o.amplitude ?? 0.2;
  const rand = seededNoise(o.seed ?? 7);
  const out = new Float32Array(n);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const t = i / INTERNAL_RATE_HZ;
    phase += (2 * Math.PI * o.f0Hz) / INTERNAL_RATE_HZ;
    let v = 0;
    for (let h = 1; h * o.f0Hz < 3600; h++) v += Math.sin(h * phase) / h;
    const env = o.syllablesPerS ? Math.max(0, Math.sin(2 * Math.PI * o.syllablesPerS * t)) : 1;
    out[i] = amplitude * 0.5 * v * env + (o.noise ?? 0.001) * rand();
  }
  return out;
}

export function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
