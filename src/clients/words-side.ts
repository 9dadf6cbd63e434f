// The recogniser's side of the transcript side channel (GET /v1/transcripts, docs/transcripts.md):
// words for a call whose audio another bridge carries, named by that bridge's id for the call.
// Every message is answered ack or error with its number, so the sink knows what was taken.

import type { WordsCall } from '../protocol/transcripts.js';
import { JsonSocket, joinUrl, type ReplayClient, type TranscriptEntry, type WordsSink, type WordsStats } from './client.js';

/** How long close() waits for the answers still outstanding. */
const ANSWER_WAIT_MS = 15_000;

export class SideChannelWords implements WordsSink {
  private socket: JsonSocket | null = null;
  private call: WordsCall | null = null;
  private sent = 0;

  /** `url`: the node's ws:// or wss:// base; `key`: a bridge API key, when the node requires one. */
  constructor(
    private readonly url: string,
    private readonly key?: string,
  ) {}

  async open(client: ReplayClient | WordsCall): Promise<void> {
    this.call = 'wordsCall' in client ? client.wordsCall : client;
    this.socket = await JsonSocket.open(joinUrl(this.url, 'v1/transcripts'), { headers: this.key ? { authorization: `Bearer ${this.key}` } : {} });
  }

  /** Sends one message; returns its number (the `n` of its answer). */
  send(t: TranscriptEntry): number {
    this.socket!.sendJson({ type: 'transcript', call: this.call, track: t.track, text: t.text, isFinal: t.isFinal, startMs: t.startMs, endMs: t.endMs });
    return ++this.sent;
  }

  /** The answer to message `n`, when it comes. */
  answer(n: number, timeoutMs = ANSWER_WAIT_MS): Promise<Record<string, unknown>> {
    return this.socket!.next((m) => m.n === n, timeoutMs);
  }

  async close(): Promise<WordsStats> {
    const s = this.socket!;
    const deadline = Date.now() + ANSWER_WAIT_MS;
    while (s.isOpen && s.received.filter((m) => typeof m.n === 'number').length < this.sent && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const stats: WordsStats = { via: 'side', sent: this.sent, acked: 0, refused: {} };
    const answered = new Set<number>();
    for (const m of s.received) {
      if (typeof m.n !== 'number') continue;
      answered.add(m.n);
      if (m.type === 'ack') stats.acked++;
      else stats.refused[String(m.code)] = (stats.refused[String(m.code)] ?? 0) + 1;
    }
    const missing = this.sent - answered.size;
    if (missing > 0) stats.refused.NO_ANSWER = missing;
    await s.close(1000);
    return stats;
  }
}
