// Benchmark of caller-text emotion: TextEmotionModel.classify per utterance (featurise + sparse
// dot product + softmax + cues) on call-center utterances of every length — partial prefixes,
// single sentences, and long finals of several sentences — in both languages and both scripts —
// each with a context of two previous caller turns and an agent turn, as the live stage passes it.
// Budget: p99 ≤ 2 ms per utterance. Run: npx tsc -p tsconfig.build.json && node dist/bench/text-emotion.js [--models DIR]

import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { loadTextEmotion, type TextContext } from '../src/text/emotion/index.js';
import { HELD_OUT_CALLCENTER } from '../src/training/text/data/heldout-callcenter.js';
import { syntheticCallCenterExamples } from '../src/training/text/synthetic.js';
import { percentile } from './lib/stats.js';

export interface TextBenchResult {
  utterances: number;
  p50Us: number;
  p95Us: number;
  p99Us: number;
  maxUs: number;
  meanUs: number;
  loadMs: number;
}

const AGENT_LINE: Record<string, string> = { en: "I'm sorry, I can't see that payment on my side yet", zh: '不好意思，我这边暂时还查不到这笔款项' };

/** Each utterance with the two before it (same language) as the caller's turns and an agent line. */
function withContext(utterances: Array<{ text: string; language: string }>): Array<{ text: string; language: string; context: TextContext }> {
  return utterances.map((u, i) => ({
    ...u,
    context: {
      callerPrevious: utterances.slice(Math.max(0, i - 2), i).filter((p) => p.language.slice(0, 2) === u.language.slice(0, 2)).map((p) => p.text),
      agentLast: AGENT_LINE[u.language.slice(0, 2)] ?? AGENT_LINE.en,
    },
  }));
}

/** Utterances to time: held-out and synthetic lines, their first halves (partials), and joined finals. */
function benchUtterances(): Array<{ text: string; language: string; context: TextContext }> {
  const single = [
    ...HELD_OUT_CALLCENTER.map((h) => ({ text: h.text, language: h.language })),
    ...syntheticCallCenterExamples(1, 4).map((e) => ({ text: e.text, language: e.language })),
  ];
  const partial = single.map((u) => ({ text: u.text.slice(0, Math.max(1, Math.floor(u.text.length / 2))), language: u.language }));
  const long: Array<{ text: string; language: string }> = [];
  for (let i = 0; i + 4 < single.length; i += 5) {
    const group = single.slice(i, i + 5).filter((u) => u.language === single[i].language);
    long.push({ text: group.map((u) => u.text).join(' '), language: single[i].language });
  }
  return withContext([...single, ...partial, ...long]);
}

export async function runTextEmotionBench(modelsDir: string, rounds = 5): Promise<TextBenchResult> {
  const loadStarted = process.hrtime.bigint();
  const model = await loadTextEmotion(modelsDir);
  const loadMs = Number(process.hrtime.bigint() - loadStarted) / 1e6;
  if (model === null) throw new Error(`no text-emotion model in ${modelsDir}: run train-text first`);
  const utterances = benchUtterances();
  for (const u of utterances) model.classify(u.text, u.language, u.context); // warm-up (JIT, converter dictionaries)
  const timesUs = new Float64Array(utterances.length * rounds);
  let n = 0;
  const started = process.hrtime.bigint();
  for (let r = 0; r < rounds; r += 1) {
    for (const u of utterances) {
      const t0 = process.hrtime.bigint();
      model.classify(u.text, u.language, u.context);
      timesUs[n] = Number(process.hrtime.bigint() - t0) / 1000;
      n += 1;
    }
  }
  const meanUs = Number(process.hrtime.bigint() - started) / 1000 / n;
  timesUs.sort();
  return { utterances: n, p50Us: percentile(timesUs, 50), p95Us: percentile(timesUs, 95), p99Us: percentile(timesUs, 99), maxUs: timesUs[n - 1]!, meanUs, loadMs };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const flag = process.argv.indexOf('--models');
  const modelsDir = flag >= 0 ? process.argv[flag + 1] : join(process.cwd(), 'models');
  const r = await runTextEmotionBench(modelsDir);
  const row = (name: string, us: number) => `  ${name.padEnd(6)} ${(us / 1000).toFixed(3).padStart(8)} ms`;
  console.log(`text emotion classify, ${r.utterances} utterances (model load ${r.loadMs.toFixed(0)} ms):`);
  console.log([row('p50', r.p50Us), row('p95', r.p95Us), row('p99', r.p99Us), row('max', r.maxUs), row('mean', r.meanUs)].join('\n'));
  console.log(`  budget p99 ≤ 2 ms: ${r.p99Us <= 2000 ? 'met' : 'MISSED'}`);
  console.log(JSON.stringify({ bench: 'text-emotion', ...r, budgetP99Us: 2000, withinBudget: r.p99Us <= 2000 }));
}
