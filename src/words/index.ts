// Words beside the audio (issue 14, docs/transcripts.md): transcripts that arrive apart from a
// call's media — the side channel, Twilio's transcription callbacks — find their call on this node
// or another, wait for it when it has not opened yet, and enter its pipeline as in-band ones do.

export { WordsRouter, WORDS_PER_CALL_PER_S, MAX_HELD_CALLS, type WordsRouterOptions } from './router.js';
export { RedisWordsLink, SEND_TIMEOUT_MS, type RedisWordsLinkOptions } from './redis-link.js';
export type { WordsLink, LinkedCall, LinkHandlers } from './link.js';
export { WordsDirectory, ENDED_MEMORY_MS, ENDED_MEMORY_MAX, type LiveCall } from './directory.js';
export { WallTimeline, estimateSpeechMs, type Placement } from './wall-timing.js';
export { callKeysOf, ownerOf } from './ids.js';
export { wordsMetrics, type WordsMetrics, type WordsResult } from './metrics.js';
export { callKey, senderKey, mayReach, type Words, type WordsRequest, type WordsSender, type WordsTiming, type WordsOutcome, type CallOwner } from './types.js';
