// Speech-like test audio made at test time: voiced syllables (a harmonic source with a pitch
// contour, shaped by an amplitude envelope) separated by pauses, so VAD, pitch and rate all have
// something real to measure. Deterministic for a given seed.

export interface SyntheticVoice {
  pitchHz: number;
  /** Syllables per second. */
  rateSylPerS: number;
  /** Peak amplitude, 0..1. */
  amplitude: number;
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** durationMs of speech-like audio at sampleRateHz in [-1, 1]. */
export function speechLike(durationMs: number, voice: SyntheticVoice, sampleRateHz = 8000, seed = 1): Float32Array {
  const rand = rng(seed);
  const n = Math.round((durationMs / 1000) * sampleRateHz);
  const out = new Float32Array(n);
  const sylLen = sampleRateHz / voice.rateSylPerS;
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const syl = Math.floor(i / sylLen);
    const pos = (i % sylLen) / sylLen;
    // Every fifth syllable is a pause, as between phrases.
    const inPause = syl % 5 === 4;
    const env = inPause ? 0 : Math.sin(Math.PI * Math.min(1, pos / 0.8)) ** 2 * (pos < 0.8 ? 1 : 0);
    const f0 = voice.pitchHz * (1 + 0.08 * Math.sin((2 * Math.PI * i) / sampleRateHz * 1.3 + syl));
    phase += (2 * Math.PI * f0) / sampleRateHz;
    let v = 0;
    for (let h = 1; h <= 8; h++) {
      if (f0 * h > sampleRateHz / 2 - 200) break;
      v += Math.sin(phase * h) / h;
    }
    out[i] = voice.amplitude * 0.5 * env * v + (rand() - 0.5) * 0.002;
  }
  return out;
}

export function silence(durationMs: number, sampleRateHz = 8000): Float32Array {
  return new Float32Array(Math.round((durationMs / 1000) * sampleRateHz));
}

export function concat(...parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
