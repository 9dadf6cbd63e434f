export { analyzeRecording, type AnalyzeInput, type AnalyzeOptions, type AnalyzeResult } from './analyze.js';
