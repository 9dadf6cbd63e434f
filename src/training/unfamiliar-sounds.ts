// Sounds a caller's line carries that are not a person speaking: hold music, line noise and hum,
// telephone signalling tones. Generated from a seed at the internal 8 kHz rate, so the voice
// model's "not a voice I know" detector can be trained and measured without any recording, and
// tests can make the same sounds at test time. Synthetic speech (espeak-ng) is in synthetic-speech.ts.

import { INTERNAL_RATE_HZ } from '../features/types.js';
import type { Rng } from './rng.js';

export type UnfamiliarSoundKind = 'music' | 'noise' | 'tones';
export const UNFAMILIAR_SOUND_KINDS: readonly UnfamiliarSoundKind[] = ['music', 'noise', 'tones'];

const TWO_PI = 2 * Math.PI;

/** A note with a few harmonics, an attack and a decay: organ, piano-like and soft-pad timbres. */
function addNote(out: Float32Array, startS: number, lengthS: number, freqHz: number, amplitude: number, timbre: number[], decayPerS: number, vibratoHz: number): void {
  const from = Math.max(0, Math.round(startS * INTERNAL_RATE_HZ));
  const to = Math.min(out.length, Math.round((startS + lengthS) * INTERNAL_RATE_HZ));
  const attack = 0.015 * INTERNAL_RATE_HZ;
  let phase = 0;
  for (let i = from; i < to; i++) {
    const t = (i - from) / INTERNAL_RATE_HZ;
    const f = freqHz * (1 + (vibratoHz > 0 ? 0.004 * Math.sin(TWO_PI * vibratoHz * t) : 0));
    phase += (TWO_PI * f) / INTERNAL_RATE_HZ;
    let v = 0;
    timbre.forEach((a, h) => {
      if ((h + 1) * f < INTERNAL_RATE_HZ / 2) v += a * Math.sin((h + 1) * phase);
    });
    const release = Math.min(1, (to - i) / attack);
    out[i] += amplitude * v * Math.min(1, (i - from) / attack) * release * Math.exp(-decayPerS * t);
  }
}

/** Hold music: a melody over chords in a major or pentatonic scale, at a random tempo and timbre. */
export function holdMusic(rng: Rng, durationS: number): Float32Array {
  const out = new Float32Array(Math.round(durationS * INTERNAL_RATE_HZ));
  const scale = rng.next() < 0.5 ? [0, 2, 4, 5, 7, 9, 11] : [0, 2, 4, 7, 9];
  const rootHz = 196 * 2 ** (rng.int(12) / 12);
  const beatS = 60 / rng.uniform(60, 140);
  const timbres = [
    [1, 0.5, 0.33, 0.25],
    [1, 0.1, 0.3, 0.05, 0.1],
    [1, 0.6, 0.2],
    [1],
  ];
  const timbre = timbres[rng.int(timbres.length)]!;
  const decayPerS = rng.next() < 0.5 ? rng.uniform(1, 4) : 0;
  const vibratoHz = rng.next() < 0.4 ? rng.uniform(4, 6) : 0;
  const note = (degree: number): number => {
    const octave = Math.floor(degree / scale.length);
    const step = scale[((degree % scale.length) + scale.length) % scale.length]!;
    return rootHz * 2 ** octave * 2 ** (step / 12);
  };
  // Chords: one every bar of four beats, on the scale's degrees 0, 3, 4 or 5.
  for (let bar = 0; bar * 4 * beatS < durationS; bar++) {
    const root = [0, 3, 4, 5][rng.int(4)]! - scale.length;
    for (const d of [0, 2, 4]) addNote(out, bar * 4 * beatS, 4 * beatS, note(root + d), 0.08, [1, 0.3], 0.3, 0);
  }
  let degree = rng.int(scale.length);
  for (let beat = 0; beat * beatS < durationS; ) {
    const beats = [0.5, 1, 1, 2][rng.int(4)]!;
    degree = Math.max(-2, Math.min(scale.length + 4, degree + rng.int(5) - 2));
    if (rng.next() < 0.9) addNote(out, beat * beatS, beats * beatS, note(degree), 0.25, timbre, decayPerS, vibratoHz);
    beat += beats;
  }
  return out;
}

