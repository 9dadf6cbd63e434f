// The pitch tracker's arithmetic (pitch.ts) in WebAssembly SIMD: the lag correlation (correlateLags),
// sixteen lags per pass over the frame in eight 128-bit lane pairs, and around it the frame's mean,
// the centred samples with their running sums of squares and the normalised square difference of
// every lag (nsdf). The correlation is most of a voiced frame's cost and was the biggest single item
// of a pipeline worker (callgrind: a quarter of its instructions); scalar JavaScript keeps one
// multiply-add per instruction chain, SIMD does two. Every lag's sum is still taken over j in order,
// one IEEE multiply and one IEEE add per term (f64x2.mul / f64x2.add round each lane exactly as the
// scalar operations do; WebAssembly has no fused multiply-add here and never flushes subnormals), and
// the rest is the same operations in the same order as the JavaScript, so the values are bit-identical
// — test/features/correlate-simd.test.ts and pitch.test.ts hold them to it.
//
// The module is a few hundred bytes, assembled below (wasm-asm.ts has the encoding) rather than
// shipped as a binary, so what it does stays reviewable. One instance per thread (module state is
// per thread) serves every tracker of the thread: callers copy the frame into its memory and read
// the lags (or the nsdf) beside it.

import {
  BLOCK, BR, BR_IF, CALL, END, F32_LOAD, F64, F64_ADD, F64_CONVERT_I32_S, F64_DIV, F64_GT, F64_LE, F64_LOAD, F64_MUL, F64_PROMOTE_F32, F64_STORE, F64_SUB, F64X2_ADD,
  F64X2_MUL, F64X2_SPLAT, GET, I32, I32_ADD, I32_CONST, I32_EQZ, I32_GT_S, I32_LT_S, I32_SHL, IF, LOOP, RETURN, SELECT, SET, V128, V128_LOAD, V128_LOAD64_SPLAT,
  V128_STORE, VOID, f64Const, instantiateWasm, leb, sleb, wasmModule,
} from './wasm-asm.js';

/** corr: x at byte 0, results at OUT_BYTE: frames of up to 2048 samples, 2048 lags. */
const OUT_BYTE = 16384;
const MAX_VALUES = OUT_BYTE / 8;
/** nsdf: frames of up to 1024 samples; x at 0 and r at OUT_BYTE as for corr, then these. */
const PREFIX_BYTE = 32768;
const NSDF_BYTE = 45056;
const FRAME_BYTE = 57344;
const MAX_FRAME = 1024;

const i32 = (n: number) => [I32_CONST, ...sleb(n)];
const memarg = (offset: number) => [3, ...leb(offset)];
/** local = local + n */
const bump = (local: number, n: number) => [GET, local, ...i32(n), I32_ADD, SET, local];
/** while (cond) body: cond leaves an i32. */
const whileLoop = (cond: number[], body: number[]) => [BLOCK, VOID, LOOP, VOID, ...cond, I32_EQZ, BR_IF, 1, ...body, BR, 0, END, END];

// corr(x, out, span, first, lags): out[t] = Σ_{j<span} x[j]·x[j + first + t] for t < lags.
// Locals: the parameters 0–4, then t, p (byte address of x[j + first + t]), q (of x[j]), the end of
// q, the splat x[j], eight accumulators of two lags each, and the scalar tail's sum.
const [X, OUT, SPAN, FIRST, LAGS, T, P, Q, Q_END, A] = Array.from({ length: 10 }, (_, i) => i);
const ACCS = Array.from({ length: 8 }, (_, i) => 10 + i);
const SUM = 18;
/** p = x + (first + t) * 8; q = x */
const startLag = [GET, X, GET, FIRST, GET, T, I32_ADD, ...i32(3), I32_SHL, I32_ADD, SET, P, GET, X, SET, Q];

