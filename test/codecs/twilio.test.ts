// The Twilio codec against messages shaped exactly as Twilio's "Media Streams - WebSocket
// Messages" page shows them, and the encoder the replay tool uses against the same rules.

import { describe, expect, it } from 'vitest';
import { TwilioDecoder, isTwilioMulaw, twilioTrackSpecs } from '../../src/codecs/twilio.js';
import { TwilioEncoder } from '../../src/codecs/twilio-encode.js';

const ids = { streamSid: 'MZ18ad3ab5a668481ce02b83e7395059f0', accountSid: 'AC123', callSid: 'CA123' };

describe('Twilio Media Streams decoding', () => {
  it('reads the documented connected, start, media and stop messages', () => {
    const d = new TwilioDecoder();
    expect(d.decode('{"event":"connected","protocol":"Call","version":"1.0.0"}').command).toEqual({ kind: 'connected', protocol: 'Call', version: '1.0.0' });
    const start = d.decode(
      JSON.stringify({
        event: 'start',
        sequenceNumber: '1',
        start: {
          accountSid: 'AC123',
          streamSid: ids.streamSid,
          callSid: 'CA123',
          tracks: ['inbound', 'outbound'],
          mediaFormat: { encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 },
          customParameters: { agentId: 'a-7', FirstName: 'Jane' },
        },
        streamSid: ids.streamSid,
      }),
    ).command;
    expect(start).toMatchObject({ kind: 'start', callSid: 'CA123', tracks: ['inbound', 'outbound'], customParameters: { agentId: 'a-7' } });
    const media = d.decode(
      JSON.stringify({
        event: 'media',
        sequenceNumber: '2',
        media: { track: 'outbound', chunk: '1', timestamp: '5', payload: Buffer.from([0xff, 0x7f, 0x00]).toString('base64') },
        streamSid: ids.streamSid,
      }),
    ).command;
    expect(media).toMatchObject({ kind: 'media', track: 'outbound', chunk: 1, timestampMs: 5 });
    expect([...(media as { mulaw: Uint8Array }).mulaw]).toEqual([0xff, 0x7f, 0x00]);
    const stop = d.decode(JSON.stringify({ event: 'stop', sequenceNumber: '3', stop: { accountSid: 'AC123', callSid: 'CA123' }, streamSid: ids.streamSid }));
    expect(stop.command).toEqual({ kind: 'stop', callSid: 'CA123' });
    expect(d.sequenceGaps).toBe(0);
  });

  it('counts sequenceNumber gaps: "The first message has a value of 1 and then is incremented for each subsequent message"', () => {
    const e = new TwilioEncoder(ids);
    const d = new TwilioDecoder();
    d.decode(e.connected());
    d.decode(e.start(['inbound'], { agentId: 'a' }));
    expect(d.decode(e.media('inbound', new Uint8Array(160))).missing).toBe(0);
    e.skip(3);
    const after = d.decode(e.media('inbound', new Uint8Array(160)));
    expect(after.missing).toBe(3);
    expect(d.sequenceGaps).toBe(3);
  });

  it('flags a sequenceNumber that goes backwards without counting it as a gap', () => {
    const d = new TwilioDecoder();
    const m = (n: number) => JSON.stringify({ event: 'mark', sequenceNumber: String(n), streamSid: 'MZ1', mark: { name: 'x' } });
    d.decode(m(1));
    d.decode(m(2));
    expect(d.decode(m(2)).outOfOrder).toBe(true);
    expect(d.sequenceGaps).toBe(0);
  });

  it('keeps sequenceNumber a string, as Twilio sends it', () => {
    const d = new TwilioDecoder();
    expect(() => d.decode(JSON.stringify({ event: 'mark', sequenceNumber: 4, streamSid: 'MZ1', mark: { name: 'x' } }))).toThrow(/sequenceNumber/);
  });

  it('answers bad JSON, unknown events and bad payloads with distinct codes', () => {
    const d = new TwilioDecoder();
    expect(() => d.decode('{nope')).toThrow(expect.objectContaining({ code: 'MALFORMED_JSON' }));
    expect(() => d.decode('{"event":"hangup"}')).toThrow(expect.objectContaining({ code: 'UNKNOWN_TYPE' }));
    const bad = JSON.stringify({ event: 'media', sequenceNumber: '1', streamSid: 'MZ1', media: { track: 'inbound', chunk: '1', timestamp: '0', payload: 'not base64!' } });
    expect(() => d.decode(bad)).toThrow(expect.objectContaining({ code: 'INVALID_MESSAGE' }));
  });

  it('reads the dtmf message without keeping the digit', () => {
    const d = new TwilioDecoder();
    const cmd = d.decode(new TwilioEncoder(ids).dtmf('7')).command;
    expect(cmd).toEqual({ kind: 'dtmf' });
  });

  it('maps inbound to the caller and outbound to the agent, μ-law 8 kHz', () => {
    expect(twilioTrackSpecs(['inbound', 'outbound'])).toEqual([
      { track: 'caller', encoding: 'mulaw', sampleRateHz: 8000 },
      { track: 'agent', encoding: 'mulaw', sampleRateHz: 8000 },
    ]);
    expect(isTwilioMulaw({ encoding: 'audio/x-mulaw', sampleRate: 8000, channels: 1 })).toBe(true);
    expect(isTwilioMulaw({ encoding: 'audio/x-l16', sampleRate: 16000, channels: 1 })).toBe(false);
  });

  it('encodes chunk and timestamp per track: "The first message will begin with 1"', () => {
    const e = new TwilioEncoder(ids);
    e.start(['inbound', 'outbound'], {});
    const a = JSON.parse(e.media('inbound', new Uint8Array(160)));
    const b = JSON.parse(e.media('outbound', new Uint8Array(160)));
    const c = JSON.parse(e.media('inbound', new Uint8Array(160)));
    expect([a.media.chunk, b.media.chunk, c.media.chunk]).toEqual(['1', '1', '2']);
    expect([a.media.timestamp, c.media.timestamp]).toEqual(['0', '20']);
    expect([a.sequenceNumber, b.sequenceNumber, c.sequenceNumber]).toEqual(['2', '3', '4']);
  });
});
