// The AudioHook server state machine against the rules of the AudioHook protocol as the Genesys
// reference server enforces them; each test quotes the rule it checks.

import { describe, expect, it } from 'vitest';
import { AudiohookServerSession, selectAudiohookMedia } from '../../src/codecs/audiohook.js';
import { durationToSeconds, secondsToDuration } from '../../src/codecs/audiohook-duration.js';
import type { MediaParameter } from '../../src/protocol/audiohook.js';

const ID = '30b0e395-84d3-4570-ac13-9a62d8f514c0';
const STEREO: MediaParameter = { type: 'audio', format: 'PCMU', channels: ['external', 'internal'], rate: 8000 };
const EXT: MediaParameter = { type: 'audio', format: 'PCMU', channels: ['external'], rate: 8000 };
const INT: MediaParameter = { type: 'audio', format: 'PCMU', channels: ['internal'], rate: 8000 };

function client(session: AudiohookServerSession) {
  let seq = 0;
  let samples = 0;
  return {
    msg(type: string, parameters: Record<string, unknown> = {}, over: Record<string, unknown> = {}) {
      return JSON.stringify({ version: '2', id: ID, type, seq: ++seq, serverseq: 0, position: secondsToDuration(samples / 8000), parameters, ...over });
    },
    send(type: string, parameters: Record<string, unknown> = {}, over: Record<string, unknown> = {}) {
      return session.onText(this.msg(type, parameters, over));
    },
    audio(frames: number, channels = 2) {
      samples += frames;
      return session.onBinary(new Uint8Array(frames * channels).fill(0xff));
    },
  };
}

const openParams = (media: MediaParameter[], conversationId = '090eaa2f-72fa-480a-83e0-8667ff89c0ec') => ({
  organizationId: 'd7934305-0972-4844-938e-9060eef73d05',
  conversationId,
  participant: { id: '883efee8-3d6c-4537-b500-6d7ca4b92fa0', ani: '+15555550100', aniName: '', dnis: '' },
  media,
  language: 'en-US',
});

function opened() {
  const s = new AudiohookServerSession(ID);
  const c = client(s);
  const step = c.send('open', openParams([STEREO, EXT]));
  if (step.kind !== 'open') throw new Error('expected open');
  s.opened(step.selected);
  return { s, c };
}

describe('AudioHook media selection', () => {
  it('picks stereo PCMU when offered: external = caller, internal = agent', () => {
    expect(selectAudiohookMedia([EXT, STEREO, INT])).toMatchObject({
      media: STEREO,
      tracks: [
        { track: 'caller', encoding: 'mulaw', sampleRateHz: 8000 },
        { track: 'agent', encoding: 'mulaw', sampleRateHz: 8000 },
      ],
    });
  });
  it('falls back to mono external, then mono internal, and refuses what it cannot decode', () => {
    expect(selectAudiohookMedia([INT, EXT])!.media).toBe(EXT);
    expect(selectAudiohookMedia([INT])!.tracks).toEqual([{ track: 'agent', encoding: 'mulaw', sampleRateHz: 8000 }]);
    expect(selectAudiohookMedia([{ ...STEREO, format: 'L16' }, { ...EXT, rate: 16000 }])).toBeNull();
  });
});

