// `callcue replay` when the server refuses the call: the real command (the built entry point, as a
// user runs it) must end with exit code 1 and the server's reason on stderr — promptly, not after
// streaming the whole recording into a closed socket, and never hanging on an open one.

import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../src/cli/wav.js';
import { speechLike } from '../helpers/audio.js';
import { startBridgeServer, type BridgeServer } from '../bridges/server.js';

const KEY = 'replay-refused-key-0123456789';
/** Long enough that streaming it all at real time would blow the bound below. */
const RECORDING_MS = 120_000;
/** Start-up of a node process on a heavily loaded 2-core machine (load 20 seen) plus the refusal. */
const EXIT_WITHIN_MS = 60_000;

let server: BridgeServer;
let dir: string;
let wav: string;

beforeAll(async () => {
  server = await startBridgeServer({ apiKeys: [KEY] });
  dir = mkdtempSync(join(tmpdir(), 'callcue-replay-refused-'));
  wav = join(dir, 'call.wav');
  writeFileSync(wav, encodeWav([speechLike(RECORDING_MS, { pitchHz: 140, rateSylPerS: 4, amplitude: 0.3 }, 8000, 5)], 8000));
});
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function runCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const child = spawn(process.execPath, ['dist/src/cli/main.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), EXIT_WITHIN_MS);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

describe('callcue replay refused by the server', () => {
  for (const protocol of ['native', 'twilio', 'audiohook', 'fork']) {
    it(`${protocol}: a language the server refuses ends the command with exit code 1 and the reason`, async () => {
      // --rate 8000: the recording's own rate, so no time goes into resampling two minutes of audio.
      const rate = protocol === 'native' || protocol === 'fork' ? ['--rate', '8000'] : [];
      const r = await runCli(['replay', '--protocol', protocol, wav, ...rate, '--url', server.wsUrl, '--key', KEY, '--language', 'zh_CN!', '--speed', '1']);
      expect(r.code, `killed after ${EXIT_WITHIN_MS} ms: the command hung (stderr: ${r.stderr})`).toBe(1);
      expect(r.stderr).toMatch(/callcue replay: .*(refused|INVALID|Invalid|4400)/);
    }, EXIT_WITHIN_MS + 5_000);
  }

  it('a key the server refuses ends the command with exit code 1', async () => {
    const r = await runCli(['replay', '--protocol', 'native', wav, '--rate', '8000', '--url', server.wsUrl, '--key', 'wrong-key-0123456789', '--speed', '1']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/callcue replay: .*(401|refused|UNAUTHORIZED)/i);
  }, EXIT_WITHIN_MS + 5_000);
});
