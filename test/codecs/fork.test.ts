// Fork metadata as each bridge actually sends it, and L16 frames to tracks.

import { describe, expect, it } from 'vitest';
import { decodeForkAudio, decodeForkMetadata, parseSampleRate } from '../../src/codecs/fork.js';

describe('fork metadata', () => {
  it('jambonz: "a JSON string with all of the call attributes … plus sampleRate and mixType"', () => {
    const f = decodeForkMetadata(
      JSON.stringify({
        sampleRate: 16000,
        mixType: 'stereo',
        callSid: '9fb35c28-9688-4531-943c-e280b04f3adf',
        direction: 'inbound',
        from: '+15083084809',
        to: '+15083728299',
        callId: 'd8907723-0bc7-123b-09b5-12e962f3039b',
        agentId: 'agent-9',
      }),
    );
    expect(f).toMatchObject({ flavour: 'jambonz', sampleRateHz: 16000, mixType: 'stereo', agentId: 'agent-9', callId: 'd8907723-0bc7-123b-09b5-12e962f3039b' });
    expect(f.tracks.map((t) => t.track)).toEqual(['caller', 'agent']);
    // Phone numbers are not kept.
    expect(JSON.stringify(f.metadata)).not.toContain('+1508');
  });

  it('FreeSWITCH mod_audio_fork: whatever metadata the command gave, with "8k"/"16k" rates', () => {
    const f = decodeForkMetadata('{"callId":"fs-1","agentId":"a","sampleRate":"8k","mixType":"mono"}');
    expect(f).toMatchObject({ flavour: 'freeswitch', sampleRateHz: 8000, mixType: 'mono', tracks: [{ track: 'caller', encoding: 'pcm16le', sampleRateHz: 8000 }] });
  });

  it('Vonage: {"event":"websocket:connected","content-type":"audio/l16;rate=16000", …headers}', () => {
    const f = decodeForkMetadata(JSON.stringify({ event: 'websocket:connected', 'content-type': 'audio/l16;rate=16000', agentId: 'v-1', callId: 'v-call' }));
    expect(f).toMatchObject({ flavour: 'vonage', sampleRateHz: 16000, mixType: 'mixed', agentId: 'v-1' });
  });

  it('turns SIP Call-ID characters callcue ids do not allow into "_"', () => {
    expect(decodeForkMetadata('{"callId":"abc/def+1@host","sampleRate":8000}').callId).toBe('abc_def_1@host');
  });

  it('refuses metadata without a usable rate, and anything that is not a JSON object', () => {
    expect(() => decodeForkMetadata('{"agentId":"a"}')).toThrow(/sampleRate/);
    expect(() => decodeForkMetadata('{"sampleRate":4000}')).toThrow(/outside/);
    expect(() => decodeForkMetadata('[1,2]')).toThrow(/JSON object/);
    expect(() => decodeForkMetadata('hello')).toThrow(expect.objectContaining({ code: 'MALFORMED_JSON' }));
    expect(() => decodeForkMetadata('{"sampleRate":8000,"mixType":"quad"}')).toThrow(/mixType/);
  });

  it('reads rates written every way the bridges write them', () => {
    expect([parseSampleRate(8000), parseSampleRate('16000'), parseSampleRate('16k'), parseSampleRate('audio/l16;rate=24000'), parseSampleRate('fast')]).toEqual([
      8000,
      16000,
      16000,
      24000,
      undefined,
    ]);
  });
});

describe('fork audio', () => {
  it('stereo: channel 0 is the caller unless callerChannel says 1', () => {
    const frame = Uint8Array.from([1, 0, 2, 0, 3, 0, 4, 0]);
    const [c0, a0] = decodeForkAudio(frame, { mixType: 'stereo', callerChannel: 0 });
    expect([...c0!]).toEqual([1, 0, 3, 0]);
    expect([...a0!]).toEqual([2, 0, 4, 0]);
    const [c1] = decodeForkAudio(frame, { mixType: 'stereo', callerChannel: 1 });
    expect([...c1!]).toEqual([2, 0, 4, 0]);
  });
  it('refuses torn frames', () => {
    expect(() => decodeForkAudio(new Uint8Array(3), { mixType: 'mono', callerChannel: 0 })).toThrow(/even byte count/);
    expect(() => decodeForkAudio(new Uint8Array(6), { mixType: 'stereo', callerChannel: 0 })).toThrow(/whole frames/);
  });
});
