// redactForLog(): scrubs any value a logger is about to write — strings through redact(), values
// under secret-looking keys replaced whole — so a stray transcript fragment or request body
// cannot put card numbers or passwords into log lines. Returns a copy; never mutates the input.

import { redact } from './redact.js';

// Matched on whole words of the key (camelCase and snake_case split), so 'otpCode' and 'api_key'
// match but 'footprint' and 'pinned' do not.
const SECRET_KEY =
  /(?:^|[_\-. ])(?:password|passwd|passcode|pin|pin_?code|pin_?number|cvv2?|cvc2?|otp|secret|token|authorization|cookie|api_?key|set_cookie)(?:$|[_\-. ])/;

function keyWords(key: string): string {
  return key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}
const MAX_DEPTH = 8;
const REDACTED = '[REDACTED]';

function scrub(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redact(value).text;
  if (typeof value === 'number' || typeof value === 'bigint') {
    // A card number can arrive as a number; digits alone are checked like any other string.
    const asText = String(value);
    const scrubbed = redact(asText).text;
    return scrubbed === asText ? value : scrubbed;
  }
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return '[Circular]';
  if (depth >= MAX_DEPTH) return '[Truncated]';
  seen.add(value);
  if (value instanceof Date) return value;
  if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`;
  if (value instanceof Error) {
    const out: Record<string, unknown> = { name: value.name, message: redact(value.message).text };
    if (value.stack !== undefined) out.stack = redact(value.stack).text;
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1, seen));
  if (value instanceof Map) {
    return Object.fromEntries([...value].map(([k, v]) => [String(k), scrubEntry(String(k), v, depth, seen)]));
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubEntry(k, v, depth, seen);
  return out;
}

function scrubEntry(key: string, value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (SECRET_KEY.test(keyWords(key)) && value !== undefined && value !== null && value !== '') return REDACTED;
  return scrub(value, depth + 1, seen);
}

/** A copy of `value` safe to log: personal data redacted at any depth, secrets under known keys removed. */
export function redactForLog(value: unknown): unknown {
  return scrub(value, 0, new WeakSet());
}
