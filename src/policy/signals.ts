// What the policy engine listens to: everything the pipeline has measured about a call, in media
// time order per source.

import type { FusedState } from '../classifiers/fusion.js';
import type { ProsodySummary, RedactedTranscript } from '../frames/types.js';
import type { LanguageFinding } from '../text/language/types.js';

interface SignalBase {
  tsMs: number;
  arrivalMs: number;
}

export type PolicySignal =
  | (SignalBase & { kind: 'emotion'; state: FusedState; prosody: ProsodySummary | null; cues: string[]; utterance: string })
  | (SignalBase & { kind: 'transcript'; transcript: RedactedTranscript })
  | (SignalBase & { kind: 'language'; transcript: RedactedTranscript; findings: LanguageFinding[] })
  | (SignalBase & { kind: 'agent-voice'; summary: ProsodySummary })
  | (SignalBase & { kind: 'talk-over'; overlapMs: number })
  | (SignalBase & { kind: 'silence'; silenceMs: number });
