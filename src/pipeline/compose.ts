// One call's pipeline: input frames in, feed events out.
//   shed → caller audio: decode → resample → analyze (frames, VAD, features) → windows
//          → classify → emotion
//        → transcripts: redact → transcript events; agent finals → language findings
// Every stage is its own operator (this folder); this file only wires them.

import { filter, merge, share, type Observable } from 'rxjs';
import { INTERNAL_RATE_HZ } from '../features/types.js';
import type { InputFrame, RawAudioFrame, TrackSpec, TranscriptFrame } from '../frames/types.js';
import type { EventPayload } from '../frames/events.js';
import type { Metrics } from '../observability/metrics.js';
import type { ProsodyModel } from '../classifiers/prosody.js';
import { shedAudio } from './shed.js';
import { decodeFrames } from './decode.js';
import { resampleFrames } from './resample.js';
import { analyzeFrames } from './analyze.js';
import { rollingWindows } from './window.js';
import { classifyWindows } from './classify.js';
import { toEmotionEvents } from './emotion.js';
import { toTranscriptEvents } from './transcript.js';
import { redactTranscripts } from './redact.js';
import { agentLanguage } from './agent-language.js';

export interface PipelineDeps {
  metrics: Metrics;
  prosodyModel: ProsodyModel | null;
}

export interface PipelineOptions {
  tracks: readonly TrackSpec[];
  /** BCP-47 tag of the call: picks the language rules and their script. */
  language: string;
  /** The bank's own jargon list (config). */
  jargon: readonly { term: string; plain?: string }[];
  maxQueuedAudio: number;
  windowMs: number;
  emotionIntervalMs: number;
  minSpeechMs: number;
  onShed: (frame: InputFrame) => void;
}

export function buildCallPipeline(deps: PipelineDeps, opts: PipelineOptions) {
  const { metrics } = deps;
  return (input$: Observable<InputFrame>): Observable<EventPayload> => {
    const frames$ = input$.pipe(shedAudio({ maxQueuedAudio: opts.maxQueuedAudio, onShed: opts.onShed }), share());

    const callerAudio = opts.tracks.some((t) => t.track === 'caller');
    const emotion$ = !callerAudio
      ? []
      : [
          frames$.pipe(
            filter((f): f is RawAudioFrame => f.kind === 'raw-audio' && f.track === 'caller'),
            decodeFrames(metrics),
            resampleFrames(metrics, INTERNAL_RATE_HZ),
            analyzeFrames(metrics),
            rollingWindows(metrics, {
              windowMs: opts.windowMs,
              intervalMs: opts.emotionIntervalMs,
              minSpeechMs: opts.minSpeechMs,
            }),
            classifyWindows(metrics, deps.prosodyModel),
            toEmotionEvents(),
          ),
        ];

    const redacted$ = frames$.pipe(
      filter((f): f is TranscriptFrame => f.kind === 'transcript'),
      redactTranscripts(metrics),
      share(),
    );
    const transcript$ = redacted$.pipe(toTranscriptEvents());
    const language$ = redacted$.pipe(agentLanguage(metrics, opts.language, { jargon: opts.jargon }));

    return merge(...emotion$, transcript$, language$);
  };
}
