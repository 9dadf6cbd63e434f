// Cuts a stream of 8 kHz sample chunks of any length into overlapping analysis frames
// (FRAME_SIZE_SAMPLES every HOP_SIZE_SAMPLES). Each returned frame is a fresh copy the caller
// may keep; the framer retains only the last FRAME_SIZE_SAMPLES − HOP_SIZE_SAMPLES samples.

import { FRAME_SIZE_SAMPLES, HOP_SIZE_SAMPLES } from './types.js';

export class Framer {
  /** Samples not yet consumed by a hop; the first FRAME_SIZE − HOP of them are overlap. */
  private pending = new Float32Array(FRAME_SIZE_SAMPLES * 4);
  private pendingLength = 0;

  constructor() {}

  push(samples: Float32Array): Float32Array[] {
    this.reserve(this.pendingLength + samples.length);
    this.pending.set(samples, this.pendingLength);
    this.pendingLength += samples.length;
    const frames: Float32Array[] = [];
    let start = 0;
    while (start + FRAME_SIZE_SAMPLES <= this.pendingLength) {
      frames.push(this.pending.slice(start, start + FRAME_SIZE_SAMPLES));
      start += HOP_SIZE_SAMPLES;
    }
    if (start > 0) {
      this.pending.copyWithin(0, start, this.pendingLength);
      this.pendingLength -= start;
    }
    return frames;
  }

  private reserve(length: number): void {
    if (length <= this.pending.length) return;
    const grown = new Float32Array(Math.max(length, this.pending.length * 2));
    grown.set(this.pending.subarray(0, this.pendingLength));
    this.pending = grown;
  }
}
