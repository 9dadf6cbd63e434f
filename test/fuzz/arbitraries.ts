// fast-check generators of hostile input: well-formed messages of every protocol, and mutations of
// them (a field dropped, retyped or replaced, the text cut or spliced), beside plain random text
// and bytes. Mutations of valid messages reach far deeper into a parser than random text does.

import fc from 'fast-check';

const uuid = fc.uuid();
const id = fc.stringMatching(/^[\w.:@-]{1,20}$/);
const track = fc.constantFrom('caller', 'agent');

export const nativeStart = fc.record({
  type: fc.constant('start'),
  callId: id,
  agentId: id,
  language: fc.constantFrom('en-US', 'zh-CN', 'zh-HK'),
  tracks: fc.constantFrom(
    [{ track: 'caller', encoding: 'mulaw', sampleRateHz: 8000 }],
    [
      { track: 'caller', encoding: 'pcm16le', sampleRateHz: 16000 },
      { track: 'agent', encoding: 'alaw', sampleRateHz: 8000 },
    ],
  ),
});

export const nativeTranscript = fc
  .record({ track, text: fc.string({ maxLength: 80 }), isFinal: fc.boolean(), startMs: fc.nat(100_000), durMs: fc.nat(10_000) })
  .map(({ durMs, ...t }) => ({ type: 'transcript', ...t, endMs: t.startMs + durMs }));

export const nativeStop = fc.record({ type: fc.constant('stop'), reason: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }) }).map((m) => (m.reason === undefined ? { type: 'stop' } : m));

export const ackMessage = fc.record({
  type: fc.constant('ack'),
  promptId: id,
  action: fc.constantFrom('used', 'dismissed', 'helpful', 'not_helpful'),
  callId: fc.option(id, { nil: undefined }),
}).map((m) => (m.callId === undefined ? { type: m.type, promptId: m.promptId, action: m.action } : m));

const seqNo = fc.integer({ min: 1, max: 10_000 }).map(String);
export const twilioMessage = fc.oneof(
  fc.record({ event: fc.constant('connected'), protocol: fc.constant('Call'), version: fc.constant('1.0.0') }),
  fc.record({
    event: fc.constant('start'),
    sequenceNumber: seqNo,
    streamSid: fc.constant('MZ1'),
    start: fc.record({
      streamSid: fc.constant('MZ1'),
      accountSid: fc.constant('AC1'),
      callSid: fc.constant('CA1'),
      tracks: fc.constantFrom(['inbound'], ['inbound', 'outbound']),
      customParameters: fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
      mediaFormat: fc.record({ encoding: fc.constant('audio/x-mulaw'), sampleRate: fc.constant(8000), channels: fc.constant(1) }),
    }),
  }),
  fc.record({
    event: fc.constant('media'),
    sequenceNumber: seqNo,
    streamSid: fc.constant('MZ1'),
    media: fc.record({
      track: fc.constantFrom('inbound', 'outbound'),
      chunk: seqNo,
      timestamp: fc.nat(100_000).map(String),
      payload: fc.uint8Array({ maxLength: 160 }).map((b) => Buffer.from(b).toString('base64')),
    }),
  }),
  fc.record({ event: fc.constant('stop'), sequenceNumber: seqNo, streamSid: fc.constant('MZ1'), stop: fc.record({ accountSid: fc.constant('AC1'), callSid: fc.constant('CA1') }) }),
);

export const forkMetadata = fc.record(
  {
    sampleRate: fc.oneof(fc.constantFrom(8000, 16000, 44100), fc.constantFrom('8k', '16k', '16000', 'x')),
    mixType: fc.constantFrom('mono', 'mixed', 'stereo'),
    callId: fc.string({ maxLength: 30 }),
    agentId: id,
    language: fc.constantFrom('en-US', 'zh-CN'),
    'content-type': fc.constant('audio/l16;rate=16000'),
    callerChannel: fc.constantFrom(0, 1),
  },
  { requiredKeys: [] },
);

export function audiohookOpen(sessionId: string) {
  return fc.record({
    version: fc.constant('2'),
    id: fc.constant(sessionId),
    type: fc.constant('open'),
    seq: fc.constant(1),
    serverseq: fc.constant(0),
    position: fc.constant('PT0S'),
    parameters: fc.record({
      organizationId: uuid,
      conversationId: uuid,
      participant: fc.record({ id: uuid, ani: fc.string({ maxLength: 12 }), aniName: fc.string({ maxLength: 12 }), dnis: fc.string({ maxLength: 12 }) }),
      media: fc.constant([{ type: 'audio', format: 'PCMU', channels: ['external', 'internal'], rate: 8000 }]),
      language: fc.constantFrom('en-US', 'zh-CN'),
    }),
  });
}

export function audiohookMessage(sessionId: string) {
  return fc.record({
    version: fc.constant('2'),
    id: fc.oneof(fc.constant(sessionId), uuid),
    type: fc.constantFrom('open', 'close', 'ping', 'paused', 'resumed', 'discarded', 'update', 'error', 'bogus'),
    seq: fc.integer({ min: 0, max: 6 }),
    serverseq: fc.integer({ min: 0, max: 3 }),
    position: fc.constantFrom('PT0S', 'PT1.5S', 'PT2S'),
    parameters: fc.oneof(
      fc.constant({ reason: 'end' }),
      fc.constant({ start: 'PT0S', discarded: 'PT0.5S' }),
      fc.constant({ code: 500, message: 'x' }),
      fc.constant({ language: 'en-US' }),
      fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 3 }),
    ),
  });
}

/** One mutation of a JSON object: a key dropped, a value replaced by anything, a key added. */
function mutateObject(obj: Record<string, unknown>) {
  const keys = Object.keys(obj);
  return fc.oneof(
    fc.constantFrom(...(keys.length ? keys : ['x'])).map((k) => {
      const { [k]: _drop, ...rest } = obj;
      return rest;
    }),
    fc.tuple(fc.constantFrom(...(keys.length ? keys : ['x'])), fc.jsonValue({ maxDepth: 2 })).map(([k, v]) => ({ ...obj, [k]: v })),
    fc.tuple(fc.string({ maxLength: 10 }), fc.jsonValue({ maxDepth: 2 })).map(([k, v]) => ({ ...obj, [k]: v })),
    fc.constant(Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, typeof v === 'string' ? 12345 : JSON.stringify(v) ?? 'undefined']))),
  );
}

/** Text of one mutated message: structural mutations, then maybe a textual one (cut, spliced). */
export function mutatedText(valid: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<string> {
  return valid
    .chain((m) => fc.oneof(fc.constant(m), mutateObject(m)))
    .chain((m) => {
      const text = JSON.stringify(m);
      return fc.oneof(
        fc.constant(text),
        fc.nat(text.length).map((n) => text.slice(0, n)),
        fc.tuple(fc.nat(text.length), fc.string({ maxLength: 5 })).map(([n, s]) => text.slice(0, n) + s + text.slice(n)),
        fc.constant(`[${text}]`),
      );
    });
}

/** Anything a hostile client may send as text. */
export const hostileText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.json({ maxDepth: 3 }),
  fc.constantFrom('', 'null', '[]', '{}', '"start"', '1e999', '{"type":"__proto__"}', '{"__proto__":{"type":"start"}}', '{"type":"constructor"}', '{"type":"toString"}'),
  fc.string({ unit: 'grapheme', maxLength: 50 }),
);
