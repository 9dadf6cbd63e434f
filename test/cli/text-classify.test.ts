// classify-text driven in-process with real streams and the shipped model: one JSON line per
// input line with exactly text, label and probs.
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runClassifyText } from '../../src/cli/text-classify.js';

const MODELS_DIR = join(import.meta.dirname, '..', '..', 'models');

async function run(argv: string[], input: string): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString('utf8')));
  const code = await runClassifyText(argv, { stdin: Readable.from([input]), stdout, stderr });
  return { code, out, err };
}

describe('classify-text', () => {
  it('prints {"text","label","probs"} per line', async () => {
    const { code, out } = await run(['--lang', 'zh', '--models', MODELS_DIR], '我要投诉你们\n\n我的錢還安全嗎\n');
    expect(code).toBe(0);
    const lines = out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(Object.keys(line)).toEqual(['text', 'label', 'probs']);
      expect(Object.keys(line.probs as object).sort()).toEqual(['anger', 'anxiety', 'disappointment', 'neutral']);
    }
    expect(lines[0]).toMatchObject({ text: '我要投诉你们', label: 'anger' });
    expect(lines[1]).toMatchObject({ text: '我的錢還安全嗎', label: 'anxiety' });
  });

  it('classifies English with --lang en', async () => {
    const { code, out } = await run(['--lang', 'en', '--models', MODELS_DIR], "what's my balance\n");
    expect(code).toBe(0);
    expect(JSON.parse(out)).toMatchObject({ text: "what's my balance", label: 'neutral' });
  });

  it('refuses a missing or unknown --lang', async () => {
    expect((await run(['--models', MODELS_DIR], 'x\n')).code).toBe(2);
    const bad = await run(['--lang', 'fr', '--models', MODELS_DIR], 'x\n');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('unsupported --lang fr');
  });

  it('says when there is no model', async () => {
    const { code, err } = await run(['--lang', 'en', '--models', join(MODELS_DIR, 'nowhere')], 'x\n');
    expect(code).toBe(2);
    expect(err).toContain('no text-emotion model');
  });
});