/** Lags t .. t + 2·accs − 1 in one pass over j, while that many remain. */
function passes(accs: number): number[] {
  const used = ACCS.slice(0, accs);
  return whileLoop([GET, T, ...i32(2 * accs), I32_ADD, GET, LAGS, I32_GT_S, I32_EQZ], [
    ...startLag,
    ...used.flatMap((s) => [...f64Const(0), ...F64X2_SPLAT, SET, s]),
    ...whileLoop([GET, Q, GET, Q_END, I32_LT_S], [
      GET, Q, ...V128_LOAD64_SPLAT, ...memarg(0), SET, A,
      ...used.flatMap((s, i) => [GET, s, GET, A, GET, P, ...V128_LOAD, ...memarg(16 * i), ...F64X2_MUL, ...F64X2_ADD, SET, s]),
      ...bump(Q, 8),
      ...bump(P, 8),
    ]),
    GET, OUT, GET, T, ...i32(3), I32_SHL, I32_ADD, SET, Q,
    ...used.flatMap((s, i) => [GET, Q, GET, s, ...V128_STORE, ...memarg(16 * i)]),
    ...bump(T, 2 * accs),
  ]);
}

const corrBody = [
  GET, X, GET, SPAN, ...i32(3), I32_SHL, I32_ADD, SET, Q_END,
  ...passes(8),
  ...passes(4),
  ...passes(1),
  // The last lag, if one remains, alone.
  ...whileLoop([GET, T, GET, LAGS, I32_LT_S], [
    ...startLag,
    ...f64Const(0), SET, SUM,
    ...whileLoop([GET, Q, GET, Q_END, I32_LT_S], [
      GET, SUM, GET, Q, F64_LOAD, ...memarg(0), GET, P, F64_LOAD, ...memarg(0), F64_MUL, F64_ADD, SET, SUM,
      ...bump(Q, 8),
      ...bump(P, 8),
    ]),
    GET, OUT, GET, T, ...i32(3), I32_SHL, I32_ADD, GET, SUM, F64_STORE, ...memarg(0),
    ...bump(T, 1),
  ]),
  END,
];

// nsdf(n, span, first, lags) -> the largest nsdf value (−2 when the head of the frame is silent):
// pitch.ts's estimate up to its clarity test, from the float32 frame at FRAME_BYTE. Locals: the
// parameters 0–3, then i, then the mean, a centred sample, the running sum of squares, the head's
// energy, the best value, a lag's energy m and its nsdf value.
const [N_, SPAN_, FIRST_, LAGS_, I_, MEAN, V_, SQUARES, HEAD, BEST, M, NV] = Array.from({ length: 12 }, (_, i) => i);
const frameSample = [GET, I_, ...i32(2), I32_SHL, F32_LOAD, 2, ...leb(FRAME_BYTE), F64_PROMOTE_F32];
const nsdfBody = [
  ...whileLoop([GET, I_, GET, N_, I32_LT_S], [GET, MEAN, ...frameSample, F64_ADD, SET, MEAN, ...bump(I_, 1)]),
  GET, MEAN, GET, N_, F64_CONVERT_I32_S, F64_DIV, SET, MEAN,
  ...i32(0), ...f64Const(0), F64_STORE, ...memarg(PREFIX_BYTE),
  ...i32(0), SET, I_,
  ...whileLoop([GET, I_, GET, N_, I32_LT_S], [
    ...frameSample, GET, MEAN, F64_SUB, SET, V_,
    GET, I_, ...i32(3), I32_SHL, GET, V_, F64_STORE, ...memarg(0),
    GET, SQUARES, GET, V_, GET, V_, F64_MUL, F64_ADD, SET, SQUARES,
    GET, I_, ...i32(3), I32_SHL, GET, SQUARES, F64_STORE, ...memarg(PREFIX_BYTE + 8),
    ...bump(I_, 1),
  ]),
  GET, SPAN_, ...i32(3), I32_SHL, F64_LOAD, ...memarg(PREFIX_BYTE), SET, HEAD,
  GET, HEAD, ...f64Const(0), F64_LE, IF, VOID, ...f64Const(-2), RETURN, END,
  ...i32(0), ...i32(OUT_BYTE), GET, SPAN_, GET, FIRST_, GET, LAGS_, CALL, 0,
  ...f64Const(-1), SET, BEST,
  ...i32(0), SET, I_,
  ...whileLoop([GET, I_, GET, LAGS_, I32_LT_S], [
    // m = head + prefix[tau + span] − prefix[tau], tau = first + i
    GET, HEAD,
    GET, FIRST_, GET, I_, I32_ADD, GET, SPAN_, I32_ADD, ...i32(3), I32_SHL, F64_LOAD, ...memarg(PREFIX_BYTE), F64_ADD,
    GET, FIRST_, GET, I_, I32_ADD, ...i32(3), I32_SHL, F64_LOAD, ...memarg(PREFIX_BYTE), F64_SUB, SET, M,
    ...f64Const(2), GET, I_, ...i32(3), I32_SHL, F64_LOAD, ...memarg(OUT_BYTE), F64_MUL, GET, M, F64_DIV,
    ...f64Const(0),
    GET, M, ...f64Const(0), F64_GT, SELECT, SET, NV,
    GET, I_, ...i32(3), I32_SHL, GET, NV, F64_STORE, ...memarg(NSDF_BYTE),
    GET, NV, GET, BEST, GET, NV, GET, BEST, F64_GT, SELECT, SET, BEST,
    ...bump(I_, 1),
  ]),
  GET, BEST,
  END,
];

