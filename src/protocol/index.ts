export * from './native.js';
export * from './transcripts.js';
export * from './feed.js';
export { parseJsonMessage } from './parse.js';
export * as twilio from './twilio.js';
export * as audiohook from './audiohook.js';
export * as fork from './fork.js';
