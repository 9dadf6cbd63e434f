// eval-calls' figures: one row per call and a summary against issue 15's targets (onset median
// ≤ 1.5 s and each ≤ 3 s after the first emotional moment; no state or emotion prompt on calm
// callers), printed as a table and kept as JSON.

import type { EvaluatedCall } from './calls.js';

export const ONSET_MEDIAN_TARGET_MS = 1500;
export const ONSET_MAX_TARGET_MS = 3000;

export interface CallsSummary {
  emotionalCalls: number;
  calmCalls: number;
  /** The state's onset delays in media ms, a missed onset counted as endless. */
  onset: { medianMs: number | null; maxMs: number | null; within1500: number; within3000: number; missed: number };
  /** The empathy prompt's delays (media time of the evidence that raised it). */
  prompt: { medianMs: number | null; maxMs: number | null; missed: number };
  /** Target states or emotion prompts where the caller was calm (calm calls, calm opening turns). */
  falseOnsets: number;
  /** … of them on the calm calls. */
  falseOnsetsOnCalmCalls: number;
  /** Target states or onset prompts of another emotion than the script's. */
  wrongOnsets: number;
  /** Emotion prompts that arrived beside a state saying something else. */
  disagreements: number;
  /** Calls whose node shed audio (their figures are unreliable). */
  shedCalls: number;
  meetsTargets: { onsetMedian: boolean; onsetMax: boolean; calmCallsQuiet: boolean };
}

function median(xs: readonly number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function summarizeCalls(calls: readonly EvaluatedCall[]): CallsSummary {
  const emotional = calls.filter((c) => c.onset.moment !== null);
  const delays = emotional.map((c) => c.onset.stateDelayMs ?? Infinity);
  const prompts = emotional.map((c) => c.onset.promptDelayMs ?? Infinity);
  const finite = (x: number | null) => (x === null || Number.isFinite(x) ? x : null);
  const falseOnCalm = calls.filter((c) => c.onset.calm).reduce((n, c) => n + c.onset.falseOnsets.length, 0);
  const med = median(delays);
  const max = delays.length > 0 ? Math.max(...delays) : null;
  return {
    emotionalCalls: emotional.length,
    calmCalls: calls.filter((c) => c.onset.calm).length,
    onset: {
      medianMs: finite(med),
      maxMs: finite(max),
      within1500: delays.filter((d) => d <= ONSET_MEDIAN_TARGET_MS).length,
      within3000: delays.filter((d) => d <= ONSET_MAX_TARGET_MS).length,
      missed: emotional.filter((c) => c.onset.missed).length,
    },
    prompt: {
      medianMs: finite(median(prompts)),
      maxMs: finite(prompts.length > 0 ? Math.max(...prompts) : null),
      missed: prompts.filter((p) => p === Infinity).length,
    },
    falseOnsets: calls.reduce((n, c) => n + c.onset.falseOnsets.length, 0),
    falseOnsetsOnCalmCalls: falseOnCalm,
    wrongOnsets: calls.reduce((n, c) => n + c.onset.wrongOnsets.length, 0),
    disagreements: calls.reduce((n, c) => n + c.onset.disagreements.length, 0),
    shedCalls: calls.filter((c) => (c.shedFrames ?? 0) > 0).length,
    meetsTargets: {
      onsetMedian: med !== null && med <= ONSET_MEDIAN_TARGET_MS,
      onsetMax: max !== null && max <= ONSET_MAX_TARGET_MS,
      calmCallsQuiet: falseOnCalm === 0,
    },
  };
}

/** A delay in seconds with its sign ("+1.2 s", "-0.4 s", "0.0 s"). */
function s(ms: number | null): string {
  if (ms === null) return '—';
  const tenths = Math.round(ms / 100);
  return `${tenths > 0 ? '+' : tenths < 0 ? '-' : ''}${(Math.abs(tenths) / 10).toFixed(1)} s`;
}
const at = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function row(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
}

/** The per-call table, the summary and the targets, as lines of text. */
export function formatCallsReport(calls: readonly EvaluatedCall[], summary: CallsSummary): string[] {
  const head = ['call', 'caller voice', 'emotion', 'moment', 'state', 'delay', 'prompt', 'false', 'wrong', 'disagree', 'uncertain'];
  const body = calls.map((c) => {
    const o = c.onset;
    const m = o.moment;
    return [
      o.scenarioId,
      c.callerVoice,
      m ? m.emotion : 'calm',
      m ? `${at(m.atMs)} (${m.by})` : '—',
      o.stateMs === null ? (m ? 'missed' : '—') : `${at(o.stateMs)}${o.stateSources.length > 0 ? ` ${o.stateSources.join('+')}` : ''}`,
      s(o.stateDelayMs),
      m ? (o.promptDelayMs === null ? 'none' : s(o.promptDelayMs)) : '—',
      String(o.falseOnsets.length),
      String(o.wrongOnsets.length),
      String(o.disagreements.length),
      `${Math.round(o.uncertainShare * 100)} %`,
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const lines = [row(head, widths), ...body.map((r) => row(r, widths))];
  const o = summary.onset;
  const yes = (b: boolean) => (b ? 'met' : 'NOT met');
  lines.push(
    '',
    `emotional calls: ${summary.emotionalCalls}; onset delay (media time, from the first emotional moment): median ${s(o.medianMs)}, max ${s(o.maxMs)}, ` +
      `${o.within1500}/${summary.emotionalCalls} within 1.5 s, ${o.within3000}/${summary.emotionalCalls} within 3 s, ${o.missed} missed`,
    `empathy prompt (media time): median ${s(summary.prompt.medianMs)}, max ${s(summary.prompt.maxMs)}, ${summary.prompt.missed} never raised`,
    `calm calls: ${summary.calmCalls}; false onsets: ${summary.falseOnsetsOnCalmCalls} on calm calls, ${summary.falseOnsets - summary.falseOnsetsOnCalmCalls} in calm openings of emotional calls; ` +
      `wrong-emotion onsets: ${summary.wrongOnsets}; prompt↔state disagreements: ${summary.disagreements}`,
    `targets: median ≤ 1.5 s ${yes(summary.meetsTargets.onsetMedian)}; each ≤ 3 s ${yes(summary.meetsTargets.onsetMax)}; calm calls quiet ${yes(summary.meetsTargets.calmCallsQuiet)}`,
  );
  if (summary.shedCalls > 0) lines.push(`WARNING: the node shed audio on ${summary.shedCalls} call(s): their figures are unreliable (lower --speed or --concurrency)`);
  return lines;
}
