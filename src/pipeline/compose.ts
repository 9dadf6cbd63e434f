// One call's pipeline: input frames in, feed events out. Every stage is its own operator (this
// folder); this file only wires them.
//
//   shed → route ─┬─ caller audio: decode → analyze ─┬─ windows → classify ─┐
//                 │          └→ plugged voice model (16 kHz windows) ┴──────────┤
//                 │                                   └──────────┐           ├─ fuse → emotion
//                 ├─ agent audio:  decode → analyze ─┬─ windows │(coaching) │
//                 │                                  └─ talk-over           │
//                 └─ transcripts: redact ─┬─ transcript events                │
//                                         ├─ caller: text emotion (+ closing question) ┤
//                                         ├─ caller: plugged text model (+ previous turns) ┘
//                                         └─ agent finals: language findings
//   (decode brings every track to the internal rate: resample.ts is its step, not a stage of its own;
//   decode and analyze run as one operator, track-features.ts, unless a plugged voice model reads the samples)
//   signals (fused state, transcripts, findings, agent voice, turn-taking) → policy → prompts,
//   checklist, alerts;  signals + decisions → QA scorecard when the call ends

import { EMPTY, filter, identity, map, merge, share, type Observable } from 'rxjs';
import { INTERNAL_RATE_HZ } from '../features/types.js';
import type { FeatureBatch, InputFrame, PcmFrame, Track, TrackSpec } from '../frames/types.js';
import type { EventPayload } from '../frames/events.js';
import type { Metrics } from '../observability/metrics.js';
import type { ProsodyModel } from '../classifiers/prosody.js';
import type { TextEmotionModel } from '../text/emotion/index.js';
import type { ModelSlots } from '../models/index.js';
import type { Playbook } from '../policy/schema.js';
import type { PolicySignal } from '../policy/signals.js';
import type { TurnLimits } from '../policy/talk-over.js';
import { shedAudio } from './shed.js';
import { routeFrames } from './route.js';
import { fanOut } from './fan-out.js';
import { decodeFrames } from './decode.js';
import { analyzeFrames } from './analyze.js';
import { trackFeatures } from './track-features.js';
import { rollingWindows } from './window.js';
import { classifyWindows } from './classify.js';
import { fuseEmotion } from './fuse.js';
import { toEmotionEvents } from './emotion.js';
import { toTranscriptEvents } from './transcript.js';
import { redactTranscripts } from './redact.js';
import { agentLanguage, toLanguageEvents } from './agent-language.js';
import { classifyText } from './text-emotion.js';
import { detectTurns } from './overlap.js';
import { applyPolicy } from './policy.js';
import { scoreCall } from './qa.js';
import { judgeVoice, withVoiceVerdicts } from './plugged-voice.js';
import { judgeText, pluggedJudgesText } from './plugged-text.js';

export interface PipelineDeps {
  metrics: Metrics;
  prosodyModel: ProsodyModel | null;
  textModel: TextEmotionModel | null;
  /** The playbook in force (read at each decision: reloads apply to live calls). */
  playbook: () => Playbook;
  /** Plugged models (CALLCUE_TEXT_MODEL / CALLCUE_VOICE_MODEL), read at each use: reloads apply to live calls. */
  plugged?: { slots: ModelSlots; voiceHopMs: number } | null;
}

export interface PipelineOptions {
  callId: string;
  agentId: string;
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
  onSuppressed?: (ruleId: string, reason: string) => void;
}

/**
 * The playbook's turn-taking limits, read at each audio message (reloads apply to live calls): the
 * same object for as long as the playbook is the same one, not one object per message.
 */
function turnLimits(playbook: () => Playbook): () => TurnLimits {
  let of: Playbook | null = null;
  let limits: TurnLimits = { talkOverMs: 0, silenceMs: 0 };
  return () => {
    const pb = playbook();
    if (pb !== of) {
      of = pb;
      limits = { talkOverMs: pb.coaching.talkOverMs, silenceMs: pb.qa.silenceMs };
    }
    return limits;
  };
}

