// Raw-PCM fork metadata → what the call needs (rate, channels, ids), and binary frames → one PCM
// array per track. Pure; ingest/fork.ts owns the socket.

import { CallcueError, ErrorCodes } from '../errors.js';
import type { TrackSpec } from '../frames/types.js';
import { forkMetadataSchema, type MixType } from '../protocol/fork.js';
import { deinterleave } from './interleave.js';

export type ForkFlavour = 'jambonz' | 'vonage' | 'freeswitch';

export interface ForkStart {
  flavour: ForkFlavour;
  sampleRateHz: number;
  mixType: MixType;
  callId: string | undefined;
  agentId: string | undefined;
  language: string | undefined;
  key: string | undefined;
  /** Stereo only: which interleaved channel is the caller. */
  callerChannel: 0 | 1;
  tracks: TrackSpec[];
  /** Non-personal bridge ids kept with the call. */
  metadata: Record<string, string>;
}

const MIN_RATE_HZ = 8000;
const MAX_RATE_HZ = 96000;

/** 16000, "16000", "16k", "audio/l16;rate=16000" → 16000. */
export function parseSampleRate(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const ct = /rate=(\d+)/i.exec(v);
  if (ct) return Number(ct[1]);
  const k = /^(\d+(?:\.\d+)?)k$/i.exec(v.trim());
  if (k) return Math.round(Number(k[1]) * 1000);
  return /^\d+$/.test(v.trim()) ? Number(v) : undefined;
}

/** Ids become valid callcue ids: characters outside [A-Za-z0-9_.:@-] turn into "_". */
function asId(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v.replace(/[^\w.:@-]/g, '_').slice(0, 128);
}

/** The first text frame. Throws INVALID_MESSAGE naming what is wrong. */
export function decodeForkMetadata(text: string): ForkStart {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new CallcueError(ErrorCodes.MALFORMED_JSON, 'the first message must be a JSON object of call metadata');
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new CallcueError(ErrorCodes.INVALID_MESSAGE, 'the first message must be a JSON object of call metadata');
  }
  const parsed = forkMetadataSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new CallcueError(ErrorCodes.INVALID_MESSAGE, `invalid metadata: ${issue.path.join('.')}: ${issue.message}`);
  }
  const m = parsed.data;
  const flavour: ForkFlavour = m.event === 'websocket:connected' || m['content-type'] ? 'vonage' : m.callSid && typeof m.sampleRate === 'number' ? 'jambonz' : 'freeswitch';
  const rate = parseSampleRate(m.sampleRateHz ?? m.sampleRate ?? m.sample_rate ?? m.sampling ?? m['content-type']);
  if (rate === undefined) throw new CallcueError(ErrorCodes.INVALID_MESSAGE, 'metadata needs sampleRate (e.g. 8000 or "16k") or content-type "audio/l16;rate=…"');
  if (!Number.isInteger(rate) || rate < MIN_RATE_HZ || rate > MAX_RATE_HZ) {
    throw new CallcueError(ErrorCodes.INVALID_MESSAGE, `sampleRate ${rate} is outside ${MIN_RATE_HZ}–${MAX_RATE_HZ} Hz`);
  }
  // Vonage sends one stream: whatever its websocket leg hears, usually both parties mixed.
  const mixType = m.mixType ?? m.mix_type ?? (flavour === 'vonage' ? 'mixed' : 'mono');
  const tracks: TrackSpec[] =
    mixType === 'stereo'
      ? [
          { track: 'caller', encoding: 'pcm16le', sampleRateHz: rate },
          { track: 'agent', encoding: 'pcm16le', sampleRateHz: rate },
        ]
      : [{ track: 'caller', encoding: 'pcm16le', sampleRateHz: rate }];
  const metadata: Record<string, string> = { 'fork.flavour': flavour, 'fork.mixType': mixType };
  if (m.callSid) metadata['fork.callSid'] = m.callSid;
  if (m.uuid) metadata['fork.uuid'] = m.uuid;
  return {
    flavour,
    sampleRateHz: rate,
    mixType,
    callId: asId(m.callId ?? m.callSid ?? m.call_sid ?? m.uuid),
    agentId: m.agentId ?? m.agent_id,
    language: m.language ?? m.lang,
    key: m.key,
    callerChannel: m.callerChannel ?? 0,
    tracks,
    metadata,
  };
}

/**
 * One binary frame → PCM bytes per track index (0 caller, 1 agent). Stereo frames are
 * interleaved [ch0, ch1] 16-bit samples; `callerChannel` says which one is the caller.
 */
export function decodeForkAudio(bytes: Uint8Array, start: Pick<ForkStart, 'mixType' | 'callerChannel'>): Uint8Array[] {
  if (start.mixType !== 'stereo') {
    if (bytes.byteLength % 2 !== 0) throw new CallcueError(ErrorCodes.BAD_AUDIO, `L16 audio needs an even byte count, got ${bytes.byteLength}`);
    return [bytes];
  }
  const [ch0, ch1] = deinterleave(bytes, 2, 2) as [Uint8Array, Uint8Array];
  return start.callerChannel === 0 ? [ch0, ch1] : [ch1, ch0];
}
