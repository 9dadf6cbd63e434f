// Reads the configuration once: an optional JSON file (CALLCUE_CONFIG), then environment variables on
// top, validated by the schema and frozen. A bad value names the setting it came from.

import { readFileSync } from 'node:fs';
import { configSchema, type Config } from './schema.js';
import { CallcueError, ErrorCodes } from '../errors.js';

type Env = Record<string, string | undefined>;

const int = (v: string) => (/^-?\d+$/.test(v.trim()) ? Number(v) : v);
const num = (v: string) => (v.trim() !== '' && !Number.isNaN(Number(v)) ? Number(v) : v);
const bool = (v: string) => (/^(1|true|yes)$/i.test(v.trim()) ? true : /^(0|false|no)$/i.test(v.trim()) ? false : v);
const list = (v: string) => v.split(',').map((s) => s.trim()).filter(Boolean);
/** "agentId:token,agentId:token" */
const pairs = (v: string, idKey: string) =>
  list(v).map((p) => {
    const at = p.indexOf(':');
    return at < 0 ? { [idKey]: p, token: '' } : { [idKey]: p.slice(0, at), token: p.slice(at + 1) };
  });
/** "supervisorId:token:agent1|agent2" */
const supervisors = (v: string) =>
  list(v).map((p) => {
    const [supervisorId = '', token = '', agents = ''] = p.split(':');
    return { supervisorId, token, agentIds: agents.split('|').filter(Boolean) };
  });

/** Environment variable → config key, with how to parse it. */
export const ENV_SETTINGS: Record<string, [keyof Config, (v: string) => unknown]> = {
  PORT: ['port', int],
  HOST: ['host', (v) => v],
  CALLCUE_LOG_LEVEL: ['logLevel', (v) => v],
  CALLCUE_API_KEYS: ['apiKeys', list],
  CALLCUE_AGENT_TOKENS: ['agentTokens', (v) => pairs(v, 'agentId')],
  CALLCUE_SUPERVISOR_TOKENS: ['supervisorTokens', supervisors],
  CALLCUE_MAX_CALLS: ['maxCalls', int],
  CALLCUE_PIPELINE_WORKERS: ['pipelineWorkers', int],
  CALLCUE_HEAP_GROWTH_PCT: ['heapGrowthPct', int],
  CALLCUE_MAX_CALLS_PER_KEY: ['maxCallsPerKey', int],
  CALLCUE_MAX_MESSAGE_BYTES: ['maxMessageBytes', int],
  CALLCUE_MAX_MESSAGES_PER_SECOND: ['maxMessagesPerSecond', int],
  CALLCUE_LATENCY_BUDGET_MS: ['latencyBudgetMs', num],
  CALLCUE_MAX_QUEUED_AUDIO_FRAMES: ['maxQueuedAudioFrames', int],
  CALLCUE_EMOTION_INTERVAL_MS: ['emotionIntervalMs', int],
  CALLCUE_WINDOW_MS: ['windowMs', int],
  CALLCUE_MIN_SPEECH_MS: ['minSpeechMs', int],
  CALLCUE_MODELS_DIR: ['modelsDir', (v) => v],
  CALLCUE_TEXT_MODEL: ['textModel', (v) => v],
  CALLCUE_VOICE_MODEL: ['voiceModel', (v) => v],
  CALLCUE_VOICE_MODEL_HOP_MS: ['voiceModelHopMs', int],
  CALLCUE_ALLOW_NO_MODELS: ['allowNoModels', bool],
  CALLCUE_PLAYBOOK: ['playbookPath', (v) => v],
  /** "apiKey:base64secret,…" (split at the last colon: base64 has none). */
  CALLCUE_AUDIOHOOK_SECRETS: [
    'audiohookClientSecrets',
    (v) =>
      Object.fromEntries(
        list(v).map((p) => {
          const i = p.lastIndexOf(':');
          return [p.slice(0, i), p.slice(i + 1)];
        }),
      ),
  ],
  /** "term=plain words,term2" */
  CALLCUE_JARGON: [
    'jargon',
    (v) =>
      list(v).map((p) => {
        const [term = '', plain] = p.split('=');
        return plain ? { term: term.trim(), plain: plain.trim() } : { term: term.trim() };
      }),
  ],
  CALLCUE_DRAIN_TIMEOUT_MS: ['drainTimeoutMs', int],
  CALLCUE_DB_URL: ['dbUrl', (v) => v],
  CALLCUE_BUS_URL: ['busUrl', (v) => v],
  CALLCUE_RETENTION_DAYS: ['retentionDays', int],
  CALLCUE_WORDS_HOLD_MS: ['wordsHoldMs', int],
  CALLCUE_WORDS_HOLD_MAX: ['wordsHoldMax', int],
  CALLCUE_WORDS_AFTER_STOP_MS: ['wordsAfterStopMs', int],
  CALLCUE_TWILIO_AUTH_TOKEN: ['twilioAuthToken', (v) => v],
  CALLCUE_PUBLIC_URL: ['publicUrl', (v) => v],
};

function envName(key: string): string {
  const hit = Object.entries(ENV_SETTINGS).find(([, [k]]) => k === key);
  return hit ? hit[0] : `CALLCUE_${key.replace(/[A-Z]/g, (c) => `_${c}`).toUpperCase()}`;
}

/** Validates a raw object (file + env merged); throws CONFIG_INVALID naming the setting. */
export function parseConfig(raw: unknown, sources: Record<string, string> = {}): Config {
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = String(issue.path[0] ?? (issue as { keys?: string[] }).keys?.[0] ?? '');
    const from = sources[key] ?? `setting "${key}"`;
    throw new CallcueError(ErrorCodes.CONFIG_INVALID, `invalid configuration: ${from}: ${issue.message}`);
  }
  return deepFreeze(parsed.data);
}

export function loadConfig(env: Env = process.env): Config {
  const raw: Record<string, unknown> = {};
  const sources: Record<string, string> = {};
  const file = env.CALLCUE_CONFIG;
  if (file) {
    let json: unknown;
    try {
      json = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new CallcueError(ErrorCodes.CONFIG_INVALID, `invalid configuration: CALLCUE_CONFIG (${file}): ${(err as Error).message}`);
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) {
      throw new CallcueError(ErrorCodes.CONFIG_INVALID, `invalid configuration: CALLCUE_CONFIG (${file}) must hold a JSON object`);
    }
    for (const [k, v] of Object.entries(json)) {
      raw[k] = v;
      sources[k] = `"${k}" in ${file}`;
    }
  }
  for (const [name, [key, parse]] of Object.entries(ENV_SETTINGS)) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    raw[key] = parse(value);
    sources[key] = `environment variable ${name}`;
  }
  for (const k of Object.keys(raw)) sources[k] ??= envName(k);
  return parseConfig(raw, sources);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