const MODULE_BYTES = wasmModule([
  { name: 'corr', params: [I32, I32, I32, I32, I32], results: [], locals: [[4, I32], [9, V128], [1, F64]], body: corrBody },
  { name: 'nsdf', params: [I32, I32, I32, I32], results: [F64], locals: [[1, I32], [7, F64]], body: nsdfBody },
]);

export type Correlate = (x: Float64Array, span: number, firstLag: number, out: Float64Array) => void;

export interface PitchKernel {
  /** Same contract as correlateLags; x.length and out.length at most 2048. */
  correlate: Correlate;
  /**
   * pitch.ts's estimate up to the clarity test: the frame's nsdf at lags first .. first + lags − 1
   * into `nsdfOut(lags)`, returning its largest value, or −2 when the first `span` centred samples
   * have no energy. Frames of at most 1024 samples.
   */
  nsdf(frame: Float32Array, span: number, firstLag: number, lags: number): number;
  /** The nsdf values of the last call, a view of the kernel's memory (one per length, shared). */
  nsdfOut(lags: number): Float64Array;
}

let shared: PitchKernel | null | undefined;

/**
 * This thread's kernel (one instance, one 64 KiB memory, for every tracker of the thread), or null
 * where WebAssembly SIMD is not available (the caller keeps the JavaScript).
 */
export function pitchKernel(): PitchKernel | null {
  if (shared === undefined) shared = instantiate();
  return shared;
}

/** This thread's SIMD correlation, or null where WebAssembly SIMD is not available. */
export function simdCorrelate(): Correlate | null {
  return pitchKernel()?.correlate ?? null;
}

function instantiate(): PitchKernel | null {
  const instance = instantiateWasm(MODULE_BYTES);
  if (instance === null) return null;
  const corr = instance.exports.corr as (x: number, out: number, span: number, first: number, lags: number) => void;
  const nsdf = instance.exports.nsdf as (n: number, span: number, first: number, lags: number) => number;
  const memory = new Float64Array(instance.buffer);
  const frameIn = new Float32Array(instance.buffer, FRAME_BYTE, MAX_FRAME);
  const outAt = OUT_BYTE / 8;
  const views = new Map<number, Float64Array>();
  return {
    correlate(x, span, firstLag, out) {
      const lags = out.length;
      if (x.length > MAX_VALUES || lags > MAX_VALUES || firstLag + lags - 1 + span > x.length) throw new RangeError('correlation out of range');
      memory.set(x, 0);
      corr(0, OUT_BYTE, span, firstLag, lags);
      for (let t = 0; t < lags; t++) out[t] = memory[outAt + t]!;
    },
    nsdf(frame, span, firstLag, lags) {
      const n = frame.length;
      if (n > MAX_FRAME || span < 0 || firstLag < 0 || firstLag + lags - 1 + span > n) throw new RangeError('nsdf out of range');
      frameIn.set(frame);
      return nsdf(n, span, firstLag, lags);
    },
    nsdfOut(lags) {
      let view = views.get(lags);
      if (!view) views.set(lags, (view = new Float64Array(instance.buffer, NSDF_BYTE, lags)));
      return view;
    },
  };
}
