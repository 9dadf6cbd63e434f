export * from './types.js';
export { nowMs } from './clock.js';
export type { InternalEvent, EventPayload } from './events.js';
