// Evaluation of whole calls (`callcue eval-calls`): scenario calls through a live node, measured for
// how soon and how rightly the caller's emotion reached the agent.

export { firstEmotionalMoment, measureOnset, CLEAR_VOICE_INTENSITY, VOICE_HEARD_MS, type CallOnset, type EmotionalMoment, type FalseOnset, type TargetEmotion } from './onset.js';
export { evaluateCalls, STREAMING_PARTIAL_MS, type EvalCallsOptions, type EvaluatedCall } from './calls.js';
export { summarizeCalls, formatCallsReport, ONSET_MEDIAN_TARGET_MS, ONSET_MAX_TARGET_MS, type CallsSummary } from './calls-report.js';
export { heldOutModels, DEFAULT_HELD_OUT_SPEAKERS, type HeldOutModels } from './holdout.js';
export { startEvalNode, type EvalNodeOptions } from './node.js';
