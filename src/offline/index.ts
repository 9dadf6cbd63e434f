export { analyzeRecording, type AnalyzeInput, type AnalyzeResult } from './analyze.js';
