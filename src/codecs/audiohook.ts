// The server side of one AudioHook v2 session as a pure state machine: text and binary frames in,
// steps out (reply, open the call, audio per channel, close, disconnect). Rules follow the
// AudioHook protocol specification as the Genesys reference server enforces them
// (purecloudlabs/audiohook-reference-implementation, server/serversessionimpl.ts): seq must be
// the previous client seq + 1, serverseq may not exceed what the server sent, the id must stay
// the session's, text over 64 KiB and audio outside an open, unpaused session are errors, and
// every such violation is answered by one `disconnect` with reason "error".

import type { TrackSpec } from '../frames/types.js';
import {
  AUDIOHOOK_CLIENT_TYPES,
  AUDIOHOOK_MAX_TEXT_CHARS,
  clientEnvelopeSchema,
  clientParameterSchemas,
  NULL_UUID,
  type ClientMessageType,
  type ClientParameters,
  type DisconnectReason,
  type MediaChannel,
  type MediaParameter,
  type OpenParameters,
  type ServerMessage,
  type ServerMessageType,
  type ServerParameters,
} from '../protocol/audiohook.js';
import { durationToSeconds } from './audiohook-duration.js';
import { deinterleave } from './interleave.js';

export type AudiohookState = 'preparing' | 'opening' | 'active' | 'paused' | 'closing' | 'closed' | 'disconnecting';
export type CloseReason = ClientParameters<'close'>['reason'];

export interface SelectedMedia {
  media: MediaParameter;
  /** One per channel, in the order the channels are interleaved. */
  tracks: TrackSpec[];
}

export type AudiohookStep =
  | { kind: 'none' }
  | { kind: 'reply'; message: ServerMessage }
  | { kind: 'open'; params: OpenParameters; selected: SelectedMedia | null; probe: boolean }
  | { kind: 'close'; reason: CloseReason }
  | { kind: 'audio'; channels: Uint8Array[] }
  | { kind: 'paused' }
  | { kind: 'resumed'; discardedS: number }
  | { kind: 'client-error'; code: number; message: string }
  | { kind: 'disconnect'; message: ServerMessage; info: string };

const CHANNEL_TRACK: Record<MediaChannel, TrackSpec['track']> = { external: 'caller', internal: 'agent' };
/** Clients round positions; anything within this is agreement. */
const POSITION_TOLERANCE_S = 0.02;

/** Stereo PCMU 8 kHz (external = caller, internal = agent) when offered, else mono external, else mono internal. */
export function selectAudiohookMedia(offers: readonly MediaParameter[]): SelectedMedia | null {
  const pcmu = offers.filter((m) => m.type === 'audio' && m.format === 'PCMU' && m.rate === 8000 && new Set(m.channels).size === m.channels.length);
  const pick =
    pcmu.find((m) => m.channels.length === 2) ?? pcmu.find((m) => m.channels[0] === 'external') ?? pcmu.find((m) => m.channels[0] === 'internal');
  if (!pick) return null;
  return { media: pick, tracks: pick.channels.map((c) => ({ track: CHANNEL_TRACK[c], encoding: 'mulaw', sampleRateHz: 8000 })) };
}

export class AudiohookServerSession {
  state: AudiohookState = 'preparing';
  private seq = 0;
  private clientseq = 0;
  private selected: SelectedMedia | null = null;
  private samplesReceived = 0;
  private discardedS = 0;
  /** Client messages whose `position` disagreed with the audio received plus audio discarded. */
  positionDrifts = 0;

  constructor(readonly sessionId: string) {}

  /** Our view of the stream position, seconds: audio received plus audio the client discarded. */
  get positionS(): number {
    return this.samplesReceived / 8000 + this.discardedS;
  }

