// A WebSocket test client that queues what it receives, so a test can wait for the message it
// expects (with a timeout) without racing the server.

import WebSocket from 'ws';

/**
 * How long a test waits for a message that must come: long enough for a machine whose cores are
 * busy with other work (a slow answer is not a wrong one); a missing one still fails the test.
 */
export const WAIT_MS = 30_000;

export interface Received {
  json: Record<string, unknown> | null;
  binary: Buffer | null;
}

export class TestSocket {
  readonly messages: Record<string, unknown>[] = [];
  private waiters: { pred: (m: Record<string, unknown>) => boolean; resolve: (m: Record<string, unknown>) => void; from: number }[] = [];
  closeCode: number | null = null;
  closeReason = '';
  readonly closed: Promise<number>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const m = JSON.parse(data.toString()) as Record<string, unknown>;
      this.messages.push(m);
      this.waiters = this.waiters.filter((w) => {
        if (w.pred(m)) {
          w.resolve(m);
          return false;
        }
        return true;
      });
    });
    this.closed = new Promise((r) =>
      ws.on('close', (code, reason) => {
        this.closeCode = code;
        this.closeReason = reason.toString();
        r(code);
      }),
    );
  }

  static open(url: string, headers: Record<string, string> = {}): Promise<TestSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      const s = new TestSocket(ws);
      ws.once('open', () => resolve(s));
      ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { statusCode: res.statusCode })));
      ws.once('error', reject);
    });
  }

  send(msg: unknown): void {
    this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  }

  sendBinary(bytes: Uint8Array): void {
    this.ws.send(bytes, { binary: true });
  }

  /** The first message (already received or yet to come) that matches. */
  next(pred: (m: Record<string, unknown>) => boolean, timeoutMs = WAIT_MS, what = 'a matching message'): Promise<Record<string, unknown>> {
    const have = this.messages.find(pred);
    if (have) return Promise.resolve(have);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        const types = this.messages.map((m) => m.type).join(',');
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; received types: ${types}`));
      }, timeoutMs);
      this.waiters.push({
        pred,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
        from: this.messages.length,
      });
    });
  }

  nextType(type: string, timeoutMs = WAIT_MS): Promise<Record<string, unknown>> {
    return this.next((m) => m.type === type, timeoutMs, `"${type}"`);
  }

  ofType(type: string): Record<string, unknown>[] {
    return this.messages.filter((m) => m.type === type);
  }

  close(): Promise<number> {
    this.ws.close();
    return this.closed;
  }
}
