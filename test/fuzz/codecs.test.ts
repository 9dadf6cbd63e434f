// Property-based fuzzing of every codec and message schema: random and mutated frames either
// parse or throw the protocol's coded error (CallcueError with one of the codes the protocol
// documents); never a TypeError, a RangeError or a hang. The AudioHook state machine answers
// everything with a step, whatever arrives in whatever state.

import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CallcueError, ErrorCodes, type ErrorCode } from '../../src/errors.js';
import { nativeClientSchemas } from '../../src/protocol/native.js';
import { ackMessageSchema } from '../../src/protocol/feed.js';
import { parseJsonMessage } from '../../src/protocol/parse.js';
import { TwilioDecoder } from '../../src/codecs/twilio.js';
import { decodeForkAudio, decodeForkMetadata, parseSampleRate } from '../../src/codecs/fork.js';
import { AudiohookServerSession } from '../../src/codecs/audiohook.js';
import { durationToSeconds } from '../../src/codecs/audiohook-duration.js';
import { parseDictionary } from '../../src/codecs/audiohook-sfv.js';
import { decodeAudio } from '../../src/codecs/pcm.js';
import { deinterleave } from '../../src/codecs/interleave.js';
import { Resampler } from '../../src/codecs/resample.js';
import { verifyAudiohookSignature } from '../../src/ingest/audiohook-signature.js';
import { bridgeCallStart } from '../../src/ingest/bridge-start.js';
import { ackMessage, audiohookMessage, audiohookOpen, forkMetadata, hostileText, mutatedText, nativeStart, nativeStop, nativeTranscript, twilioMessage } from './arbitraries.js';

const RUNS = { numRuns: 400 };

/** Runs fn; passes when it returns, or throws a CallcueError whose code is one of `codes`. */
function onlyCoded(fn: () => unknown, codes: readonly ErrorCode[]): void {
  try {
    fn();
  } catch (err) {
    if (!(err instanceof CallcueError)) throw new Error(`threw ${(err as Error)?.name}: ${(err as Error)?.message}`);
    expect(codes).toContain(err.code);
  }
}

const PARSE_CODES = [ErrorCodes.MALFORMED_JSON, ErrorCodes.INVALID_MESSAGE, ErrorCodes.UNKNOWN_TYPE];

describe('native bridge messages (protocol/native.ts, protocol/parse.ts)', () => {
  const anyNative = fc.oneof(nativeStart, nativeTranscript, nativeStop) as fc.Arbitrary<Record<string, unknown>>;

  it('every well-formed message parses to itself', () => {
    fc.assert(
      fc.property(anyNative, (m) => {
        expect(parseJsonMessage(JSON.stringify(m), nativeClientSchemas)).toEqual(m);
      }),
      RUNS,
    );
  });

  it('random and mutated text parses or throws MALFORMED_JSON / INVALID_MESSAGE / UNKNOWN_TYPE only', () => {
    fc.assert(
      fc.property(fc.oneof(hostileText, mutatedText(anyNative)), (text) => onlyCoded(() => parseJsonMessage(text, nativeClientSchemas), PARSE_CODES)),
      { numRuns: 2000 },
    );
  });

  it('what a telephony bridge reports of a call becomes a start or an INVALID_MESSAGE', () => {
    const field = fc.option(fc.oneof(fc.string({ maxLength: 140 }), fc.stringMatching(/^[\w.:@-]{1,10}$/)), { nil: undefined });
    fc.assert(
      fc.property(field, field, field, fc.dictionary(fc.string({ maxLength: 80 }), fc.jsonValue({ maxDepth: 1 }), { maxKeys: 40 }), (callId, agentId, language, metadata) =>
        onlyCoded(() => {
          const s = bridgeCallStart({ callId, agentId, language, tracks: [], metadata }, 'fuzz');
          expect(Object.keys(s.metadata ?? {}).length).toBeLessThanOrEqual(32);
        }, [ErrorCodes.INVALID_MESSAGE]),
      ),
      RUNS,
    );
  });
});

