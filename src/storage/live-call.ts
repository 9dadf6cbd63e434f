// What the recorder holds for one running call between flushes: the rows not yet written and the
// running totals. It decides what the record keeps — finals only, emotion about once a second
// (plus a change of label), every prompt, acknowledgement, finding, checklist and alert.

import type { InternalEvent } from '../frames/events.js';
import { EMOTION_LABELS } from '../frames/types.js';
import { toEventRow } from './event-row.js';
import type { AckRow, CallEnd, CallStartRow, CallWrite, EventRow, PromptRow } from './store.js';

/** Emotion points kept per second of media time: the first, and one more if the label changes. */
const EMOTION_POINTS_PER_S = 2;
/** Rows a call may hold unwritten while the database is unreachable; beyond, new rows are dropped. */
export const MAX_PENDING_ROWS = 20_000;

const LABELS = new Set<string>(EMOTION_LABELS);

export class LiveCall {
  readonly agentId: string;
  private start: CallStartRow | undefined;
  private events: EventRow[] = [];
  private prompts: PromptRow[] = [];
  private acks: AckRow[] = [];
  private end: CallEnd | undefined;
  private readonly emotions = new Set<string>();
  private peak: number | null = null;
  private promptCount = 0;
  private alertCount = 0;
  private violationCount = 0;
  private second = -1;
  private pointsThisSecond = 0;
  private lastLabel: string | undefined;
  /** Wall-clock ms of the last write that reached the store (or of the call's start). */
  lastWrittenMs: number;
  dropped = 0;
  private dirty = true;

  constructor(ev: Extract<InternalEvent, { type: 'call.started' }>, ownerId: string) {
    this.agentId = ev.agentId;
    const startedAtMs = Date.parse(ev.startedAt);
    this.start = {
      agentId: ev.agentId,
      language: ev.language,
      source: ev.source,
      tracks: [...ev.tracks],
      startedAtMs: Number.isFinite(startedAtMs) ? startedAtMs : Date.now(),
      ownerId,
    };
    this.lastWrittenMs = this.start.startedAtMs;
  }

  get ended(): boolean {
    return this.end !== undefined;
  }

  take(ev: InternalEvent): void {
    switch (ev.type) {
      case 'call.started':
        return;
      case 'call.ended':
        this.end = { endedAtMs: Date.parse(ev.at) || Date.now(), reason: ev.reason, durationMs: Math.round(ev.durationMs), shedFrames: Math.round(ev.shedFrames) };
        this.dirty = true;
        return;
      case 'emotion':
        if (ev.label && LABELS.has(ev.label)) this.emotions.add(ev.label);
        if (ev.intensity !== undefined && ev.label && ev.label !== 'neutral' && LABELS.has(ev.label)) this.peak = Math.max(this.peak ?? 0, ev.intensity);
        if (!this.keepEmotion(ev.tsMs, ev.label)) return;
        break;
      case 'transcript':
        // Partials are superseded by their final; only finals are the record.
        if (!ev.isFinal) return;
        break;
      case 'language':
        this.violationCount += ev.findings.filter((f) => f.polarity === 'violation').length;
        break;
      case 'prompt':
        this.promptCount++;
        this.prompts.push({ promptId: ev.promptId, agentId: this.agentId, rule: ev.rule, kind: ev.kind, shownAtMs: Date.parse(ev.at) || Date.now() });
        break;
      case 'acked':
        this.acks.push({ promptId: ev.promptId, action: ev.action });
        break;
      case 'alert':
        this.alertCount++;
        break;
    }
    if (this.events.length >= MAX_PENDING_ROWS) {
      this.dropped++;
      return;
    }
    const row = toEventRow(ev);
    // The superseded row never leaves memory if it has not been written yet.
    if (row.replaces) this.events = this.events.filter((e) => !(e.type === row.type && e.key === row.key));
    this.events.push(row);
    this.dirty = true;
  }

  private keepEmotion(tsMs: number, label: string | undefined): boolean {
    const second = Math.floor(tsMs / 1000);
    if (second !== this.second) {
      this.second = second;
      this.pointsThisSecond = 0;
    } else if (label === this.lastLabel || this.pointsThisSecond >= EMOTION_POINTS_PER_S) {
      return false;
    }
    this.pointsThisSecond++;
    this.lastLabel = label;
    return true;
  }

  /** Whether a flush at nowMs has something to write for this call (rows, its end, or a heartbeat). */
  due(nowMs: number, heartbeatMs: number): boolean {
    return this.dirty || nowMs - this.lastWrittenMs >= heartbeatMs;
  }

  /** Hands over everything pending as one write; `restore` puts it back if the write fails. */
  takeWrite(callId: string, nowMs: number): CallWrite {
    const w: CallWrite = {
      callId,
      ...(this.start ? { start: this.start } : {}),
      events: this.events,
      prompts: this.prompts,
      acks: this.acks,
      totals: {
        emotions: [...this.emotions],
        peakIntensity: this.peak,
        prompts: this.promptCount,
        alerts: this.alertCount,
        violations: this.violationCount,
        heartbeatMs: nowMs,
      },
      ...(this.end ? { end: this.end } : {}),
    };
    this.start = undefined;
    this.events = [];
    this.prompts = [];
    this.acks = [];
    this.dirty = false;
    return w;
  }

  written(nowMs: number): void {
    this.lastWrittenMs = nowMs;
  }

  /** A failed write's rows go back in front of anything that arrived since, in order. */
  restore(w: CallWrite): void {
    if (w.start) this.start = w.start;
    const room = Math.max(0, MAX_PENDING_ROWS - this.events.length);
    this.dropped += Math.max(0, w.events.length - room);
    this.events = [...w.events.slice(0, room), ...this.events];
    this.prompts = [...w.prompts, ...this.prompts];
    this.acks = [...w.acks, ...this.acks];
    this.dirty = true;
  }
}
