// The shapes of personal-data redaction (manual §5 信息安全保密): what was found, where, and the
// typed placeholder that replaced it.

/**
 * 'phone' is an addition to the kinds the issue listed: banks treat phone numbers as personal data
 * (PIPL, PDPO, GDPR), the call record does not need them (the bank's CRM has the caller's number),
 * so they are redacted too — but only when clearly a phone number (see detect.ts).
 * 'dob', 'secret' and 'address' too: a date of birth, the answer to a security question (memorable
 * word, mother's maiden name, 密保答案) and the home address are what a bank verifies a caller
 * with, so they are redacted like a password (dates.ts, secrets.ts); other dates stay. 'expiry'
 * (a card's expiry date) completes a card number; 'email' is contact data, like a phone number.
 * 'tw-id' is Taiwan's national ID (a letter and nine digits), beside the mainland and Hong Kong ones.
 * 'digits' is the last few digits of an ID, account or phone number read out on their own ("the
 * last four are 4 5 6 7", 「后四位是四五六七」): what a bank verifies a caller with (last-digits.ts).
 */
export type PiiKind =
  | 'card'
  | 'cn-id'
  | 'hk-id'
  | 'tw-id'
  | 'account'
  | 'cvv'
  | 'otp'
  | 'password'
  | 'phone'
  | 'dob'
  | 'secret'
  | 'address'
  | 'expiry'
  | 'email'
  | 'digits';

/** What an agent's verification question asks the caller for (answers.ts); one question may ask for several. */
export type AskedFor = 'dob' | 'secret' | 'address' | 'digits';

export interface Redaction {
  kind: PiiKind;
  /** UTF-16 offsets into the input text. */
  start: number;
  end: number;
  /** The placeholder that replaced text[start, end), e.g. '[CARD ****1234]'. */
  replacement: string;
  /** Streaming only: the number began in the previous final utterance on this track. */
  spansPrevious?: boolean;
}

export interface RedactionResult {
  text: string;
  /** Sorted by start, never overlapping. */
  redactions: Redaction[];
}

export interface StreamRedactionResult extends RedactionResult {
  /**
   * Set when a number straddles the previous final utterance and this one: the previous final
   * utterance redacted again with the whole number covered. A consumer that still holds that
   * utterance (the call record before it is flushed) must replace it with this.
   */
  previous?: RedactionResult;
}

export interface Redactor {
  /**
   * `asked`: the agent has just asked for a date of birth, a security answer, an address or the
   * last digits of an ID (one or several), so this utterance is read as the answer (see answers.ts).
   */
  redact(text: string, isFinal: boolean, asked?: readonly AskedFor[]): StreamRedactionResult;
}
