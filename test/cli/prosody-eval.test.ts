import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import wavefile from 'wavefile';
import { runEvalProsody } from '../../src/cli/prosody-eval.js';
import { hasEspeak } from '../../src/scenarios/espeak.js';
import { voice } from '../features/signals.js';

const { WaveFile } = wavefile;

/** A manifest of generated clips: three speakers per corpus, every product class plus a non-target one. */
function dataFolder(corpora: ReadonlyArray<[string, string]> = [['gen', 'xx']]): string {
  const dir = mkdtempSync(join(tmpdir(), 'callcue-eval-'));
  const lines = ['path,corpus,speaker,lang,label,intensity,text'];
  const styles: Array<[string, number, number]> = [
    ['neutral', 1, 1],
    ['angry', 1.3, 3],
    ['sad', 0.85, 0.4],
    ['fearful', 1.45, 0.7],
    ['happy', 1.2, 1.5],
  ];
  corpora.forEach(([corpus, lang], c) =>
    [110, 150, 200].forEach((f0Hz, s) => {
      for (const [label, pitch, amp] of styles) {
        for (let take = 0; take < 2; take++) {
          const samples = voice({ f0Hz: f0Hz * pitch * (1 + 0.1 * c), durationS: 1.2, syllablesPerS: 4, amplitude: 0.02 * amp, noise: 0.0005, seed: s * 10 + take + c });
          const wav = new WaveFile();
          wav.fromScratch(1, 8000, '16', Int16Array.from(samples, (v) => Math.round(Math.max(-1, Math.min(1, v)) * 32767)));
          const name = `${corpus}-${s}-${label}-${take}.wav`;
          writeFileSync(join(dir, name), wav.toBuffer());
          lines.push(`${name},${corpus},${corpus}-spk-${s},${lang},${label},,`);
        }
      }
    }),
  );
  writeFileSync(join(dir, 'manifest.csv'), `${lines.join('\n')}\n`);
  return dir;
}

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => (out.push(String(c)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => (err.push(String(c)), true));
  try {
    return { code: await runEvalProsody(argv), out: out.join(''), err: err.join('') };
  } finally {
    vi.restoreAllMocks();
  }
}

afterEach(() => vi.restoreAllMocks());

describe('eval-prosody', () => {
  it('says clearly when the data folder is missing', async () => {
    const r = await run(['--data', join(tmpdir(), 'no-such-callcue-data')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no speech manifest found/);
  });

  it('refuses --clean without --baseline', async () => {
    const r = await run(['--clean', '--data', dataFolder()]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--clean applies to --baseline only/);
  });

  it('runs the reference baseline on a data folder and prints both setups as JSON', async () => {
    const r = await run(['--baseline', '--data', dataFolder()]);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out.trim().split('\n').at(-1)!) as Record<string, Record<string, { uar: number; falseAlarmRate: number }>>;
    expect(json.evaluation).toBe('prosody-baseline');
    for (const key of ['targetClassesOnly', 'withNonTargetClass']) {
      expect(json[key].gen.uar).toBeGreaterThan(0.25);
      expect(json[key].gen.falseAlarmRate).toBeGreaterThanOrEqual(0);
    }
  });

  it.skipIf(!hasEspeak())(
    'reports leave-speakers-out beside leave-one-corpus-out, calibration, unfamiliar sounds and cost',
    async () => {
      const r = await run(['--data', dataFolder([['one', 'en'], ['two', 'zh']]), '--rounds', '1', '--unfamiliar', '6']);
      expect(r.code, r.err).toBe(0);
      expect(r.out).toMatch(/one: leave-one-corpus-out/);
      expect(r.out).toMatch(/unfamiliar sounds and languages/);
      const json = JSON.parse(r.out.trim().split('\n').at(-1)!) as {
        languages: string[];
        temperature: number;
        leaveSpeakersOut: Record<string, { folds: number; ece: number; refused: number; angerFalseAlarmRate: number }>;
        leaveOneCorpusOut: Record<string, { folds: number; ece: number; uar: number }>;
        unfamiliar: Array<{ sound: string; windows: number; targetShare: number; refusedShare: number }>;
        cost: { judgeUs: number; totalUs: number };
      };
      expect(json.languages).toEqual(['cmn', 'en']);
      expect(json.temperature).toBeGreaterThan(0);
      expect(Object.keys(json.leaveOneCorpusOut).sort()).toEqual(['one', 'two']);
      for (const c of ['one', 'two']) {
        expect(json.leaveSpeakersOut[c]!.folds).toBe(3);
        expect(json.leaveSpeakersOut[c]!.ece).toBeGreaterThanOrEqual(0);
        expect(json.leaveOneCorpusOut[c]!.folds).toBe(1);
        expect(json.leaveOneCorpusOut[c]!.uar).toBeGreaterThanOrEqual(0);
      }
      expect(json.unfamiliar.map((u) => u.sound)).toContain('espeak-ng Mandarin, calm');
      const languageRows = json.unfamiliar.filter((u) => /not validated/.test(u.sound));
      expect(languageRows).toHaveLength(2);
      for (const row of languageRows) expect(row.refusedShare).toBe(1);
      expect(json.cost.judgeUs).toBeGreaterThan(0);
      expect(json.cost.totalUs).toBeGreaterThanOrEqual(json.cost.judgeUs);
    },
    600_000,
  );
});
