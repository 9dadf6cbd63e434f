// Where a global pattern matches in a text, as spans: the one loop behind the privacy finders
// that need no more than the match itself (dates, birth and expiry words, e-mail addresses).

import type { SecretSpan } from './secrets.js';

export function matchSpans(pattern: RegExp, text: string): SecretSpan[] {
  const spans: SecretSpan[] = [];
  pattern.lastIndex = 0;
  for (let m = pattern.exec(text); m !== null; m = pattern.exec(text)) spans.push({ start: m.index, end: m.index + m[0].length });
  return spans;
}
