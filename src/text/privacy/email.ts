// E-mail addresses, written (jane.doe@example.com) or as a recogniser writes them when spoken
// ("jane dot doe at example dot com", 「jane点doe艾特example点com」). The spoken form needs both an
// "at" and a "dot" after it, so "I was at the branch" is never one.

import type { SecretSpan } from './secrets.js';
import { matchSpans } from './spans.js';

const WRITTEN = String.raw`[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}`;
const WORD = String.raw`[a-z0-9]+`;
const JOIN = String.raw`(?:\s*(?:dot|underscore|dash|hyphen|点|點|下划线|下劃線)\s*|[._-])`;
const AT = String.raw`(?:\s+at\s+|\s*(?:艾特|at)\s*)`;
const DOT = String.raw`(?:\s*(?:dot|点|點)\s*|\.)`;
const SPOKEN = String.raw`${WORD}(?:${JOIN}${WORD})*${AT}${WORD}(?:${JOIN}${WORD})*?(?:${DOT}(?:com|net|org|edu|gov|co|uk|hk|cn|tw|io|me|[a-z]{2})\b)+`;
const EMAIL = new RegExp(String.raw`\b(?:${WRITTEN}|${SPOKEN})`, 'gi');

/** Spans of e-mail addresses, in order. */
export function findEmails(text: string): SecretSpan[] {
  return matchSpans(EMAIL, text);
}
