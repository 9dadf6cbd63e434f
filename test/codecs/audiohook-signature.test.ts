// AudioHook HTTP message signatures: the AudioHook specification's "Example 1" (also used by
// the Genesys reference implementation) must verify, and every way of breaking it must not.

import { describe, expect, it } from 'vitest';
import { signAudiohookRequest, verifyAudiohookSignature, type HeaderMap } from '../../src/ingest/audiohook-signature.js';
import { parseDictionary, serializeInnerList, isInnerList } from '../../src/codecs/audiohook-sfv.js';

const API_KEY = 'SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh';
const SECRET = new Uint8Array(Buffer.from('TXlTdXBlclNlY3JldEtleVRlbGxOby0xITJAMyM0JDU=', 'base64'));
const TARGET = '/api/v1/voicebiometrics/ws';
const NOW = 1641013205;
const DOC: HeaderMap = {
  host: 'audiohook.example.com',
  'audiohook-organization-id': 'd7934305-0972-4844-938e-9060eef73d05',
  'audiohook-session-id': '30b0e395-84d3-4570-ac13-9a62d8f514c0',
  'audiohook-correlation-id': 'e160e428-53e2-487c-977d-96989bf5c99d',
  'x-api-key': API_KEY,
  signature: 'sig1=:NZBwyBHRRyRoeLqy1IzOa9VYBuI8TgMFt2GRDkDuJh4=:',
  'signature-input':
    'sig1=("@request-target" "@authority" "audiohook-organization-id" "audiohook-session-id" "audiohook-correlation-id" "x-api-key");keyid="SGVsbG8sIEkgYW0gdGhlIEFQSSBrZXkh";nonce="VGhpc0lzQVVuaXF1ZU5vbmNl";alg="hmac-sha256";created=1641013200;expires=3282026430',
};

const verify = (headers: HeaderMap, over: Partial<Parameters<typeof verifyAudiohookSignature>[0]> = {}) =>
  verifyAudiohookSignature({ headers, requestTarget: TARGET, clientSecret: SECRET, nowS: NOW, ...over });

describe('AudioHook signature verification', () => {
  it('accepts Example 1 of the AudioHook specification (HMAC-SHA256, client secret base64-decoded)', () => {
    expect(verify(DOC)).toEqual({ ok: true, nonce: 'VGhpc0lzQVVuaXF1ZU5vbmNl' });
  });

  it('rejects a changed covered header, request target or secret', () => {
    expect(verify({ ...DOC, 'audiohook-session-id': '00000000-0000-0000-0000-000000000000' })).toMatchObject({ ok: false, reason: /does not match/ });
    expect(verify(DOC, { requestTarget: '/api/v1/other' })).toMatchObject({ ok: false });
    expect(verify(DOC, { clientSecret: new Uint8Array(32) })).toMatchObject({ ok: false, reason: /does not match/ });
  });

  it('rejects a signature that does not cover every required component', () => {
    const input = (DOC['signature-input'] as string).replace(' "x-api-key"', '');
    expect(verify({ ...DOC, 'signature-input': input })).toMatchObject({ ok: false, reason: /does not cover x-api-key/ });
  });

  it('rejects keyid different from X-API-KEY', () => {
    expect(verify({ ...DOC, 'x-api-key': 'another-key' })).toMatchObject({ ok: false, reason: /keyid must equal X-API-KEY/ });
  });

  it('rejects old, future and expired signatures', () => {
    expect(verify(DOC, { nowS: NOW + 60 })).toMatchObject({ ok: false, reason: /too old/ });
    expect(verify(DOC, { nowS: 1641013200 - 30 })).toMatchObject({ ok: false, reason: /future/ });
  });

  it('rejects a replayed nonce', () => {
    const seen = new Set<string>();
    const nonceSeen = (n: string) => (seen.has(n) ? true : (seen.add(n), false));
    expect(verify(DOC, { nonceSeen }).ok).toBe(true);
    expect(verify(DOC, { nonceSeen })).toMatchObject({ ok: false, reason: /nonce was already used/ });
  });

  it('tells an unsigned request from a badly signed one', () => {
    const { signature: _s, 'signature-input': _i, ...unsigned } = DOC;
    expect(verify(unsigned)).toMatchObject({ ok: false, unsigned: true });
    expect(verify({ ...unsigned, signature: DOC.signature })).toMatchObject({ ok: false, unsigned: false });
  });

  it('signs what it verifies (the replay tool signs like Genesys)', () => {
    const headers = signAudiohookRequest({
      requestTarget: '/v1/audiohook?agentId=a-1',
      authority: '127.0.0.1:8080',
      organizationId: DOC['audiohook-organization-id'] as string,
      sessionId: DOC['audiohook-session-id'] as string,
      correlationId: DOC['audiohook-correlation-id'] as string,
      apiKey: API_KEY,
      clientSecret: SECRET,
      createdS: NOW,
      nonce: 'n'.repeat(24),
    });
    const all = { ...DOC, host: '127.0.0.1:8080', ...headers };
    expect(verify(all, { requestTarget: '/v1/audiohook?agentId=a-1' }).ok).toBe(true);
    expect(verify(all, { requestTarget: '/v1/audiohook?agentId=a-2' }).ok).toBe(false);
  });
});

describe('structured fields for signatures', () => {
  it('re-serialises the Example 1 inner list byte for byte', () => {
    const raw = (DOC['signature-input'] as string).slice('sig1='.length);
    const member = parseDictionary(DOC['signature-input'] as string).get('sig1')!;
    expect(isInnerList(member)).toBe(true);
    expect(serializeInnerList(member as never)).toBe(raw);
  });

  it('refuses malformed fields instead of guessing', () => {
    expect(() => parseDictionary('sig1=("a" "b"')).toThrow(SyntaxError);
    expect(() => parseDictionary('sig1=:abc')).toThrow(SyntaxError);
    expect(() => parseDictionary('sig1="x",')).toThrow(SyntaxError);
  });
});
