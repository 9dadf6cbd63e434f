export { Metrics } from './metrics.js';
export { stageClock, STAGES, type Stage, type StageSnapshot } from './stage-clock.js';
export { createLogger, REDACT_PATHS, type Logger } from './logger.js';
