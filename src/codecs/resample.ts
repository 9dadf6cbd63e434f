// Streaming sample-rate conversion with a windowed-sinc low-pass, so 16 kHz wideband calls and
// arbitrary-rate WAV files reach the models in the same 8 kHz band they were trained on.
// State carries across chunks: a call's audio arrives in 10–200 ms pieces.

const HALF_TAPS = 16;

export class Resampler {
  private readonly step: number;
  private readonly cutoff: number;
  private history: Float32Array;
  /** Position of the next output sample, in input samples relative to history[0]. */
  private pos: number;

  constructor(
    readonly fromHz: number,
    readonly toHz: number,
  ) {
    this.step = fromHz / toHz;
    // Cut below the lower Nyquist frequency, normalised to the input rate.
    this.cutoff = Math.min(1, toHz / fromHz) * 0.92;
    this.history = new Float32Array(HALF_TAPS * 2);
    this.pos = HALF_TAPS;
  }

  get isIdentity(): boolean {
    return this.fromHz === this.toHz;
  }

  push(input: Float32Array): Float32Array {
    if (this.isIdentity) return input;
    const buf = new Float32Array(this.history.length + input.length);
    buf.set(this.history);
    buf.set(input, this.history.length);
    const outCount = Math.max(0, Math.floor((buf.length - HALF_TAPS - this.pos) / this.step) + 1);
    const out = new Float32Array(outCount);
    let written = 0;
    let p = this.pos;
    while (p + HALF_TAPS < buf.length) {
      const centre = Math.floor(p);
      const frac = p - centre;
      let acc = 0;
      let norm = 0;
      for (let k = -HALF_TAPS + 1; k <= HALF_TAPS; k++) {
        const x = k - frac;
        const w = kernel(x, this.cutoff);
        acc += buf[centre + k]! * w;
        norm += w;
      }
      if (written < out.length) out[written++] = norm !== 0 ? acc / norm : 0;
      p += this.step;
    }
    // Keep enough tail for the next chunk's filter taps.
    const keepFrom = Math.max(0, Math.floor(p) - HALF_TAPS);
    this.history = buf.slice(keepFrom);
    this.pos = p - keepFrom;
    return written === out.length ? out : out.subarray(0, written);
  }
}

function kernel(x: number, cutoff: number): number {
  if (Math.abs(x) >= HALF_TAPS) return 0;
  const sinc = x === 0 ? cutoff : Math.sin(Math.PI * cutoff * x) / (Math.PI * x);
  // Blackman window over the taps.
  const n = (x + HALF_TAPS) / (2 * HALF_TAPS);
  const w = 0.42 - 0.5 * Math.cos(2 * Math.PI * n) + 0.08 * Math.cos(4 * Math.PI * n);
  return sinc * w;
}

/** One-shot conversion of a whole signal (offline tools). */
export function resample(samples: Float32Array, fromHz: number, toHz: number): Float32Array {
  if (fromHz === toHz) return samples;
  const r = new Resampler(fromHz, toHz);
  const head = r.push(samples);
  const tail = r.push(new Float32Array(HALF_TAPS * 2));
  const expected = Math.round((samples.length * toHz) / fromHz);
  const out = new Float32Array(expected);
  out.set(head.subarray(0, expected));
  if (head.length < expected) out.set(tail.subarray(0, expected - head.length), head.length);
  return out;
}
