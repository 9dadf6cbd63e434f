export { CallManager } from './calls.js';
export { CallSession, type CallStart, type SessionDeps } from './session.js';
export { buildCallPipeline, type PipelineDeps } from './compose.js';
