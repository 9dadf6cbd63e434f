// `callcue demo`: callcue in-process on loopback, the URLs printed, scripted calls played to demo
// agents with a line per call and per prompt, and a clean stop — once, or when interrupted.

import { describe, expect, it } from 'vitest';
import { runDemo } from '../../src/cli/demo.js';
import { parseDemoArgs } from '../../src/cli/demo-args.js';
import { hasEspeak } from '../../src/scenarios/index.js';

const espeak = hasEspeak();
if (!espeak) console.warn('espeak-ng is not installed: skipping the demo runs (apt-get install espeak-ng)');

describe('demo arguments', () => {
  it('defaults to port 8080, three calls in real time, looping', () => {
    expect(parseDemoArgs([])).toMatchObject({ port: 8080, calls: 3, speed: 1, once: false, check: false, scenarioIds: null, delayMs: 3000 });
  });
  it('names a bad value', () => {
    expect(() => parseDemoArgs(['--calls', '0'])).toThrow(/--calls must be a whole number from 1 to 20/);
    expect(() => parseDemoArgs(['--speed', 'fast'])).toThrow(/--speed/);
    expect(() => parseDemoArgs(['--colour'])).toThrow(/colour/);
  });
});

describe.skipIf(!espeak)('runDemo', () => {
  it('prints the pages to open, plays each chosen scenario once to demo agents, and stops', async () => {
    const lines: string[] = [];
    const code = await runDemo(
      ['--port', '0', '--once', '--speed', '12', '--calls', '2', '--delay-ms', '0', '--scenario', 'emergency-en-US,transaction-zh-CN'],
      { write: (l) => lines.push(l), env: {} },
    );
    expect(code).toBe(0);
    const url = lines.find((l) => l.startsWith('callcue is running at '))!.slice('callcue is running at '.length);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines).toContain(`  agent desktop:    ${url}/?agentId=demo-agent-1   (also demo-agent-2)`);
    expect(lines).toContain(`  supervisor wall:  ${url}/supervisor`);
    for (const [agent, id] of [
      ['demo-agent-1', 'emergency-en-US'],
      ['demo-agent-2', 'transaction-zh-CN'],
    ]) {
      expect(lines.some((l) => l.startsWith(`▶ ${agent}  ${id}  `))).toBe(true);
      expect(lines.some((l) => new RegExp(`^■ ${agent}  ${id}  ended at [\\d.]+ s: \\d+ prompts?, \\d+ alerts?$`).test(l))).toBe(true);
    }
    // The PIN request in the emergency script reaches its agent as a prompt line.
    expect(lines.some((l) => /demo-agent-1 {2}emergency-en-US {2}prompt {2}compliance\.secret-request/.test(l))).toBe(true);
    expect(lines.at(-1)).toBe('callcue demo stopped');
  }, 120_000);

  it('loops until stopped, then ends the call in progress and the server', async () => {
    const lines: string[] = [];
    const stop = new AbortController();
    const running = runDemo(['--port', '0', '--speed', '1', '--calls', '1', '--delay-ms', '0', '--scenario', 'enquiry-en-US'], {
      write: (l) => {
        lines.push(l);
        if (l.startsWith('▶ ')) setTimeout(() => stop.abort(), 1500);
      },
      signal: stop.signal,
      env: {},
    });
    const started = Date.now();
    expect(await running).toBe(0);
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(lines.some((l) => /^■ demo-agent-1 {2}enquiry-en-US {2}stopped at \d/.test(l))).toBe(true);
    const url = lines.find((l) => l.startsWith('callcue is running at '))!.slice('callcue is running at '.length);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  it('refuses an unknown scenario and names the ones there are', async () => {
    const err: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (err.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      expect(await runDemo(['--once', '--scenario', 'no-such-call'], { write: () => {}, env: {} })).toBe(2);
    } finally {
      process.stderr.write = write;
    }
    expect(err.join('')).toMatch(/no scenario no-such-call; there are: complaint-en-US, /);
  });
});
