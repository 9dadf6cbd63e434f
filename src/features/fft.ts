// In-place radix-2 FFT of a fixed size with precomputed tables. The frame analyzer runs
// 20,000 times a second per core under load, so tables are built once per thread and size, and
// nothing is allocated per transform. spectrum-simd.ts runs the same butterflies in WebAssembly.

export interface Fft {
  readonly size: number;
  /** Transforms re/im (length `size`) in place. */
  transform(re: Float64Array, im: Float64Array): void;
}

export interface FftTables {
  /** bitReversed[i]: i with its log2(size) bits reversed. */
  readonly bitReversed: Uint16Array;
  /** The twiddles: cos[k] = cos(2πk/size), sin[k] = −sin(2πk/size), for k < size/2. */
  readonly cos: Float64Array;
  readonly sin: Float64Array;
}

const built = new Map<number, FftTables>();

/** This thread's tables for the size (read-only; every transform of that size shares them). */
export function fftTables(size: number): FftTables {
  if (size < 2 || (size & (size - 1)) !== 0) throw new RangeError(`FFT size must be a power of two, got ${size}`);
  let tables = built.get(size);
  if (!tables) built.set(size, (tables = buildTables(size)));
  return tables;
}

function buildTables(size: number): FftTables {
  const bitReversed = new Uint16Array(size);
  const bits = Math.log2(size);
  for (let i = 0; i < size; i++) {
    let r = 0;
    for (let b = 0; b < bits; b++) r |= ((i >> b) & 1) << (bits - 1 - b);
    bitReversed[i] = r;
  }
  const cos = new Float64Array(size / 2);
  const sin = new Float64Array(size / 2);
  for (let i = 0; i < size / 2; i++) {
    cos[i] = Math.cos((2 * Math.PI * i) / size);
    sin[i] = -Math.sin((2 * Math.PI * i) / size);
  }
  return { bitReversed, cos, sin };
}

export function createFft(size: number): Fft {
  const { bitReversed, cos, sin } = fftTables(size);

  function transform(re: Float64Array, im: Float64Array): void {
    for (let i = 0; i < size; i++) {
      const j = bitReversed[i];
      if (j > i) {
        const tr = re[i];
        re[i] = re[j];
        re[j] = tr;
        const ti = im[i];
        im[i] = im[j];
        im[j] = ti;
      }
    }
    for (let half = 1; half < size; half <<= 1) {
      const step = size / (half << 1);
      for (let start = 0; start < size; start += half << 1) {
        for (let k = 0; k < half; k++) {
          const wr = cos[k * step];
          const wi = sin[k * step];
          const a = start + k;
          const b = a + half;
          const xr = re[b] * wr - im[b] * wi;
          const xi = re[b] * wi + im[b] * wr;
          re[b] = re[a] - xr;
          im[b] = im[a] - xi;
          re[a] += xr;
          im[a] += xi;
        }
      }
    }
  }

  return { size, transform };
}
