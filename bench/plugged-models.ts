// `node dist/bench/plugged-models.js [--out DIR] [--keep]`: what a plugged model costs per call.
// Makes randomly initialised models of the common sizes in the real layout (src/training/
// random-models: a 6-layer, 384-wide BERT-style text encoder; a 95M-parameter wav2vec2-base-shaped
// speech encoder), loads them as the service does (one intra-op thread), and measures the CPU time
// of each judgement at several batch sizes with process.cpuUsage — which holds on a busy machine,
// unlike wall time. Per call-second: voice = one 3 s window per hop (CALLCUE_VOICE_MODEL_HOP_MS,
// 1 s by default); text = the caller's utterances, finals and partials, at the rate given (the
// bench calls' rate by default). Calls per core = 1 s of CPU / (CPU per call-second).
// The directories it writes are what `npm run bench -- --voice-model DIR --text-model DIR` takes.

import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { Tokenizer } from '@huggingface/tokenizers';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadTextModel, loadVoiceModel, VOICE_MODEL_RATE_HZ, type PluggedModel } from '../src/models/index.js';
import { COMMON_SIZES, writeTextModelDir, writeVoiceModelDir } from '../src/training/random-models/index.js';

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: join(tmpdir(), 'callcue-bench-models') },
    keep: { type: 'boolean', default: false },
    'window-ms': { type: 'string', default: '3000' },
    'hop-ms': { type: 'string', default: '1000' },
    /** Caller utterances (partials and finals) judged per second of call. */
    'utterances-per-s': { type: 'string', default: '0.5' },
    rounds: { type: 'string', default: '6' },
  },
});

const LABELS = ['angry', 'fearful', 'sad', 'neutral', 'happy'];
const MAPPING = { angry: 'anger', fearful: 'anxiety', sad: 'disappointment', neutral: 'neutral', happy: 'non-target' };
const UNLIMITED = { maxBatch: 64, maxPending: 1024, maxAgeMs: Number.POSITIVE_INFINITY };
const cpuUs = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

/** CPU µs per item at a batch size: the median over rounds (the first round warms up). */
async function perItemCpuUs<I>(model: PluggedModel<I>, make: (i: number) => I, batch: number, rounds: number): Promise<number> {
  const samples: number[] = [];
  for (let r = 0; r <= rounds; r++) {
    const items = Array.from({ length: batch }, (_, i) => make(r * batch + i));
    const t0 = cpuUs();
    await Promise.all(items.map((x) => model.classify(x)));
    if (r > 0) samples.push((cpuUs() - t0) / batch);
  }
  samples.sort((a, b) => a - b);
  return samples[Math.floor(samples.length / 2)]!;
}

/** A caller's utterance with the two previous turns as context (what the pipeline sends a pair model). */
const utterance = (i: number) => ({
  text: `我的信用卡第${i % 10}次被重复扣款了 and I have been waiting on the line for an hour`,
  context: `您好请问有什么可以帮您 I was charged twice for the same purchase last week number ${i}`,
});
/** The English words of the sample as whole-word vocabulary entries, as a trained vocabulary has them. */
const ENGLISH_WORDS = `${utterance(0).text} ${utterance(0).context}`.split(/[^A-Za-z]+/).filter((w) => w.length > 1);

async function main(): Promise<void> {
  const rounds = Number(args.rounds);
  const windowSamples = Math.round((Number(args['window-ms']) / 1000) * VOICE_MODEL_RATE_HZ);
  const windowsPerS = 1000 / Number(args['hop-ms']);
  const utterancesPerS = Number(args['utterances-per-s']);
  mkdirSync(args.out!, { recursive: true });
  const textDir = join(args.out!, 'text-6x384');
  const voiceDir = join(args.out!, 'voice-95m');
  const t = writeTextModelDir(textDir, { ...COMMON_SIZES.text, words: ENGLISH_WORDS }, { labels: LABELS, mapping: MAPPING, languages: ['zh', 'en'] });
  const tokenizer = new Tokenizer(JSON.parse(readFileSync(join(textDir, 'tokenizer.json'), 'utf8')), {});
  const tokens = tokenizer.encode(utterance(1).text, { text_pair: utterance(1).context }).ids.length;
  const v = writeVoiceModelDir(voiceDir, COMMON_SIZES.voice, { labels: LABELS, mapping: MAPPING, languages: ['zh', 'en'] });
  const rows: Record<string, unknown>[] = [];
  const voice = await loadVoiceModel(voiceDir, UNLIMITED);
  const wave = (i: number) => Float32Array.from({ length: windowSamples }, (_, k) => 0.3 * Math.sin(k * (0.01 + (i % 7) * 0.003)) + 0.05 * Math.sin(k * 0.37));
  for (const batch of [1, 4, 8]) {
    const us = await perItemCpuUs(voice, wave, batch, rounds);
    const perCallS = us * windowsPerS;
    rows.push({ model: 'voice-95m', parameters: v.parameters, onnxMB: +(v.onnxBytes / 1e6).toFixed(1), batch, cpuMsPerItem: +(us / 1000).toFixed(1), cpuUsPerCallSecond: Math.round(perCallS), callsPerCore: +(1e6 / perCallS).toFixed(2) });
  }
  await voice.close();
  const text = await loadTextModel(textDir, UNLIMITED);
  for (const batch of [1, 8, 32]) {
    const us = await perItemCpuUs(text, utterance, batch, rounds);
    const perCallS = us * utterancesPerS;
    rows.push({ model: `text-6x384 (${tokens} tokens)`, parameters: t.parameters, onnxMB: +(t.onnxBytes / 1e6).toFixed(1), batch, cpuMsPerItem: +(us / 1000).toFixed(2), cpuUsPerCallSecond: Math.round(perCallS), callsPerCore: +(1e6 / perCallS).toFixed(1) });
  }
  await text.close();
  const header = ['model', 'parameters', 'onnxMB', 'batch', 'cpuMsPerItem', 'cpuUsPerCallSecond', 'callsPerCore'];
  process.stdout.write(`plugged-model cost (window ${args['window-ms']} ms every ${args['hop-ms']} ms; ${utterancesPerS} utterances/s; CPU time, one intra-op thread)\n`);
  process.stdout.write(`${header.join('\t')}\n${rows.map((r) => header.map((h) => r[h]).join('\t')).join('\n')}\n`);
  process.stdout.write(`${JSON.stringify({ bench: 'plugged-models', windowMs: Number(args['window-ms']), hopMs: Number(args['hop-ms']), utterancesPerS, rows, dirs: { text: textDir, voice: voiceDir } })}\n`);
  if (!args.keep) rmSync(args.out!, { recursive: true, force: true });
}

void main();
