// Telephone-channel simulation for training and evaluation: the corpora are clean studio
// speech resampled to 8 kHz, the service hears PSTN/VoIP lines. One channel (gain, band, noise
// level, codec, loss rate) is drawn per simulated call and applied to each of its utterances,
// since a caller keeps one line for the whole call; noise and losses differ per utterance.

import { decodeAlaw, decodeMulaw, encodeAlaw, encodeMulaw } from '../codecs/g711.js';
import { floatToInt16, int16ToFloat } from '../codecs/pcm.js';
import { INTERNAL_RATE_HZ } from '../features/types.js';
import type { Rng } from './rng.js';

export interface ChannelParams {
  /** Gain applied to the clean audio, dB (set per call from speechLevelDb: see gainForLevel). */
  gainDb: number;
  /**
   * The caller's usual active speech level on this line, dBFS. The corpora were recorded at
   * arbitrary levels (RAVDESS peaks near −29 dBFS), so a gain drawn relative to the recording
   * pushed quiet actors below any telephone level and the VAD lost their sad and calm speech.
   */
  speechLevelDb: number;
  /** Apply the 300–3400 Hz telephone band-pass. */
  bandLimit: boolean;
  /** Line noise relative to the speech's active level, dB (Infinity = none). */
  snrDb: number;
  codec: 'mulaw' | 'alaw' | 'pcm';
  /** Probability that a 20 ms packet is lost (concealed by repeating the previous packet). */
  packetLoss: number;
}

export const CLEAN_CHANNEL: ChannelParams = { gainDb: 0, speechLevelDb: Number.NaN, bandLimit: false, snrDb: Infinity, codec: 'pcm', packetLoss: 0 };

/** Draws a plausible line: most calls are G.711 with moderate noise, a few are poor. */
export function drawChannel(rng: Rng): ChannelParams {
  return {
    gainDb: 0,
    // ITU-T P.56 nominal is −26 dBov; real lines spread about ±10 dB around it.
    speechLevelDb: rng.uniform(-36, -16),
    bandLimit: rng.next() < 0.7,
    snrDb: rng.uniform(12, 40),
    codec: rng.next() < 0.5 ? 'mulaw' : rng.next() < 0.8 ? 'alaw' : 'pcm',
    packetLoss: rng.next() < 0.7 ? 0 : rng.uniform(0, 0.04),
  };
}

/** Second-order section (RBJ cookbook), applied in place. */
function biquad(x: Float32Array, kind: 'highpass' | 'lowpass', cutoffHz: number): void {
  const w = (2 * Math.PI * cutoffHz) / INTERNAL_RATE_HZ;
  const alpha = Math.sin(w) / Math.SQRT2;
  const c = Math.cos(w);
  const [b0, b1, b2] = kind === 'lowpass' ? [(1 - c) / 2, 1 - c, (1 - c) / 2] : [(1 + c) / 2, -(1 + c), (1 + c) / 2];
  const a0 = 1 + alpha;
  const a1 = -2 * c;
  const a2 = 1 - alpha;
  let x1 = 0;
  let x2 = 0;
  let y1 = 0;
  let y2 = 0;
  for (let i = 0; i < x.length; i++) {
    const x0 = x[i];
    const y0 = (b0 * x0 + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2) / a0;
    x2 = x1;
    x1 = x0;
    y2 = y1;
    y1 = y0;
    x[i] = y0;
  }
}

/** RMS of the loudest half of 20 ms blocks: the speech level, not diluted by pauses. */
export function activeRms(x: Float32Array): number {
  const block = INTERNAL_RATE_HZ / 50;
  const energies: number[] = [];
  for (let s = 0; s + block <= x.length; s += block) {
    let e = 0;
    for (let i = s; i < s + block; i++) e += x[i] * x[i];
    energies.push(e / block);
  }
  if (energies.length === 0) return 0;
  energies.sort((a, b) => b - a);
  const top = energies.slice(0, Math.max(1, Math.floor(energies.length / 2)));
  return Math.sqrt(top.reduce((s, e) => s + e, 0) / top.length);
}

/**
 * The gain that brings a speaker's clips, on average, to the line's speech level. One gain per
 * call, so an angry clip stays louder than a sad one of the same caller.
 */
export function gainForLevel(speechLevelDb: number, clips: readonly Float32Array[]): number {
  const levels = clips.map(activeRms).filter((r) => r > 0).map((r) => 20 * Math.log10(r));
  if (levels.length === 0 || !Number.isFinite(speechLevelDb)) return 0;
  return speechLevelDb - levels.reduce((s, v) => s + v, 0) / levels.length;
}

/** Returns a new signal as heard through the channel. */
export function applyChannel(clean: Float32Array, p: ChannelParams, rng: Rng): Float32Array {
  const x = Float32Array.from(clean);
  if (p.bandLimit) {
    biquad(x, 'highpass', 300);
    biquad(x, 'lowpass', 3400);
  }
  const gain = 10 ** (p.gainDb / 20);
  for (let i = 0; i < x.length; i++) x[i] *= gain;
  if (Number.isFinite(p.snrDb)) {
    const noiseRms = activeRms(x) * 10 ** (-p.snrDb / 20);
    // Slightly low-passed noise: line hiss is not perfectly white.
    let prev = 0;
    for (let i = 0; i < x.length; i++) {
      const n = 0.7 * rng.gaussian() + 0.3 * prev;
      prev = n;
      x[i] += noiseRms * n * 1.3;
    }
  }
  if (p.packetLoss > 0) {
    const packet = INTERNAL_RATE_HZ / 50;
    for (let s = packet; s + packet <= x.length; s += packet) {
      if (rng.next() < p.packetLoss) x.copyWithin(s, s - packet, s);
    }
  }
  if (p.codec === 'pcm') return int16ToFloat(floatToInt16(x));
  const pcm = floatToInt16(x);
  return int16ToFloat(p.codec === 'mulaw' ? decodeMulaw(encodeMulaw(pcm)) : decodeAlaw(encodeAlaw(pcm)));
}
