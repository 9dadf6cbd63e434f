// AudioHook's HTTP message signatures (the HTTP Message Signatures draft, later RFC 9421, as the
// AudioHook protocol uses it): HMAC-SHA256 keyed with the integration's client secret (base64-
// decoded) over "@request-target", "@authority", the three Audiohook-* headers and X-API-KEY,
// with keyid = the API key, a nonce, and a created time. Verified against "Example 1" of the
// AudioHook specification in test/codecs/audiohook-signature.test.ts. Pure: the clock and the
// nonce memory are passed in.

import { createHmac, timingSafeEqual } from 'node:crypto';
import { isInnerList, parseDictionary, serializeInnerList, type BareItem, type InnerList, type Member } from '../codecs/audiohook-sfv.js';

export type HeaderMap = Record<string, string | string[] | undefined>;

/** What an AudioHook signature must cover (as the reference server requires). */
export const AUDIOHOOK_SIGNED_COMPONENTS = [
  '@request-target',
  '@authority',
  'audiohook-organization-id',
  'audiohook-session-id',
  'audiohook-correlation-id',
  'x-api-key',
] as const;

/** Oldest signature accepted, seconds, and the clock skew tolerated either way. */
export const MAX_SIGNATURE_AGE_S = 10;
export const MAX_CLOCK_SKEW_S = 3;
const MIN_NONCE_CHARS = 22;

export type SignatureResult = { ok: true; nonce: string | null } | { ok: false; unsigned: boolean; reason: string };

export interface VerifyInput {
  headers: HeaderMap;
  /** Path and query exactly as requested, e.g. "/v1/audiohook?agentId=a1". */
  requestTarget: string;
  /** The HMAC key: the client secret, base64-decoded. */
  clientSecret: Uint8Array;
  nowS: number;
  /** True when this nonce was already used within the signature lifetime (a replay). */
  nonceSeen?: (nonce: string) => boolean;
}

export function canonicalHeader(headers: HeaderMap, name: string): string | null {
  const v = headers[name];
  if (v === undefined) return null;
  const canon = (s: string) => s.trim().replace(/[ \t]*\r\n[ \t]+/g, ' ');
  return Array.isArray(v) ? v.map(canon).join(', ') : canon(v);
}

function componentValue(name: string, headers: HeaderMap, requestTarget: string): string | null {
  if (name === '@request-target') return requestTarget;
  if (name === '@authority') return canonicalHeader(headers, 'host')?.toLowerCase() ?? null;
  if (name.startsWith('@')) return null;
  return canonicalHeader(headers, name);
}

/** The signature base: one line per covered component, then "@signature-params". */
export function signatureBase(list: InnerList, headers: HeaderMap, requestTarget: string): string | { missing: string } {
  const lines: string[] = [];
  for (const item of list.items) {
    const name = item.value as string;
    const value = componentValue(name, headers, requestTarget);
    if (value === null) return { missing: name };
    lines.push(`"${name}": ${value}`);
  }
  lines.push(`"@signature-params": ${serializeInnerList(list)}`);
  return lines.join('\n');
}

const param = (list: InnerList, key: string): BareItem | undefined => list.params.find((p) => p.key === key)?.value;

