// The voice model's scores as plain text (eval-prosody's tables) and as one JSON object (the
// last line the commands print, for tools).

import type { Calibration } from './calibration.js';
import type { HeldOutResult } from './crossval.js';
import { evaluationJson, formatEvaluation } from './metrics.js';
import type { ProsodyScores } from './prosody-record.js';
import type { UnfamiliarRow } from './unfamiliar-eval.js';
import type { VoiceCost } from './voice-cost.js';

const pct = (v: number): string => (Number.isNaN(v) ? '–' : `${(v * 100).toFixed(1)}%`);
const r3 = (v: number): number | null => (Number.isNaN(v) ? null : Math.round(v * 1000) / 1000);

function calibrationText(c: Calibration): string {
  const bins = c.bins.filter((b) => b.count > 0).map((b) => `≤${b.upTo.toFixed(1)}: ${b.count} at ${pct(b.confidence)} stated, ${pct(b.accuracy)} right`);
  return `  calibration (top label): ECE ${pct(c.ece)}; ${bins.join('; ')}`;
}

export function formatHeldOut(r: HeldOutResult): string {
  const title = `${r.corpus}: ${r.scheme}, ${r.folds} fold${r.folds > 1 ? 's' : ''}, telephone channel — refused by the gate ${pct(r.refused)}, temperature ${r.temperatures.map((t) => t.toFixed(2)).join('/')}`;
  return `${formatEvaluation(title, r.evaluation)}\n${calibrationText(r.calibration)}`;
}

export function formatUnfamiliar(rows: readonly UnfamiliarRow[]): string {
  const lines = ['unfamiliar sounds and languages (windows of 3 s every 1 s; share with a target verdict, as shipped and with the gate and the voicing check off)'];
  for (const r of rows) {
    lines.push(`  ${r.sound.padEnd(64)} ${String(r.calls).padStart(3)} calls ${String(r.windows).padStart(5)} windows  target ${pct(r.targetShare).padStart(6)}  refused ${pct(r.refusedShare).padStart(6)}  checks off: target ${pct(r.targetShareWithoutGate).padStart(6)}`);
  }
  return lines.join('\n');
}

export function formatCost(c: VoiceCost): string {
  return `voice stage CPU per second of caller audio (${c.audioS.toFixed(0)} s measured): frame analysis ${c.analysisUs} µs, windows ${c.windowsUs} µs, judge (gate + model) ${c.judgeUs} µs, total ${c.totalUs} µs`;
}

function heldOutJson(r: HeldOutResult): Record<string, unknown> {
  return { folds: r.folds, refused: r3(r.refused), ece: r3(r.calibration.ece), temperatures: r.temperatures.map(r3), ...evaluationJson(r.evaluation) };
}

export function scoresJson(s: ProsodyScores, cost?: VoiceCost): Record<string, unknown> {
  return {
    leaveSpeakersOut: Object.fromEntries(s.leaveSpeakersOut.map((r) => [r.corpus, heldOutJson(r)])),
    leaveOneCorpusOut: Object.fromEntries(s.leaveOneCorpusOut.map((r) => [r.corpus, heldOutJson(r)])),
    unfamiliar: s.unfamiliar.map((u) => ({ ...u, targetShare: r3(u.targetShare), refusedShare: r3(u.refusedShare), targetShareWithoutGate: r3(u.targetShareWithoutGate) })),
    ...(cost ? { cost } : {}),
  };
}
