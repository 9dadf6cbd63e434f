// Models loaded once at start, and the fusion of their verdicts.
export { loadProsodyModel, prosodyModelFromBytes, type ProsodyModel, type ProsodySidecar } from './prosody.js';
export { UNFAMILIAR_MEMORY_WINDOWS, UNFAMILIAR_SHARE_ABOVE, VoiceJudge, type Abstention, type VoiceJudgement } from './voice-judge.js';
export { isValidatedLanguage, spokenLanguage } from './voice-language.js';
export { EmotionFusion, type FusedState, type Trend } from './fusion.js';
