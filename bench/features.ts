// Benchmark of the per-frame hot path: FrameAnalyzer.analyze on a synthetic voiced signal.
// Budget: 100 frames/s per track, 100+ stereo calls on 2 cores → about 40 µs per frame.
// Run: npx tsc -p tsconfig.build.json && node dist/bench/features.js

import { pathToFileURL } from 'node:url';
import { createFrameAnalyzer, Framer, INTERNAL_RATE_HZ } from '../src/features/index.js';

/** A voiced, syllable-modulated signal with line noise, so every branch of the analyzer runs. */
export function syntheticSpeech(durationS: number, seed = 1): Float32Array {
  const n = Math.round(durationS * INTERNAL_RATE_HZ);
  const out = new Float32Array(n);
  let state = seed >>> 0;
  const noise = (): number => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const t = i / INTERNAL_RATE_HZ;
    const f0 = 140 + 30 * Math.sin(2 * Math.PI * 0.7 * t);
    phase += (2 * Math.PI * f0) / INTERNAL_RATE_HZ;
    let v = 0;
    for (let h = 1; h <= 12; h++) v += Math.sin(h * phase) / h;
    const syllable = Math.max(0, Math.sin(2 * Math.PI * 4 * t));
    const pause = Math.floor(t) % 3 === 2 ? 0 : 1;
    out[i] = 0.2 * v * syllable * pause + 0.003 * noise();
  }
  return out;
}

export function runFeaturesBench(durationS = 60): { p50Us: number; p95Us: number; p99Us: number; meanUs: number } {
  const frames = new Framer().push(syntheticSpeech(durationS));
  const analyzer = createFrameAnalyzer();
  for (let i = 0; i < 2000; i++) analyzer.analyze(frames[i % frames.length]);
  const timesUs = new Float64Array(frames.length);
  const started = process.hrtime.bigint();
  for (let i = 0; i < frames.length; i++) {
    const t0 = process.hrtime.bigint();
    analyzer.analyze(frames[i]);
    timesUs[i] = Number(process.hrtime.bigint() - t0) / 1000;
  }
  const meanUs = Number(process.hrtime.bigint() - started) / 1000 / frames.length;
  timesUs.sort();
  const at = (q: number): number => timesUs[Math.min(timesUs.length - 1, Math.floor(q * timesUs.length))];
  return { p50Us: at(0.5), p95Us: at(0.95), p99Us: at(0.99), meanUs };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = runFeaturesBench();
  const tracksPerCore = Math.floor(1e6 / r.meanUs / 100);
  console.log(
    `frame analyzer: p50 ${r.p50Us.toFixed(1)} µs, p95 ${r.p95Us.toFixed(1)} µs, p99 ${r.p99Us.toFixed(1)} µs, ` +
      `mean ${r.meanUs.toFixed(1)} µs → ${tracksPerCore} tracks per core at 100 frames/s`,
  );
  console.log(JSON.stringify({ bench: 'features', ...r, tracksPerCore }));
}
