// Models loaded once at start, and the fusion of their verdicts.
export { loadProsodyModel, type ProsodyModel } from './prosody.js';
export { EmotionFusion, type FusedState, type Trend } from './fusion.js';
