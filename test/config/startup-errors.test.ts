// Start-up mistakes a bank's engineer makes on day one, through the built entry point as `npm
// start` runs it: each stops the process with a message naming the setting — never a stack trace —
// and a node without its emotion models refuses to start unless that is asked for in so many words.

import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'callcue-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const BASE_ENV = { PORT: '0', CALLCUE_DB_URL: 'sqlite::memory:', CALLCUE_PIPELINE_WORKERS: '0' };

function start(env: Record<string, string>) {
  return spawnSync(process.execPath, ['dist/src/main.js'], { env: { ...process.env, ...BASE_ENV, ...env }, encoding: 'utf8', timeout: 60_000 });
}

const STACK_LINE = /^\s+at .+\(.+:\d+:\d+\)$/m;

describe('start-up configuration mistakes', () => {
  it('a CALLCUE_PLAYBOOK file that is not there: exit 2, the setting and the path named, no stack trace', () => {
    const r = start({ CALLCUE_PLAYBOOK: join(dir, 'no-such-playbook.json') });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/CALLCUE_PLAYBOOK/);
    expect(r.stderr).toContain('no-such-playbook.json');
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('a CALLCUE_PLAYBOOK file that is not valid: exit 2, the setting named', () => {
    const file = join(dir, 'broken.json');
    writeFileSync(file, '{"version": ');
    const r = start({ CALLCUE_PLAYBOOK: file });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/CALLCUE_PLAYBOOK.*broken\.json/);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('a CALLCUE_MODELS_DIR without the models: refuses to start, naming the folder, the missing models and the way to allow it', () => {
    const empty = mkdtempSync(join(dir, 'models-'));
    const r = start({ CALLCUE_MODELS_DIR: empty });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/CALLCUE_MODELS_DIR/);
    expect(r.stderr).toContain(empty);
    expect(r.stderr).toMatch(/prosody/);
    expect(r.stderr).toMatch(/text/);
    expect(r.stderr).toMatch(/CALLCUE_ALLOW_NO_MODELS=1/);
    expect(r.stderr).not.toMatch(STACK_LINE);
  });

  it('CALLCUE_ALLOW_NO_MODELS=1: starts without them and says so loudly in its log', async () => {
    const empty = mkdtempSync(join(dir, 'models-'));
    const child = spawn(process.execPath, ['dist/src/main.js'], {
      env: { ...process.env, ...BASE_ENV, CALLCUE_MODELS_DIR: empty, CALLCUE_ALLOW_NO_MODELS: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stderr.on('data', (d) => (out += d));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no start within 60 s: ${out}`)), 60_000);
      child.stdout.on('data', (d) => {
        out += d;
        if (out.includes('callcue listening')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
    });
    child.kill('SIGTERM');
    const warning = out
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as { level: number; msg: string })
      .find((l) => /emotion model/i.test(l.msg));
    expect(warning?.level).toBeGreaterThanOrEqual(40);
    expect(warning?.msg).toMatch(/measured voice only|no emotion/i);
  });
});
