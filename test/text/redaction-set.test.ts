// The bilingual redaction test set (test/text/redaction-set/*.jsonl, written by hand for this
// project): utterances that hold personal data — answers to the agent's questions, several kinds
// in one utterance, spoken digits — and benign look-alikes (amounts, dates of transactions, times,
// reference numbers, "I live in London", 「我叫了三次」), in English, Simplified and Traditional
// Chinese. Each utterance goes through the live pipeline's redaction stage (src/pipeline/redact.ts)
// after the agent's question, if it has one, as a call of its own. Prints the figures that
// docs/protocol.md reports:
//
//   npx vitest run test/text/redaction-set.test.ts
//
// recall: the share of the must-hide items (each personal value listed in `hide`) that no longer
// appear in the redacted text; over-redaction: the share of benign utterances changed at all.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { TranscriptFrame } from '../../src/frames/types.js';
import { Metrics } from '../../src/observability/metrics.js';
import { redactTranscripts } from '../../src/pipeline/redact.js';
import { redact } from '../../src/text/privacy/index.js';

interface Case {
  lang: string;
  line: number;
  set: 'hide' | 'keep';
  /** The agent's utterance just before, when the caller answers a question. */
  agent?: string;
  text: string;
  /** Must-hide set: the personal values, as they appear in `text`. */
  hide?: string[];
}

const LANGS = ['en', 'zh-hans', 'zh-hant'] as const;
const LABEL: Record<(typeof LANGS)[number], string> = { en: 'en', 'zh-hans': 'zh-Hans', 'zh-hant': 'zh-Hant' };
const RECALL_TARGET = 1;
const OVER_REDACTION_LIMIT = 0.02;
const MIN_PER_SET = 200;
const HOLDOUT_MIN_PER_SET = 80;

function load(prefix = ''): Case[] {
  return LANGS.flatMap((lang) =>
    readFileSync(join(import.meta.dirname, 'redaction-set', `${prefix}${lang}.jsonl`), 'utf8')
      .split('\n')
      .map((row, i) => ({ row, line: i + 1 }))
      .filter(({ row }) => row.trim() !== '')
      .map(({ row, line }) => ({ lang, line, ...(JSON.parse(row) as Omit<Case, 'lang' | 'line'>) })),
  );
}

const frame = (track: 'agent' | 'caller', text: string, startMs: number): TranscriptFrame => ({
  kind: 'transcript',
  callId: 'redaction-set',
  track,
  text,
  isFinal: true,
  startMs,
  endMs: startMs + 2000,
  tsMs: startMs + 2000,
  arrivalMs: 0,
});

/** The caller's utterance as the pipeline stores and shows it. */
async function redacted(c: Case): Promise<string> {
  const frames = [...(c.agent ? [frame('agent', c.agent, 0)] : []), frame('caller', c.text, 2500)];
  const out = await lastValueFrom(from(frames).pipe(redactTranscripts(new Metrics(false)), toArray()));
  return out.filter((t) => t.track === 'caller').at(-1)!.text;
}

const pct = (n: number, d: number) => `${((100 * n) / d).toFixed(1)} %`;

interface Score {
  items: number;
  hidden: number;
  benign: number;
  changed: number;
  missed: string[];
  over: string[];
  /** Outputs that redacting again would change (the recorder redacts stored text again). */
  unstable: string[];
  table: string;
}

async function score(cases: readonly Case[], title: string): Promise<Score> {
  const total: Score = { items: 0, hidden: 0, benign: 0, changed: 0, missed: [], over: [], unstable: [], table: '' };
  const rows: string[] = [];
  for (const lang of LANGS) {
    const s = { items: 0, hidden: 0, benign: 0, changed: 0 };
    for (const c of cases.filter((x) => x.lang === lang)) {
      const out = await redacted(c);
      if (redact(out).text !== out) total.unstable.push(`${lang}:${c.line} ${out} → ${redact(out).text}`);
      if (c.set === 'hide') {
        for (const h of c.hide!) {
          s.items++;
          if (out.includes(h)) total.missed.push(`${lang}:${c.line} "${h}" in ${out}`);
          else s.hidden++;
        }
      } else {
        s.benign++;
        if (out !== c.text) {
          s.changed++;
          total.over.push(`${lang}:${c.line} ${c.text} → ${out}`);
        }
      }
    }
    rows.push(`| ${LABEL[lang]} | ${s.items} | ${pct(s.hidden, s.items)} | ${s.benign} | ${pct(s.changed, s.benign)} (${s.changed}) |`);
    total.items += s.items;
    total.hidden += s.hidden;
    total.benign += s.benign;
    total.changed += s.changed;
  }
  const mustHide = cases.filter((c) => c.set === 'hide').length;
  total.table = [
    `${title}: ${mustHide} must-hide utterances (${total.items} personal values), ${total.benign} benign look-alikes`,
    '| language | personal values | recall | benign utterances | over-redaction |',
    '|---|---:|---:|---:|---:|',
    ...rows,
    `| all | ${total.items} | ${pct(total.hidden, total.items)} | ${total.benign} | ${pct(total.changed, total.benign)} (${total.changed}) |`,
    ...(total.missed.length > 0 ? ['values left visible:', ...total.missed.map((m) => `  ${m}`)] : []),
    ...(total.over.length > 0 ? ['benign utterances changed:', ...total.over.map((o) => `  ${o}`)] : []),
  ].join('\n');
  return total;
}

function checkShape(cases: readonly Case[], minPerSet: number): void {
  for (const set of ['hide', 'keep'] as const) {
    expect(cases.filter((c) => c.set === set).length).toBeGreaterThanOrEqual(minPerSet);
    for (const lang of LANGS) expect(cases.filter((c) => c.set === set && c.lang === lang).length).toBeGreaterThanOrEqual(minPerSet / 4);
  }
  for (const c of cases.filter((x) => x.set === 'hide')) {
    expect(c.hide?.length, `${c.lang}:${c.line}`).toBeGreaterThan(0);
    for (const h of c.hide!) expect(c.text, `${c.lang}:${c.line}`).toContain(h);
  }
}

describe('the bilingual redaction test set', () => {
  const cases = load();

  it('holds at least 200 must-hide and 200 benign utterances, in English, Simplified and Traditional Chinese, each value as written', () => {
    checkShape(cases, MIN_PER_SET);
  });

  it(`hides every personal value (recall ${RECALL_TARGET * 100} %) and changes at most ${OVER_REDACTION_LIMIT * 100} % of the benign utterances; redacting again changes nothing`, async () => {
    const s = await score(cases, 'redaction test set');
    console.log(s.table);
    expect(s.missed).toEqual([]);
    expect(s.hidden / s.items).toBeGreaterThanOrEqual(RECALL_TARGET);
    expect(s.changed / s.benign, s.over.join('\n')).toBeLessThanOrEqual(OVER_REDACTION_LIMIT);
    expect(s.unstable).toEqual([]);
  });

  // Written after the rules were last changed for the set above (test/text/redaction-set/holdout-*):
  // how the rules do on utterances they were not corrected against. Reported, not held to the targets.
  it('reports recall and over-redaction on a held-out set; redacting again changes nothing there either', async () => {
    const holdout = load('holdout-');
    checkShape(holdout, HOLDOUT_MIN_PER_SET);
    const s = await score(holdout, 'held-out set');
    console.log(s.table);
    expect(s.unstable).toEqual([]);
  });
});
