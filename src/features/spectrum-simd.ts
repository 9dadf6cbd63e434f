// The spectral analyzer's arithmetic (spectral.ts) in WebAssembly SIMD: the Hann window, the radix-2
// FFT, the amplitude spectrum with its sums, the rolloff, the flux and the mel energies in one call,
// the DCT of the log mel energies in another. The FFT was the largest item of a pipeline worker after
// the pitch correlation (V8's code for a butterfly runs ~30 instructions; here two butterflies of a
// stage share one f64x2 chain). Every value is computed by the same IEEE operations in the same order
// as the JavaScript (f64x2 lanes round exactly as scalar f64 operations; WebAssembly has no fused
// multiply-add here and never flushes subnormals; sums that run over k stay serial), so the results
// are bit-identical — test/features/spectrum-simd.test.ts holds them to it. The logarithms stay in
// JavaScript (Math.log), since WebAssembly has none and an own one would round differently.
//
// One instance per thread and configuration holds the shared tables (window, twiddles, mel bank, DCT
// matrix, copied from the JavaScript tables) and the scratch; an analyzer's own state (the previous
// spectrum, for the flux) is copied in and out around each frame.

import { fftTables } from './fft.js';
import { MEL_BANDS, type SpectralTables } from './spectral-tables.js';
import {
  BLOCK, BR, BR_IF, END, F32_LOAD, F64, F64_ADD, F64_CONVERT_I32_S, F64_DIV, F64_GT, F64_LOAD, F64_LT, F64_MUL, F64_PROMOTE_F32, F64_SQRT, F64_STORE,
  F64X2_ADD, F64X2_EXTRACT_LANE, I8X16_SHUFFLE, F64X2_MUL, F64X2_SPLAT, F64X2_SQRT, F64X2_SUB, GET, I32, I32_ADD, I32_AND, I32_EQZ, I32_LOAD, I32_LT_S, I32_OR, I32_SHL, I32_SHR_U,
  I32_CONST, IF, LOOP, SELECT, SET, V128, V128_LOAD, V128_LOAD64_SPLAT, V128_STORE, VOID, f64Const, instantiateWasm, leb, sleb, wasmModule,
} from './wasm-asm.js';

/** Where the results of spectrum() are, in `results`. */
export const SUM = 0;
export const WEIGHTED = 1;
export const SUM_SQ = 2;
/** 1 when some amplitude is not > 0 (zero or NaN), else 0. */
export const ZERO_BINS = 3;
export const ROLLOFF_BIN = 4;
/** Σ (unit − previous unit)², before its square root. */
export const FLUX_SQ = 5;
const RESULTS = 6;

export interface SpectrumKernel {
  /**
   * Window, FFT, amplitudes (`amp`), the sums in `results`, the mel energies (`melEnergy`) of the
   * frame; `prevUnit` is read as the previous L2-normalised spectrum and overwritten with this one.
   */
  spectrum(frame: Float32Array, prevUnit: Float64Array): void;
  /** The DCT of the log mel energies written to `logMel`, into `mfcc`. */
  dct(): void;
  readonly amp: Float64Array;
  readonly results: Float64Array;
  readonly melEnergy: Float64Array;
  readonly logMel: Float64Array;
  readonly mfcc: Float64Array;
}

const i32 = (n: number) => [I32_CONST, ...sleb(n)];
/** A load or store's alignment hint and offset. */
const at = (offset: number, align = 3) => [align, ...leb(offset)];
const get = (local: number) => [GET, local];
const bump = (local: number, n: number) => [GET, local, ...i32(n), I32_ADD, SET, local];
/** while (cond) body: cond leaves an i32. */
const whileLoop = (cond: number[], body: number[]) => [BLOCK, VOID, LOOP, VOID, ...cond, I32_EQZ, BR_IF, 1, ...body, BR, 0, END, END];
const below = (local: number, limit: number) => [GET, local, ...i32(limit), I32_LT_S];

/** Byte offsets of the tables and scratch in the instance's memory. */
interface Layout {
  hannRev: number;
  rev: number;
  twRe: number;
  twIm: number;
  frame: number;
  re: number;
  im: number;
  power: number;
  amp: number;
  prev: number;
  melBands: number;
  melWeights: number;
  melEnergy: number;
  logMel: number;
  dctT: number;
  mfcc: number;
  results: number;
  end: number;
}