/** Line noise: white, pink or brown noise, mains hum with harmonics, or crackle. */
export function lineNoise(rng: Rng, durationS: number): Float32Array {
  const out = new Float32Array(Math.round(durationS * INTERNAL_RATE_HZ));
  const kind = rng.int(5);
  if (kind === 3) {
    const mainsHz = rng.next() < 0.5 ? 50 : 60;
    for (let i = 0; i < out.length; i++) {
      let v = 0;
      for (let h = 1; h <= 7; h += 1) v += Math.sin((TWO_PI * mainsHz * h * i) / INTERNAL_RATE_HZ) / h;
      out[i] = 0.2 * v + 0.01 * rng.gaussian();
    }
    return out;
  }
  // Pink by Paul Kellet's economy filter; brown by a leaky integrator; crackle as sparse clicks.
  let b0 = 0;
  let b1 = 0;
  let b2 = 0;
  let brown = 0;
  for (let i = 0; i < out.length; i++) {
    const w = rng.gaussian();
    if (kind === 0) out[i] = 0.2 * w;
    else if (kind === 1) {
      b0 = 0.99765 * b0 + w * 0.099046;
      b1 = 0.963 * b1 + w * 0.2965164;
      b2 = 0.57 * b2 + w * 1.0526913;
      out[i] = 0.1 * (b0 + b1 + b2 + w * 0.1848);
    } else if (kind === 2) {
      brown = 0.995 * brown + 0.05 * w;
      out[i] = brown;
    } else out[i] = 0.01 * w + (rng.next() < 0.002 ? rng.uniform(-0.8, 0.8) : 0);
  }
  return out;
}

function addTone(out: Float32Array, fromS: number, toS: number, freqsHz: readonly number[], amplitude: number): void {
  const from = Math.max(0, Math.round(fromS * INTERNAL_RATE_HZ));
  const to = Math.min(out.length, Math.round(toS * INTERNAL_RATE_HZ));
  for (let i = from; i < to; i++) {
    let v = 0;
    for (const f of freqsHz) v += Math.sin((TWO_PI * f * i) / INTERNAL_RATE_HZ);
    out[i] += (amplitude * v) / freqsHz.length;
  }
}

const DTMF_ROWS = [697, 770, 852, 941];
const DTMF_COLUMNS = [1209, 1336, 1477];

/** Signalling: DTMF digits, ringback and busy cadences, dial tone, beeps, fax and modem tones. */
export function signallingTones(rng: Rng, durationS: number): Float32Array {
  const out = new Float32Array(Math.round(durationS * INTERNAL_RATE_HZ));
  const kind = rng.int(5);
  if (kind === 0) {
    for (let t = rng.uniform(0, 0.3); t < durationS; t += rng.uniform(0.15, 0.5)) {
      const on = rng.uniform(0.07, 0.2);
      addTone(out, t, t + on, [DTMF_ROWS[rng.int(4)]!, DTMF_COLUMNS[rng.int(3)]!], 0.4);
      t += on;
    }
  } else if (kind === 1 || kind === 2) {
    // Ringback (North America 440+480 Hz 2 s on 4 s off; UK/HK 400+450 Hz double ring) or busy.
    const [freqs, on, off] =
      kind === 1 ? (rng.next() < 0.5 ? [[440, 480], 2, 4] : [[400, 450], 0.4, 0.2]) : ([[480, 620], 0.5, 0.5] as [number[], number, number]);
    for (let t = rng.uniform(0, off); t < durationS; t += on + off) addTone(out, t, t + on, freqs as number[], 0.4);
  } else if (kind === 3) {
    addTone(out, 0, durationS, rng.next() < 0.5 ? [350, 440] : [425], 0.4);
  } else {
    const freqHz = [1000, 1100, 2100, 1400, 800][rng.int(5)]!;
    const beepS = rng.uniform(0.1, 3);
    for (let t = 0; t < durationS; t += beepS + rng.uniform(0.1, 2)) addTone(out, t, t + beepS, [freqHz], 0.4);
  }
  return out;
}

export function unfamiliarSound(kind: UnfamiliarSoundKind, rng: Rng, durationS: number): Float32Array {
  if (kind === 'music') return holdMusic(rng, durationS);
  if (kind === 'noise') return lineNoise(rng, durationS);
  return signallingTones(rng, durationS);
}
