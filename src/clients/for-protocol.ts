// Picks the bridge client for a protocol: what `callcue replay`, the tests and the benchmark use
// to play a call into a node the way that protocol's bridge would.

import type { ReplayCall, ReplayClient, ReplayProtocol } from './client.js';
import { NativeReplayClient } from './native.js';
import { TwilioReplayClient } from './twilio.js';
import { AudiohookReplayClient } from './audiohook.js';
import { ForkReplayClient, type ForkFlavourName } from './fork.js';

export interface ClientChoice {
  protocol: ReplayProtocol;
  /** fork and native: the PCM rate sent. */
  rateHz: 8000 | 16000;
  forkFlavour: ForkFlavourName;
  /** audiohook: the base64 client secret the upgrade is signed with. */
  secret: string | undefined;
}

export function replayClientFor(args: ClientChoice, call: ReplayCall): ReplayClient {
  switch (args.protocol) {
    case 'native':
      return new NativeReplayClient(call, args.rateHz);
    case 'twilio':
      return new TwilioReplayClient(call);
    case 'audiohook':
      return new AudiohookReplayClient(call, args.secret ? { clientSecret: args.secret } : {});
    case 'fork':
      return new ForkReplayClient(call, args.rateHz, args.forkFlavour);
  }
}
