// One live call: validates what a bridge sends, feeds the call's pipeline, numbers its events and
// publishes them. A failure inside this call ends this call only.

import { CallcueError, ErrorCodes } from '../errors.js';
import { bytesPerSample } from '../codecs/pcm.js';
import { nowMs } from '../frames/clock.js';
import type { Track, TrackSpec } from '../frames/types.js';
import type { EventPayload, InternalEvent } from '../frames/events.js';
import type { Bus } from '../delivery/bus.js';
import type { Metrics } from '../observability/metrics.js';
import type { Logger } from '../observability/logger.js';
import { stageClock } from '../observability/stage-clock.js';
import type { PipelineRun, PipelineRunner } from './runner.js';

export interface CallStart {
  callId: string;
  agentId: string;
  language: string;
  tracks: TrackSpec[];
  /** The bridge protocol that carries the call: native, twilio, audiohook, fork, offline. */
  source: string;
  metadata?: Record<string, string>;
}

export interface SessionSettings {
  jargon: readonly { term: string; plain?: string }[];
  maxQueuedAudio: number;
  windowMs: number;
  emotionIntervalMs: number;
  minSpeechMs: number;
}

export interface SessionDeps {
  bus: Bus;
  logger: Logger;
  metrics: Metrics;
  /** Where the call's pipeline runs: this thread or a pipeline worker. */
  runner: PipelineRunner;
}

export class CallSession {
  readonly startedAtMs = Date.now();
  private readonly run: PipelineRun;
  private readonly samplesIn: number[];
  private seq = 0;
  private stopping = false;
  /** How long the end waits for words that travel beside the audio (0: none have come). */
  private wordsGraceMs = 0;
  /** Between stop and the end of that wait: words are still taken, audio is not. */
  private wordsOpen = false;
  private shed = 0;
  /** Media time at which the latest utterance received ends. */
  private transcriptEndMs = 0;
  private endReason = 'stop';
  /** Earliest wall time any audio message implies for media time 0 (arrival minus its media end). */
  private mediaOrigin = Infinity;
  /** The rule behind each prompt this call showed (acknowledgements are counted by rule). */
  private readonly promptRules = new Map<string, string>();
  /** Resolves once call.ended has been published. */
  readonly ended: Promise<void>;

  constructor(
    private readonly deps: SessionDeps,
    readonly start: CallStart,
    settings: SessionSettings,
  ) {
    this.samplesIn = start.tracks.map(() => 0);
    const arrivalMs = nowMs();
    this.emit({
      type: 'call.started',
      callId: start.callId,
      agentId: start.agentId,
      language: start.language,
      tracks: start.tracks.map((t) => t.track),
      startedAt: new Date(this.startedAtMs).toISOString(),
      source: start.source,
      arrivalMs,
    });
    let resolveEnded!: () => void;
    this.ended = new Promise((r) => (resolveEnded = r));
    let finished = false;
    const finish = (reason: string) => {
      if (finished) return;
      finished = true;
      this.finish(reason);
      resolveEnded();
    };
    this.run = deps.runner.run(
      {
        callId: start.callId,
        agentId: start.agentId,
        tracks: start.tracks,
        language: start.language,
        jargon: settings.jargon,
        maxQueuedAudio: settings.maxQueuedAudio,
        windowMs: settings.windowMs,
        emotionIntervalMs: settings.emotionIntervalMs,
        minSpeechMs: settings.minSpeechMs,
      },
      {
        event: (ev) => {
          if (!finished) this.emit(ev);
        },
        shed: () => {
          this.shed++;
          deps.metrics.shedFrames.inc();
        },
        error: (err) => {
          deps.metrics.errors.inc({ code: ErrorCodes.INTERNAL });
          deps.logger.error({ callId: start.callId, err: err.message }, 'call pipeline failed');
          this.run?.cancel();
          finish('pipeline_error');
        },
        complete: () => finish(this.endReason),
      },
    );
  }

  get callId(): string {
    return this.start.callId;
  }
  get shedFrames(): number {
    return this.shed;
  }
  get isStopping(): boolean {
    return this.stopping;
  }

  trackIndexOf(track: Track): number {
    return this.start.tracks.findIndex((t) => t.track === track);
  }

