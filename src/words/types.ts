// What travels through the words router: a message of words, who sent it, which call it names, and
// what became of it. Plain data, so a request can cross to the node that runs the call.

import type { ErrorCode } from '../errors.js';
import type { Track } from '../frames/types.js';
import type { WordsCall } from '../protocol/transcripts.js';

/**
 * Who sent the words, which decides the calls they may reach: a bridge API key reaches the calls
 * it opened; a Twilio account (its callbacks are signed with the account's auth token) reaches the
 * Twilio streams of that account.
 */
export type WordsSender = { keyId: string } | { twilioAccountSid: string };

/**
 * Where the words sit on the call: media milliseconds from the side channel, or — from Twilio's
 * callbacks — the wall-clock time the recogniser produced them, numbered by its SequenceId within
 * one transcription (`stream`, the TranscriptionSid).
 */
export type WordsTiming =
  | { kind: 'media'; startMs: number; endMs: number }
  | { kind: 'wall'; atWallMs: number; sequence: number; stream: string };

export interface Words {
  track: Track;
  text: string;
  isFinal: boolean;
  timing: WordsTiming;
}

export interface WordsRequest {
  sender: WordsSender;
  call: WordsCall;
  words: Words;
  /** When the words reached callcue (nowMs clock): latency is counted from here, holding included. */
  arrivalMs: number;
}

export type WordsOutcome = { ok: true } | { ok: false; code: ErrorCode; message: string };

export const WORDS_OK: WordsOutcome = { ok: true };

export function refused(code: ErrorCode, message: string): WordsOutcome {
  return { ok: false, code, message };
}

/** The index key of a call id in its bridge's namespace. */
export function callKey(call: WordsCall): string {
  return `${call.bridge}:${call.id}`;
}

/** The sender as one string (held words are queued per call and sender). */
export function senderKey(s: WordsSender): string {
  return 'keyId' in s ? `key:${s.keyId}` : `twilio:${s.twilioAccountSid}`;
}

/** What the words router needs to know about a live call's owner to let a sender reach it. */
export interface CallOwner {
  keyId: string;
  /** Twilio streams only: the account the stream belongs to. */
  twilioAccountSid?: string;
}

export function mayReach(sender: WordsSender, owner: CallOwner): boolean {
  return 'keyId' in sender ? sender.keyId === owner.keyId : owner.twilioAccountSid !== undefined && owner.twilioAccountSid === sender.twilioAccountSid;
}
