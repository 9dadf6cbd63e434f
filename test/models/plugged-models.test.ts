// Plugged models on tiny randomly initialised directories in the real layout: tokenisation with the
// directory's tokenizer.json, label mapping (non-target into neutral), batching across requests,
// shedding, sentence pairs, calibration weights, and reload (a bad change keeps the model in force).

import { cpSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ort from 'onnxruntime-node';
import { Tokenizer } from '@huggingface/tokenizers';
import { afterAll, describe, expect, it } from 'vitest';
import { calibrationFrom, loadTextModel, loadVoiceModel, PluggedModelStore, writeCalibration, type ModelReloadResult } from '../../src/models/index.js';
import { tempDir, textModelDir, voiceModelDir, MODEL_LABELS, MODEL_MAPPING } from './model-dirs.js';

const root = tempDir();
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The reference: the directory's tokenizer and graph run directly, softmax, then the mapping by hand. */
async function reference(dir: string, text: string): Promise<Record<string, number>> {
  const tok = new Tokenizer(JSON.parse(readFileSync(join(dir, 'tokenizer.json'), 'utf8')), JSON.parse(readFileSync(join(dir, 'tokenizer_config.json'), 'utf8')));
  const e = tok.encode(text, { return_token_type_ids: true });
  const t = (v: number[]) => new ort.Tensor('int64', BigInt64Array.from(v.map(BigInt)), [1, v.length]);
  const session = await ort.InferenceSession.create(join(dir, 'onnx', 'model.onnx'));
  const logits = (await session.run({ input_ids: t(e.ids), attention_mask: t(e.attention_mask), token_type_ids: t(e.token_type_ids) })).logits!.data as Float32Array;
  await session.release();
  const exp = Array.from(logits, (x) => Math.exp(x));
  const sum = exp.reduce((a, b) => a + b, 0);
  const probs: Record<string, number> = { neutral: 0, anger: 0, anxiety: 0, disappointment: 0 };
  MODEL_LABELS.forEach((l, i) => {
    const target = MODEL_MAPPING[l as keyof typeof MODEL_MAPPING];
    probs[target === 'non-target' ? 'neutral' : target] += exp[i]! / sum;
  });
  return probs;
}

describe('a plugged text model', () => {
  const dir = textModelDir(join(root, 'text'));

  it('gives the directory graph’s own verdict, mapped, whatever else is in its batch', async () => {
    const model = await loadTextModel(dir);
    expect(model.takesPairs).toBe(true);
    const texts = ['I have been waiting for an hour', 'hello', '我要投诉你们', 'third time calling about my card'];
    // Concurrent requests go as one padded batch; padding must not change any row.
    const batched = await Promise.all(texts.map((text) => model.classify({ text })));
    for (const [i, text] of texts.entries()) {
      const want = await reference(dir, text);
      for (const l of ['neutral', 'anger', 'anxiety', 'disappointment'] as const) expect(batched[i]![l]).toBeCloseTo(want[l]!, 5);
    }
    await model.close();
  });

  it('takes the previous turns as a second segment, which changes the verdict', async () => {
    const model = await loadTextModel(dir);
    const alone = await model.classify({ text: 'third time calling' });
    const withContext = await model.classify({ text: 'third time calling', context: 'i have been waiting for an hour' });
    expect(alone).not.toEqual(withContext);
    // A context longer than the model's 64 positions is cut, not an error.
    const long = await model.classify({ text: 'third time calling', context: 'waiting '.repeat(200) });
    expect(long).not.toBeNull();
    await model.close();
  });

  it('sheds the oldest requests beyond its queue bound instead of queueing without bound', async () => {
    let shed = 0;
    const model = await loadTextModel(dir, { maxBatch: 4, maxPending: 6, maxAgeMs: 10_000, onShed: (n) => (shed += n) });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => model.classify({ text: `hello ${i}` })));
    expect(shed).toBe(14);
    expect(results.filter((r) => r === null)).toHaveLength(14);
    // The newest are the ones judged.
    expect(results.slice(14).every((r) => r !== null)).toBe(true);
    await model.close();
  });

  it('applies the calibration written for its version, and ignores one written for another', async () => {
    const calDir = textModelDir(join(root, 'text-cal'));
    const plain = await loadTextModel(calDir);
    const before = (await plain.classify({ text: 'hello' }))!;
    const scores = { anger: { precision: 0.5, recall: 0.4, f1: 0.44, support: 50, predicted: 40 } };
    writeCalibration(calDir, calibrationFrom(plain.version, 'test', scores));
    await plain.close();
    const calibrated = await loadTextModel(calDir);
    expect(calibrated.calibrated).toBe(true);
    const after = (await calibrated.classify({ text: 'hello' }))!;
    expect(after.anger).toBeCloseTo(before.anger * 0.5, 6);
    expect(after.anxiety).toBeCloseTo(before.anxiety, 6);
    expect(after.neutral).toBeCloseTo(before.neutral + before.anger * 0.5, 6);
    await calibrated.close();
    writeCalibration(calDir, calibrationFrom('text@000000000000', 'test', scores));
    const other = await loadTextModel(calDir);
    expect(other.calibrated).toBe(false);
    await other.close();
  });
});

