// Command-line mistakes get a message that names them and an exit code, never a stack trace or a
// silent fallback: a --data folder that is not there, a --custom file that is not the TSV it should
// be, and a bad --db blamed on the flag the user typed (not on CALLCUE_DB_URL). Through the built
// command, as a user runs it.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../src/cli/wav.js';
import { speechLike } from '../helpers/audio.js';

const dir = mkdtempSync(join(tmpdir(), 'callcue-cli-mistakes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;

function callcue(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/callcue.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('command-line mistakes', () => {
  it('eval-text --data with no such folder stops and says so (no fallback to the in-repo set)', async () => {
    const r = await callcue(['eval-text', '--data', join(dir, 'nonexistent')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--data .*nonexistent/);
    expect(r.stdout).toBe('');
  }, 130_000);

  it('eval-text and train-text --custom with a file that is not label<TAB>language<TAB>text: exit 2, file and line named', async () => {
    const bad = join(dir, 'bad.tsv');
    writeFileSync(bad, 'label\tlanguage\ttext\nfurious\ten-GB\tthis is the third time\n');
    for (const command of ['eval-text', 'train-text']) {
      const r = await callcue([command, '--custom', bad]);
      expect(r.code, `${command}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(/bad\.tsv:2: expected "label<TAB>language<TAB>text"/);
      expect(r.stderr).not.toMatch(STACK_LINE);
    }
    const missing = await callcue(['eval-text', '--custom', join(dir, 'missing.tsv')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing\.tsv/);
    expect(missing.stderr).not.toMatch(STACK_LINE);
  }, 130_000);

  it('analyze --db with a bad URL names --db, not CALLCUE_DB_URL', async () => {
    const wav = join(dir, 'call.wav');
    writeFileSync(wav, encodeWav([speechLike(1000, { pitchHz: 140, rateSylPerS: 4, amplitude: 0.3 }, 8000, 3)], 8000));
    for (const db of ['mysql://nowhere/x', 'postgres://nobody@127.0.0.1:1/x']) {
      const r = await callcue(['analyze', wav, '--db', db], { CALLCUE_DB_URL: '' });
      expect(r.code).toBe(1);
      const out = r.stdout + r.stderr;
      expect(out).toMatch(/--db/);
      expect(out).not.toMatch(/CALLCUE_DB_URL/);
    }
  }, 130_000);
});
