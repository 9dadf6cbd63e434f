// Cuts a stream of 8 kHz sample chunks of any length into overlapping analysis frames
// (FRAME_SIZE_SAMPLES every HOP_SIZE_SAMPLES). push() returns fresh copies the caller may keep;
// forEachFrame() lends each frame in turn as a view of the framer's own buffer, for the live path,
// which analyses a frame at once and keeps only its features (no allocation or copy per frame: the
// views are made once per position; copying each frame out sample by sample cost as much as
// analysing a silent frame). The framer retains only the last FRAME_SIZE_SAMPLES − HOP_SIZE_SAMPLES
// samples.

import { FRAME_SIZE_SAMPLES, HOP_SIZE_SAMPLES } from './types.js';

export class Framer {
  /** Samples not yet consumed by a hop; the first FRAME_SIZE − HOP of them are overlap. */
  private pending = new Float32Array(FRAME_SIZE_SAMPLES * 4);
  private pendingLength = 0;

  constructor() {}

  /** views[k]: the frame starting at sample k · HOP_SIZE_SAMPLES of `pending` (made on first use). */
  private views: Float32Array[] = [];

  push(samples: Float32Array): Float32Array[] {
    const frames: Float32Array[] = [];
    this.cut(samples, (start) => frames.push(this.pending.slice(start, start + FRAME_SIZE_SAMPLES)));
    return frames;
  }

  /** Calls visit with each new frame, lent: valid only during the call (the framer reuses its memory). */
  forEachFrame(samples: Float32Array, visit: (frame: Float32Array) => void): void {
    this.cut(samples, (start) => visit(this.view(start)));
  }

  private view(start: number): Float32Array {
    const k = start / HOP_SIZE_SAMPLES;
    return (this.views[k] ??= this.pending.subarray(start, start + FRAME_SIZE_SAMPLES));
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
    this.views = [];
  }
}