describe('AudioHook session rules', () => {
  it('"open" → "opened" with the selected media; the server seq starts at 1 and echoes clientseq', () => {
    const s = new AudiohookServerSession(ID);
    const step = client(s).send('open', openParams([STEREO]));
    expect(step).toMatchObject({ kind: 'open', probe: false, selected: { media: STEREO } });
    expect(s.opened(selectAudiohookMedia([STEREO]))).toEqual({
      version: '2',
      id: ID,
      type: 'opened',
      seq: 1,
      clientseq: 1,
      parameters: { media: [STEREO], startPaused: false },
    });
  });

  it('treats the null conversation id as a connection probe', () => {
    const s = new AudiohookServerSession(ID);
    expect(client(s).send('open', openParams([EXT], '00000000-0000-0000-0000-000000000000'))).toMatchObject({ kind: 'open', probe: true });
  });

  it('"ping" is answered with "pong"', () => {
    const { s, c } = opened();
    const step = c.send('ping', { rtt: 'PT0.05S' });
    expect(step).toMatchObject({ kind: 'reply', message: { type: 'pong', seq: 2, clientseq: 2, parameters: {} } });
    expect(s.state).toBe('active');
  });

  it('"seq" must be the previous client seq + 1, else disconnect with reason "error"', () => {
    const { c } = opened();
    const step = c.send('ping', {}, { seq: 5 });
    expect(step).toMatchObject({ kind: 'disconnect', message: { type: 'disconnect', parameters: { reason: 'error' } } });
    expect((step as { info: string }).info).toMatch(/Invalid seq value/);
  });

  it('"serverseq" may not exceed the last seq the server sent', () => {
    const { c } = opened();
    expect(c.send('ping', {}, { serverseq: 9 })).toMatchObject({ kind: 'disconnect', info: 'Invalid serverseq value' });
  });

  it('the message id must stay the session id', () => {
    const { c } = opened();
    expect(c.send('ping', {}, { id: '11111111-1111-4111-8111-111111111111' })).toMatchObject({ kind: 'disconnect', info: 'Session identifier mismatch' });
  });

  it('text messages over 64 KiB are refused', () => {
    const { s, c } = opened();
    const big = c.msg('ping', { pad: 'x'.repeat(70_000) });
    expect(s.onText(big)).toMatchObject({ kind: 'disconnect', info: expect.stringMatching(/too large/) });
  });

  it('unknown types and bad parameters are errors, each signalled once', () => {
    const { s, c } = opened();
    expect(c.send('hello')).toMatchObject({ kind: 'disconnect', info: expect.stringMatching(/not a supported client message/) });
    expect(s.state).toBe('disconnecting');
    expect(c.send('update', { language: 42 })).toEqual({ kind: 'none' });
  });

  it('bad parameters of a known type are an error', () => {
    const { c } = opened();
    expect(c.send('update', { language: 'English' })).toMatchObject({ kind: 'disconnect', info: 'Invalid Message: Invalid/missing parameters' });
  });

  it('audio before "opened" is an error', () => {
    const s = new AudiohookServerSession(ID);
    const c = client(s);
    c.send('open', openParams([STEREO]));
    expect(c.audio(160)).toMatchObject({ kind: 'disconnect', info: 'Received audio in state OPENING' });
  });

  it('binary frames are de-interleaved into external and internal channels', () => {
    const { s } = opened();
    const step = s.onBinary(Uint8Array.from([1, 2, 3, 4]));
    expect(step.kind).toBe('audio');
    const [ext, int] = (step as { channels: Uint8Array[] }).channels;
    expect([...ext!, ...int!]).toEqual([1, 3, 2, 4]);
    expect(s.onBinary(Uint8Array.from([1, 2, 3]))).toMatchObject({ kind: 'disconnect', info: expect.stringMatching(/not a valid audio frame/) });
  });

  it('a client pause ("paused") stops audio until "resumed"; discarded time joins the position', () => {
    const { s, c } = opened();
    c.audio(800);
    expect(c.send('paused')).toEqual({ kind: 'paused' });
    expect(s.onBinary(new Uint8Array(320))).toMatchObject({ kind: 'disconnect', info: 'Received audio in state PAUSED' });
  });

  it('"resumed" carries start and discarded; position = audio received + audio discarded', () => {
    const { s, c } = opened();
    c.audio(8000);
    c.send('paused');
    expect(c.send('resumed', { start: 'PT1S', discarded: 'PT2.5S' }, { position: 'PT3.5S' })).toEqual({ kind: 'resumed', discardedS: 2.5 });
    expect(s.positionS).toBeCloseTo(3.5, 6);
    // The client's own position now includes the discarded audio too: no drift.
    c.send('ping', {}, { position: 'PT3.5S' });
    expect(s.positionDrifts).toBe(0);
    c.send('ping', {}, { position: 'PT9S' });
    expect(s.positionDrifts).toBe(1);
  });

  it('"discarded" advances the position without audio', () => {
    const { s, c } = opened();
    c.audio(1600);
    expect(c.send('discarded', { start: 'PT0.2S', discarded: 'PT0.3S' })).toEqual({ kind: 'none' });
    expect(s.positionS).toBeCloseTo(0.5, 6);
  });

  it('"update" is answered with "updated"', () => {
    const { c } = opened();
    expect(c.send('update', { language: 'zh-CN' })).toMatchObject({ kind: 'reply', message: { type: 'updated' } });
  });

  it('"close" → the call ends, then "closed"; nothing after it counts', () => {
    const { s, c } = opened();
    expect(c.send('close', { reason: 'end' })).toEqual({ kind: 'close', reason: 'end' });
    expect(s.closed()).toMatchObject({ type: 'closed', parameters: {} });
    expect(c.audio(160)).toEqual({ kind: 'none' });
    expect(c.send('ping')).toEqual({ kind: 'none' });
  });

  it('after a disconnect the client still gets its close transaction', () => {
    const { s, c } = opened();
    s.disconnect('error', 'x');
    expect(c.send('ping')).toMatchObject({ kind: 'reply' });
    expect(c.send('close', { reason: 'error' })).toEqual({ kind: 'close', reason: 'error' });
  });

  it('"error" from the client is reported, not answered', () => {
    const { c } = opened();
    expect(c.send('error', { code: 500, message: 'Internal client error' })).toEqual({ kind: 'client-error', code: 500, message: 'Internal client error' });
  });

  it('server-initiated pause and resume exist only in an open session', () => {
    const s = new AudiohookServerSession(ID);
    expect(s.pause()).toBeNull();
    const o = opened();
    expect(o.s.pause()).toMatchObject({ type: 'pause' });
    expect(o.s.resume()).toMatchObject({ type: 'resume' });
  });
});

describe('AudioHook durations', () => {
  it('round-trips ISO 8601 seconds', () => {
    expect(secondsToDuration(0)).toBe('PT0S');
    expect(secondsToDuration(1.5)).toBe('PT1.5S');
    expect(durationToSeconds('PT12.345S')).toBeCloseTo(12.345);
    expect(() => durationToSeconds('12s')).toThrow(RangeError);
  });
});
