// A plugged voice emotion model (CALLCUE_VOICE_MODEL): a raw-waveform Hugging Face audio classifier
// (wav2vec2, HuBERT, WavLM, data2vec-audio / emotion2vec) exported to ONNX, run on 16 kHz windows
// of the caller's speech batched across the calls of this thread. The feature extraction is
// Wav2Vec2FeatureExtractor's: zero mean, unit variance per window when do_normalize is set.

import type { EmotionProbs } from '../frames/types.js';
import { readCalibration } from './calibration.js';
import { checkLogits, float32Tensor, int64Tensor, openGraph, type Tensor } from './graph-io.js';
import { ModelDirError, readModelLayout } from './layout.js';
import { DEFAULT_RUN_OPTIONS, PluggedBase, type RunLimits } from './plugged.js';

export const VOICE_MODEL_RATE_HZ = 16_000;

export class PluggedVoiceModel extends PluggedBase<Float32Array> {
  private normalise(x: Float32Array, into: Float32Array, at: number): void {
    if (!this.layout.preprocessor!.do_normalize) {
      into.set(x, at);
      return;
    }
    let mean = 0;
    for (let i = 0; i < x.length; i++) mean += x[i]!;
    mean /= x.length;
    let v = 0;
    for (let i = 0; i < x.length; i++) v += (x[i]! - mean) ** 2;
    const scale = 1 / Math.sqrt(v / x.length + 1e-7);
    for (let i = 0; i < x.length; i++) into[at + i] = (x[i]! - mean) * scale;
  }

  private async runOne(items: Float32Array[]): Promise<Float32Array> {
    // Windows of one length go as one batch; a shorter one is padded with zeros and masked when the
    // graph takes a mask (base models without one see a little silence).
    const n = items.length;
    const width = Math.max(...items.map((x) => x.length));
    const data = new Float32Array(n * width);
    const mask = new BigInt64Array(n * width);
    items.forEach((x, r) => {
      this.normalise(x, data, r * width);
      mask.fill(1n, r * width, r * width + x.length);
    });
    const feeds: Record<string, Tensor> = { input_values: float32Tensor(data, [n, width]) };
    if (this.graph.takes.has('attention_mask')) feeds.attention_mask = int64Tensor(mask, [n, width]);
    const result = await this.graph.session.run(feeds);
    return result[this.graph.output]!.data as Float32Array;
  }

  protected async run(items: Float32Array[]): Promise<EmotionProbs[]> {
    return this.mapRows(await this.runOne(items), items.length);
  }

  async probe(): Promise<void> {
    const probe = [new Float32Array(VOICE_MODEL_RATE_HZ), new Float32Array(VOICE_MODEL_RATE_HZ)];
    probe.forEach((x, r) => x.forEach((_, i) => (x[i] = Math.sin(i * (0.05 + r * 0.03)) * 0.1)));
    let logits: Float32Array;
    try {
      logits = await this.runOne(probe);
    } catch (err) {
      await this.graph.session.release();
      throw new ModelDirError(this.dir, `a probe run on 1 s of 16 kHz audio failed: ${(err as Error).message.split('\n')[0]}`);
    }
    const out = float32Tensor(logits, [probe.length, logits.length / probe.length]);
    await checkLogits(this.graph, this.layout, Number.isInteger(logits.length / probe.length) ? out : undefined, probe.length);
  }
}

export async function loadVoiceModel(dir: string, limits: RunLimits = DEFAULT_RUN_OPTIONS, version?: string): Promise<PluggedVoiceModel> {
  const layout = readModelLayout('voice', dir);
  const graph = await openGraph(layout, version);
  const model = new PluggedVoiceModel(layout, graph, readCalibration(layout.dir, graph.version), limits);
  await model.probe();
  return model;
}
