// Scripted training calls (manual §6): scenario files as data, their synthesis with espeak-ng,
// their replay into a node over the native protocol, and the check of the prompts it raised.

export { PROMPT_RULE_IDS, EMOTION_RULE_PATTERNS, ruleMatches, matchesAny, isKnownRulePattern, type PromptRuleId } from './rules.js';
export {
  scenarioSchema,
  SCENARIO_KINDS,
  ACT_EMOTIONS,
  CHECKLIST_ITEMS,
  type Scenario,
  type ScenarioInput,
  type ScenarioTurn,
  type ScenarioExpect,
  type Act,
  type TurnStyle,
  type ScenarioKind,
  type ActEmotion,
  type ChecklistItem,
} from './schema.js';
export { SCENARIOS_DIR, ScenarioError, parseScenario, loadScenario, loadScenarios, loadScenarioById } from './load.js';
export { espeakParams, voiceCandidates, clauses, clausePitch, type EspeakParams } from './voices.js';
export { hasEspeak, espeakInfo, speak, parseEspeakWav, DEFAULT_AUDIO_CACHE_DIR, SCENARIO_RATE_HZ, type EspeakInfo } from './espeak.js';
export {
  layoutTurns,
  transcriptFor,
  partialText,
  heardText,
  phraseSpokenAtMs,
  DEFAULT_TIMELINE,
  type Timeline,
  type TimelineOptions,
  type TranscriptOptions,
  type PlacedTurn,
  type TimedTurn,
} from './timeline.js';
export { synthesizeScenario, type SynthesizedCall, type SynthesizedTurn, type SynthesizeOptions } from './synthesize.js';
export { loadRecordedCallerVoice, type RecordedCallerVoice } from './recorded-caller.js';
export { replayScenario, DEFAULT_MAX_LEAD_MS, type ReplayOptions, type ReplayResult, type ReceivedMessage, type ReceivedPrompt } from './replay.js';
export { checkReplay, type CheckResult, type CheckFailure, type CheckFailureKind } from './check.js';
export { expectedScript, scriptProblem, simplifiedOnly, traditionalOnly } from './script-check.js';
export { formatReport } from './report.js';
export { runScenario, type ScenarioRun } from './run.js';
