// `callcue eval-calls` refuses what it cannot run with a message that names the problem, before
// any node starts: unknown options and scenarios, out-of-range numbers, a data folder without a
// speech manifest, and options that contradict each other.

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runEvalCalls } from '../../src/cli/calls-eval.js';

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runEvalCalls(argv, { write: (l) => out.push(l), warn: (l) => err.push(l) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('callcue eval-calls arguments', () => {
  it('prints its usage on --help', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/usage: callcue eval-calls/);
    expect(r.out).toMatch(/--data DIR/);
  });

  it.each([
    [['--speed', '0'], /--speed must be a number from 0.1 to 50/],
    [['--concurrency', '2.5'], /--concurrency must be a whole number/],
    [['--partial-ms', '10'], /--partial-ms must be a whole number from 50/],
    [['--frobnicate'], /Unknown option '--frobnicate'/],
    [['--scenario', 'no-such-call'], /no scenario no-such-call; there are: complaint-en-US/],
    [['--url', 'http://127.0.0.1:1'], /--url must start with ws:\/\//],
    [['--url', 'ws://127.0.0.1:1', '--models', 'models'], /a node given by --url has its own/],
    [['--speakers', 'ravdess-01'], /--speakers needs --data/],
  ])('refuses %j', async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(message);
    expect(r.err).toMatch(/usage: callcue eval-calls/);
  });

  it('says clearly when the data folder has no speech manifest', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'callcue-no-data-'));
    const r = await run(['--data', empty]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`--data ${empty}: no speech manifest found`);
    expect(r.err).toContain(join(empty, 'speech', 'manifest.csv'));
  });
});
