// A readable account of one scenario run: the script on its timeline, every prompt with when it
// fired and its evidence, alerts, the checklist, and the verdict with each problem named.
// Scenario lines are scripted, not callers' data, so quoting them here is safe.

import { matchesAny } from './rules.js';
import type { CheckResult } from './check.js';
import type { ReplayResult } from './replay.js';
import type { SynthesizedCall } from './synthesize.js';

const sec = (ms: number) => `${(ms / 1000).toFixed(1).padStart(6)} s`;
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

export function formatReport(call: SynthesizedCall, result: ReplayResult, check: CheckResult): string {
  const s = call.scenario;
  const must = s.expect.must.flat();
  const lines: string[] = [];
  lines.push(`${s.id} — ${s.title}`);
  lines.push(
    `  ${s.language}, ${(call.durationMs / 1000).toFixed(1)} s of audio, caller ${call.voices.caller}, agent ${call.voices.agent}; ` +
      `replayed in ${(result.wallMs / 1000).toFixed(1)} s, call ${result.callId}`,
  );
  lines.push('  script (caller turns: the acted emotion → what the emotion events said during the turn):');
  const emotions = result.received.map((r) => r.message).filter((m) => m.type === 'emotion' && m.callId === result.callId);
  for (const t of call.turns) {
    const act = s.turns[t.index]!.act;
    const acted = t.speaker === 'caller' ? `  [${act && act.emotion !== 'neutral' ? `${act.emotion} ${act.intensity}` : 'neutral'} → ${heard(emotions, t.startMs, t.endMs)}]` : '';
    lines.push(`    ${sec(t.startMs)}–${sec(t.endMs).trim()}  ${t.speaker.padEnd(6)} ${(t.id ?? '').padEnd(14)} ${clip(t.text, 70)}${acted}`);
  }
  lines.push(`  prompts (${result.prompts.length}):`);
  if (result.prompts.length === 0) lines.push('    none');
  for (const { raisedAtMs: mediaMs, prompt } of result.prompts) {
    const mark = matchesAny(s.expect.mustNot, prompt.rule) ? '✗ forbidden' : must.includes(prompt.rule) ? '✓ required' : matchesAny(s.expect.may, prompt.rule) ? '~ allowed' : '✗ unexpected';
    lines.push(`    ${sec(mediaMs)}  ${prompt.rule.padEnd(40)} ${mark.padEnd(12)} P${prompt.priority}${prompt.tier ? ` ${prompt.tier}` : ''}  ${clip(prompt.title, 60)}`);
    lines.push(`              says: ${clip(prompt.text, 100)}`);
    if (prompt.quote) lines.push(`              quote: ${clip(prompt.quote, 100)}`);
    if (prompt.evidence.length > 0) lines.push(`              evidence: ${clip(prompt.evidence.join('; '), 140)}`);
  }
  lines.push(`  alerts: ${check.alerts.length === 0 ? 'none' : check.alerts.map((a) => `${a.level} ${a.rule}${a.tier ? ` (${a.tier})` : ''}`).join(', ')}`);
  lines.push(`  checklist: ${check.checklist ? check.checklist.items.map((i) => `${i.id} ${i.done ? '✓' : '·'}`).join('  ') : 'none received'}`);
  lines.push(`  expected in order: ${s.expect.must.map((st) => (Array.isArray(st) ? `{${st.join(', ')}}` : st)).join(' → ') || '(nothing)'}`);
  if (s.expect.mustNot.length > 0) lines.push(`  must not: ${s.expect.mustNot.join(', ')}`);
  lines.push(check.ok ? '  verdict: PASS' : `  verdict: FAIL (${check.failures.length})`);
  for (const f of check.failures) lines.push(`    - ${f.kind}: ${f.message}`);
  return lines.join('\n');
}

/** The labels of the emotion events within a turn, most frequent first: "anger 9, neutral 3 (prosody+text)". */
function heard(emotions: readonly Record<string, unknown>[], fromMs: number, toMs: number): string {
  const counts = new Map<string, number>();
  const sources = new Set<string>();
  for (const e of emotions) {
    const ts = e.tsMs as number;
    if (ts < fromMs || ts > toMs || typeof e.label !== 'string') continue;
    counts.set(e.label, (counts.get(e.label) ?? 0) + 1);
    for (const src of (e.sources as string[] | undefined) ?? []) sources.add(src);
  }
  if (counts.size === 0) return 'no label';
  const ranked = [...counts].sort((a, b) => b[1] - a[1]).map(([label, n]) => `${label} ${n}`);
  return `${ranked.join(', ')}${sources.size > 0 ? ` (${[...sources].sort().join('+')})` : ''}`;
}
