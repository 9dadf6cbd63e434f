// One Fastify plugin per bridge protocol: each owns its socket and nothing else.
export { nativeIngest } from './native.js';
export { twilioIngest } from './twilio.js';
export { audiohookIngest, type AudiohookIngestOptions } from './audiohook.js';
export { forkIngest } from './fork.js';
export { transcriptsIngest, TRANSCRIPTS_PATH } from './transcripts.js';
export { twilioTranscriptionsIngest, TWILIO_TRANSCRIPTIONS_PATH } from './twilio-transcriptions.js';
export { bridgePreValidation, type BridgeRequest } from './bridge-auth.js';
