// The commands take --model DIR: classify-text, classify-audio, eval-text and eval-prosody run a
// plugged model (made here, in the real layout), and the evals write the per-class calibration the
// fusion then uses for that model.

import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterAll, describe, expect, it, vi } from 'vitest';
import wavefile from 'wavefile';
import { runClassifyText } from '../../src/cli/text-classify.js';
import { runEvalText } from '../../src/cli/text-eval.js';
import { runClassifyAudio } from '../../src/cli/prosody-classify.js';
import { runEvalProsody } from '../../src/cli/prosody-eval.js';
import { loadTextModel, loadVoiceModel } from '../../src/models/index.js';
import { speechLike } from '../helpers/audio.js';
import { tempDir, textModelDir, voiceModelDir } from '../models/model-dirs.js';

const { WaveFile } = wavefile;
const root = tempDir();
afterAll(() => rmSync(root, { recursive: true, force: true }));

function wav(path: string, samples: Float32Array): string {
  const w = new WaveFile();
  w.fromScratch(1, 8000, '16', Int16Array.from(samples, (v) => Math.round(Math.max(-1, Math.min(1, v)) * 32767)));
  writeFileSync(path, w.toBuffer());
  return path;
}

async function captured(run: () => Promise<number>): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => (out.push(String(c)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => (err.push(String(c)), true));
  try {
    return { code: await run(), out: out.join(''), err: err.join('') };
  } finally {
    vi.restoreAllMocks();
  }
}

describe('--model DIR on the commands', () => {
  it('classify-text --model: one JSON line per utterance, naming the model', async () => {
    const dir = textModelDir(join(root, 'ct'));
    const stdout = new PassThrough();
    const chunks: string[] = [];
    stdout.on('data', (c) => chunks.push(String(c)));
    const code = await runClassifyText(['--model', dir], { stdin: Readable.from(['i have been waiting for an hour\n', '\n', '我要投诉你们\n']), stdout, stderr: new PassThrough() });
    expect(code).toBe(0);
    const lines = chunks.join('').trim().split('\n').map((l) => JSON.parse(l) as { text: string; label: string; probs: Record<string, number>; model: string });
    expect(lines.map((l) => l.text)).toEqual(['i have been waiting for an hour', '我要投诉你们']);
    for (const l of lines) {
      expect(l.model).toMatch(/^ct@[0-9a-f]{12}$/);
      expect(['neutral', 'anger', 'anxiety', 'disappointment']).toContain(l.label);
      expect(Object.values(l.probs).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
    }
  });

  it('eval-text --model scores the operator’s own labelled file and the held-out set, and writes the calibration the model then loads', async () => {
    const dir = textModelDir(join(root, 'et'));
    const missing = await captured(() => runEvalText(['--model', dir, '--data', join(root, 'no-data')]));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain(`--data ${join(root, 'no-data')} has no text/ folder (no such folder)`);
    const custom = join(root, 'our-calls.tsv');
    writeFileSync(custom, 'label\tlanguage\ttext\nanger\ten-GB\tthird time calling about this\nneutral\tzh-CN\t我想查一下余额\n');
    const r = await captured(() => runEvalText(['--model', dir, '--custom', custom]));
    expect(r.code).toBe(0);
    expect(r.out).toContain(`custom ${custom}`);
    expect(r.out).toContain('callcenter-heldout-zh');
    const json = JSON.parse(r.out.trim().split('\n').at(-1)!) as { model: string; calibration: { weights: Record<string, number> } };
    const saved = JSON.parse(readFileSync(join(dir, 'calibration.json'), 'utf8')) as { model: string; weights: Record<string, number> };
    expect(saved.model).toBe(json.model);
    expect(saved.weights).toEqual(json.calibration.weights);
    const model = await loadTextModel(dir);
    expect(model.calibrated).toBe(true);
    await model.close();
  });

  it('classify-audio --model: the recording through 16 kHz windows; a bad file is its own error line', async () => {
    const dir = voiceModelDir(join(root, 'ca'));
    const file = wav(join(root, 'caller.wav'), speechLike(4500, { pitchHz: 160, rateSylPerS: 4, amplitude: 0.4 }));
    const r = await captured(() => runClassifyAudio([file, join(root, 'missing.wav'), '--model', dir]));
    expect(r.code).toBe(1);
    const [ok, bad] = r.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(ok).toMatchObject({ file, durationMs: 4500 });
    expect(ok!.model).toMatch(/^ca@/);
    expect(bad).toMatchObject({ file: join(root, 'missing.wav') });
    expect(bad!.error).toBeDefined();
  });

  it('eval-prosody --model: per-corpus scores on a manifest and the calibration', async () => {
    const dir = voiceModelDir(join(root, 'ep'));
    const data = join(root, 'speech');
    mkdirSync(data);
    const rows = ['path,corpus,speaker,lang,label,intensity,text'];
    ['neutral', 'angry', 'sad', 'fearful', 'happy'].forEach((label, i) => {
      for (const speaker of [0, 1]) {
        const name = `${label}-${speaker}.wav`;
        wav(join(data, name), speechLike(2000, { pitchHz: 110 + 30 * i + 10 * speaker, rateSylPerS: 3 + i, amplitude: 0.2 + 0.1 * i }, 8000, i * 2 + speaker));
        rows.push(`${name},gen,spk-${speaker},xx,${label},,`);
      }
    });
    writeFileSync(join(data, 'manifest.csv'), `${rows.join('\n')}\n`);
    const r = await captured(() => runEvalProsody(['--model', dir, '--data', data]));
    expect(r.code).toBe(0);
    expect(r.out).toContain('gen: plugged ep@');
    const json = JSON.parse(r.out.trim().split('\n').at(-1)!) as { evaluation: string; perCorpus: Record<string, unknown> };
    expect(json.evaluation).toBe('prosody-plugged');
    expect(Object.keys(json.perCorpus)).toEqual(['gen']);
    expect(existsSync(join(dir, 'calibration.json'))).toBe(true);
    const model = await loadVoiceModel(dir);
    expect(model.calibrated).toBe(true);
    await model.close();
  });
});
