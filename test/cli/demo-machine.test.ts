// `callcue demo` on the machine it finds: a port already taken (npm start in another terminal) is
// named or avoided — never a stack trace — and the demo plays only at a speed this machine holds
// for its calls, measured at start, so a check is not failed by audio the node had to shed.

import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from '../../src/cli/demo.js';
import { choosePort } from '../../src/cli/demo-port.js';
import { hasEspeak } from '../../src/scenarios/index.js';

let busy: Server;
let busyPort: number;

beforeAll(async () => {
  busy = createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', r));
  busyPort = (busy.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((r) => busy.close(() => r())));

async function demo(argv: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number; lines: string[]; stderr: string }> {
  const lines: string[] = [];
  const err: string[] = [];
  const write = process.stderr.write.bind(process.stderr);
  process.stderr.write = ((chunk: string) => (err.push(String(chunk)), true)) as typeof process.stderr.write;
  try {
    const code = await runDemo(argv, { write: (l) => lines.push(l), env });
    return { code, lines, stderr: err.join('') };
  } finally {
    process.stderr.write = write;
  }
}

describe('the demo’s port', () => {
  it('gives way to a free port when its default is taken, and says so', async () => {
    const c = await choosePort('127.0.0.1', busyPort, false);
    expect(c).toMatchObject({ port: 0 });
    expect((c as { note: string }).note).toMatch(new RegExp(`port ${busyPort} is in use .*free port instead`));
    expect(await choosePort('127.0.0.1', 0, true)).toEqual({ port: 0, note: null });
  });

  it.skipIf(!hasEspeak())('names a port it was given that is taken: exit 1, what to do, no stack trace', async () => {
    const r = await demo(['--port', String(busyPort), '--once', '--calls', '1', '--delay-ms', '0', '--scenario', 'enquiry-en-US']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`callcue demo: port ${busyPort} on 127.0.0.1 is in use .*--port N`));
    expect(r.stderr).not.toMatch(/EADDRINUSE|^\s+at /m);
  }, 120_000);
});

describe.skipIf(!hasEspeak())('the demo’s settings', () => {
  it('names a setting the node refuses (a models folder without the models): exit 1, no stack trace', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'callcue-demo-models-'));
    try {
      const r = await demo(['--port', '0', '--once', '--calls', '1', '--delay-ms', '0', '--scenario', 'enquiry-en-US'], { CALLCUE_MODELS_DIR: empty });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`callcue demo: callcue did not start: invalid configuration: CALLCUE_MODELS_DIR \\(${empty}\\) has no voice`));
      expect(r.stderr).toMatch(/CALLCUE_ALLOW_NO_MODELS=1/);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  }, 120_000);
});

describe.skipIf(!hasEspeak())('the demo’s speed', () => {
  it('plays no faster than this machine holds, and the check is not failed by shed audio', async () => {
    const r = await demo(['--port', '0', '--once', '--check', '--speed', '50', '--calls', '1', '--delay-ms', '0', '--scenario', 'enquiry-en-US']);
    // A machine too busy for even a quarter of real time says so and plays nothing: also right.
    if (/too busy for the demo now/.test(r.stderr)) return expect(r.code).toBe(1);
    const advice = r.lines.find((l) => l.startsWith('--speed 50 is more than this machine holds now'));
    expect(advice, r.lines.join('\n')).toMatch(/one call's pipeline runs at [\d.]+× real time here now.*: playing at [\d.]+×$/);
    const ended = r.lines.find((l) => l.startsWith('■ demo-agent-1  enquiry-en-US'))!;
    expect(ended).not.toMatch(/shed/);
    expect(r.code, ended).toBe(0);
  }, 240_000);
});