describe('feed acknowledgements (protocol/feed.ts)', () => {
  it('well-formed acks parse; random and mutated ones throw the parse codes only', () => {
    fc.assert(
      fc.property(ackMessage, (m) => {
        expect(parseJsonMessage(JSON.stringify(m), { ack: ackMessageSchema })).toEqual(m);
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.oneof(hostileText, mutatedText(ackMessage as fc.Arbitrary<Record<string, unknown>>)), (text) =>
        onlyCoded(() => parseJsonMessage(text, { ack: ackMessageSchema }), PARSE_CODES),
      ),
      { numRuns: 1500 },
    );
  });
});

describe('Twilio Media Streams (codecs/twilio.ts)', () => {
  it('a stream of valid, mutated and random messages decodes or throws the parse codes only; gaps are counted, never negative', () => {
    const frame = fc.oneof(twilioMessage.map((m) => JSON.stringify(m)), mutatedText(twilioMessage as fc.Arbitrary<Record<string, unknown>>), hostileText);
    fc.assert(
      fc.property(fc.array(frame, { maxLength: 30 }), (frames) => {
        const d = new TwilioDecoder();
        for (const f of frames) {
          onlyCoded(() => {
            const r = d.decode(f);
            expect(r.missing).toBeGreaterThanOrEqual(0);
            if (r.command.kind === 'media') expect(r.command.mulaw).toBeInstanceOf(Uint8Array);
          }, PARSE_CODES);
        }
        expect(d.sequenceGaps).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 300 },
    );
  });
});

describe('raw-PCM forks (codecs/fork.ts)', () => {
  it('metadata decodes or throws MALFORMED_JSON / INVALID_MESSAGE; what decodes has a sane rate and 1–2 tracks', () => {
    fc.assert(
      fc.property(fc.oneof(forkMetadata.map((m) => JSON.stringify(m)), mutatedText(forkMetadata as fc.Arbitrary<Record<string, unknown>>), hostileText), (text) =>
        onlyCoded(() => {
          const f = decodeForkMetadata(text);
          expect(f.sampleRateHz).toBeGreaterThanOrEqual(8000);
          expect(f.sampleRateHz).toBeLessThanOrEqual(96000);
          expect(f.tracks.length === 1 || f.tracks.length === 2).toBe(true);
          if (f.callId !== undefined) expect(f.callId).toMatch(/^[\w.:@-]{1,128}$/);
        }, [ErrorCodes.MALFORMED_JSON, ErrorCodes.INVALID_MESSAGE]),
      ),
      { numRuns: 1500 },
    );
  });

  it('audio frames of any length split into tracks or throw BAD_AUDIO', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 700 }), fc.constantFrom('mono', 'mixed', 'stereo'), fc.constantFrom(0, 1), (bytes, mixType, callerChannel) =>
        onlyCoded(() => {
          const out = decodeForkAudio(bytes, { mixType: mixType as 'mono', callerChannel: callerChannel as 0 });
          expect(out.reduce((a, t) => a + t.byteLength, 0)).toBe(bytes.byteLength);
        }, [ErrorCodes.BAD_AUDIO]),
      ),
      RUNS,
    );
  });

  it('sample rates parse to a number or nothing', () => {
    fc.assert(fc.property(fc.oneof(fc.string({ maxLength: 30 }), fc.double(), fc.jsonValue()), (v) => {
      const r = parseSampleRate(v);
      expect(r === undefined || typeof r === 'number').toBe(true);
    }), RUNS);
  });
});

