// Offline QA of a recording (manual §6 錄音抽檢, for every recording): the same per-call pipeline as
// a live call, fed from a WAV as fast as the machine allows, making the same record — emotion
// timeline, prompts, language findings, checklist, redacted transcript and the QA scorecard —
// through the same recorder and store. The store is a private in-memory one unless the caller
// names a database: offline analysis never writes into a service's records unasked, and even when
// asked it adds only its own call (no upkeep: it closes out no one's calls and purges nothing).

import { randomUUID } from 'node:crypto';
import { encodeAudio } from '../codecs/pcm.js';
import { resample } from '../codecs/resample.js';
import type { Config } from '../config/schema.js';
import { packagePath } from '../config/paths.js';
import { LocalBus } from '../delivery/bus.js';
import { loadProsodyModel } from '../classifiers/prosody.js';
import { INTERNAL_RATE_HZ } from '../features/types.js';
import type { Track } from '../frames/types.js';
import { Metrics } from '../observability/metrics.js';
import { createLogger } from '../observability/logger.js';
import { CallSession } from '../pipeline/session.js';
import { LocalRunner } from '../pipeline/runner.js';
import { PlaybookStore } from '../policy/store.js';
import { CallRecorder, openCallStore, type CallRecord } from '../storage/index.js';
import { loadTextEmotion } from '../text/emotion/index.js';

export interface AnalyzeInput {
  /** Channel 0 is the caller, channel 1 (when present) the agent; at any rate. */
  channels: Float32Array[];
  sampleRateHz: number;
  transcript: readonly { track: Track; text: string; isFinal: boolean; startMs: number; endMs: number }[];
  callId?: string;
  agentId: string;
  language: string;
  /** Which track a mono recording is (the mixed line is usually judged as the caller). */
  monoTrack: Track;
}

export interface AnalyzeOptions {
  /** Where the record is also kept (`callcue analyze --db`, a CALLCUE_DB_URL-style URL); default: nowhere but the result. */
  dbUrl?: string;
}

export interface AnalyzeResult {
  record: CallRecord | null;
  mediaMs: number;
  elapsedMs: number;
}

const CHUNK_MS = 20;

export async function analyzeRecording(config: Config, input: AnalyzeInput, opts: AnalyzeOptions = {}): Promise<AnalyzeResult> {
  const t0 = performance.now();
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const modelsDir = packagePath(config.modelsDir);
  const [prosodyModel, textModel] = await Promise.all([loadProsodyModel(modelsDir), loadTextEmotion(modelsDir)]);
  const playbook = new PlaybookStore(packagePath(config.playbookPath));
  const bus = new LocalBus();
  const store = await openCallStore(opts.dbUrl ?? 'sqlite::memory:', { setting: '--db' });
  const recorder = new CallRecorder({ store, bus, logger, retentionDays: config.retentionDays, upkeep: false });
  await recorder.start();
  const callId = input.callId ?? `offline-${randomUUID()}`;
  const metrics = new Metrics();
  const tracks: Track[] = input.channels.length >= 2 ? ['caller', 'agent'] : [input.monoTrack];
  const audio = tracks.map((_, i) => resample(input.channels[i]!, input.sampleRateHz, INTERNAL_RATE_HZ));
  try {
    const session = new CallSession(
      { bus, metrics, logger, runner: new LocalRunner({ metrics, prosodyModel, textModel, playbook: () => playbook.current }) },
      {
        callId,
        agentId: input.agentId,
        language: input.language,
        tracks: tracks.map((track) => ({ track, encoding: 'pcm16le' as const, sampleRateHz: INTERNAL_RATE_HZ })),
        source: 'offline',
      },
      // Nothing is shed offline: the recording waits for the pipeline, not the other way round.
      { jargon: config.jargon, maxQueuedAudio: Number.MAX_SAFE_INTEGER, windowMs: config.windowMs, emotionIntervalMs: config.emotionIntervalMs, minSpeechMs: config.minSpeechMs },
    );
    const chunk = (INTERNAL_RATE_HZ * CHUNK_MS) / 1000;
    const samples = Math.max(...audio.map((a) => a.length));
    const entries = [...input.transcript].sort((a, b) => a.endMs - b.endMs);
    let next = 0;
    for (let at = 0, k = 0; at < samples; at += chunk, k++) {
      audio.forEach((a, i) => {
        const piece = a.subarray(at, at + chunk);
        if (piece.length > 0) session.pushAudio(i, encodeAudio(piece, 'pcm16le'));
      });
      const mediaMs = ((at + chunk) / INTERNAL_RATE_HZ) * 1000;
      while (next < entries.length && entries[next]!.endMs <= mediaMs) session.pushTranscript(entries[next++]!);
      // Let the pipeline drain now and then, so memory stays bounded on long recordings.
      if (k % 50 === 49) await new Promise((r) => setImmediate(r));
    }
    while (next < entries.length) session.pushTranscript(entries[next++]!);
    await session.stop('offline');
    await recorder.close();
    // The scorecard is set after the last rows are written.
    let record = await store.getCall(callId);
    for (let i = 0; i < 20 && record && !record.scorecard; i++) {
      await new Promise((r) => setTimeout(r, 25));
      record = await store.getCall(callId);
    }
    return { record, mediaMs: (samples / INTERNAL_RATE_HZ) * 1000, elapsedMs: performance.now() - t0 };
  } finally {
    playbook.close();
    await bus.close();
    await store.close();
  }
}
