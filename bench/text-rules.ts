// Benchmark of the per-message text rules in the live pipeline: the agent-language checker
// (src/text/language) and personal-data redaction (src/text/privacy), in microseconds per
// utterance (p50/p95/p99/max), printed as a table and as JSON.
//
//   npm run build && node dist/bench/text-rules.js [--data DIR] [--iterations N] [--json FILE]
//
// Utterances are generated here (agent phrasing with and without card numbers, IDs, codes, in
// English, Simplified and Traditional Chinese). With --data (default ../shared/data relative to
// the working directory) real public sentences are added too, to time the regexes on text they
// were not written for; the data is only read, never copied.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAgentLanguageChecker } from '../src/text/language/index.js';
import { createRedactor, redact } from '../src/text/privacy/index.js';
import { percentile } from './lib/stats.js';

interface Args {
  dataDir: string;
  iterations: number;
  jsonOut?: string;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { dataDir: resolve('../shared/data'), iterations: 20_000 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--data' && value !== undefined) args.dataDir = resolve(value);
    else if (flag === '--iterations' && value !== undefined) args.iterations = Number(value);
    else if (flag === '--json' && value !== undefined) args.jsonOut = value;
    else continue;
    i += 1;
  }
  return args;
}

const EN = [
  "Hello, my name is Anna from the cards team, how can I help you today?",
  "I'm sorry, that's not possible, there's nothing I can do about the fee.",
  'I will call you back later, as soon as possible.',
  'Just to confirm, your card number is 4532 0151 1283 0366, is that correct?',
  'Could you read me the code we sent, the one-time code is six digits.',
  'The CVV is 123 and my account number is 1234 5678 9012.',
  'four five three two oh one five one one two eight three oh three six six',
  'Thank you for your patience, I understand your frustration, is there anything else I can help with?',
  'Calm down please, the ACH transfer and the SWIFT code are processed by KYC.',
  'It will arrive no later than 5 pm, the amount is $1,234.56 on 2024-03-15.',
  'okay',
  'Right, so the dispute was opened on the fourteenth and the merchant has ten working days to respond to it, after which we will look at the evidence from both sides and write to you with the outcome.',
];
const ZH = [
  '您好，我是客服小王，工号1234，很高兴为您服务。',
  '这个无法办理，不可能的，没办法，我尽快稍后给您回电。',
  '您的卡号是四五三二零一五一一二八三零三六六，对吗？',
  '我的身份证号是11010519491231002X，验证码是884421。',
  '你冷静一点，没那么严重，请告诉我您的密码。',
  '您的心情我理解，感谢您的耐心等待，还有什么可以帮您？',
  '這個無法辦理，我盡快稍後給您回電，你冷靜一點。',
  '头寸和轧差的问题，今天下午五点前给您回电。',
  '好的',
  '您好，关于您反映的这笔交易，我们已经提交了调单申请，商户需要在十个工作日内回复，之后我们会根据双方提供的材料进行核实，并以短信方式通知您结果。',
];

function readCorpus(dir: string): string[] {
  const lines: string[] = [];
  const goemotions = join(dir, 'text/goemotions/original/dev.tsv');
  if (existsSync(goemotions)) {
    for (const row of readFileSync(goemotions, 'utf8').split('\n').slice(0, 2000)) {
      const text = row.split('\t')[0];
      if (text) lines.push(text);
    }
  }
  const smp = join(dir, 'text/smp2020-ewect/usual_eval.json');
  if (existsSync(smp)) {
    const rows = JSON.parse(readFileSync(smp, 'utf8')) as { content?: string }[];
    for (const row of rows.slice(0, 2000)) if (row.content) lines.push(row.content);
  }
  return lines;
}

interface Stats {
  name: string;
  utterances: number;
  p50Us: number;
  p95Us: number;
  p99Us: number;
  maxUs: number;
  meanUs: number;
}

