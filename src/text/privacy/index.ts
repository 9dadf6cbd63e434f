// Personal-data redaction (manual §5 信息安全保密): card, ID, account, CVV, one-time code,
// password/PIN and phone numbers, security answers, addresses (by their shape: address.ts,
// address-zh.ts), e-mail addresses, dates of birth, card expiry dates and the last digits of an ID,
// written or spoken, in English and Chinese — before anything is stored, logged or pushed beyond
// the live agent view.

export type { AskedFor, PiiKind, Redaction, RedactionResult, Redactor, StreamRedactionResult } from './types.js';
export { redact, findRedactions, applyRedactions, placeholderFor } from './redact.js';
export { createRedactor } from './redactor.js';
export { askedFor, answerSpans } from './answers.js';
export { findAddresses } from './address.js';
export { redactForLog } from './log.js';
export { luhnValid, cnIdValid, cnIdCheckChar, hkIdValid, hkIdCheckChar, twIdValid } from './checksums.js';
export { findDigitRuns, type DigitRun, type DigitToken } from './digits.js';
