// Writes small ONNX graphs (float tensors, a handful of standard operators) with onnx-proto,
// so models trained here in TypeScript run in onnxruntime-node like any other ONNX model.

import onnxProto from 'onnx-proto';

const { onnx } = onnxProto;

export type OnnxDim = number | string;

export interface OnnxValue {
  name: string;
  /** Numbers are fixed sizes, strings named (dynamic) dimensions. */
  dims: OnnxDim[];
  /** Element type; float unless said (token ids and masks are int64). */
  type?: 'float' | 'int64';
}

export interface OnnxInitializer {
  name: string;
  dims: number[];
  /** int64 initializers carry shapes and axes (Reshape, Unsqueeze). */
  data: Float32Array | BigInt64Array;
}

export type OnnxAttribute = { int: number } | { float: number } | { ints: number[] } | { string: string };

export interface OnnxNodeSpec {
  op: string;
  inputs: string[];
  outputs: string[];
  attributes?: Record<string, OnnxAttribute>;
}

export interface OnnxGraphSpec {
  name: string;
  inputs: OnnxValue[];
  outputs: OnnxValue[];
  initializers: OnnxInitializer[];
  nodes: OnnxNodeSpec[];
  /** Stored as the model's metadata_props. */
  metadata?: Record<string, string>;
  opset?: number;
}

const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;

function valueInfo(v: OnnxValue): onnxProto.onnx.IValueInfoProto {
  return {
    name: v.name,
    type: {
      tensorType: {
        elemType: v.type === 'int64' ? INT64 : FLOAT,
        shape: { dim: v.dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

function attribute(name: string, a: OnnxAttribute): onnxProto.onnx.IAttributeProto {
  const T = onnx.AttributeProto.AttributeType;
  if ('int' in a) return { name, type: T.INT, i: a.int };
  if ('float' in a) return { name, type: T.FLOAT, f: a.float };
  if ('string' in a) return { name, type: T.STRING, s: new TextEncoder().encode(a.string) };
  return { name, type: T.INTS, ints: a.ints };
}

export function encodeOnnxModel(spec: OnnxGraphSpec): Uint8Array {
  const model = onnx.ModelProto.create({
    irVersion: 8,
    producerName: 'callcue',
    opsetImport: [{ domain: '', version: spec.opset ?? 13 }],
    metadataProps: Object.entries(spec.metadata ?? {}).map(([key, value]) => ({ key, value })),
    graph: {
      name: spec.name,
      input: spec.inputs.map(valueInfo),
      output: spec.outputs.map(valueInfo),
      initializer: spec.initializers.map((t) => ({
        name: t.name,
        dims: t.dims,
        dataType: t.data instanceof BigInt64Array ? INT64 : FLOAT,
        rawData: new Uint8Array(t.data.buffer.slice(t.data.byteOffset, t.data.byteOffset + t.data.byteLength)),
      })),
      node: spec.nodes.map((n, i) => ({
        name: `${n.op.toLowerCase()}_${i}`,
        opType: n.op,
        input: n.inputs,
        output: n.outputs,
        attribute: Object.entries(n.attributes ?? {}).map(([k, a]) => attribute(k, a)),
      })),
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