function measure(name: string, utterances: readonly string[], iterations: number, fn: (text: string, i: number) => void): Stats {
  for (let i = 0; i < Math.min(2000, iterations); i++) fn(utterances[i % utterances.length] as string, i);
  const samplesUs = new Float64Array(iterations);
  let total = 0;
  for (let i = 0; i < iterations; i++) {
    const text = utterances[i % utterances.length] as string;
    const t0 = performance.now();
    fn(text, i);
    const us = (performance.now() - t0) * 1000;
    samplesUs[i] = us;
    total += us;
  }
  samplesUs.sort();
  const round = (x: number): number => Math.round(x * 10) / 10;
  return {
    name,
    utterances: iterations,
    p50Us: round(percentile(samplesUs, 50)),
    p95Us: round(percentile(samplesUs, 95)),
    p99Us: round(percentile(samplesUs, 99)),
    maxUs: round(samplesUs[samplesUs.length - 1] as number),
    meanUs: round(total / iterations),
  };
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  let corpus: string[] = [];
  if (existsSync(args.dataDir)) corpus = readCorpus(args.dataDir);
  else console.log(`data folder not found: ${args.dataDir} — timing generated utterances only (pass --data DIR)`);
  const en = [...EN, ...corpus.filter((t) => !/[\u4e00-\u9fff]/.test(t))];
  const zh = [...ZH, ...corpus.filter((t) => /[\u4e00-\u9fff]/.test(t))];
  const all = [...en, ...zh];

  const t0 = performance.now();
  const enChecker = createAgentLanguageChecker('en-GB');
  const zhChecker = createAgentLanguageChecker('zh-CN');
  const hkChecker = createAgentLanguageChecker('zh-HK', { jargon: [{ term: '按揭', plain: '房屋贷款' }] });
  const setupMs = Math.round(performance.now() - t0);
  const redactor = createRedactor();

  // A pathological 2 kB utterance (a recogniser that never cut): the regexes must stay linear.
  const long = [Array.from({ length: 20 }, (_, i) => `${EN[i % EN.length]} ${ZH[i % ZH.length]}`).join(' ').slice(0, 2000)];

  const results = [
    measure('language en', en, args.iterations, (t, i) => enChecker.check(t, i % 3 === 0)),
    measure('language zh-CN', zh, args.iterations, (t, i) => zhChecker.check(t, i % 3 === 0)),
    measure('language zh-HK', zh, args.iterations, (t, i) => hkChecker.check(t, i % 3 === 0)),
    measure('redact', all, args.iterations, (t) => redact(t)),
    measure('redactor (streaming)', all, args.iterations, (t, i) => redactor.redact(t, i % 3 === 0)),
    measure('both, 2 kB utterance', long, Math.min(args.iterations, 2000), (t, i) => {
      enChecker.check(t, i % 3 === 0);
      zhChecker.check(t, i % 3 === 0);
      redact(t);
    }),
    measure('both (pipeline)', all, args.iterations, (t, i) => {
      const final = i % 3 === 0;
      (/[\u4e00-\u9fff]/.test(t) ? zhChecker : enChecker).check(t, final);
      redactor.redact(t, final);
    }),
  ];

  console.log(`\ntext rules, µs per utterance (checker setup ${setupMs} ms, corpus lines ${corpus.length})`);
  console.log('| stage | n | p50 | p95 | p99 | max | mean |');
  console.log('|---|---:|---:|---:|---:|---:|---:|');
  for (const r of results) console.log(`| ${r.name} | ${r.utterances} | ${r.p50Us} | ${r.p95Us} | ${r.p99Us} | ${r.maxUs} | ${r.meanUs} |`);
  const json = JSON.stringify({ bench: 'text-rules', unit: 'us', setupMs, corpusLines: corpus.length, results }, null, 2);
  if (args.jsonOut !== undefined) writeFileSync(args.jsonOut, json);
  console.log(json);
}

main();
