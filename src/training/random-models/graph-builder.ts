// A small builder over the ONNX writer for transformer-shaped graphs: named values, random weights
// from a seeded generator, and the few composite layers (dense, layer norm, GELU, attention) that
// BERT- and wav2vec2-shaped encoders are made of. Only for randomly initialised stand-ins of real
// models (tests and the bench), never for trained weights.

import { encodeOnnxModel, type OnnxAttribute, type OnnxInitializer, type OnnxNodeSpec, type OnnxValue } from '../onnx-writer.js';
import { createRng, type Rng } from '../rng.js';

/** ONNX opset: LayerNormalization needs 17; ReduceMean still takes its axes as an attribute there. */
const OPSET = 17;

export class GraphBuilder {
  readonly nodes: OnnxNodeSpec[] = [];
  readonly initializers: OnnxInitializer[] = [];
  private count = 0;
  private readonly rng: Rng;
  /** Parameters held by float initializers (what a model card calls its size). */
  parameters = 0;

  constructor(seed: number) {
    this.rng = createRng(seed);
  }

  private name(prefix: string): string {
    return `${prefix}_${this.count++}`;
  }

  op(op: string, inputs: string[], attributes?: Record<string, OnnxAttribute>): string {
    const out = this.name(op.toLowerCase());
    this.nodes.push({ op, inputs, outputs: [out], attributes });
    return out;
  }

  /** Uniform in ±scale (a stand-in for a trained weight: only its shape and cost matter). */
  weight(dims: number[], scale = 0.05): string {
    const n = dims.reduce((a, d) => a * d, 1);
    const data = new Float32Array(n);
    for (let i = 0; i < n; i++) data[i] = (this.rng.next() * 2 - 1) * scale;
    return this.constant(dims, data);
  }

  filled(dims: number[], value: number): string {
    return this.constant(dims, new Float32Array(dims.reduce((a, d) => a * d, 1)).fill(value));
  }

  constant(dims: number[], data: Float32Array): string {
    const name = this.name('w');
    this.initializers.push({ name, dims, data });
    this.parameters += data.length;
    return name;
  }

  ints(values: number[], scalar = false): string {
    const name = this.name('i');
    this.initializers.push({ name, dims: scalar ? [] : [values.length], data: BigInt64Array.from(values.map(BigInt)) });
    return name;
  }

  dense(x: string, inDim: number, outDim: number): string {
    return this.op('Add', [this.op('MatMul', [x, this.weight([inDim, outDim])]), this.weight([outDim], 0.01)]);
  }

  layerNorm(x: string, dim: number): string {
    return this.op('LayerNormalization', [x, this.filled([dim], 1), this.filled([dim], 0)], { axis: { int: -1 }, epsilon: { float: 1e-5 } });
  }

  /** GELU the way exporters write it before opset 20: x · ½ · (1 + erf(x / √2)). */
  gelu(x: string): string {
    const erf = this.op('Erf', [this.op('Mul', [x, this.filled([], Math.SQRT1_2)])]);
    return this.op('Mul', [this.op('Mul', [x, this.filled([], 0.5)]), this.op('Add', [erf, this.filled([], 1)])]);
  }

  /** Multi-head self-attention on [batch, time, dim]; mask: an additive [batch, 1, 1, time] or null. */
  attention(x: string, dim: number, heads: number, mask: string | null): string {
    const headDim = dim / heads;
    const split = this.ints([0, 0, heads, headDim]);
    const project = (perm: number[]) => this.op('Transpose', [this.op('Reshape', [this.dense(x, dim, dim), split])], { perm: { ints: perm } });
    const q = project([0, 2, 1, 3]);
    const k = project([0, 2, 3, 1]);
    const v = project([0, 2, 1, 3]);
    let scores = this.op('Mul', [this.op('MatMul', [q, k]), this.filled([], 1 / Math.sqrt(headDim))]);
    if (mask) scores = this.op('Add', [scores, mask]);
    const context = this.op('MatMul', [this.op('Softmax', [scores], { axis: { int: -1 } }), v]);
    const merged = this.op('Reshape', [this.op('Transpose', [context], { perm: { ints: [0, 2, 1, 3] } }), this.ints([0, 0, dim])]);
    return this.dense(merged, dim, dim);
  }

  /** One post-norm transformer layer (BERT, wav2vec2-base). */
  encoderLayer(x: string, dim: number, heads: number, ffnDim: number, mask: string | null): string {
    const attended = this.layerNorm(this.op('Add', [x, this.attention(x, dim, heads, mask)]), dim);
    const ffn = this.dense(this.gelu(this.dense(attended, dim, ffnDim)), ffnDim, dim);
    return this.layerNorm(this.op('Add', [attended, ffn]), dim);
  }

  /** Renames the value `from` to the graph output `to` (an Identity node). */
  output(from: string, to: string): void {
    this.nodes.push({ op: 'Identity', inputs: [from], outputs: [to] });
  }

  encode(name: string, inputs: OnnxValue[], outputs: OnnxValue[]): Uint8Array {
    return encodeOnnxModel({ name, inputs, outputs, initializers: this.initializers, nodes: this.nodes, opset: OPSET });
  }
}
