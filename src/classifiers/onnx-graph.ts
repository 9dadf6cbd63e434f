// Reading a small ONNX graph we wrote ourselves (src/training): its operator sequence, its
// initializers as float32 arrays and its metadata. The hot path computes these tiny models in
// TypeScript from the same file onnxruntime loads (see mlp-forward.ts for why).

import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export interface OnnxTensor {
  dims: number[];
  data: Float32Array;
}

export interface OnnxGraph {
  /** Operator types in graph order, comma-separated ("Gemm,Softmax"). */
  ops: string;
  /** An initializer by name; throws naming the file when it is missing. */
  tensor(name: string): OnnxTensor;
  has(name: string): boolean;
  metadata: Record<string, string>;
}

function floats(tensor: onnxProto.onnx.ITensorProto): Float32Array {
  if (tensor.rawData !== undefined && tensor.rawData !== null && tensor.rawData.length > 0) {
    const raw = tensor.rawData;
    // Copy to an aligned buffer: protobuf slices may start at any byte offset.
    const copy = new Uint8Array(raw.length);
    copy.set(raw);
    return new Float32Array(copy.buffer);
  }
  return Float32Array.from(tensor.floatData ?? []);
}

/** fileName only names the file in error messages. */
export function readOnnxGraph(bytes: Uint8Array, fileName: string): OnnxGraph {
  const model = onnx.ModelProto.decode(bytes);
  const graph = model.graph;
  if (graph === null || graph === undefined) throw new Error(`${fileName} has no graph`);
  const initializers = new Map((graph.initializer ?? []).map((t) => [t.name ?? '', t]));
  const metadata: Record<string, string> = {};
  for (const prop of model.metadataProps ?? []) {
    if (prop.key) metadata[prop.key] = prop.value ?? '';
  }
  return {
    ops: (graph.node ?? []).map((n) => n.opType).join(','),
    has: (name) => initializers.has(name),
    tensor(name) {
      const t = initializers.get(name);
      if (t === undefined) throw new Error(`${fileName}: initializer ${name} missing`);
      const data = floats(t);
      const dims = (t.dims ?? []).map(Number);
      if (data.length !== dims.reduce((a, d) => a * d, 1)) throw new Error(`${fileName}: initializer ${name} has ${data.length} values for dims [${dims.join(', ')}]`);
      return { dims, data };
    },
    metadata,
  };
}