function layout(size: number, weightCount: number, mfccPairs: number): Layout {
  let end = 16;
  const take = (bytes: number) => {
    const offset = end;
    end += Math.ceil(bytes / 16) * 16;
    return offset;
  };
  const bins = size / 2;
  return {
    hannRev: take(size * 8),
    rev: take(size * 8),
    twRe: take(size * 8),
    twIm: take(size * 8),
    frame: take(size * 4),
    re: take(size * 8),
    im: take(size * 8),
    power: take(bins * 8),
    amp: take(bins * 8),
    prev: take(bins * 8),
    melBands: take(MEL_BANDS * 16),
    melWeights: take(weightCount * 8),
    melEnergy: take(MEL_BANDS * 8),
    logMel: take(MEL_BANDS * 8),
    dctT: take(MEL_BANDS * mfccPairs * 16),
    mfcc: take(mfccPairs * 16),
    results: take(RESULTS * 8),
    get end() {
      return end;
    },
  };
}

// spectrum()'s locals: i32 byte offsets and counters, f64 scalars, v128 lane pairs.
const [I, HALF, START, K, A, W, STOP, ZERO, RB] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
const [V, KF, SUM_L, WEIGHTED_L, SUM_SQ_L, ACC, TARGET, NORM, FLUX, E] = Array.from({ length: 10 }, (_, i) => 9 + i);
const [BR_V, BI_V, WR_V, WI_V, XR_V, XI_V, AR_V, AI_V, NORM_V, D_V, R01, R23, I01, I23, W2R, W2I] = Array.from({ length: 16 }, (_, i) => 19 + i);

/**
 * Two butterflies, lane by lane, at byte offset `a` of re/im, partner `half` bytes on, as fft.ts
 * computes it: x = b·w; b = a − x; a = a + x, with the twiddles already in WR_V / WI_V.
 */
function butterfly(L: Layout, a: number[], half: number[]): number[] {
  const b = [...a, ...half, I32_ADD];
  return [
    ...b, ...V128_LOAD, ...at(L.re), SET, BR_V,
    ...b, ...V128_LOAD, ...at(L.im), SET, BI_V,
    GET, BR_V, GET, WR_V, ...F64X2_MUL, GET, BI_V, GET, WI_V, ...F64X2_MUL, ...F64X2_SUB, SET, XR_V,
    GET, BR_V, GET, WI_V, ...F64X2_MUL, GET, BI_V, GET, WR_V, ...F64X2_MUL, ...F64X2_ADD, SET, XI_V,
    ...a, ...V128_LOAD, ...at(L.re), SET, AR_V,
    ...a, ...V128_LOAD, ...at(L.im), SET, AI_V,
    ...b, GET, AR_V, GET, XR_V, ...F64X2_SUB, ...V128_STORE, ...at(L.re),
    ...b, GET, AI_V, GET, XI_V, ...F64X2_SUB, ...V128_STORE, ...at(L.im),
    ...a, GET, AR_V, GET, XR_V, ...F64X2_ADD, ...V128_STORE, ...at(L.re),
    ...a, GET, AI_V, GET, XI_V, ...F64X2_ADD, ...V128_STORE, ...at(L.im),
  ];
}

const LOW_LANES = [0, 1, 2, 3, 4, 5, 6, 7, 16, 17, 18, 19, 20, 21, 22, 23];
const HIGH_LANES = [8, 9, 10, 11, 12, 13, 14, 15, 24, 25, 26, 27, 28, 29, 30, 31];

/**
 * One stage's two butterflies on the four values (R01, R23) / (I01, I23) hold, with twiddles
 * (wr, wi): partners are lane 0 with lane 1 of the same register, regrouped so a = (R01₀, R23₀) and
 * b = (R01₁, R23₁); results stay regrouped (a results in R01, b results in R23), which is exactly the
 * pairing of the next stage (x₀ with x₂, x₁ with x₃) — and, after it, the values' own order.
 */
function inRegisters(wr: number, wi: number): number[] {
  const regroup = (lo: number, hi: number, a: number, b: number) => [
    GET, lo, GET, hi, ...I8X16_SHUFFLE, ...LOW_LANES, SET, a,
    GET, lo, GET, hi, ...I8X16_SHUFFLE, ...HIGH_LANES, SET, b,
  ];
  return [
    ...regroup(R01, R23, AR_V, BR_V),
    ...regroup(I01, I23, AI_V, BI_V),
    GET, BR_V, GET, wr, ...F64X2_MUL, GET, BI_V, GET, wi, ...F64X2_MUL, ...F64X2_SUB, SET, XR_V,
    GET, BR_V, GET, wi, ...F64X2_MUL, GET, BI_V, GET, wr, ...F64X2_MUL, ...F64X2_ADD, SET, XI_V,
    GET, AR_V, GET, XR_V, ...F64X2_ADD, SET, R01,
    GET, AR_V, GET, XR_V, ...F64X2_SUB, SET, R23,
    GET, AI_V, GET, XI_V, ...F64X2_ADD, SET, I01,
    GET, AI_V, GET, XI_V, ...F64X2_SUB, SET, I23,
  ];
}

