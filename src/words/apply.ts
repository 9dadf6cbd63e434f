// Words reaching the call they name, on the node that runs it: placed on the call's media timeline
// and pushed into its pipeline exactly as in-band transcripts are (CallSession.pushTranscript), so a
// partial replaces the previous partial of its track, and redaction, text emotion, language rules
// and the playbook treat them the same.

import { ErrorCodes } from '../errors.js';
import type { LiveCall } from './directory.js';
import { WallTimeline } from './wall-timing.js';
import { refused, WORDS_OK, type WordsOutcome, type WordsRequest } from './types.js';
import type { WordsResult } from './metrics.js';

/** afterStopMs: how long the call's end waits for the last words beside its audio (they trail the audio they cover). */
export function applyWords(call: LiveCall, req: WordsRequest, arrivalMs: number, afterStopMs: number): { outcome: WordsOutcome; result: WordsResult } {
  const s = call.session;
  if (!s.acceptsWords) return { outcome: refused(ErrorCodes.CALL_ENDED, `call ${req.call.bridge}:${req.call.id} has ended`), result: 'call_ended' };
  const w = req.words;
  let startMs: number;
  let endMs: number;
  if (w.timing.kind === 'media') {
    ({ startMs, endMs } = w.timing);
  } else {
    call.wall ??= new WallTimeline();
    const placed = call.wall.place({ track: w.track, text: w.text, isFinal: w.isFinal, ...w.timing }, s.mediaOriginMs);
    // A repeated or overtaken callback is answered as received: there is nothing to correct.
    if (typeof placed === 'string') return { outcome: WORDS_OK, result: placed };
    ({ startMs, endMs } = placed);
  }
  s.expectWordsBeside(afterStopMs);
  s.pushTranscript({ track: w.track, text: w.text, isFinal: w.isFinal, startMs, endMs }, arrivalMs);
  return { outcome: WORDS_OK, result: 'applied' };
}
