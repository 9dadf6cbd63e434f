// @ts-check
// Type names the page modules share, taken from THE feed protocol (src/protocol/feed.ts) so the
// pages are checked against the same types the server sends. Types only: nothing runs here.

/** @typedef {import('../../src/protocol/feed.js').FeedServerMessage} FeedServerMessage */
/** @typedef {import('../../src/protocol/feed.js').CallStateMessage} CallStateMessage */
/** @typedef {import('../../src/protocol/feed.js').CallStartedEvent} CallStartedEvent */
/** @typedef {import('../../src/protocol/feed.js').EmotionEvent} EmotionEvent */
/** @typedef {import('../../src/protocol/feed.js').TranscriptEvent} TranscriptEvent */
/** @typedef {import('../../src/protocol/feed.js').LanguageEvent} LanguageEvent */
/** @typedef {import('../../src/protocol/feed.js').PromptEvent} PromptEvent */
/** @typedef {import('../../src/protocol/feed.js').ChecklistEvent} ChecklistEvent */
/** @typedef {import('../../src/protocol/feed.js').AlertEvent} AlertEvent */
/** @typedef {import('../../src/protocol/feed.js').AckedEvent} AckedEvent */
/** @typedef {import('../../src/protocol/feed.js').CallEndedEvent} CallEndedEvent */
/** @typedef {import('../../src/protocol/feed.js').AckAction} AckAction */
/** @typedef {import('../../src/protocol/feed.js').EscalationTier} EscalationTier */
/** @typedef {import('../../src/text/language/types.js').LanguageFinding} LanguageFinding */
/** @typedef {import('../../src/features/types.js').ProsodySummary} ProsodySummary */

/**
 * A point of the emotion timeline: how strongly the caller's state showed at media time tsMs.
 * @typedef {object} TimelinePoint
 * @property {number} tsMs
 * @property {string | null} label   the model's label, or null when only prosody was measured
 * @property {number} level          0..1: the label's intensity, or the prosody arousal without one
 */

/**
 * A prompt as the screens track it: the prompt itself and what became of it.
 * @typedef {object} PromptView
 * @property {PromptEvent | null} prompt   null when only an acknowledgement of it is known
 * @property {string} promptId
 * @property {'open' | 'used' | 'dismissed' | 'expired' | 'superseded'} status  superseded: a later prompt took its place
 * @property {'helpful' | 'not_helpful' | null} rating
 * @property {AckAction | null} pending    an acknowledgement sent and not yet confirmed
 * @property {number} pendingSinceMs
 * @property {string | null} error         why the last acknowledgement was refused
 */

/**
 * One call as the screens hold it. `rev` counters let a renderer redraw only what changed.
 * @typedef {object} ClientCall
 * @property {string} callId
 * @property {string} agentId
 * @property {string} language
 * @property {string} startedAt
 * @property {number} lastSeq
 * @property {EmotionEvent | null} emotion
 * @property {TimelinePoint[]} timeline
 * @property {TranscriptEvent[]} transcript
 * @property {Map<string, PromptView>} prompts
 * @property {LanguageEvent[]} wording   the agent's language findings, per utterance
 * @property {ChecklistEvent | null} checklist
 * @property {AlertEvent[]} alerts
 * @property {{ reason: string, durationMs: number } | null} ended
 * @property {number} skippedEvents   events the server skipped (superseded emotion states under load)
 * @property {{ emotion: number, transcript: number, prompts: number, wording: number, checklist: number, alerts: number, any: number }} rev
 */

export {};
