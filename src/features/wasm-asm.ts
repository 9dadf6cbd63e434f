// Just enough of the WebAssembly binary format to assemble the DSP kernels of this folder
// (correlate-simd.ts, levels.ts, spectrum-simd.ts) from readable opcode lists: no toolchain, nothing opaque in the
// repository. Opcodes from the WebAssembly core and SIMD specifications.

export const BLOCK = 0x02;
export const LOOP = 0x03;
export const IF = 0x04;
export const VOID = 0x40;
export const END = 0x0b;
export const BR = 0x0c;
export const BR_IF = 0x0d;
export const RETURN = 0x0f;
export const CALL = 0x10;
export const SELECT = 0x1b;
export const GET = 0x20;
export const SET = 0x21;
export const I32_CONST = 0x41;
export const F64_CONST = 0x44;
export const I32_EQZ = 0x45;
export const I32_NE = 0x47;
export const I32_LT_S = 0x48;
export const I32_GT_S = 0x4a;
export const I32_GE_S = 0x4e;
export const F64_LT = 0x63;
export const F64_GT = 0x64;
export const F64_LE = 0x65;
export const F64_GE = 0x66;
export const I32_ADD = 0x6a;
export const I32_AND = 0x71;
export const I32_OR = 0x72;
export const I32_SHL = 0x74;
export const I32_SHR_U = 0x76;
export const I32_LOAD = 0x28;
export const F32_LOAD = 0x2a;
export const F64_LOAD = 0x2b;
export const I32_STORE = 0x36;
export const F64_STORE = 0x39;
export const F64_SQRT = 0x9f;
export const F64_ADD = 0xa0;
export const F64_SUB = 0xa1;
export const F64_MUL = 0xa2;
export const F64_DIV = 0xa3;
export const F64_CONVERT_I32_S = 0xb7;
export const F64_PROMOTE_F32 = 0xbb;
const SIMD = 0xfd;
export const V128_LOAD = [SIMD, 0x00];
export const V128_LOAD64_SPLAT = [SIMD, 0x0a];
export const V128_STORE = [SIMD, 0x0b];
export const V128_CONST = [SIMD, 0x0c];
export const I8X16_SHUFFLE = [SIMD, 0x0d];
export const F32X4_SPLAT = [SIMD, 0x13];
export const F64X2_SPLAT = [SIMD, 0x14];
export const I32X4_EXTRACT_LANE = [SIMD, 0x1b];
export const F64X2_EXTRACT_LANE = [SIMD, 0x21];
export const F32X4_GE = [SIMD, 0x46];
export const V128_XOR = [SIMD, 0x51];
export const F64X2_PROMOTE_LOW_F32X4 = [SIMD, 0x5f];
export const I32X4_SUB = [SIMD, 0xb1, 0x01];
export const F64X2_SQRT = [SIMD, 0xef, 0x01];
export const F64X2_ADD = [SIMD, 0xf0, 0x01];
export const F64X2_SUB = [SIMD, 0xf1, 0x01];
export const F64X2_MUL = [SIMD, 0xf2, 0x01];
export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;

export interface WasmFunction {
  /** Exported under this name. */
  name: string;
  params: number[];
  results: number[];
  /** Runs of locals after the parameters: [count, type]. */
  locals: [number, number][];
  /** The instructions, ending with END. */
  body: number[];
}

/** Unsigned LEB128 (sizes, indices, memory offsets: all non-negative). */
export function leb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}
/** Signed LEB128 (i32.const immediates). */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/** f64.const x: the IEEE bits of x, little-endian. */
export function f64Const(x: number): number[] {
  return [F64_CONST, ...new Uint8Array(new Float64Array([x]).buffer)];
}

const vec = (items: number[][]) => [...leb(items.length), ...items.flat()];
const section = (id: number, bytes: number[]) => [id, ...leb(bytes.length), ...bytes];
const name = (s: string) => [s.length, ...Array.from(s, (c) => c.charCodeAt(0))];

/** A module of the functions (each its own type) and one exported memory, "mem", of `pages` × 64 KiB. */
export function wasmModule(fns: WasmFunction[], pages = 1): Uint8Array<ArrayBuffer> {
  const code = (f: WasmFunction) => {
    const body = [...vec(f.locals.map(([count, type]) => [...leb(count), type])), ...f.body];
    return [...leb(body.length), ...body];
  };
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, vec(fns.map((f) => [0x60, ...vec(f.params.map((p) => [p])), ...vec(f.results.map((r) => [r]))]))),
    ...section(3, vec(fns.map((_, i) => leb(i)))),
    ...section(5, [1, 0x00, ...leb(pages)]),
    ...section(7, vec([[...name('mem'), 0x02, 0], ...fns.map((f, i) => [...name(f.name), 0x00, ...leb(i)])])),
    ...section(10, vec(fns.map(code))),
  ]);
}

/**
 * An instance of a module wasmModule built, with its exports and its memory's buffer, or null where
 * this runtime cannot compile it (no WebAssembly, or no SIMD): callers then keep their JavaScript loop.
 */
export function instantiateWasm(bytes: Uint8Array<ArrayBuffer>): { exports: WebAssembly.Exports; buffer: ArrayBuffer } | null {
  try {
    const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes));
    return { exports: instance.exports, buffer: (instance.exports.mem as WebAssembly.Memory).buffer };
  } catch {
    return null;
  }
}
