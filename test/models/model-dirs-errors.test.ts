// Each bad model directory stops start-up with its own message naming the directory and the
// problem: a missing file, a label left unmapped, an input the graph does not take, a wrong output.

import { rmSync, writeFileSync, readFileSync, unlinkSync, renameSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTextModel, loadVoiceModel } from '../../src/models/index.js';
import { parseConfig } from '../../src/config/index.js';
import { startServer } from '../../src/server.js';
import { GraphBuilder } from '../../src/training/random-models/index.js';
import { tempDir, textModelDir, voiceModelDir } from './model-dirs.js';

const root = tempDir();
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = (kind: 'text' | 'voice') => (kind === 'text' ? textModelDir(join(root, `t${n++}`)) : voiceModelDir(join(root, `v${n++}`)));
const editJson = (file: string, edit: (j: Record<string, unknown>) => void) => {
  const j = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(j);
  writeFileSync(file, JSON.stringify(j));
};

/** A graph that takes something callcue does not feed (a log-mel or an image model). */
function writeGraphTaking(dir: string, input: string, dims: (string | number)[]): void {
  const g = new GraphBuilder(3);
  g.output(g.dense(g.op('ReduceMean', [input], { axes: { ints: [2] }, keepdims: { int: 0 } }), 4, 5), 'logits');
  writeFileSync(join(dir, 'onnx', 'model.onnx'), g.encode('odd', [{ name: input, dims }], [{ name: 'logits', dims: ['batch', 5] }]));
}

describe('a bad model directory gets its own clear message', () => {
  const cases: [string, 'text' | 'voice', (dir: string) => void, RegExp][] = [
    ['a directory that does not exist', 'text', (d) => rmSync(d, { recursive: true }), /does not exist/],
    ['config.json missing', 'text', (d) => unlinkSync(join(d, 'config.json')), /config\.json is missing/],
    ['config.json without id2label', 'voice', (d) => editJson(join(d, 'config.json'), (j) => delete j.id2label), /config\.json at "id2label"/],
    ['callcue.json missing', 'voice', (d) => unlinkSync(join(d, 'callcue.json')), /callcue\.json is missing/],
    ['a label left unmapped', 'text', (d) => editJson(join(d, 'callcue.json'), (j) => delete (j.labels as Record<string, string>).sad), /label "sad" of config\.json is not mapped in callcue\.json/],
    ['a label mapped to something callcue does not know', 'text', (d) => editJson(join(d, 'callcue.json'), (j) => ((j.labels as Record<string, string>).sad = 'sadness')), /callcue\.json at "labels\.sad"/],
    ['a mapping for a label the model does not have', 'voice', (d) => editJson(join(d, 'callcue.json'), (j) => ((j.labels as Record<string, string>).bored = 'neutral')), /maps "bored", which config\.json id2label does not have/],
    ['no languages', 'voice', (d) => editJson(join(d, 'callcue.json'), (j) => (j.languages = [])), /callcue\.json at "languages"/],
    ['the ONNX file missing', 'voice', (d) => unlinkSync(join(d, 'onnx', 'model.onnx')), /onnx\/model\.onnx or onnx\/model_quantized\.onnx is missing/],
    ['a corrupt ONNX file', 'text', (d) => writeFileSync(join(d, 'onnx', 'model.onnx'), 'not a model'), /onnx\/model\.onnx could not be loaded by onnxruntime/],
    ['tokenizer.json missing', 'text', (d) => unlinkSync(join(d, 'tokenizer.json')), /tokenizer\.json is missing/],
    ['preprocessor_config.json missing', 'voice', (d) => unlinkSync(join(d, 'preprocessor_config.json')), /preprocessor_config\.json is missing/],
    ['a log-mel feature extractor', 'voice', (d) => editJson(join(d, 'preprocessor_config.json'), (j) => (j.feature_extractor_type = 'WhisperFeatureExtractor')), /names WhisperFeatureExtractor; callcue feeds raw 16 kHz waveforms/],
    ['8 kHz preprocessing', 'voice', (d) => editJson(join(d, 'preprocessor_config.json'), (j) => (j.sampling_rate = 8000)), /sampling_rate is 8000/],
    ['a voice graph taking input_features', 'voice', (d) => writeGraphTaking(d, 'input_features', ['batch', 4, 'frames']), /the graph takes "input_features", which callcue does not provide/],
    ['a text graph taking pixel_values', 'text', (d) => writeGraphTaking(d, 'pixel_values', ['batch', 4, 3]), /the graph takes "pixel_values", which callcue does not provide/],
    ['more labels in config.json than the graph gives', 'text', (d) => editJson(join(d, 'config.json'), (j) => {
      (j.id2label as Record<string, string>)['5'] = 'bored';
      editJson(join(d, 'callcue.json'), (c) => ((c.labels as Record<string, string>).bored = 'neutral'));
    }), /"logits" has shape \[2, 5\]; config\.json id2label has 6 labels/],
  ];
  for (const [what, kind, spoil, message] of cases) {
    it(`${kind}: ${what}`, async () => {
      const dir = fresh(kind);
      spoil(dir);
      const load = kind === 'text' ? loadTextModel(dir) : loadVoiceModel(dir);
      await expect(load).rejects.toThrow(message);
      await expect(load).rejects.toThrow(`model directory ${dir}`);
    });
  }

  it('a quantized export (onnx/model_quantized.onnx alone) loads', async () => {
    const dir = fresh('text');
    renameSync(join(dir, 'onnx', 'model.onnx'), join(dir, 'onnx', 'model_quantized.onnx'));
    const model = await loadTextModel(dir);
    expect(model.version).toMatch(/@[0-9a-f]{12}$/);
    await model.close();
  });

  it('start-up stops with the message, naming the setting-given directory', async () => {
    const dir = fresh('voice');
    editJson(join(dir, 'callcue.json'), (j) => delete (j.labels as Record<string, string>).angry);
    const config = parseConfig({ port: 0, pipelineWorkers: 1, logLevel: 'silent', dbUrl: 'sqlite::memory:', voiceModel: dir });
    await expect(startServer(config)).rejects.toThrow(`model directory ${dir}: label "angry" of config.json is not mapped in callcue.json`);
    mkdirSync(join(root, 'empty'));
    const config2 = parseConfig({ port: 0, pipelineWorkers: 1, logLevel: 'silent', dbUrl: 'sqlite::memory:', textModel: join(root, 'empty') });
    await expect(startServer(config2)).rejects.toThrow(`model directory ${join(root, 'empty')}: config.json is missing`);
  });
});