  onText(text: string): AudiohookStep {
    if (text.length > AUDIOHOOK_MAX_TEXT_CHARS) return this.violation(`Text message too large (>64K). Length: ${text.length}`);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return this.violation('Text message not valid JSON');
    }
    const env = clientEnvelopeSchema.safeParse(json);
    if (!env.success) return this.violation('Message not a well-formed client message');
    const msg = env.data;
    if (this.state === 'disconnecting') {
      // An error was already signalled; whatever its numbering, let the client close cleanly.
      this.clientseq = Math.max(this.clientseq, msg.seq);
      const close = clientParameterSchemas.close.safeParse(msg.parameters);
      if (msg.type === 'close' && close.success) return this.beginClose(close.data.reason);
      return msg.type === 'ping' ? { kind: 'reply', message: this.build('pong', {}) } : { kind: 'none' };
    }
    if (msg.seq !== this.clientseq + 1) return this.violation('Invalid seq value (not monotonically increasing)');
    this.clientseq = msg.seq;
    if (msg.serverseq > this.seq) return this.violation('Invalid serverseq value');
    if (msg.id !== this.sessionId) return this.violation('Session identifier mismatch');
    if (!(AUDIOHOOK_CLIENT_TYPES as string[]).includes(msg.type)) {
      return this.violation(`Invalid Message: '${msg.type.slice(0, 40)}' is not a supported client message`);
    }
    const type = msg.type as ClientMessageType;
    const params = clientParameterSchemas[type].safeParse(msg.parameters);
    if (!params.success) return this.violation('Invalid Message: Invalid/missing parameters');
    const step = this.dispatch(type, params.data as never);
    if (this.state === 'active') this.checkPosition(durationToSeconds(msg.position));
    return step;
  }

  onBinary(bytes: Uint8Array): AudiohookStep {
    if (this.state !== 'active') {
      if (this.state === 'closing' || this.state === 'closed' || this.state === 'disconnecting') return { kind: 'none' };
      return this.violation(`Received audio in state ${this.state.toUpperCase()}`);
    }
    const sel = this.selected;
    if (!sel) return this.violation('Unexpected binary message: No media selected');
    let channels: Uint8Array[];
    try {
      channels = deinterleave(bytes, sel.media.channels.length, 1);
    } catch (err) {
      return this.violation(`Binary data not a valid audio frame. Error: ${(err as Error).message}`);
    }
    this.samplesReceived += channels[0]!.byteLength;
    return { kind: 'audio', channels };
  }

  /** Completes the open transaction (after an `open` step). */
  opened(selected: SelectedMedia | null): ServerMessage {
    this.selected = selected;
    this.state = 'active';
    return this.build('opened', { media: selected ? [selected.media] : [], startPaused: false });
  }

  /** Completes the close transaction (after a `close` step). */
  closed(): ServerMessage {
    this.state = 'closed';
    return this.build('closed', {});
  }

  /** Asks the client to end the session; it answers with a close transaction. */
  disconnect(reason: DisconnectReason, info?: string): ServerMessage {
    this.state = 'disconnecting';
    return this.build('disconnect', info === undefined ? { reason } : { reason, info });
  }

  /** Server-initiated pause/resume; null outside an open session. */
  pause(): ServerMessage | null {
    return this.state === 'active' || this.state === 'paused' ? this.build('pause', {}) : null;
  }
  resume(): ServerMessage | null {
    return this.state === 'active' || this.state === 'paused' ? this.build('resume', {}) : null;
  }

  private dispatch<T extends ClientMessageType>(type: T, p: ClientParameters<T>): AudiohookStep {
    if (this.state === 'closing' || this.state === 'closed') return { kind: 'none' };
    switch (type) {
      case 'open': {
        if (this.state !== 'preparing') return { kind: 'none' };
        this.state = 'opening';
        const params = p as OpenParameters;
        return { kind: 'open', params, selected: selectAudiohookMedia(params.media), probe: params.conversationId === NULL_UUID };
      }
      case 'close':
        return this.beginClose((p as ClientParameters<'close'>).reason);
      case 'ping':
        return { kind: 'reply', message: this.build('pong', {}) };
      case 'update':
        if (this.state !== 'active' && this.state !== 'paused') return { kind: 'none' };
        return { kind: 'reply', message: this.build('updated', {}) };
      case 'paused':
        if (this.state !== 'active') return { kind: 'none' };
        this.state = 'paused';
        return { kind: 'paused' };
      case 'resumed': {
        if (this.state !== 'paused') return { kind: 'none' };
        this.state = 'active';
        const discardedS = durationToSeconds((p as ClientParameters<'resumed'>).discarded);
        this.discardedS += discardedS;
        return { kind: 'resumed', discardedS };
      }
      case 'discarded':
        this.discardedS += durationToSeconds((p as ClientParameters<'discarded'>).discarded);
        return { kind: 'none' };
      case 'error': {
        const e = p as ClientParameters<'error'>;
        return { kind: 'client-error', code: e.code, message: e.message };
      }
    }
    return { kind: 'none' };
  }

  private beginClose(reason: CloseReason): AudiohookStep {
    this.state = 'closing';
    return { kind: 'close', reason };
  }

  private checkPosition(clientS: number): void {
    if (Math.abs(clientS - this.positionS) > POSITION_TOLERANCE_S) this.positionDrifts++;
  }

  /** A protocol violation: one disconnect with reason "error"; later ones are not signalled again. */
  violation(info: string): AudiohookStep {
    if (this.state === 'disconnecting' || this.state === 'closing' || this.state === 'closed') return { kind: 'none' };
    return { kind: 'disconnect', message: this.disconnect('error', `Client Error: ${info}`), info };
  }

  private build<T extends ServerMessageType>(type: T, parameters: ServerParameters[T]): ServerMessage {
    return { version: '2', id: this.sessionId, type, seq: ++this.seq, clientseq: this.clientseq, parameters } as ServerMessage;
  }
}
