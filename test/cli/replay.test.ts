// `callcue replay` end to end: a recording written to disk at test time, streamed by runReplay
// to a real node over each kind of protocol, with its one-line JSON summary checked against what
// reached the agent feed.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import wavefile from 'wavefile';
import { runReplay } from '../../src/cli/replay.js';
import { decodeWav, encodeWav } from '../../src/cli/wav.js';
import { TestSocket } from '../helpers/ws-client.js';
import { concat, speechLike } from '../helpers/audio.js';
import { startBridgeServer, type BridgeServer } from '../bridges/server.js';

const KEY = 'replay-cli-key-0123456789';
const SECRET = Buffer.from('replay tool client secret 32 b!!').toString('base64');
const TWILIO_TOKEN = 'replay-cli-twilio-auth-token-01';
let server: BridgeServer;
let dir: string;
let stereoWav: string;
let monoWav: string;
let transcript: string;

beforeAll(async () => {
  server = await startBridgeServer({ apiKeys: [KEY], twilioAuthToken: TWILIO_TOKEN }, { clientSecrets: { [KEY]: SECRET } });
  dir = mkdtempSync(join(tmpdir(), 'callcue-replay-'));
  const caller = concat(speechLike(3000, { pitchHz: 125, rateSylPerS: 4, amplitude: 0.3 }, 16000, 61), speechLike(2000, { pitchHz: 190, rateSylPerS: 6, amplitude: 0.7 }, 16000, 62));
  const agent = speechLike(5000, { pitchHz: 220, rateSylPerS: 4, amplitude: 0.3 }, 16000, 63);
  stereoWav = join(dir, 'call.wav');
  writeFileSync(stereoWav, encodeWav([caller, agent], 16000));
  // Mono, μ-law, 8 kHz: another encoding wavefile reads.
  const w = new wavefile.WaveFile(encodeWav([speechLike(3000, { pitchHz: 140, rateSylPerS: 4, amplitude: 0.4 }, 8000, 64)], 8000));
  w.toMuLaw();
  monoWav = join(dir, 'mono-mulaw.wav');
  writeFileSync(monoWav, w.toBuffer());
  transcript = join(dir, 'transcript.json');
  writeFileSync(
    transcript,
    JSON.stringify([
      { track: 'caller', text: 'my card was charged twice', isFinal: true, startMs: 200, endMs: 1800 },
      { track: 'agent', text: 'let me check that for you', isFinal: true, startMs: 2000, endMs: 3200 },
    ]),
  );
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function replay(args: string[]): Promise<{ code: number; summary: Record<string, unknown> | null; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => (out.push(String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => (err.push(String(s)), true));
  try {
    const code = await runReplay(args);
    const line = out.join('').trim();
    return { code, summary: line.startsWith('{') ? (JSON.parse(line) as Record<string, unknown>) : null, stderr: err.join('') };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe('callcue replay', () => {
  it('native: streams the stereo WAV, sends transcript entries at their times, prints a one-line summary', async () => {
    const feed = await TestSocket.open(`${server.wsUrl}/v1/feed?agentId=cli-native`);
    await feed.nextType('hello');
    const r = await replay(['--protocol', 'native', stereoWav, '--transcript', transcript, '--url', server.wsUrl, '--key', KEY, '--agent', 'cli-native', '--call', 'cli-1', '--language', 'zh-CN', '--speed', '10']);
    expect(r.code).toBe(0);
    expect(r.summary).toMatchObject({ protocol: 'native', callId: 'cli-1', channels: 2, mediaMs: 5000, frames: 250, transcriptsSent: 2, transcriptsSkipped: 0, end: { acknowledged: true } });
    // 10× real time: 5 s of audio never faster than half a second (pacing). How much slower a
    // loaded machine makes it is no property of the tool, so there is no upper bound.
    expect(r.summary!.wallMs as number).toBeGreaterThanOrEqual(450);
    await feed.nextType('call.ended');
    expect(feed.ofType('call.started')[0]).toMatchObject({ language: 'zh-CN', tracks: ['caller', 'agent'] });
    expect(feed.ofType('transcript').map((t) => t.text)).toEqual(['my card was charged twice', 'let me check that for you']);
    expect(feed.ofType('emotion').length).toBeGreaterThan(5);
    await feed.close();
  });

  it('audiohook: signs with --secret; the transcript goes on the side channel, named by the conversationId', async () => {
    const feed = await TestSocket.open(`${server.wsUrl}/v1/feed?agentId=cli-ah`);
    await feed.nextType('hello');
    const r = await replay(['--protocol', 'audiohook', stereoWav, '--transcript', transcript, '--url', server.wsUrl, '--key', KEY, '--secret', SECRET, '--agent', 'cli-ah', '--call', 'cli-2', '--speed', '20']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.summary).toMatchObject({ protocol: 'audiohook', transcriptsSent: 2, transcriptsSkipped: 0, words: { via: 'side', sent: 2, acked: 2, refused: {} }, end: { acknowledged: true } });
    expect(await feed.nextType('call.ended')).toMatchObject({ callId: 'cli-2', reason: 'stop' });
    expect(feed.ofType('transcript').map((t) => [t.track, t.text, t.endMs])).toEqual([
      ['caller', 'my card was charged twice', 1800],
      ['agent', 'let me check that for you', 3200],
    ]);
    await feed.close();
  });

  it('twilio and fork: words on the side channel by default; twilio with --words twilio-webhook as signed callbacks', async () => {
    const runs: [string, string[]][] = [
      ['twilio', []],
      ['fork', []],
      ['twilio', ['--words', 'twilio-webhook', '--twilio-auth-token', TWILIO_TOKEN]],
    ];
    for (const [i, [protocol, extra]] of runs.entries()) {
      const agent = `cli-words-${i}`;
      const feed = await TestSocket.open(`${server.wsUrl}/v1/feed?agentId=${agent}`);
      await feed.nextType('hello');
      const r = await replay(['--protocol', protocol, stereoWav, '--transcript', transcript, '--url', server.wsUrl, '--key', KEY, '--agent', agent, '--call', `cli-w${i}`, '--speed', extra.length ? '1' : '10', ...extra]);
      expect(r.code, r.stderr).toBe(0);
      expect(r.summary).toMatchObject({ protocol, transcriptsSent: 2, words: { via: extra.length ? 'twilio-webhook' : 'side', sent: 2, acked: 2, refused: {} } });
      await feed.nextType('call.ended');
      const got = feed.ofType('transcript');
      expect(got.map((t) => [t.track, t.text])).toEqual([
        ['caller', 'my card was charged twice'],
        ['agent', 'let me check that for you'],
      ]);
      // Side-channel times are as sent; webhook words are placed from their Timestamp, on the same timeline.
      expect(Math.abs((got[0]!.endMs as number) - 1800)).toBeLessThanOrEqual(extra.length ? 250 : 0);
      expect(Math.abs((got[1]!.endMs as number) - 3200)).toBeLessThanOrEqual(extra.length ? 250 : 0);
      await feed.close();
    }
  });

  it('twilio and fork stream a mono μ-law WAV, resampled to what each protocol carries', async () => {
    for (const protocol of ['twilio', 'fork']) {
      const feed = await TestSocket.open(`${server.wsUrl}/v1/feed?agentId=cli-${protocol}`);
      await feed.nextType('hello');
      const r = await replay(['--protocol', protocol, monoWav, '--url', server.wsUrl, '--key', KEY, '--agent', `cli-${protocol}`, '--call', `cli-${protocol}`, '--speed', '20']);
      expect(r.code, r.stderr).toBe(0);
      expect(r.summary).toMatchObject({ protocol, channels: 1, mediaMs: 3000, end: { acknowledged: true } });
      expect(await feed.nextType('call.started')).toMatchObject({ tracks: ['caller'], source: protocol });
      await feed.nextType('call.ended');
      expect(feed.ofType('emotion').length).toBeGreaterThan(3);
      await feed.close();
    }
  });

  it('fork flavours: freeswitch and vonage first frames are accepted too', async () => {
    for (const flavour of ['freeswitch', 'vonage']) {
      const r = await replay(['--protocol', 'fork', '--fork-flavor', flavour, '--rate', '8000', stereoWav, '--url', server.wsUrl, '--key', KEY, '--call', `cli-${flavour}`, '--speed', '20']);
      expect(r.code, r.stderr).toBe(0);
    }
  });

  it('a wrong key makes the replay fail with exit code 1 and says why', async () => {
    const r = await replay(['--protocol', 'native', stereoWav, '--url', server.wsUrl, '--key', 'wrong-wrong-wrong-wrong', '--speed', '20']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/HTTP 401/);
  });

  it('usage mistakes exit with 2 and name the mistake', async () => {
    expect((await replay([stereoWav])).stderr).toMatch(/--protocol must be one of/);
    expect((await replay(['--protocol', 'sip', stereoWav])).code).toBe(2);
    expect((await replay(['--protocol', 'native', stereoWav, '--speed', '0'])).stderr).toMatch(/--speed/);
    expect((await replay(['--protocol', 'native'])).stderr).toMatch(/one WAV file/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '[{"track":"customer","text":"x","isFinal":true,"startMs":0,"endMs":1}]');
    expect((await replay(['--protocol', 'native', stereoWav, '--transcript', bad])).stderr).toMatch(/transcript entry 0.track/);
    expect((await replay(['--protocol', 'fork', stereoWav, '--words', 'carrier-pigeon'])).stderr).toMatch(/--words must be one of side, twilio-webhook/);
    expect((await replay(['--protocol', 'native', stereoWav, '--words', 'side'])).stderr).toMatch(/native carries the transcript in-band/);
    expect((await replay(['--protocol', 'fork', stereoWav, '--words', 'twilio-webhook'])).stderr).toMatch(/goes with --protocol twilio/);
    const token = process.env.CALLCUE_TWILIO_AUTH_TOKEN;
    delete process.env.CALLCUE_TWILIO_AUTH_TOKEN;
    try {
      expect((await replay(['--protocol', 'twilio', stereoWav, '--words', 'twilio-webhook'])).stderr).toMatch(/needs --twilio-auth-token/);
    } finally {
      if (token !== undefined) process.env.CALLCUE_TWILIO_AUTH_TOKEN = token;
    }
  });
});

describe('WAV reading', () => {
  it('reads 16-bit stereo, μ-law mono and 32-bit float at 44.1 kHz', () => {
    const s = decodeWav(encodeWav([new Float32Array([0.5, -0.5]), new Float32Array([0.25, 0])], 16000));
    expect(s.channels).toHaveLength(2);
    expect(s.channels[0]![0]).toBeCloseTo(0.5, 3);
    expect(s.channels[1]![0]).toBeCloseTo(0.25, 3);
    const f = new wavefile.WaveFile();
    f.fromScratch(1, 44100, '32f', new Float64Array([0.1, 0.2, -0.3]));
    const r = decodeWav(f.toBuffer());
    expect(r.sampleRateHz).toBe(44100);
    expect(r.channels[0]![2]).toBeCloseTo(-0.3, 5);
  });
  it('refuses what is not a WAV', () => {
    expect(() => decodeWav(new Uint8Array(64))).toThrow(/not a WAV file/);
  });
});