  /** One audio message of one track. Throws a coded error the bridge is told about. */
  pushAudio(trackIndex: number, bytes: Uint8Array, arrivalMs = nowMs()): void {
    if (this.stopping) throw new CallcueError(ErrorCodes.NOT_STARTED, 'the call has stopped');
    const spec = this.start.tracks[trackIndex];
    if (!spec) {
      throw new CallcueError(
        ErrorCodes.UNKNOWN_TRACK,
        `track index ${trackIndex} does not exist; this call has ${this.start.tracks.length} track(s)`,
      );
    }
    const width = bytesPerSample(spec.encoding);
    if (bytes.byteLength % width !== 0) {
      throw new CallcueError(ErrorCodes.BAD_AUDIO, `${spec.encoding} audio needs a multiple of ${width} bytes, got ${bytes.byteLength}`);
    }
    if (bytes.byteLength === 0) return;
    const samples = bytes.byteLength / width;
    const tsMs = (this.samplesIn[trackIndex]! / spec.sampleRateHz) * 1000;
    this.samplesIn[trackIndex]! += samples;
    // A message is sent once its audio is complete; the least delayed one pins media time 0 best.
    this.mediaOrigin = Math.min(this.mediaOrigin, arrivalMs - (this.samplesIn[trackIndex]! / spec.sampleRateHz) * 1000);
    this.run.push({
      kind: 'raw-audio',
      callId: this.callId,
      track: spec.track,
      encoding: spec.encoding,
      sampleRateHz: spec.sampleRateHz,
      bytes,
      tsMs,
      arrivalMs,
    });
  }

  pushTranscript(t: { track: Track; text: string; isFinal: boolean; startMs: number; endMs: number }, arrivalMs = nowMs()): void {
    if (!this.acceptsWords) throw new CallcueError(ErrorCodes.NOT_STARTED, 'the call has stopped');
    if (Number.isFinite(t.endMs)) this.transcriptEndMs = Math.max(this.transcriptEndMs, t.endMs);
    this.run.push({ kind: 'transcript', callId: this.callId, ...t, tsMs: t.endMs, arrivalMs });
  }

  /** An agent's acknowledgement of one of this call's prompts; false for a prompt it never showed. */
  ack(promptId: string, action: 'used' | 'dismissed' | 'helpful' | 'not_helpful', agentId: string, arrivalMs = nowMs()): boolean {
    const rule = this.promptRules.get(promptId);
    if (!rule) return false;
    this.deps.metrics.acks.inc({ rule, action });
    this.emit({ type: 'acked', callId: this.callId, promptId, action, agentId, rule, arrivalMs });
    return true;
  }

  /**
   * This call's words travel beside its audio (side channel, Twilio callbacks): a recogniser's last
   * final comes after the audio it covers, often after the bridge has stopped, so the end waits
   * `graceMs` for it.
   */
  expectWordsBeside(graceMs: number): void {
    this.wordsGraceMs = Math.max(this.wordsGraceMs, graceMs);
  }

  /** Whether transcripts are still taken: until stop, and during the wait for words after it. */
  get acceptsWords(): boolean {
    return !this.stopping || this.wordsOpen;
  }

  /** Ends the call: what was received is processed, then call.ended is published. */
  stop(reason: string): Promise<void> {
    if (!this.stopping) {
      this.stopping = true;
      this.endReason = reason;
      if (this.wordsGraceMs > 0) {
        this.wordsOpen = true;
        setTimeout(() => {
          this.wordsOpen = false;
          this.run.complete();
        }, this.wordsGraceMs);
      } else this.run.complete();
    }
    return this.ended;
  }

  /**
   * The wall-clock time (ms since the epoch) of media time 0, as the audio's arrival shows it; the
   * call's start before any audio. Words stamped with a wall clock (Twilio's transcription
   * callbacks) are placed on the media timeline with it.
   */
  get mediaOriginMs(): number {
    return Number.isFinite(this.mediaOrigin) ? this.mediaOrigin : this.startedAtMs;
  }

  /**
   * The call's duration in media time, ms: the longest track's audio received so far — or, for a
   * call whose words come without its audio, the end of the latest utterance. Not the wall-clock
   * time the call took: a recording analysed or replayed faster than real time lasts as long as
   * its media.
   */
  get mediaMs(): number {
    const audioMs = Math.max(0, ...this.samplesIn.map((n, i) => (n / this.start.tracks[i]!.sampleRateHz) * 1000));
    return audioMs > 0 ? audioMs : this.transcriptEndMs;
  }

  private finish(reason: string): void {
    this.emit({
      type: 'call.ended',
      callId: this.callId,
      reason,
      durationMs: Math.round(this.mediaMs),
      shedFrames: this.shed,
      arrivalMs: nowMs(),
    });
  }

  private emit(ev: EventPayload): void {
    if (ev.type === 'prompt') {
      this.promptRules.set(ev.promptId, ev.rule);
      this.deps.metrics.prompts.inc({ rule: ev.rule });
    }
    stageClock.enter('bus');
    try {
      const numbered = { ...ev, seq: ++this.seq, at: new Date().toISOString() } as InternalEvent;
      this.deps.bus.publish(numbered);
    } finally {
      stageClock.exit();
    }
  }
}
