// Every `callcue` subcommand answers --help (and -h): usage on stdout, exit code 0, nothing started
// — through the built command, as a user types it.

import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/cli/commands.js';

function callcue(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/callcue.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, PORT: '0' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    // A command that starts something instead of answering would run on: stop it and fail.
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('callcue --help', () => {
  it('lists every command', async () => {
    const r = await callcue(['--help']);
    expect(r.code).toBe(0);
    for (const name of Object.keys(COMMANDS)) expect(r.stdout).toContain(`  ${name} `);
  });

  it.each(Object.keys(COMMANDS))('%s --help and -h print its usage and exit 0', async (name) => {
    const [long, short] = await Promise.all([callcue([name, '--help']), callcue([name, '-h'])]);
    for (const r of [long, short]) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^usage: callcue ${name}\\b`));
    }
  });
});
