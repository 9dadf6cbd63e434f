// The one configuration schema. Defaults make `npm start` work with no settings at all.

import { availableParallelism } from 'node:os';
import { z } from 'zod';

const agentToken = z.object({ agentId: z.string().min(1), token: z.string().min(16) });
const supervisorToken = z.object({
  supervisorId: z.string().min(1),
  token: z.string().min(16),
  /** Agents this supervisor's team covers; empty = every agent. */
  agentIds: z.array(z.string()).default([]),
});

export const configSchema = z
  .object({
    port: z.number().int().min(0).max(65535).default(8080),
    host: z.string().min(1).default('127.0.0.1'),
    logLevel: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** API keys that bridges present (Authorization: Bearer KEY, X-API-Key, or ?key=). */
    apiKeys: z.array(z.string().min(16)).default([]),
    agentTokens: z.array(agentToken).default([]),
    supervisorTokens: z.array(supervisorToken).default([]),
    /**
     * Worker threads that run calls' pipelines (DSP, models, policy), leaving the main thread to the
     * sockets; 0 runs them on the main thread. Default: one per core. The main thread needs ~15 % of
     * a core at 100 calls, so leaving it a core idled one: on 2 cores, 2 workers held 150 calls at
     * p99 63 ms where 1 worker reached 168 ms, and 100 calls starting together 39 ms against 101 ms
     * (bench, 2026-11-29).
     */
    pipelineWorkers: z
      .number()
      .int()
      .min(0)
      .max(64)
      .default(() => Math.max(1, availableParallelism())),
    /**
     * How far V8 lets a heap grow past what its last full collection kept, percent (heap-settings.ts):
     * the worker heaps' garbage is mostly frames that lived seconds in a window or baseline, and at
     * V8's own factor (~2×) it held ~50 MB per worker at 100 calls. 0 = V8's own factor, the default:
     * at 30 a node near its CPU limit spends the saving in GC pauses (bench, 100 calls, AMD EPYC 2-core:
     * RSS 372–374 MB but client p99 120–219 ms; at 0, 406–420 MB and p99 78–90 ms).
     */
    heapGrowthPct: z.number().int().min(0).max(300).default(0),
    /** Most concurrent calls this node accepts. */
    maxCalls: z.number().int().positive().default(500),
    /** Most concurrent calls one API key may hold. */
    maxCallsPerKey: z.number().int().positive().default(500),
    /** Largest WebSocket message accepted, bytes (200 ms of 16 kHz PCM16 stereo is 12.8 kB). */
    maxMessageBytes: z.number().int().min(1024).default(65_536),
    /**
     * Messages one socket may send per second (token bucket, bursts of two seconds' worth); more
     * are answered RATE_LIMITED and dropped, and a socket over the limit for 10 s is closed (1008).
     * A real-time stereo bridge sends ~100 a second. 0 = no limit.
     */
    maxMessagesPerSecond: z.number().int().min(0).default(2000),
    /** The latency budget, ms: p99 of audio-to-event latency the service promises. */
    latencyBudgetMs: z.number().positive().default(100),
    /** Audio messages a call may have queued before the oldest are shed. */
    maxQueuedAudioFrames: z.number().int().positive().default(50),
    /** How often the caller's emotion state is emitted, ms. */
    emotionIntervalMs: z.number().int().min(50).default(250),
    /** Length of the rolling prosody window, ms. */
    windowMs: z.number().int().min(500).default(3000),
    /** Speech a window needs before the model judges it, ms (less is a pause). */
    minSpeechMs: z.number().int().min(0).default(600),
    modelsDir: z.string().default('models'),
    /** A plugged text emotion model: a Hugging Face model directory (docs/models.md); '' = the shipped model only. */
    textModel: z.string().default(''),
    /** A plugged voice emotion model directory (raw 16 kHz waveform in, logits out); '' = the shipped model only. */
    voiceModel: z.string().default(''),
    /** How often a plugged voice model judges the caller's last windowMs of audio, ms of media time. */
    voiceModelHopMs: z.number().int().min(100).max(60_000).default(1000),
    /** Start even when modelsDir lacks an emotion model (the screens then show measured voice only). */
    allowNoModels: z.boolean().default(false),
    /** The playbook file (JSON); reloaded when it changes. */
    playbookPath: z.string().default('playbooks/default.json'),
    /** AudioHook client secrets by API key (base64), as entered in the Genesys integration's credentials. */
    audiohookClientSecrets: z.record(z.string().min(16), z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/, 'base64')).default({}),
    /** The bank's own jargon: terms agents should not use with callers, and the plain words for them. */
    jargon: z.array(z.object({ term: z.string().min(1), plain: z.string().optional() }).strict()).default([]),
    /**
     * Where call records live: '' = data/callcue.db under the package root; sqlite:///abs/path.db,
     * sqlite:relative/path.db (package root), sqlite::memory:, or postgres://user:pass@host:5432/db.
     */
    dbUrl: z
      .string()
      .regex(/^$|^sqlite:.+|^postgres(ql)?:\/\/.+/, 'use sqlite:///abs/path.db, sqlite::memory: or postgres://user:pass@host/db')
      .default(''),
    /** Call records older than this many days are purged (at start, then hourly). */
    retentionDays: z.number().int().min(1).max(36_500).default(90),
    /**
     * The bus between nodes: '' = in-process (one node); redis://[:password@]host:6379[/db] (or
     * rediss://) = every node with the same URL shares its calls' events, feeds and acks.
     */
    busUrl: z.string().regex(/^$|^rediss?:\/\/.+/, 'use redis://host:6379 or rediss://host:6380').default(''),
    /**
     * Words for a call whose audio has not opened yet (the recogniser and the media stream start
     * independently) are held this long, ms, then dropped with UNKNOWN_CALL (docs/transcripts.md).
     */
    wordsHoldMs: z.number().int().min(0).max(60_000).default(10_000),
    /** Messages of words held per call while its audio has not opened; more are refused at once. */
    wordsHoldMax: z.number().int().min(1).max(10_000).default(200),
    /**
     * How long, ms, a call that received words beside its audio waits after its stop for the
     * recogniser's last words, which trail the audio they cover (docs/transcripts.md).
     */
    wordsAfterStopMs: z.number().int().min(0).max(60_000).default(3_000),
    /** The Twilio account's auth token: verifies X-Twilio-Signature on /v1/twilio/transcriptions. */
    twilioAuthToken: z.string().default(''),
    /**
     * The URL callcue is reached at from outside (https://callcue.bank.example), when a proxy sits in
     * front: Twilio signs the URL it called, so the signature is checked over this + the path.
     */
    publicUrl: z.string().regex(/^$|^https?:\/\/[^/?#]+(\/[^?#]*)?$/, 'an http(s) URL without query, e.g. https://callcue.bank.example').default(''),
    /** Graceful drain: how long SIGTERM waits for calls to end before closing them, ms. */
    drainTimeoutMs: z.number().int().min(0).default(10_000),
  })
  .strict();

export type Config = Readonly<z.infer<typeof configSchema>>;
export type ConfigInput = z.input<typeof configSchema>;