describe('Genesys AudioHook (codecs/audiohook.ts, codecs/audiohook-sfv.ts, ingest/audiohook-signature.ts)', () => {
  const STEPS = ['none', 'reply', 'open', 'close', 'audio', 'paused', 'resumed', 'client-error', 'disconnect'];

  it('the session state machine answers every sequence of text and binary frames with a step, never a throw', () => {
    const sessionId = randomUUID();
    const frame = fc.oneof(
      { weight: 3, arbitrary: audiohookMessage(sessionId).map((m) => JSON.stringify(m)) },
      { weight: 2, arbitrary: mutatedText(audiohookMessage(sessionId) as fc.Arbitrary<Record<string, unknown>>) },
      { weight: 1, arbitrary: hostileText },
      { weight: 2, arbitrary: fc.uint8Array({ maxLength: 400 }) },
    );
    fc.assert(
      fc.property(audiohookOpen(sessionId), fc.array(frame, { maxLength: 25 }), (open, frames) => {
        const s = new AudiohookServerSession(sessionId);
        let disconnects = 0;
        const take = (step: { kind: string }) => {
          expect(STEPS).toContain(step.kind);
          if (step.kind === 'disconnect') disconnects++;
        };
        take(s.onText(JSON.stringify(open)));
        if (s.state === 'opening') s.opened(null);
        for (const f of frames) take(typeof f === 'string' ? s.onText(f) : s.onBinary(f));
        // A violation is signalled once: the client is asked to disconnect, not flooded.
        expect(disconnects).toBeLessThanOrEqual(1);
      }),
      { numRuns: 400 },
    );
  });

  it('signature headers of any shape are verified or rejected, never thrown on', () => {
    const header = fc.oneof(fc.string({ maxLength: 120 }), fc.constantFrom('sig1=("@request-target" "x-api-key");created=1;expires=2;keyid="k";nonce="n";alg="hmac-sha256"', 'sig1=:AAAA:', 'sig1=(', 'a=1,,', 'sig1=?1;x', 'sig1=("a" "b");created=1e9'));
    fc.assert(
      fc.property(fc.option(header, { nil: undefined }), fc.option(header, { nil: undefined }), fc.string({ maxLength: 40 }), (input, signature, target) => {
        const headers: Record<string, string | undefined> = { 'signature-input': input, signature, 'x-api-key': 'k'.repeat(16), host: 'h' };
        const r = verifyAudiohookSignature({ headers, requestTarget: `/v1/audiohook${target}`, clientSecret: new Uint8Array(32), nowS: 1_800_000_000 });
        expect(r.ok).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });

  it('structured fields parse or throw SyntaxError; durations parse or throw RangeError', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        try {
          parseDictionary(s);
        } catch (err) {
          expect(err).toBeInstanceOf(SyntaxError);
        }
        try {
          expect(Number.isFinite(durationToSeconds(s))).toBe(true);
        } catch (err) {
          expect(err).toBeInstanceOf(RangeError);
        }
      }),
      { numRuns: 1500 },
    );
  });
});

describe('audio codecs (codecs/pcm.ts, g711.ts, interleave.ts, resample.ts)', () => {
  it('any bytes of whole samples, at any offset in their buffer, decode to floats in [-1, 1]; a torn sample is BAD_AUDIO', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 641 }), fc.constantFrom('pcm16le', 'mulaw', 'alaw'), (raw, encoding) => {
        const bytes = raw.subarray(1); // odd byteOffset, as a native audio message's body has
        onlyCoded(() => {
          const x = decodeAudio(bytes, encoding as 'mulaw');
          for (const v of x) expect(v >= -1 && v <= 1).toBe(true);
        }, [ErrorCodes.BAD_AUDIO]);
      }),
      RUNS,
    );
  });

  it('de-interleaving any bytes gives whole channels or BAD_AUDIO', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), fc.integer({ min: 1, max: 4 }), fc.constantFrom(1, 2), (bytes, channels, width) =>
        onlyCoded(() => {
          const out = deinterleave(bytes, channels, width);
          expect(out).toHaveLength(channels);
        }, [ErrorCodes.BAD_AUDIO]),
      ),
      RUNS,
    );
  });

  it('the resampler turns any finite chunks into finite output', () => {
    fc.assert(
      fc.property(fc.array(fc.float32Array({ noNaN: true, noDefaultInfinity: true, min: -1, max: 1, maxLength: 400 }), { maxLength: 6 }), fc.constantFrom(16000, 44100, 48000), (chunks, fromHz) => {
        const r = new Resampler(fromHz, 8000);
        for (const c of chunks) for (const v of r.push(c)) expect(Number.isFinite(v)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
