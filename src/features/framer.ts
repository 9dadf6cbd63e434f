// Cuts a stream of 8 kHz sample chunks of any length into overlapping analysis frames
// (FRAME_SIZE_SAMPLES every HOP_SIZE_SAMPLES). push() returns fresh copies the caller may keep;
// forEachFrame() lends one buffer for each frame in turn, for the live path, which analyses a frame
// at once and keeps only its features (no allocation per frame). The framer retains only the last
// FRAME_SIZE_SAMPLES − HOP_SIZE_SAMPLES samples.

import { FRAME_SIZE_SAMPLES, HOP_SIZE_SAMPLES } from './types.js';

export class Framer {
  /** Samples not yet consumed by a hop; the first FRAME_SIZE − HOP of them are overlap. */
  private pending = new Float32Array(FRAME_SIZE_SAMPLES * 4);
  private pendingLength = 0;

  constructor() {}

  private readonly lent = new Float32Array(FRAME_SIZE_SAMPLES);

  push(samples: Float32Array): Float32Array[] {
    const frames: Float32Array[] = [];
    this.cut(samples, (start) => frames.push(this.pending.slice(start, start + FRAME_SIZE_SAMPLES)));
    return frames;
  }

  /** Calls visit with each new frame in one reused buffer, valid only during the call. */
  forEachFrame(samples: Float32Array, visit: (frame: Float32Array) => void): void {
    const lent = this.lent;
    this.cut(samples, (start) => {
      const pending = this.pending;
      for (let i = 0; i < FRAME_SIZE_SAMPLES; i++) lent[i] = pending[start + i]!;
      visit(lent);
    });
  }

  private cut(samples: Float32Array, frameAt: (start: number) => void): void {
    this.reserve(this.pendingLength + samples.length);
    this.pending.set(samples, this.pendingLength);
    this.pendingLength += samples.length;
    let start = 0;
    while (start + FRAME_SIZE_SAMPLES <= this.pendingLength) {
      frameAt(start);
      start += HOP_SIZE_SAMPLES;
    }
    if (start > 0) {
      this.pending.copyWithin(0, start, this.pendingLength);
      this.pendingLength -= start;
    }
  }

  private reserve(length: number): void {
    if (length <= this.pending.length) return;
    const grown = new Float32Array(Math.max(length, this.pending.length * 2));
    grown.set(this.pending.subarray(0, this.pendingLength));
    this.pending = grown;
  }
}
