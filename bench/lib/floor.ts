// `--floor`: the least any analysis of these calls could cost — decoding the bytes the server
// received, cutting them into the pipeline's 32 ms frames every 10 ms, and one 256-point FFT of
// each Hann-windowed frame, on both tracks, with the project's own decoder, framer and FFT. Run
// in the bench process after the calls, on the same calls' messages, and reported in the same
// unit as the profile (CPU µs per call-second), so the pipeline's cost reads as a ratio to it.

import { decodeAudio } from '../../src/codecs/pcm.js';
import { Framer, FRAME_SIZE_SAMPLES } from '../../src/features/index.js';
import { createFft } from '../../src/features/fft.js';
import type { BenchCall } from './calls.js';
import { callMessages } from './messages.js';

export interface Floor {
  /** CPU µs per call-second: the best of `passes` passes (the least disturbed by other work). */
  usPerCallS: number;
  callSeconds: number;
  passes: number;
}

function onePass(calls: readonly BenchCall[], chunkMs: number): number {
  const fft = createFft(FRAME_SIZE_SAMPLES);
  const hann = new Float64Array(FRAME_SIZE_SAMPLES);
  for (let i = 0; i < FRAME_SIZE_SAMPLES; i++) hann[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (FRAME_SIZE_SAMPLES - 1));
  const re = new Float64Array(FRAME_SIZE_SAMPLES);
  const im = new Float64Array(FRAME_SIZE_SAMPLES);
  let checksum = 0;
  const t0 = process.cpuUsage();
  for (const call of calls) {
    const framers = [new Framer(), new Framer()];
    for (const pair of callMessages(call, chunkMs)) {
      for (let track = 0; track < 2; track++) {
        for (const frame of framers[track]!.push(decodeAudio(pair[track]!.subarray(1), 'mulaw'))) {
          for (let i = 0; i < FRAME_SIZE_SAMPLES; i++) {
            re[i] = frame[i]! * hann[i]!;
            im[i] = 0;
          }
          fft.transform(re, im);
          checksum += re[1]!;
        }
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
