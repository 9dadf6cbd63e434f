// Streaming 2× upsampling (8 kHz → 16 kHz) for plugged voice models, polyphase: the two phases'
// windowed-sinc taps are computed once, so a second of audio costs ~0.5M multiply-adds. The
// general Resampler evaluates its kernel per tap per output sample — right for arbitrary rates,
// 30 ms of CPU per call-second for this one.

const TAPS_PER_PHASE = 32;
const TAPS = TAPS_PER_PHASE * 2;
/** Cut-off as a fraction of the output rate: just under the input's Nyquist (0.25). */
const CUTOFF = 0.25 * 0.92;

function phases(): [Float32Array, Float32Array] {
  const h = new Float64Array(TAPS);
  const centre = (TAPS - 1) / 2;
  for (let n = 0; n < TAPS; n++) {
    const x = n - centre;
    const sinc = Math.sin(2 * Math.PI * CUTOFF * x) / (Math.PI * x);
    const w = 0.42 - 0.5 * Math.cos((2 * Math.PI * n) / (TAPS - 1)) + 0.08 * Math.cos((4 * Math.PI * n) / (TAPS - 1));
    h[n] = sinc * w;
  }
  // Each phase passes DC at unit gain.
  const out: [Float32Array, Float32Array] = [new Float32Array(TAPS_PER_PHASE), new Float32Array(TAPS_PER_PHASE)];
  for (let p = 0; p < 2; p++) {
    let sum = 0;
    for (let k = 0; k < TAPS_PER_PHASE; k++) sum += h[2 * k + p]!;
    for (let k = 0; k < TAPS_PER_PHASE; k++) out[p]![k] = h[2 * k + p]! / sum;
  }
  return out;
}

const [EVEN, ODD] = phases();

export class Upsampler2x {
  /** The last TAPS_PER_PHASE − 1 input samples, then the new ones. */
  private history = new Float32Array(TAPS_PER_PHASE - 1);

  push(input: Float32Array): Float32Array {
    const keep = TAPS_PER_PHASE - 1;
    const buf = new Float32Array(keep + input.length);
    buf.set(this.history);
    buf.set(input, keep);
    const out = new Float32Array(input.length * 2);
    for (let n = 0; n < input.length; n++) {
      // Newest sample at buf[n + keep]; tap k reads k samples back.
      let even = 0;
      let odd = 0;
      for (let k = 0; k < TAPS_PER_PHASE; k++) {
        const x = buf[n + keep - k]!;
        even += EVEN[k]! * x;
        odd += ODD[k]! * x;
      }
      out[2 * n] = even;
      out[2 * n + 1] = odd;
    }
    this.history = buf.slice(buf.length - keep);
    return out;
  }
}
