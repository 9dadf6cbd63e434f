// The pitch tracker's lag correlation (pitch.ts: correlateLags) in WebAssembly SIMD, two lags per
// 128-bit lane pair. It is most of a voiced frame's cost and the biggest single item of a pipeline
// worker (callgrind: a quarter of its instructions); scalar JavaScript keeps one multiply-add per
// instruction chain, SIMD does two. Every lag's sum is still taken over j in order, one IEEE
// multiply and one IEEE add per term (f64x2.mul / f64x2.add round each lane exactly as the scalar
// operations do; WebAssembly has no fused multiply-add here and never flushes subnormals), so the
// values are bit-identical to correlateLags' — test/features/correlate-simd.test.ts holds them to it.
//
// The module is a few hundred bytes, assembled below (wasm-asm.ts has the encoding) rather than
// shipped as a binary, so what it does stays reviewable. One instance per thread (module state is
// per thread): callers copy the frame into its memory, it writes the lags beside it, and they copy
// those out.

import { BLOCK, BR, BR_IF, END, F64, F64_ADD, F64_CONST, F64_LOAD, F64_MUL, F64_STORE, F64X2_ADD, F64X2_MUL, F64X2_SPLAT, GET, I32, I32_ADD, I32_CONST, I32_GE_S, I32_GT_S, I32_SHL, LOOP, SET, V128, V128_LOAD, V128_LOAD64_SPLAT, V128_STORE, VOID, instantiateWasm, wasmModule } from './wasm-asm.js';

/** Frame samples start at byte 0 and the results at OUT_BYTE: frames of up to 2048 samples, 2048 lags. */
const OUT_BYTE = 16384;
const MAX_VALUES = OUT_BYTE / 8;

// corr(x, out, span, first, lags): out[t] = Σ_{j<span} x[j]·x[j + first + t] for t < lags.
// Locals: the parameters 0–4, then t, j, p (byte address of x[j + first + t]), q (of x[j]), the
// splat x[j], four accumulators of two lags each, and the scalar tail's sum.
const [X, OUT, SPAN, FIRST, LAGS, T, J, P, Q, A, S0, S1, S2, S3, SUM] = Array.from({ length: 15 }, (_, i) => i);
const ZERO_F64 = [F64_CONST, 0, 0, 0, 0, 0, 0, 0, 0];
const memarg = (offset: number) => [3, offset];
/** local = local + n */
const bump = (local: number, n: number) => [GET, local, I32_CONST, n, I32_ADD, SET, local];
/** p = x + (first + t) * 8; q = x; j = 0 */
const startLag = [GET, X, GET, FIRST, GET, T, I32_ADD, I32_CONST, 3, I32_SHL, I32_ADD, SET, P, GET, X, SET, Q, I32_CONST, 0, SET, J];
const accumulate = (s: number, offset: number) => [GET, s, GET, A, GET, P, ...V128_LOAD, ...memarg(offset), ...F64X2_MUL, ...F64X2_ADD, SET, s];
const store = (s: number, offset: number) => [GET, Q, GET, s, ...V128_STORE, ...memarg(offset)];

const body = [
  // Eight lags at a time.
  BLOCK, VOID,
  LOOP, VOID,
  GET, T, I32_CONST, 8, I32_ADD, GET, LAGS, I32_GT_S, BR_IF, 1,
  ...startLag,
  ...[S0, S1, S2, S3].flatMap((s) => [...ZERO_F64, ...F64X2_SPLAT, SET, s]),
  BLOCK, VOID,
  LOOP, VOID,
  GET, J, GET, SPAN, I32_GE_S, BR_IF, 1,
  GET, Q, ...V128_LOAD64_SPLAT, ...memarg(0), SET, A,
  ...accumulate(S0, 0),
  ...accumulate(S1, 16),
  ...accumulate(S2, 32),
  ...accumulate(S3, 48),
  ...bump(Q, 8),
  ...bump(P, 8),
  ...bump(J, 1),
  BR, 0,
  END,
  END,
  GET, OUT, GET, T, I32_CONST, 3, I32_SHL, I32_ADD, SET, Q,
  ...store(S0, 0),
  ...store(S1, 16),
  ...store(S2, 32),
  ...store(S3, 48),
  ...bump(T, 8),
  BR, 0,
  END,
  END,
  // The remaining lags one at a time.
  BLOCK, VOID,
  LOOP, VOID,
  GET, T, GET, LAGS, I32_GE_S, BR_IF, 1,
  ...startLag,
  ...ZERO_F64, SET, SUM,
  BLOCK, VOID,
  LOOP, VOID,
  GET, J, GET, SPAN, I32_GE_S, BR_IF, 1,
  GET, SUM, GET, Q, F64_LOAD, ...memarg(0), GET, P, F64_LOAD, ...memarg(0), F64_MUL, F64_ADD, SET, SUM,
  ...bump(Q, 8),
  ...bump(P, 8),
  ...bump(J, 1),
  BR, 0,
  END,
  END,
  GET, OUT, GET, T, I32_CONST, 3, I32_SHL, I32_ADD, GET, SUM, F64_STORE, ...memarg(0),
  ...bump(T, 1),
  BR, 0,
  END,
  END,
  END,
];

const MODULE_BYTES = wasmModule([{ name: 'corr', params: [I32, I32, I32, I32, I32], results: [], locals: [[4, I32], [5, V128], [1, F64]], body }]);

export type Correlate = (x: Float64Array, span: number, firstLag: number, out: Float64Array) => void;

let shared: Correlate | null | undefined;

/**
 * This thread's SIMD correlation (one instance, one 64 KiB memory, for every tracker of the thread),
 * or null where WebAssembly SIMD is not available (the caller keeps the scalar one). Same contract
 * as correlateLags; x.length and out.length at most 2048.
 */
export function simdCorrelate(): Correlate | null {
  if (shared === undefined) shared = instantiate();
  return shared;
}

function instantiate(): Correlate | null {
  const instance = instantiateWasm(MODULE_BYTES);
  if (instance === null) return null;
  const corr = instance.exports.corr as (x: number, out: number, span: number, first: number, lags: number) => void;
  const memory = new Float64Array(instance.buffer);
  const outAt = OUT_BYTE / 8;
  return (x, span, firstLag, out) => {
    const lags = out.length;
    if (x.length > MAX_VALUES || lags > MAX_VALUES || firstLag + lags - 1 + span > x.length) throw new RangeError('correlation out of range');
    memory.set(x, 0);
    corr(0, OUT_BYTE, span, firstLag, lags);
    for (let t = 0; t < lags; t++) out[t] = memory[outAt + t]!;
  };
}
