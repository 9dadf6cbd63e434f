// `--floor`: the least any analysis of these calls could cost — decoding the bytes the server
// received, cutting them into the pipeline's 32 ms frames every 10 ms, and one 256-point FFT of
// each Hann-windowed frame, on both tracks. Run in the bench process after the calls, on the same
// calls' messages, and reported in the same unit as the profile (CPU µs per call-second), so the
// pipeline's cost reads as a ratio to it.
// The floor must not flatter that ratio, so it is done as well as it can be done in JavaScript:
// each message decoded into one reused buffer, frames lent from the framer (no allocation per
// frame), and a real-input radix-4 FFT (fft.js, about 3× faster than the complex radix-2 FFT the
// features use, whose output the models are trained on and which therefore stays). Allocating a
// decode buffer per message and a frame copy per frame, with our own FFT, more than doubled it.

import FFT from 'fft.js';
import { decodeAudioInto } from '../../src/codecs/pcm.js';
import { Framer, FRAME_SIZE_SAMPLES } from '../../src/features/index.js';
import type { BenchCall } from './calls.js';
import { callMessages } from './messages.js';

export interface Floor {
  /** CPU µs per call-second: the best of `passes` passes (the least disturbed by other work). */
  usPerCallS: number;
  callSeconds: number;
  passes: number;
}

function onePass(calls: readonly BenchCall[], chunkMs: number): number {
  const fft = new FFT(FRAME_SIZE_SAMPLES);
  const hann = new Float64Array(FRAME_SIZE_SAMPLES);
  for (let i = 0; i < FRAME_SIZE_SAMPLES; i++) hann[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (FRAME_SIZE_SAMPLES - 1));
  const windowed = new Float64Array(FRAME_SIZE_SAMPLES);
  const spectrum = new Float64Array(2 * FRAME_SIZE_SAMPLES);
  // The codec's own table; a message decoded straight from its bytes (skipping the track byte by
  // index: a subarray per message would be an allocation) into a reused buffer.
  const mulaw = decodeAudioInto(Uint8Array.from({ length: 256 }, (_, b) => b), 'mulaw', new Float32Array(256));
  const samples = new Float32Array(chunkMs * 16);
  const views = new Map<number, Float32Array>();
  let checksum = 0;
  const transform = (frame: Float32Array) => {
    for (let i = 0; i < FRAME_SIZE_SAMPLES; i++) windowed[i] = frame[i]! * hann[i]!;
    fft.realTransform(spectrum, windowed);
    checksum += spectrum[2]!;
  };
  const t0 = process.cpuUsage();
  for (const call of calls) {
    const framers = [new Framer(), new Framer()];
    for (const pair of callMessages(call, chunkMs)) {
      for (let track = 0; track < 2; track++) {
        const message = pair[track]!;
        const n = message.length - 1;
        for (let i = 0; i < n; i++) samples[i] = mulaw[message[i + 1]!]!;
        let view = views.get(n);
        if (!view) views.set(n, (view = samples.subarray(0, n)));
        framers[track]!.forEachFrame(view, transform);
      }
    }
  }
  const d = process.cpuUsage(t0);
  // Keeps the work observable, so no engine can skip it.
  if (Number.isNaN(checksum)) process.stderr.write('floor: NaN spectrum\n');
  return d.user + d.system;
}

/** At most maxCalls of the calls (the cost per call-second does not depend on how many). */
export function measureFloor(calls: readonly BenchCall[], chunkMs: number, durationS: number, maxCalls = 20, passes = 3): Floor {
  const sample = calls.slice(0, maxCalls);
  const callSeconds = sample.length * durationS;
  let best = Infinity;
  for (let p = 0; p < passes; p++) best = Math.min(best, onePass(sample, chunkMs));
  return { usPerCallS: Math.round(best / callSeconds), callSeconds, passes };
}
