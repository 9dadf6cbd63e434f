export { QaScorer } from './scorer.js';
export { overallScore, type Scorecard, type Criterion, type CriterionId, type Evidence } from './scorecard.js';
