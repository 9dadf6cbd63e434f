// `callcue replay`: streams a WAV recording to a running callcue over one bridge protocol, in
// real time or faster, and prints a one-line JSON summary. The protocol clients are in
// src/clients; this file wires arguments, file and loop together.

import { readFileSync } from 'node:fs';
import { readWav } from './wav.js';
import { replayClientFor, runReplayLoop, SideChannelWords, TwilioWebhookWords, type ReplayCall, type WordsSink } from '../clients/index.js';
import { parseReplayArgs, parseTranscript, REPLAY_USAGE, UsageError, type ReplayArgs } from './replay-args.js';

export async function runReplay(argv: string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(REPLAY_USAGE);
    return 0;
  }
  let args: ReplayArgs;
  try {
    args = parseReplayArgs(argv);
    const wav = readWav(args.file);
    const transcript = args.transcript ? parseTranscript(readFileSync(args.transcript, 'utf8')) : [];
    const stereo = wav.channels.length === 2;
    const call: ReplayCall = { url: args.url, callId: args.callId, agentId: args.agentId, language: args.language, key: args.key, stereo };
    const words: WordsSink =
      args.words === 'twilio-webhook'
        ? new TwilioWebhookWords({ url: args.url, authToken: args.twilioAuthToken!, speed: args.speed, languageCode: args.language })
        : new SideChannelWords(args.url, args.key);
    const stats = await runReplayLoop(
      replayClientFor(args, call),
      { caller: wav.channels[0]!, agent: stereo ? wav.channels[1]! : null, sampleRateHz: wav.sampleRateHz },
      transcript,
      args.speed,
      words,
    );
    process.stdout.write(
      `${JSON.stringify({ ...stats, url: args.url, callId: args.callId, agentId: args.agentId, language: args.language, speed: args.speed, channels: wav.channels.length })}\n`,
    );
    const refused = Object.entries(stats.words?.refused ?? {});
    if (refused.length > 0) process.stderr.write(`callcue replay: words not taken: ${refused.map(([code, n]) => `${n} × ${code}`).join(', ')}\n`);
    if (!stats.end.acknowledged) {
      process.stderr.write(`callcue replay: ${stats.end.reason ?? `the server did not acknowledge the end of the call (close code ${stats.end.closeCode})`}\n`);
    }
    return stats.end.acknowledged && refused.length === 0 ? 0 : 1;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`callcue replay: ${err.message}\n\n${REPLAY_USAGE}`);
      return 2;
    }
    process.stderr.write(`callcue replay: ${(err as Error).message}\n`);
    return 1;
  }
}
