// Bridge clients: each protocol's bridge side (what Twilio, Genesys, jambonz/FreeSWITCH/Vonage or a
// native bridge sends), the loop that plays a recording through one, and the WebSocket plumbing
// they share. Libraries for `callcue replay`, the scenario runner, the tests and the benchmark.

export {
  REPLAY_PROTOCOLS,
  REPLAY_FRAME_MS,
  JsonSocket,
  joinUrl,
  type ReplayProtocol,
  type TranscriptEntry,
  type ReplayCall,
  type ReplayEnd,
  type ReplayClient,
  type WordsSink,
  type WordsStats,
} from './client.js';
export { NativeReplayClient } from './native.js';
export { TwilioReplayClient } from './twilio.js';
export { AudiohookReplayClient, type AudiohookReplayOptions } from './audiohook.js';
export { ForkReplayClient, FORK_FLAVOURS, type ForkFlavourName } from './fork.js';
export { runReplayLoop, type ReplayAudio, type ReplayStats } from './run.js';
export { replayClientFor, type ClientChoice } from './for-protocol.js';
export { SideChannelWords } from './words-side.js';
export { TwilioWebhookWords, type TwilioWebhookOptions } from './words-twilio.js';