function spectrumBody(size: number, L: Layout): number[] {
  const n8 = size * 8;
  const bins8 = (size / 2) * 8;
  return [
    // Window and bit reversal in one pass: re[i] = frame[rev[i]]·hann[rev[i]], im[i] = 0.
    ...i32(0), SET, I,
    ...whileLoop(below(I, n8), [
      GET, I,
      GET, I, I32_LOAD, ...at(L.rev, 2), F32_LOAD, ...at(L.frame, 2), F64_PROMOTE_F32,
      GET, I, F64_LOAD, ...at(L.hannRev), F64_MUL,
      F64_STORE, ...at(L.re),
      GET, I, ...f64Const(0), F64_STORE, ...at(L.im),
      ...bump(I, 8),
    ]),
    // The first two stages (half = 1, 2) four values at a time, in registers: lanes regrouped so
    // that each stage's butterflies pair lane with lane (twiddle entries 0, then 1 and 2).
    ...i32(0), ...V128_LOAD64_SPLAT, ...at(L.twRe), SET, WR_V,
    ...i32(0), ...V128_LOAD64_SPLAT, ...at(L.twIm), SET, WI_V,
    ...i32(0), ...V128_LOAD, ...at(L.twRe + 8), SET, W2R,
    ...i32(0), ...V128_LOAD, ...at(L.twIm + 8), SET, W2I,
    ...i32(0), SET, A,
    ...whileLoop(below(A, n8), [
      GET, A, ...V128_LOAD, ...at(L.re), SET, R01,
      GET, A, ...V128_LOAD, ...at(L.re + 16), SET, R23,
      GET, A, ...V128_LOAD, ...at(L.im), SET, I01,
      GET, A, ...V128_LOAD, ...at(L.im + 16), SET, I23,
      ...inRegisters(WR_V, WI_V),
      ...inRegisters(W2R, W2I),
      GET, A, GET, R01, ...V128_STORE, ...at(L.re),
      GET, A, GET, R23, ...V128_STORE, ...at(L.re + 16),
      GET, A, GET, I01, ...V128_STORE, ...at(L.im),
      GET, A, GET, I23, ...V128_STORE, ...at(L.im + 16),
      ...bump(A, 32),
    ]),
    // Later stages two butterflies (k, k + 1) at a time; stage `half` reads its twiddles from
    // entries half − 1 + k of the per-stage tables, i.e. bytes HALF − 8 + K.
    ...i32(32), SET, HALF,
    ...whileLoop(below(HALF, n8), [
      ...i32(0), SET, START,
      ...whileLoop(below(START, n8), [
        ...i32(0), SET, K,
        ...whileLoop([GET, K, GET, HALF, I32_LT_S], [
          GET, HALF, GET, K, I32_ADD, ...V128_LOAD, ...at(L.twRe - 8), SET, WR_V,
          GET, HALF, GET, K, I32_ADD, ...V128_LOAD, ...at(L.twIm - 8), SET, WI_V,
          GET, START, GET, K, I32_ADD, SET, A,
          ...butterfly(L, [GET, A], [GET, HALF]),
          ...bump(K, 16),
        ]),
        GET, START, GET, HALF, ...i32(1), I32_SHL, I32_ADD, SET, START,
      ]),
      GET, HALF, ...i32(1), I32_SHL, SET, HALF,
    ]),
    // power = re² + im², amp = √power, two bins at a time.
    ...i32(0), SET, K,
    ...whileLoop(below(K, bins8), [
      GET, K, ...V128_LOAD, ...at(L.re), SET, AR_V,
      GET, K, ...V128_LOAD, ...at(L.im), SET, AI_V,
      GET, AR_V, GET, AR_V, ...F64X2_MUL, GET, AI_V, GET, AI_V, ...F64X2_MUL, ...F64X2_ADD, SET, XR_V,
      GET, K, GET, XR_V, ...V128_STORE, ...at(L.power),
      GET, K, GET, XR_V, ...F64X2_SQRT, ...V128_STORE, ...at(L.amp),
      ...bump(K, 16),
    ]),
    // The sums over k, in order.
    ...i32(0), SET, K,
    ...whileLoop(below(K, bins8), [
      GET, K, F64_LOAD, ...at(L.amp), SET, V,
      GET, SUM_L, GET, V, F64_ADD, SET, SUM_L,
      GET, WEIGHTED_L, GET, KF, GET, V, F64_MUL, F64_ADD, SET, WEIGHTED_L,
      GET, SUM_SQ_L, GET, K, F64_LOAD, ...at(L.power), F64_ADD, SET, SUM_SQ_L,
      GET, ZERO, GET, V, ...f64Const(0), F64_GT, I32_EQZ, I32_OR, SET, ZERO,
      GET, KF, ...f64Const(1), F64_ADD, SET, KF,
      ...bump(K, 8),
    ]),
    // Rolloff: the first bin where the running sum would reach 85 % of the total.
    GET, SUM_L, ...f64Const(0), F64_GT, IF, VOID,
    ...f64Const(0.85), GET, SUM_L, F64_MUL, SET, TARGET,
    ...whileLoop([...below(RB, bins8 - 8), GET, ACC, GET, RB, F64_LOAD, ...at(L.amp), F64_ADD, GET, TARGET, F64_LT, I32_AND], [
      GET, ACC, GET, RB, F64_LOAD, ...at(L.amp), F64_ADD, SET, ACC,
      ...bump(RB, 8),
    ]),
    END,
    // Flux: the L2-normalised spectrum against the previous one, which it replaces.
    ...f64Const(1), GET, SUM_SQ_L, F64_SQRT, F64_DIV, ...f64Const(0), GET, SUM_SQ_L, ...f64Const(0), F64_GT, SELECT, SET, NORM,
    GET, NORM, ...F64X2_SPLAT, SET, NORM_V,
    ...i32(0), SET, K,
    ...whileLoop(below(K, bins8), [
      GET, K, ...V128_LOAD, ...at(L.amp), GET, NORM_V, ...F64X2_MUL, SET, XR_V,
      GET, XR_V, GET, K, ...V128_LOAD, ...at(L.prev), ...F64X2_SUB, SET, D_V,
      GET, K, GET, XR_V, ...V128_STORE, ...at(L.prev),
      GET, D_V, GET, D_V, ...F64X2_MUL, SET, D_V,
      GET, FLUX, GET, D_V, ...F64X2_EXTRACT_LANE, 0, F64_ADD, SET, FLUX,
      GET, FLUX, GET, D_V, ...F64X2_EXTRACT_LANE, 1, F64_ADD, SET, FLUX,
      ...bump(K, 16),
    ]),
    // Mel energies: Σ weight·a·a over each band's bins (a band: its first bin's byte in amp, its
    // weights' byte count, its first weight's address).
    ...i32(0), SET, I,
    ...whileLoop(below(I, MEL_BANDS * 16), [
      GET, I, I32_LOAD, ...at(L.melBands, 2), SET, A,
      GET, I, I32_LOAD, ...at(L.melBands + 8, 2), SET, W,
      GET, W, GET, I, I32_LOAD, ...at(L.melBands + 4, 2), I32_ADD, SET, STOP,
      ...f64Const(0), SET, E,
      ...whileLoop([GET, W, GET, STOP, I32_LT_S], [
        GET, A, F64_LOAD, ...at(L.amp), SET, V,
        GET, E, GET, W, F64_LOAD, ...at(0), GET, V, F64_MUL, GET, V, F64_MUL, F64_ADD, SET, E,
        ...bump(A, 8),
        ...bump(W, 8),
      ]),
      GET, I, ...i32(1), I32_SHR_U, GET, E, F64_STORE, ...at(L.melEnergy),
      ...bump(I, 16),
    ]),
    ...i32(0), GET, SUM_L, F64_STORE, ...at(L.results + SUM * 8),
    ...i32(0), GET, WEIGHTED_L, F64_STORE, ...at(L.results + WEIGHTED * 8),
    ...i32(0), GET, SUM_SQ_L, F64_STORE, ...at(L.results + SUM_SQ * 8),
    ...i32(0), GET, ZERO, F64_CONVERT_I32_S, F64_STORE, ...at(L.results + ZERO_BINS * 8),
    ...i32(0), GET, RB, ...i32(3), I32_SHR_U, F64_CONVERT_I32_S, F64_STORE, ...at(L.results + ROLLOFF_BIN * 8),
    ...i32(0), GET, FLUX, F64_STORE, ...at(L.results + FLUX_SQ * 8),
    END,
  ];
}

