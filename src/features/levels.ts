// A frame's energy (Σ v², in double precision, in sample order) and zero crossings, in WebAssembly:
// every frame of both tracks pays for this loop, silent ones too, and V8's code for it took ~30
// instructions a sample (callgrind) where this takes a handful. The same operations in the same order
// (each float32 sample widened to double, squared, added), so the energy is bit-identical to the
// JavaScript loop's — test/features/levels.test.ts holds it to it. One instance per thread.

import { BLOCK, BR, BR_IF, END, F32_LOAD, F64, F64_ADD, F64_CONST, F64_GE, F64_MUL, F64_PROMOTE_F32, GET, I32, I32_ADD, I32_CONST, I32_GE_S, I32_NE, I32_SHL, I32_STORE, LOOP, SET, VOID, leb, instantiateWasm, wasmModule } from './wasm-asm.js';

/** The frame's float32 samples are copied to byte 0; the crossings come back at CROSSINGS_BYTE. */
const CROSSINGS_BYTE = 65532;
const MAX_SAMPLES = CROSSINGS_BYTE / 4;

// levels(n) -> energy; crossings stored at CROSSINGS_BYTE. Locals: n, then i, crossings, the sign
// flags (sample ≥ 0) of this and the previous sample, then the sample and the energy.
const [N, I, CROSSINGS, NON_NEG, PREV_NON_NEG, V, ENERGY] = Array.from({ length: 7 }, (_, i) => i);
const sample = [GET, I, I32_CONST, 2, I32_SHL, F32_LOAD, 2, 0, F64_PROMOTE_F32, SET, V];
const isNonNeg = [GET, V, F64_CONST, 0, 0, 0, 0, 0, 0, 0, 0, F64_GE];
const body = [
  BLOCK, VOID,
  I32_CONST, 0, GET, N, I32_GE_S, BR_IF, 0, // n ≤ 0: nothing to read
  ...sample,
  ...isNonNeg, SET, PREV_NON_NEG,
  LOOP, VOID,
  GET, I, GET, N, I32_GE_S, BR_IF, 1,
  ...sample,
  GET, ENERGY, GET, V, GET, V, F64_MUL, F64_ADD, SET, ENERGY,
  ...isNonNeg, SET, NON_NEG,
  GET, CROSSINGS, GET, NON_NEG, GET, PREV_NON_NEG, I32_NE, I32_ADD, SET, CROSSINGS,
  GET, NON_NEG, SET, PREV_NON_NEG,
  GET, I, I32_CONST, 1, I32_ADD, SET, I,
  BR, 0,
  END,
  END,
  I32_CONST, 0, GET, CROSSINGS, I32_STORE, 2, ...leb(CROSSINGS_BYTE),
  GET, ENERGY,
  END,
];

const MODULE_BYTES = wasmModule([{ name: 'levels', params: [I32], results: [F64], locals: [[4, I32], [2, F64]], body }]);

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
