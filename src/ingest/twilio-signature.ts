// Twilio's request signature (X-Twilio-Signature, twilio.com/docs/usage/security): HMAC-SHA1, keyed
// with the account's auth token, over the full URL Twilio requested followed by every POST
// parameter, sorted by name, as name + value with no separators; base64. Twilio may sign the URL
// with or without the scheme's default port, so both forms are tried, as its own libraries do.
// Checked against Twilio's published example and against signatures computed by openssl in
// test/ingest/twilio-signature.test.ts. Pure.

import { createHmac, timingSafeEqual } from 'node:crypto';

export type FormParams = Record<string, string | string[]>;

export function twilioSignature(authToken: string, url: string, params: FormParams): string {
  let data = url;
  for (const name of Object.keys(params).sort()) {
    const v = params[name]!;
    // A repeated parameter is signed once per distinct value, values in order.
    for (const value of Array.isArray(v) ? [...new Set(v)].sort() : [v]) data += name + value;
  }
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/** The URL with its scheme's default port written out, and without any port. */
export function portVariants(url: string): string[] {
  const m = /^(https?):\/\/([^/?#@]*@)?(\[[^\]]+\]|[^/?#:]+)(:\d+)?(.*)$/i.exec(url);
  if (!m) return [url];
  const [, scheme, user = '', host, port, rest] = m;
  const withPort = `${scheme}://${user}${host}${port ?? (scheme!.toLowerCase() === 'https' ? ':443' : ':80')}${rest}`;
  const without = `${scheme}://${user}${host}${rest}`;
  return [...new Set([url, withPort, without])];
}

export function verifyTwilioSignature(authToken: string, url: string, params: FormParams, signature: string | undefined): boolean {
  if (!authToken || !signature) return false;
  const given = Buffer.from(signature, 'utf8');
  return portVariants(url).some((u) => {
    const expected = Buffer.from(twilioSignature(authToken, u, params), 'utf8');
    return expected.length === given.length && timingSafeEqual(expected, given);
  });
}
