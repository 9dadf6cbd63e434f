// Pure DSP for the caller's voice: frames → features → window functionals → baseline-relative
// model input and human-readable evidence.

export * from './types.js';
export { createFrameAnalyzer, SILENCE_DB, type FrameAnalyzer, type SpectralFrames } from './frame-analyzer.js';
export { Framer } from './framer.js';
export { FrameColumns, columnsOf } from './frame-columns.js';
export { FUNCTIONAL_COUNT, FUNCTIONAL_NAMES, functionalIndex, semitonesRe100Hz, SUMMARY_FUNCTIONALS, summaryFunctionals, windowFunctionals, columnFunctionals, columnSummaryFunctionals } from './functionals.js';
export { NORMALIZED_COUNT, NORMALIZED_NAMES, SpeakerBaseline } from './baseline.js';
export { summarizeProsody, summarizeFunctionals, summarizeAgainst } from './summary.js';
export { countSyllables } from './syllables.js';
export { PITCH_MAX_HZ, PITCH_MIN_HZ } from './pitch.js';
