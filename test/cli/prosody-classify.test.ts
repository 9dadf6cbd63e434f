import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import wavefile from 'wavefile';
import { runClassifyAudio } from '../../src/cli/prosody-classify.js';

const { WaveFile } = wavefile;

function onPath(tool: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const hasEspeak = onPath('espeak-ng');
const dir = mkdtempSync(join(tmpdir(), 'callcue-classify-'));
const MODELS = resolve(import.meta.dirname, '../../models');

/**
 * The shipped emotion model without its gate (the sidecar names none), which judges every window:
 * synthetic speech is all a test can make, and the shipped gate rightly refuses it.
 */
function ungatedModels(): string {
  const out = mkdtempSync(join(tmpdir(), 'callcue-ungated-'));
  copyFileSync(join(MODELS, 'prosody.onnx'), join(out, 'prosody.onnx'));
  const { gate: _gate, ...sidecar } = JSON.parse(readFileSync(join(MODELS, 'prosody.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(out, 'prosody.json'), JSON.stringify(sidecar));
  return out;
}

async function run(argv: string[]): Promise<{ code: number; lines: Array<Record<string, unknown>> }> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  });
  try {
    const code = await runClassifyAudio(argv);
    const lines = chunks.join('').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Record<string, unknown>);
    return { code, lines };
  } finally {
    spy.mockRestore();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('classify-audio', () => {
  const speech1 = join(dir, 'speech1.wav');
  const speech2 = join(dir, 'speech2.wav');
  const mulaw = join(dir, 'speech-mulaw.wav');
  const bad = join(dir, 'bad.wav');

  beforeAll(() => {
    writeFileSync(bad, 'this is not a wav file');
    if (!hasEspeak) return;
    // espeak-ng writes 22.05 kHz PCM16: the CLI must resample it.
    execFileSync('espeak-ng', ['-v', 'en-us', '-s', '150', '-w', speech1, 'Hello, I am calling about a payment on my card that I do not recognise.']);
    execFileSync('espeak-ng', ['-v', 'en-us', '-s', '190', '-p', '70', '-w', speech2, 'This is the third time I have called today and nobody can help me!']);
    const wav = new WaveFile();
    wav.fromBuffer(new Uint8Array(execFileSync('espeak-ng', ['--stdout', '-v', 'en-us', 'Can you tell me my balance please'])));
    wav.toSampleRate(8000);
    wav.toMuLaw();
    writeFileSync(mulaw, wav.toBuffer());
  });

  it.skipIf(!hasEspeak)('gives synthesised speech no label, and says why', async () => {
    const { code, lines } = await run([speech1, speech2, mulaw, '--segments']);
    expect(code).toBe(0);
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line.label).toBeNull();
      expect(line.probs).toBeNull();
      expect(line.note).toMatch(/does not sound like the human speech/);
      expect(line.segments).toEqual([]);
    }
  });

  it.skipIf(!hasEspeak)('judges nothing in a language the model was not validated on', async () => {
    const { code, lines } = await run([speech1, '--language', 'fr-FR', '--models', ungatedModels()]);
    expect(code).toBe(0);
    expect(lines[0]).toMatchObject({ label: null, probs: null, note: expect.stringMatching(/not validated for language "fr-FR"/) });
  });

  it.skipIf(!hasEspeak)('without the gate, labels speech files, one JSON line each, with segments', async () => {
    const { code, lines } = await run([speech1, speech2, mulaw, '--segments', '--models', ungatedModels()]);
    expect(code).toBe(0);
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(['neutral', 'anger', 'anxiety', 'disappointment']).toContain(line.label);
      const probs = line.probs as Record<string, number>;
      expect(Object.values(probs).reduce((s, p) => s + p, 0)).toBeCloseTo(1, 3);
      expect(line.durationMs).toBeGreaterThan(1000);
      expect((line.segments as unknown[]).length).toBeGreaterThanOrEqual(1);
    }
    expect(lines.map((l) => l.file)).toEqual([speech1, speech2, mulaw]);
  });

  it.skipIf(!hasEspeak)('with --session measures later files against the earlier ones', async () => {
    const models = ungatedModels();
    const alone = await run([speech2, '--models', models]);
    const session = await run([speech1, speech2, '--session', '--models', models]);
    expect(session.code).toBe(0);
    expect(session.lines[1].probs).not.toEqual(alone.lines[0].probs);
  });

  it('reports a bad file and a missing file on their own lines and still runs the rest', async () => {
    const good = join(dir, 'tone.wav');
    if (!existsSync(good)) {
      const wav = new WaveFile();
      wav.fromScratch(1, 16000, '16', Int16Array.from({ length: 32000 }, (_, i) => Math.round(8000 * Math.sin((2 * Math.PI * 180 * i) / 16000) * (Math.sin((2 * Math.PI * 3 * i) / 16000) > 0 ? 1 : 0))));
      writeFileSync(good, wav.toBuffer());
    }
    const missing = join(dir, 'missing.wav');
    const { code, lines } = await run([bad, good, missing]);
    expect(code).toBe(1);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ file: bad, error: { code: 'BAD_AUDIO' } });
    expect(lines[1].file).toBe(good);
    expect(lines[1].error).toBeUndefined();
    expect(lines[2]).toMatchObject({ file: missing, error: { code: 'FILE_NOT_FOUND' } });
  });

  it('refuses a channel the file does not have, and bad usage', async () => {
    const good = join(dir, 'tone.wav');
    const { code, lines } = await run([good, '--channel', '1']);
    expect(code).toBe(1);
    expect(lines[0]).toMatchObject({ error: { code: 'BAD_AUDIO' } });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    expect(await runClassifyAudio([])).toBe(2);
    expect(await runClassifyAudio(['x.wav', '--bogus'])).toBe(2);
    stderr.mockRestore();
  });
});
