// Call records behind one interface (manual §5 complete records, §6 quality inspection): the
// recorder that writes them as calls run, the store interface, its SQLite and PostgreSQL
// implementations, and the record's shape.

export type {
  AckAction,
  AckRow,
  AgentStats,
  CallEnd,
  CallPage,
  CallQuery,
  CallStartRow,
  CallStore,
  CallTotals,
  CallWrite,
  EventRow,
  PromptRow,
  RuleStats,
  Scorecard,
} from './store.js';
export { HEARTBEAT_MS, STALE_AFTER_MS } from './store.js';
export type { CallRecord, CallStatus, CallSummary, EmotionPoint, LanguageEntry, PromptAck, PromptEntry, TimelineEntry, TranscriptEntry } from './record.js';
export { deriveStatus } from './record.js';
export { CallRecorder, type RecorderOptions } from './recorder.js';
export { MACHINE_KEY, newOwner, ownerIsGone, retireOwner, type OwnerLease } from './owner.js';
export { openCallStore, parseDbUrl, DEFAULT_DB_FILE, type DbTarget, type OpenOptions } from './open.js';
export { SqliteCallStore } from './sqlite-store.js';
export { PostgresCallStore } from './postgres-store.js';
export { MIGRATIONS, SCHEMA_VERSION, type Migration } from './migrations.js';
export { foldTimeline, type Timeline } from './fold.js';
export { scrub } from './scrub.js';
