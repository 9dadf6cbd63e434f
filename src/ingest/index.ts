// One Fastify plugin per bridge protocol: each owns its socket and nothing else.
export { nativeIngest } from './native.js';
export { twilioIngest } from './twilio.js';
export { audiohookIngest, type AudiohookIngestOptions } from './audiohook.js';
export { forkIngest } from './fork.js';
export { bridgePreValidation, type BridgeRequest } from './bridge-auth.js';
