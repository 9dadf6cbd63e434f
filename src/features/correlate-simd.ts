// The pitch tracker's lag correlation (pitch.ts: correlateLags) in WebAssembly SIMD, two lags per
// 128-bit lane pair. It is most of a voiced frame's cost and the biggest single item of a pipeline
// worker (callgrind: a quarter of its instructions); scalar JavaScript keeps one multiply-add per
// instruction chain, SIMD does two. Every lag's sum is still taken over j in order, one IEEE
// multiply and one IEEE add per term (f64x2.mul / f64x2.add round each lane exactly as the scalar
// operations do; WebAssembly has no fused multiply-add here and never flushes subnormals), so the
// values are bit-identical to correlateLags' — test/features/correlate-simd.test.ts holds them to it.
//
// The module is a few hundred bytes, assembled below rather than shipped as a binary so what it does
// stays reviewable. One instance per thread (module state is per thread): callers copy the frame
// into its memory, it writes the lags beside it, and they copy those out.

/** Frame samples start at byte 0 and the results at OUT_BYTE: frames of up to 2048 samples, 2048 lags. */
const OUT_BYTE = 16384;
const MAX_VALUES = OUT_BYTE / 8;

// Opcodes (WebAssembly core and SIMD specifications).
const BLOCK = 0x02;
const LOOP = 0x03;
const VOID = 0x40;
const END = 0x0b;
const BR = 0x0c;
const BR_IF = 0x0d;
const GET = 0x20;
const SET = 0x21;
const I32_CONST = 0x41;
const F64_CONST = 0x44;
const I32_GE_S = 0x4e;
const I32_GT_S = 0x4a;
const I32_ADD = 0x6a;
const I32_SHL = 0x74;
const F64_LOAD = 0x2b;
const F64_STORE = 0x39;
const F64_ADD = 0xa0;
const F64_MUL = 0xa2;
const SIMD = 0xfd;
const V128_LOAD = [SIMD, 0x00];
const V128_LOAD64_SPLAT = [SIMD, 0x0a];
const V128_STORE = [SIMD, 0x0b];
const F64X2_SPLAT = [SIMD, 0x14];
const F64X2_ADD = [SIMD, 0xf0, 0x01];
const F64X2_MUL = [SIMD, 0xf2, 0x01];
const I32 = 0x7f;
const F64 = 0x7c;
const V128 = 0x7b;

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

function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}
const section = (id: number, bytes: number[]) => [id, ...leb(bytes.length), ...bytes];
const name = (s: string) => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];
const locals = [3, 4, I32, 5, V128, 1, F64];
const code = [...locals, ...body];

const MODULE_BYTES = new Uint8Array([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
  ...section(1, [1, 0x60, 5, I32, I32, I32, I32, I32, 0]),
  ...section(3, [1, 0]),
  ...section(5, [1, 0x00, 1]),
  ...section(7, [2, ...name('mem'), 0x02, 0, ...name('corr'), 0x00, 0]),
  ...section(10, [1, ...leb(code.length), ...code]),
]);

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
  let instance: WebAssembly.Instance;
  try {
    instance = new WebAssembly.Instance(new WebAssembly.Module(MODULE_BYTES));
  } catch {
    return null;
  }
  const corr = instance.exports.corr as (x: number, out: number, span: number, first: number, lags: number) => void;
  const memory = new Float64Array((instance.exports.mem as WebAssembly.Memory).buffer);
  const outAt = OUT_BYTE / 8;
  return (x, span, firstLag, out) => {
    const lags = out.length;
    if (x.length > MAX_VALUES || lags > MAX_VALUES || firstLag + lags - 1 + span > x.length) throw new RangeError('correlation out of range');
    memory.set(x, 0);
    corr(0, OUT_BYTE, span, firstLag, lags);
    for (let t = 0; t < lags; t++) out[t] = memory[outAt + t]!;
  };
}
