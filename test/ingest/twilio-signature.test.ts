// X-Twilio-Signature as Twilio documents it (HMAC-SHA1 over the URL and the sorted POST parameters,
// base64), checked against the example in Twilio's security documentation and against signatures
// computed here by openssl, independently of the code under test.

import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { portVariants, twilioSignature, verifyTwilioSignature } from '../../src/ingest/twilio-signature.js';

/** Twilio's published example (twilio.com/docs/usage/security): auth token 12345. */
const EXAMPLE = {
  token: '12345',
  url: 'https://mycompany.com/myapp.php?foo=1&bar=2',
  params: { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' },
  signature: '0/KCTR6DLpKmkAf8muzZqo1nDgQ=',
};

function opensslSignature(token: string, data: string): string {
  const mac = execFileSync('openssl', ['dgst', '-sha1', '-hmac', token, '-binary'], { input: Buffer.from(data, 'utf8') });
  return mac.toString('base64');
}

describe('X-Twilio-Signature', () => {
  it('matches Twilio’s published example', () => {
    expect(twilioSignature(EXAMPLE.token, EXAMPLE.url, EXAMPLE.params)).toBe(EXAMPLE.signature);
    expect(verifyTwilioSignature(EXAMPLE.token, EXAMPLE.url, EXAMPLE.params, EXAMPLE.signature)).toBe(true);
  });

  it('matches openssl over URL + parameters sorted by name, each as name + value (Unicode text, a JSON field)', () => {
    const token = 'f00dfacefeedbeef0123456789abcdef';
    const url = 'http://127.0.0.1:8080/v1/twilio/transcriptions';
    const params = {
      TranscriptionEvent: 'transcription-content',
      AccountSid: 'AC0123',
      TranscriptionData: JSON.stringify({ transcript: '我要投诉，这是第三次了', confidence: 0.91 }),
      CallSid: 'CA4567',
      Track: 'inbound_track',
      SequenceId: '12',
      Final: 'true',
      Timestamp: '2026-11-29T10:00:01.123456Z',
    };
    const data = url + Object.keys(params).sort().map((k) => k + params[k as keyof typeof params]).join('');
    const independent = opensslSignature(token, data);
    expect(twilioSignature(token, url, params)).toBe(independent);
    expect(verifyTwilioSignature(token, url, params, independent)).toBe(true);
  });

  it('refuses a forged or missing signature, another token, a changed parameter or URL', () => {
    const { token, url, params, signature } = EXAMPLE;
    expect(verifyTwilioSignature(token, url, params, undefined)).toBe(false);
    expect(verifyTwilioSignature(token, url, params, '')).toBe(false);
    expect(verifyTwilioSignature(token, url, params, 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=')).toBe(false);
    expect(verifyTwilioSignature('54321', url, params, signature)).toBe(false);
    expect(verifyTwilioSignature(token, url, { ...params, Digits: '1235' }, signature)).toBe(false);
    expect(verifyTwilioSignature(token, url, { ...params, Extra: '' }, signature)).toBe(false);
    expect(verifyTwilioSignature(token, url.replace('foo=1', 'foo=2'), params, signature)).toBe(false);
    expect(verifyTwilioSignature('', url, params, signature)).toBe(false);
  });

  it('accepts a URL signed with or without the scheme’s default port, as Twilio may sign either', () => {
    const { token, params } = EXAMPLE;
    const withPort = twilioSignature(token, 'https://mycompany.com:443/myapp.php?foo=1&bar=2', params);
    expect(verifyTwilioSignature(token, EXAMPLE.url, params, withPort)).toBe(true);
    expect(verifyTwilioSignature(token, 'https://mycompany.com:443/myapp.php?foo=1&bar=2', params, EXAMPLE.signature)).toBe(true);
    expect(portVariants('http://h:8080/p?q')).toEqual(['http://h:8080/p?q', 'http://h/p?q']);
    expect(portVariants('http://h/p')).toEqual(['http://h/p', 'http://h:80/p']);
  });

  it('signs a repeated parameter once per distinct value, values in order (as Twilio’s libraries do)', () => {
    const token = 'tok';
    const url = 'https://x.example/cb';
    const data = `${url}AccountSidAC1Labela-firstLabelb-second`;
    expect(twilioSignature(token, url, { Label: ['b-second', 'a-first', 'b-second'], AccountSid: 'AC1' })).toBe(opensslSignature(token, data));
  });
});