describe('a plugged voice model', () => {
  it('judges 16 kHz windows, normalised per window, batched', async () => {
    const model = await loadVoiceModel(voiceModelDir(join(root, 'voice')));
    const tone = (gain: number) => Float32Array.from({ length: 48_000 }, (_, i) => gain * Math.sin(i * 0.07) + gain * 0.3 * Math.sin(i * 0.31));
    const [quiet, loud, other] = await Promise.all([model.classify(tone(0.05)), model.classify(tone(0.5)), model.classify(Float32Array.from({ length: 48_000 }, (_, i) => Math.sin(i * 0.011)))]);
    // Zero mean, unit variance: the same waveform at another level is the same input.
    for (const l of ['neutral', 'anger', 'anxiety', 'disappointment'] as const) expect(quiet![l]).toBeCloseTo(loud![l], 4);
    expect(other).not.toEqual(quiet);
    expect(Object.values(quiet!).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    await model.close();
  });
});

describe('reloading a model directory', () => {
  it('a change that fails validation keeps the model in force; a good one replaces it', async () => {
    const dir = voiceModelDir(join(root, 'reload'));
    const store = await PluggedModelStore.open({ text: '', voice: dir });
    const first = store.refs[0]!.version;
    const results: ModelReloadResult[] = [];
    store.onReload((r) => results.push(r));
    const callcueJson = readFileSync(join(dir, 'callcue.json'), 'utf8');
    writeFileSync(join(dir, 'callcue.json'), JSON.stringify({ labels: { angry: 'anger' }, languages: ['en'] }));
    const [bad] = await store.reload('voice');
    expect(bad).toMatchObject({ ok: false, version: first });
    expect(bad!.error).toContain(`model directory ${dir}: label "fearful"`);
    expect(store.refs[0]!.version).toBe(first);
    writeFileSync(join(dir, 'callcue.json'), callcueJson);
    cpSync(voiceModelDir(join(root, 'reload-v2'), { seed: 99 }), dir, { recursive: true });
    const [good] = await store.reload('voice');
    expect(good).toMatchObject({ ok: true, kind: 'voice', dir });
    expect(good!.version).not.toBe(first);
    expect(store.refs[0]!.version).toBe(good!.version);
    expect(results.map((r) => r.ok)).toEqual([false, true]);
    await store.close();
  });

  it('notices a changed directory by itself (watch), as the playbook does', async () => {
    const dir = textModelDir(join(root, 'watched'));
    const store = await PluggedModelStore.open({ text: dir, voice: '' });
    const first = store.refs[0]!.version;
    store.watch(100);
    const next = new Promise<ModelReloadResult>((resolve) => store.onReload(resolve));
    cpSync(textModelDir(join(root, 'watched-v2'), { seed: 5 }), dir, { recursive: true });
    const r = await next;
    expect(r.ok).toBe(true);
    expect(r.version).not.toBe(first);
    await store.close();
  });

  it('follows a symlink re-pointed to another export (the usual way to swap a model atomically)', async () => {
    const v1 = textModelDir(join(root, 'release-1'));
    const v2 = textModelDir(join(root, 'release-2'), { seed: 11 });
    const v3 = textModelDir(join(root, 'release-3'), { seed: 12 });
    const link = join(root, 'current');
    symlinkSync(v1, link);
    const store = await PluggedModelStore.open({ text: link, voice: '' });
    const first = store.refs[0]!.version;
    store.watch(100);
    const repoint = async (target: string) => {
      const next = new Promise<ModelReloadResult>((resolve) => {
        const off = store.onReload((r) => {
          off();
          resolve(r);
        });
      });
      symlinkSync(target, `${link}.new`);
      renameSync(`${link}.new`, link);
      return next;
    };
    const second = await repoint(v2);
    expect(second.ok).toBe(true);
    expect(second.version).not.toBe(first);
    const third = await repoint(v3);
    expect(third.ok).toBe(true);
    expect(new Set([first, second.version, third.version]).size).toBe(3);
    await store.close();
  });
});
