// `callcue replay` arguments: parsed and checked before anything connects, each mistake named.

import { parseArgs } from 'node:util';
import { z } from 'zod';
import { FORK_FLAVOURS, REPLAY_PROTOCOLS, type ForkFlavourName, type ReplayProtocol, type TranscriptEntry } from '../clients/index.js';

export const REPLAY_USAGE = `usage: callcue replay --protocol twilio|audiohook|fork|native FILE.wav
         [--transcript FILE.json] [--url ws://127.0.0.1:8080] [--key KEY] [--agent ID]
         [--call ID] [--language en-US] [--speed N]
         [--words side|twilio-webhook]  twilio, audiohook, fork: how the transcript travels — the side
                                        channel /v1/transcripts (default), or for twilio as signed
                                        Real-Time Transcription callbacks (docs/transcripts.md)
         [--twilio-auth-token TOKEN]    twilio-webhook: the token to sign with (default: the
                                        CALLCUE_TWILIO_AUTH_TOKEN environment variable)
         [--rate 8000|16000]            fork and native: the PCM rate to send (default 16000)
         [--fork-flavor jambonz|freeswitch|vonage]   fork: whose first frame to imitate
         [--secret BASE64]              audiohook: client secret to sign the upgrade with
  FILE.wav: mono (caller) or stereo (channel 0 caller, channel 1 agent), any rate/encoding.
  Prints one line of JSON when the call has ended.
`;

export interface ReplayArgs {
  protocol: ReplayProtocol;
  file: string;
  transcript: string | undefined;
  url: string;
  key: string | undefined;
  agentId: string;
  callId: string;
  language: string;
  speed: number;
  rateHz: 8000 | 16000;
  forkFlavour: ForkFlavourName;
  secret: string | undefined;
  /** Where the transcript goes when the protocol carries no text. */
  words: WordsVia;
  twilioAuthToken: string | undefined;
}

export const WORDS_VIA = ['side', 'twilio-webhook'] as const;
export type WordsVia = (typeof WORDS_VIA)[number];

export class UsageError extends Error {}

export function parseReplayArgs(argv: string[]): ReplayArgs {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        protocol: { type: 'string' },
        transcript: { type: 'string' },
        url: { type: 'string', default: 'ws://127.0.0.1:8080' },
        key: { type: 'string' },
        agent: { type: 'string', default: 'agent-1' },
        call: { type: 'string' },
        language: { type: 'string', default: 'en-US' },
        speed: { type: 'string', default: '1' },
        rate: { type: 'string', default: '16000' },
        'fork-flavor': { type: 'string', default: 'jambonz' },
        secret: { type: 'string' },
        words: { type: 'string' },
        'twilio-auth-token': { type: 'string' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const v = parsed.values;
  if (!v.protocol || !(REPLAY_PROTOCOLS as readonly string[]).includes(v.protocol)) throw new UsageError(`--protocol must be one of ${REPLAY_PROTOCOLS.join(', ')}`);
  if (parsed.positionals.length !== 1) throw new UsageError('exactly one WAV file is required');
  if (!/^wss?:\/\//.test(v.url!)) throw new UsageError('--url must start with ws:// or wss://');
  const speed = Number(v.speed);
  if (!(speed > 0)) throw new UsageError('--speed must be a positive number');
  const rate = Number(v.rate);
  if (rate !== 8000 && rate !== 16000) throw new UsageError('--rate must be 8000 or 16000');
  if (!(FORK_FLAVOURS as readonly string[]).includes(v['fork-flavor']!)) throw new UsageError(`--fork-flavor must be one of ${FORK_FLAVOURS.join(', ')}`);
  const words = (v.words ?? 'side') as WordsVia;
  if (!(WORDS_VIA as readonly string[]).includes(words)) throw new UsageError(`--words must be one of ${WORDS_VIA.join(', ')}`);
  if (v.words !== undefined && v.protocol === 'native') throw new UsageError('--words is for twilio, audiohook and fork: native carries the transcript in-band');
  if (words === 'twilio-webhook' && v.protocol !== 'twilio') throw new UsageError('--words twilio-webhook goes with --protocol twilio');
  const twilioAuthToken = v['twilio-auth-token'] ?? (process.env.CALLCUE_TWILIO_AUTH_TOKEN || undefined);
  if (words === 'twilio-webhook' && !twilioAuthToken) throw new UsageError('--words twilio-webhook needs --twilio-auth-token or CALLCUE_TWILIO_AUTH_TOKEN to sign the callbacks');
  return {
    protocol: v.protocol as ReplayProtocol,
    file: parsed.positionals[0]!,
    transcript: v.transcript,
    url: v.url!,
    key: v.key,
    agentId: v.agent!,
    callId: v.call ?? `replay-${Date.now().toString(36)}`,
    language: v.language!,
    speed,
    rateHz: rate,
    forkFlavour: v['fork-flavor'] as ForkFlavourName,
    secret: v.secret,
    words,
    twilioAuthToken,
  };
}

const transcriptSchema = z.array(
  z
    .object({
      track: z.enum(['caller', 'agent']),
      text: z.string(),
      isFinal: z.boolean(),
      startMs: z.number().nonnegative(),
      endMs: z.number().nonnegative(),
    })
    .strict(),
);

export function parseTranscript(json: string): TranscriptEntry[] {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new UsageError('the transcript file is not valid JSON');
  }
  const r = transcriptSchema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new UsageError(`transcript entry ${i.path.join('.')}: ${i.message}`);
  }
  return r.data;
}
