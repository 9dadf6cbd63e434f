// A frame's energy (Σ v², in double precision, in sample order) and zero crossings, in WebAssembly:
// every frame of both tracks pays for this loop, silent ones too, and V8's code for it took ~30
// instructions a sample (callgrind) where this takes about six (SIMD). The same operations in the same order
// (each float32 sample widened to double, squared, added), so the energy is bit-identical to the
// JavaScript loop's — test/features/levels.test.ts holds it to it. One instance per thread.

import {
  BLOCK, BR, BR_IF, END, F32_LOAD, F32X4_GE, F32X4_SPLAT, F64, F64_ADD, F64_CONST, F64_GE, F64_MUL, F64_PROMOTE_F32, F64X2_EXTRACT_LANE, F64X2_MUL,
  F64X2_PROMOTE_LOW_F32X4, GET, I32, I32_ADD, I32_CONST, I32_EQZ, I32_GE_S, I32_GT_S, I32_NE, I32_SHL, I32_STORE, I32X4_EXTRACT_LANE, I32X4_SUB, I8X16_SHUFFLE,
  LOOP, SET, V128, V128_CONST, V128_LOAD, V128_LOAD64_SPLAT, V128_XOR, VOID, leb, instantiateWasm, wasmModule,
} from './wasm-asm.js';

/** The frame's float32 samples are copied to byte 0; the crossings come back at CROSSINGS_BYTE. */
const CROSSINGS_BYTE = 65532;
const MAX_SAMPLES = CROSSINGS_BYTE / 4;

// levels(n) -> energy; crossings stored at CROSSINGS_BYTE. Four samples a step: their sign flags
// (sample ≥ 0, as lane masks) against the previous four's shifted by one lane count the crossings in
// four lanes; the samples are widened two by two to double and squared in lanes, and the squares added
// to the energy one by one, in order. The last n mod 4 samples one at a time. Locals: n, then the
// byte offset i, the crossings, the sign flags of this and the previous sample, then a sample and the
// energy, then the squares, this step's and the previous step's sign masks and the lane counts.
const [N, I, CROSSINGS, NON_NEG, PREV_NON_NEG, V, ENERGY, SQUARES, MASK, PREV_MASK, COUNTS] = Array.from({ length: 11 }, (_, i) => i);
const ZERO_V = [...V128_CONST, ...new Array<number>(16).fill(0)];
const nonNegMask = (load: number[]) => [...load, ...ZERO_V, ...F32X4_GE];
/** energy += a², b² for the two samples at byte i + offset */
const addSquares = (offset: number) => [
  GET, I, ...V128_LOAD64_SPLAT, 3, offset, ...F64X2_PROMOTE_LOW_F32X4, SET, SQUARES,
  GET, SQUARES, GET, SQUARES, ...F64X2_MUL, SET, SQUARES,
  GET, ENERGY, GET, SQUARES, ...F64X2_EXTRACT_LANE, 0, F64_ADD, SET, ENERGY,
  GET, ENERGY, GET, SQUARES, ...F64X2_EXTRACT_LANE, 1, F64_ADD, SET, ENERGY,
];
const sample = [GET, I, F32_LOAD, 2, 0, F64_PROMOTE_F32, SET, V];
const isNonNeg = [GET, V, F64_CONST, 0, 0, 0, 0, 0, 0, 0, 0, F64_GE];
const body = [
  BLOCK, VOID,
  I32_CONST, 0, GET, N, I32_GE_S, BR_IF, 0, // n ≤ 0: nothing to read
  GET, N, I32_CONST, 2, I32_SHL, SET, N, // n in bytes from here
  // Sample 0's flag in every lane: it has no predecessor, so it crosses nothing.
  ...nonNegMask([I32_CONST, 0, F32_LOAD, 2, 0, ...F32X4_SPLAT]), SET, PREV_MASK,
  BLOCK, VOID,
  LOOP, VOID,
  GET, I, I32_CONST, 16, I32_ADD, GET, N, I32_GT_S, BR_IF, 1,
  ...nonNegMask([GET, I, ...V128_LOAD, 2, 0]), SET, MASK,
  // Lanes: the previous sample's flag (the last of the previous step, then this step's first three).
  GET, COUNTS, GET, MASK, GET, PREV_MASK, GET, MASK, ...I8X16_SHUFFLE, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, ...V128_XOR, ...I32X4_SUB, SET, COUNTS,
  GET, MASK, SET, PREV_MASK,
  ...addSquares(0),
  ...addSquares(8),
  GET, I, I32_CONST, 16, I32_ADD, SET, I,
  BR, 0,
  END,
  END,
  ...[0, 1, 2, 3].flatMap((lane) => [GET, CROSSINGS, GET, COUNTS, ...I32X4_EXTRACT_LANE, lane, I32_ADD, SET, CROSSINGS]),
  GET, PREV_MASK, ...I32X4_EXTRACT_LANE, 3, I32_EQZ, I32_EQZ, SET, PREV_NON_NEG,
  LOOP, VOID,
  GET, I, GET, N, I32_GE_S, BR_IF, 1,
  ...sample,
  GET, ENERGY, GET, V, GET, V, F64_MUL, F64_ADD, SET, ENERGY,
  ...isNonNeg, SET, NON_NEG,
  GET, CROSSINGS, GET, NON_NEG, GET, PREV_NON_NEG, I32_NE, I32_ADD, SET, CROSSINGS,
  GET, NON_NEG, SET, PREV_NON_NEG,
  GET, I, I32_CONST, 4, I32_ADD, SET, I,
  BR, 0,
  END,
  END,
  I32_CONST, 0, GET, CROSSINGS, I32_STORE, 2, ...leb(CROSSINGS_BYTE),
  GET, ENERGY,
  END,
];

const MODULE_BYTES = wasmModule([{ name: 'levels', params: [I32], results: [F64], locals: [[4, I32], [2, F64], [4, V128]], body }]);

export interface Levels {
  /** Σ frame[i]² (double precision, in order); zero crossings of the frame are then in `crossings`. */
  energy(frame: Float32Array): number;
  readonly crossings: number;
}

let shared: Levels | null | undefined;

/** This thread's kernel, or null where WebAssembly is not available (callers keep their loop). */
export function wasmLevels(): Levels | null {
  if (shared === undefined) shared = instantiate();
  return shared;
}

function instantiate(): Levels | null {
  const instance = instantiateWasm(MODULE_BYTES);
  if (instance === null) return null;
  const levels = instance.exports.levels as (n: number) => number;
  const { buffer } = instance;
  const samples = new Float32Array(buffer);
  const ints = new Int32Array(buffer);
  return {
    energy(frame) {
      if (frame.length > MAX_SAMPLES) throw new RangeError(`frame of ${frame.length} samples is too long`);
      samples.set(frame, 0);
      return levels(frame.length);
    },
    get crossings() {
      return ints[CROSSINGS_BYTE / 4]!;
    },
  };
}