// dct()'s locals: the output pair's byte offset, the mel band's, the matrix entry's, the sums.
const [KP, N, T, ACC_V] = [0, 1, 2, 3];

function dctBody(mfccPairs: number, L: Layout): number[] {
  return [
    ...whileLoop(below(KP, mfccPairs * 16), [
      ...f64Const(0), ...F64X2_SPLAT, SET, ACC_V,
      ...i32(0), SET, N,
      GET, KP, SET, T,
      ...whileLoop(below(N, MEL_BANDS * 8), [
        GET, ACC_V, GET, T, ...V128_LOAD, ...at(L.dctT), GET, N, ...V128_LOAD64_SPLAT, ...at(L.logMel), ...F64X2_MUL, ...F64X2_ADD, SET, ACC_V,
        ...bump(N, 8),
        ...bump(T, mfccPairs * 16),
      ]),
      GET, KP, GET, ACC_V, ...V128_STORE, ...at(L.mfcc),
      ...bump(KP, 16),
    ]),
    END,
  ];
}

const kernels = new Map<SpectralTables, SpectrumKernel | null>();

/**
 * This thread's kernel for the tables' configuration, or null where WebAssembly SIMD is not available
 * or the configuration does not suit it (the analyzer then keeps its JavaScript).
 */
export function spectrumKernel(tables: SpectralTables): SpectrumKernel | null {
  let kernel = kernels.get(tables);
  if (kernel === undefined) kernels.set(tables, (kernel = instantiate(tables)));
  return kernel;
}