export function verifyAudiohookSignature(input: VerifyInput): SignatureResult {
  const fail = (reason: string, unsigned = false): SignatureResult => ({ ok: false, unsigned, reason });
  const inputField = canonicalHeader(input.headers, 'signature-input');
  const sigField = canonicalHeader(input.headers, 'signature');
  if (!inputField && !sigField) return fail('the request is not signed', true);
  if (!inputField || !sigField) return fail('Signature and Signature-Input must both be present');
  let inputs: Map<string, Member>;
  let sigs: Map<string, Member>;
  try {
    inputs = parseDictionary(inputField);
    sigs = parseDictionary(sigField);
  } catch {
    return fail('Signature or Signature-Input is not a valid structured field');
  }
  const [label, list] = [...inputs][0] ?? [];
  if (!label || !list || !isInnerList(list)) return fail('Signature-Input must hold an inner list');
  const sig = sigs.get(label);
  if (!sig || isInnerList(sig) || !(sig.value instanceof Uint8Array)) return fail(`no byte-sequence Signature for label ${label}`);
  if (list.items.some((i) => typeof i.value !== 'string' || i.params.length > 0)) return fail('covered components must be plain strings');
  const covered = new Set(list.items.map((i) => i.value as string));
  if (covered.size !== list.items.length) return fail('a component is covered twice');
  const uncovered = AUDIOHOOK_SIGNED_COMPONENTS.filter((c) => !covered.has(c));
  if (uncovered.length) return fail(`the signature does not cover ${uncovered.join(', ')}`);

  const keyid = param(list, 'keyid');
  if (typeof keyid !== 'string' || keyid !== canonicalHeader(input.headers, 'x-api-key')) return fail('keyid must equal X-API-KEY');
  const alg = param(list, 'alg');
  if (alg !== undefined && alg !== 'hmac-sha256') return fail('only alg="hmac-sha256" is supported');
  const created = param(list, 'created');
  if (typeof created !== 'number' || !Number.isInteger(created)) return fail('a created time is required');
  if (created > input.nowS + MAX_CLOCK_SKEW_S) return fail('created is in the future');
  if (input.nowS - created > MAX_SIGNATURE_AGE_S + MAX_CLOCK_SKEW_S) return fail('the signature is too old');
  const expires = param(list, 'expires');
  if (expires !== undefined && (typeof expires !== 'number' || expires < input.nowS - MAX_CLOCK_SKEW_S)) return fail('the signature has expired');
  const nonce = param(list, 'nonce');
  if (typeof nonce !== 'string' || nonce.length < MIN_NONCE_CHARS) return fail(`a nonce of at least ${MIN_NONCE_CHARS} characters is required`);

  const base = signatureBase(list, input.headers, input.requestTarget);
  if (typeof base !== 'string') return fail(`component ${base.missing} is missing from the request`);
  const expected = createHmac('sha256', input.clientSecret).update(base).digest();
  const given = Buffer.from(sig.value);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return fail('the signature does not match');
  if (input.nonceSeen?.(nonce)) return fail('the nonce was already used');
  return { ok: true, nonce };
}

export interface SignInput {
  requestTarget: string;
  authority: string;
  organizationId: string;
  sessionId: string;
  correlationId: string;
  apiKey: string;
  clientSecret: Uint8Array;
  createdS: number;
  nonce: string;
  expiresS?: number;
  label?: string;
}

/** The client side (Genesys, or the replay tool): the Signature-Input and Signature headers. */
export function signAudiohookRequest(s: SignInput): { 'signature-input': string; signature: string } {
  const list: InnerList = {
    items: AUDIOHOOK_SIGNED_COMPONENTS.map((c) => ({ value: c, params: [] })),
    params: [
      { key: 'keyid', value: s.apiKey },
      { key: 'nonce', value: s.nonce },
      { key: 'alg', value: 'hmac-sha256' },
      { key: 'created', value: s.createdS },
      ...(s.expiresS !== undefined ? [{ key: 'expires', value: s.expiresS }] : []),
    ],
  };
  const headers: HeaderMap = {
    host: s.authority,
    'audiohook-organization-id': s.organizationId,
    'audiohook-session-id': s.sessionId,
    'audiohook-correlation-id': s.correlationId,
    'x-api-key': s.apiKey,
  };
  const base = signatureBase(list, headers, s.requestTarget) as string;
  const mac = createHmac('sha256', s.clientSecret).update(base).digest('base64');
  const label = s.label ?? 'sig1';
  return { 'signature-input': `${label}=${serializeInnerList(list)}`, signature: `${label}=:${mac}:` };
}
