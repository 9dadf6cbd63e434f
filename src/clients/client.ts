// What every bridge client (the bridge side of one protocol) offers the replay loop, and the
// WebSocket plumbing they share. Each protocol's client is its own file in this folder, so the
// tests and the benchmark drive the same code the `callcue replay` command does.

import WebSocket from 'ws';
import type { WordsCall } from '../protocol/transcripts.js';

export const REPLAY_PROTOCOLS = ['twilio', 'audiohook', 'fork', 'native'] as const;
export type ReplayProtocol = (typeof REPLAY_PROTOCOLS)[number];

/** Audio is sent in 20 ms messages on every protocol, as the telephony bridges do. */
export const REPLAY_FRAME_MS = 20;

/**
 * How long a client waits for the server to acknowledge the end of a call: the node first finishes
 * the audio it has queued, which on a loaded machine takes well over the 10 s a reply gets.
 */
export const END_ACK_TIMEOUT_MS = 60_000;

export interface TranscriptEntry {
  track: 'caller' | 'agent';
  text: string;
  isFinal: boolean;
  startMs: number;
  endMs: number;
}

export interface ReplayCall {
  /** Base URL of the callcue node, ws:// or wss://. */
  url: string;
  callId: string;
  agentId: string;
  language: string;
  key?: string;
  /** Whether an agent channel is sent. */
  stereo: boolean;
}

export interface ReplayEnd {
  /** Close code of the socket (null if it never closed). */
  closeCode: number | null;
  /** Whether the server acknowledged the end in the protocol's own terms (stopped, closed). */
  acknowledged: boolean;
  /** Why the server ended the call before the recording did (a refusal after the start). */
  reason?: string;
}

export interface ReplayClient {
  readonly protocol: ReplayProtocol;
  /** The rate this protocol carries; audio is resampled to it before sendFrame. */
  readonly sampleRateHz: number;
  /** Whether the protocol itself carries text (native); the others' words go beside it (WordsSink). */
  readonly carriesTranscripts: boolean;
  /** The call as words beside the audio name it: the id this protocol's bridge carries. */
  readonly wordsCall: WordsCall;
  open(): Promise<void>;
  /** One 20 ms frame per channel at sampleRateHz (agent null on a mono call). */
  sendFrame(caller: Float32Array, agent: Float32Array | null): void;
  sendTranscript(t: TranscriptEntry): void;
  finish(): Promise<ReplayEnd>;
  /** The socket once open (the loop stops early and explains when the server closes it). */
  readonly connection: JsonSocket | null;
}

/** What became of the words a sink sent: answered taken, or refused with these codes. */
export interface WordsStats {
  via: 'side' | 'twilio-webhook';
  sent: number;
  acked: number;
  /** Refusals by code (UNKNOWN_CALL, RATE_LIMITED…); unanswered ones count as NO_ANSWER. */
  refused: Record<string, number>;
}

/** Where a replay's transcript goes when the audio's protocol carries no text. */
export interface WordsSink {
  /** Called once the audio is open: the sink names the call by `client.wordsCall`. */
  open(client: ReplayClient): Promise<void>;
  send(t: TranscriptEntry): void;
  /** Waits for the answers to what was sent (up to a timeout), then closes. */
  close(): Promise<WordsStats>;
}

/** A ws client that queues JSON text messages so a client can await the one it needs. */
export class JsonSocket {
  readonly received: Record<string, unknown>[] = [];
  closeCode: number | null = null;
  closeReason = '';
  readonly closed: Promise<number>;
  private waiters: { pred: (m: Record<string, unknown>) => boolean; resolve: (m: Record<string, unknown>) => void }[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      let m: Record<string, unknown>;
      try {
        m = JSON.parse(data.toString()) as Record<string, unknown>;
      } catch {
        return;
      }
      this.received.push(m);
      this.waiters = this.waiters.filter((w) => (w.pred(m) ? (w.resolve(m), false) : true));
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code, reason) => {
        this.closeCode = code;
        this.closeReason = reason.toString();
        resolve(code);
      }),
    );
  }

  static open(url: string, options: { headers?: Record<string, string>; protocols?: string[] } = {}): Promise<JsonSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, options.protocols ?? [], { headers: options.headers ?? {} });
      const s = new JsonSocket(ws);
      ws.once('open', () => resolve(s));
      ws.once('unexpected-response', (req, res) => {
        // With this listener ws leaves the request to us: drop it, or it keeps the process alive.
        req.destroy();
        res.resume();
        reject(Object.assign(new Error(`the server refused the upgrade: HTTP ${res.statusCode}`), { statusCode: res.statusCode }));
      });
      ws.once('error', reject);
    });
  }

  get isOpen(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  sendText(text: string): void {
    if (this.isOpen) this.ws.send(text);
  }

  sendJson(msg: unknown): void {
    this.sendText(JSON.stringify(msg));
  }

  sendBinary(bytes: Uint8Array): void {
    if (this.isOpen) this.ws.send(bytes, { binary: true });
  }

  /** The first message (received or to come) that matches; rejects when the socket closes first. */
  next(pred: (m: Record<string, unknown>) => boolean, timeoutMs = 10_000): Promise<Record<string, unknown>> {
    const have = this.received.find(pred);
    if (have) return Promise.resolve(have);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching message within ${timeoutMs} ms`)), timeoutMs);
      void this.closed.then((code) => {
        clearTimeout(timer);
        reject(new Error(`the socket closed (${code} ${this.closeReason}) before the expected message`));
      });
      this.waiters.push({
        pred,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  /** Drops the connection at once (a refused call): nothing of it keeps the process alive. */
  terminate(): void {
    this.ws.terminate();
  }

  /** Why the server ended the connection (close code and reason, its last error message), or null while open. */
  refusal(): string | null {
    if (this.closeCode === null) return null;
    const error = [...this.received].reverse().find((m) => m.type === 'error' || m.type === 'disconnect');
    // native: {code, message}; fork: {data: {code, message}}; AudioHook: a disconnect's parameters.
    const body = error && ((error.type === 'disconnect' ? error.parameters : (error.data ?? error)) as Record<string, unknown> | undefined);
    const said = body ? ` — ${body.code !== undefined ? `${String(body.code)} ${String(body.message)}` : JSON.stringify(body)}` : '';
    return `the server closed the connection (${this.closeCode}${this.closeReason ? ` ${this.closeReason}` : ''})${said}`;
  }

  /** Closes (if still open) and waits for the close, up to timeoutMs. */
  async close(code = 1000, timeoutMs = 5_000): Promise<number | null> {
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) this.ws.close(code);
    await this.closedWithin(timeoutMs);
    return this.closeCode;
  }

  /** Waits for the close up to timeoutMs; the timer never outlives the wait (it would hold the process). */
  private async closedWithin(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.closed, new Promise((r) => (timer = setTimeout(r, timeoutMs)))]);
    clearTimeout(timer);
  }

  /** Waits for the server to close, up to timeoutMs, then closes from this side. */
  async awaitClose(timeoutMs = 5_000): Promise<number | null> {
    await this.closedWithin(timeoutMs);
    return this.closeCode ?? this.close();
  }
}

export function joinUrl(base: string, path: string, query: Record<string, string | undefined> = {}): string {
  const u = new URL(path, base.endsWith('/') ? base : `${base}/`);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, v);
  return u.toString();
}