export function buildCallPipeline(deps: PipelineDeps, opts: PipelineOptions) {
  const { metrics } = deps;
  return (input$: Observable<InputFrame>): Observable<EventPayload> => {
    const routes = routeFrames(input$.pipe(shedAudio({ maxQueuedAudio: opts.maxQueuedAudio, onShed: opts.onShed })));
    const plugged = deps.plugged ?? null;

    const carried = (track: Track) => opts.tracks.some((t) => t.track === track);
    // The caller's samples leave the track's stages only when the plugged voice model reads them too;
    // otherwise decoding and analysis are one operator (one hop per audio message).
    const callerPcm$: Observable<PcmFrame> = plugged && carried('caller') ? routes.audio('caller').pipe(decodeFrames(metrics, INTERNAL_RATE_HZ), share()) : EMPTY;
    const features = (track: Track, modelInput: boolean): Observable<FeatureBatch> => {
      if (!carried(track)) return EMPTY;
      const batches$ =
        track === 'caller' && plugged
          ? callerPcm$.pipe(analyzeFrames(metrics, { modelInput }))
          : routes.audio(track).pipe(trackFeatures(metrics, { toHz: INTERNAL_RATE_HZ, modelInput }));
      // Read by the track's windows and by the turn-taking.
      return batches$.pipe(fanOut());
    };
    const windows = (track: Track, batches: Observable<FeatureBatch>, modelInput: boolean) =>
      batches.pipe(rollingWindows(metrics, { windowMs: opts.windowMs, intervalMs: opts.emotionIntervalMs, minSpeechMs: opts.minSpeechMs, modelInput }));

    const caller$ = features('caller', true);
    const agent$ = features('agent', false);

    const redacted$ = routes.transcripts.pipe(redactTranscripts(metrics), share());
    const language$ = redacted$.pipe(agentLanguage(metrics, opts.language, { jargon: opts.jargon }), share());
    const closingAsked$ = language$.pipe(
      filter((l) => l.transcript.track === 'agent' && l.findings.some((f) => f.kind === 'flow-closing')),
      map((l) => l.transcript.endMs),
    );
    const pluggedText = pluggedJudgesText(plugged?.slots ?? null, opts.language);
    const shippedText = deps.textModel;
    const text$ = merge(
      shippedText
        ? redacted$.pipe(
            filter((t) => !pluggedText(t)),
            classifyText(metrics, shippedText, opts.language, closingAsked$),
            map((e) => ({ ...e, model: shippedText.version })),
          )
        : EMPTY,
      plugged ? redacted$.pipe(judgeText(metrics, plugged.slots, opts.language)) : EMPTY,
    );
    const voiceVerdicts$ = plugged
      ? callerPcm$.pipe(judgeVoice(metrics, plugged.slots, { language: opts.language, windowMs: opts.windowMs, hopMs: plugged.voiceHopMs, minSpeechMs: opts.minSpeechMs }))
      : EMPTY;
    const fused$ = windows('caller', caller$, true).pipe(
      classifyWindows(metrics, deps.prosodyModel, opts.language),
      // Without a plugged voice model the shipped model's verdicts go on as classify names them.
      plugged ? withVoiceVerdicts(voiceVerdicts$, () => plugged.slots.voice?.judges(opts.language) ?? false, deps.prosodyModel?.version ?? null) : identity,
      fuseEmotion(metrics, () => deps.playbook().fusion, text$),
      share(),
    );

    const signals$: Observable<PolicySignal> = merge(
      redacted$.pipe(map((t): PolicySignal => ({ kind: 'transcript', tsMs: t.endMs, arrivalMs: t.arrivalMs, transcript: t }))),
      fused$.pipe(
        filter((f) => f.state !== null),
        map((f): PolicySignal => ({ kind: 'emotion', tsMs: f.tsMs, arrivalMs: f.arrivalMs, state: f.state!, prosody: f.prosody, cues: f.cues, utterance: f.lastUtterance })),
      ),
      language$.pipe(map((l): PolicySignal => ({ kind: 'language', tsMs: l.transcript.endMs, arrivalMs: l.transcript.arrivalMs, transcript: l.transcript, findings: l.findings }))),
      windows('agent', agent$, false).pipe(map((w): PolicySignal => ({ kind: 'agent-voice', tsMs: w.tsMs, arrivalMs: w.arrivalMs, summary: w.summary }))),
      detectTurns(caller$, agent$, turnLimits(deps.playbook)),
    ).pipe(share());
    const policy$ = signals$.pipe(
      applyPolicy(metrics, { callId: opts.callId, agentId: opts.agentId, language: opts.language, playbook: deps.playbook, onSuppressed: opts.onSuppressed }),
      share(),
    );
    const scorecard$ = scoreCall(opts.callId, opts.language, deps.playbook, signals$, policy$);

    const modelled = deps.prosodyModel !== null || deps.textModel !== null || plugged !== null;
    return merge(fused$.pipe(toEmotionEvents(modelled)), redacted$.pipe(toTranscriptEvents()), language$.pipe(toLanguageEvents()), policy$, scorecard$);
  };
}
