// @ts-check
// The screen's connection to /v1/feed: parses messages and hands them on, reconnects with
// capped, jittered backoff after a drop (the server's call.state then restores everything), and
// tells a refused credential apart from a server that is merely unreachable. It never waits
// synchronously and never logs (URLs carry the token).

/** @typedef {import('./types.js').FeedServerMessage} FeedServerMessage */

/** @typedef {{ state: 'connecting' } | { state: 'live' } | { state: 'retry', inMs: number, attempt: number } | { state: 'refused' } | { state: 'stopped' }} FeedStatus */

/** Backoff steps, ms; the last repeats. Jittered ±20 % so a room of desktops does not reconnect in step. */
export const BACKOFF_MS = [500, 1000, 2000, 4000, 8000, 15000];
/** A connection that stayed up this long resets the backoff. */
const STABLE_MS = 5000;

/**
 * @param {number} attempt 0-based @param {() => number} random
 */
export function backoffDelayMs(attempt, random = Math.random) {
  const base = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)];
  return Math.round(base * (0.8 + 0.4 * random()));
}

export class FeedClient {
  /**
   * @param {object} opts
   * @param {() => string} opts.url the ws(s) URL, built fresh per attempt
   * @param {(msg: FeedServerMessage) => void} opts.onMessage
   * @param {(status: FeedStatus) => void} opts.onStatus
   * @param {(wsUrl: string) => Promise<boolean>} [opts.isRefused] asks over HTTP whether the credentials were the problem
   */
  constructor(opts) {
    this.opts = opts;
    /** @type {WebSocket | null} */
    this.ws = null;
    this.attempt = 0;
    /** @type {ReturnType<typeof setTimeout> | null} */
    this.timer = null;
    this.stopped = true;
    this.openedAtMs = 0;
  }

  start() {
    this.stopped = false;
    this.attempt = 0;
    this.connect();
  }

  /** Stops for good (until start()): no reconnect. */
  stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const ws = this.ws;
    this.ws = null;
    if (ws && ws.readyState <= WebSocket.OPEN) ws.close(1000, 'screen closed');
    this.opts.onStatus({ state: 'stopped' });
  }

  /** Reconnect now (e.g. the browser came back online), skipping the remaining wait. */
  reconnectNow() {
    if (this.stopped || (this.ws && this.ws.readyState <= WebSocket.OPEN)) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.connect();
  }

  get isOpen() {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  /** @param {unknown} msg @returns {boolean} whether it went out */
  send(msg) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(msg));
    return true;
  }

  connect() {
    this.timer = null;
    this.opts.onStatus({ state: 'connecting' });
    const url = this.opts.url();
    const ws = new WebSocket(url);
    this.ws = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      this.openedAtMs = Date.now();
      this.opts.onStatus({ state: 'live' });
    };
    ws.onmessage = (ev) => {
      if (typeof ev.data !== 'string') return;
      /** @type {FeedServerMessage} */
      let msg;
      try {
        msg = JSON.parse(ev.data);
      } catch {
        return;
      }
      this.opts.onMessage(msg);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      if (this.stopped) return;
      if (opened && Date.now() - this.openedAtMs >= STABLE_MS) this.attempt = 0;
      if (!opened && this.opts.isRefused) {
        void this.opts.isRefused(url).then((refused) => (refused ? this.refuse() : this.scheduleRetry()), () => this.scheduleRetry());
      } else this.scheduleRetry();
    };
  }

  refuse() {
    this.stopped = true;
    this.opts.onStatus({ state: 'refused' });
  }

  scheduleRetry() {
    if (this.stopped) return;
    const inMs = backoffDelayMs(this.attempt);
    this.opts.onStatus({ state: 'retry', inMs, attempt: this.attempt });
    this.attempt++;
    this.timer = setTimeout(() => this.connect(), inMs);
  }
}

/**
 * Whether the feed refuses these credentials: the same URL over HTTP answers 401 before any
 * upgrade is attempted (a WebSocket in a browser cannot see the status itself).
 * @param {string} wsUrl
 */
export async function feedRefuses(wsUrl) {
  const res = await fetch(wsUrl.replace(/^ws/, 'http'), { cache: 'no-store', credentials: 'omit', referrerPolicy: 'no-referrer', signal: AbortSignal.timeout(5000) });
  return res.status === 401;
}