function instantiate(tables: SpectralTables): SpectrumKernel | null {
  const { size, hann, melBank, dct, mfccCount } = tables;
  const bins = size / 2;
  if (size < 4 || melBank.some((b) => b.firstBin < 0 || b.firstBin + b.weights.length > bins)) return null;
  const weightCount = melBank.reduce((s, b) => s + b.weights.length, 0);
  const mfccPairs = Math.ceil(mfccCount / 2);
  const L = layout(size, weightCount, mfccPairs);
  const pages = Math.ceil(L.end / 65536);
  const bytes = wasmModule(
    [
      { name: 'spectrum', params: [], results: [], locals: [[9, I32], [10, F64], [16, V128]], body: spectrumBody(size, L) },
      { name: 'dct', params: [], results: [], locals: [[3, I32], [1, V128]], body: dctBody(mfccPairs, L) },
    ],
    pages,
  );
  const instance = instantiateWasm(bytes);
  if (instance === null) return null;
  const { buffer } = instance;
  const f64 = (offset: number, length: number) => new Float64Array(buffer, offset, length);
  const ints = new Int32Array(buffer);

  const { bitReversed, cos, sin } = fftTables(size);
  const hannRev = f64(L.hannRev, size);
  for (let i = 0; i < size; i++) {
    hannRev[i] = hann[bitReversed[i]!]!;
    ints[(L.rev + i * 8) / 4] = bitReversed[i]! * 4;
  }
  const twRe = f64(L.twRe, size);
  const twIm = f64(L.twIm, size);
  for (let half = 1; half < size; half <<= 1) {
    const step = size / (half << 1);
    for (let k = 0; k < half; k++) {
      twRe[half - 1 + k] = cos[k * step]!;
      twIm[half - 1 + k] = sin[k * step]!;
    }
  }
  let weightAt = L.melWeights;
  melBank.forEach((band, b) => {
    const at4 = (L.melBands + b * 16) / 4;
    ints[at4] = band.firstBin * 8;
    ints[at4 + 1] = band.weights.length * 8;
    ints[at4 + 2] = weightAt;
    f64(weightAt, band.weights.length).set(band.weights);
    weightAt += band.weights.length * 8;
  });
  const dctT = f64(L.dctT, MEL_BANDS * mfccPairs * 2);
  for (let n = 0; n < MEL_BANDS; n++) for (let k = 0; k < mfccCount; k++) dctT[n * mfccPairs * 2 + k] = dct[k * MEL_BANDS + n]!;

  const spectrum = instance.exports.spectrum as () => void;
  const frameIn = new Float32Array(buffer, L.frame, size);
  const prev = f64(L.prev, bins);
  return {
    spectrum(frame, prevUnit) {
      if (frame.length !== size || prevUnit.length !== bins) throw new RangeError(`a frame of ${size} samples and ${bins} previous bins, got ${frame.length} and ${prevUnit.length}`);
      frameIn.set(frame);
      prev.set(prevUnit);
      spectrum();
      prevUnit.set(prev);
    },
    dct: instance.exports.dct as () => void,
    amp: f64(L.amp, bins),
    results: f64(L.results, RESULTS),
    melEnergy: f64(L.melEnergy, MEL_BANDS),
    logMel: f64(L.logMel, MEL_BANDS),
    mfcc: f64(L.mfcc, mfccCount),
  };
}
