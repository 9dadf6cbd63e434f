// Benchmark of offline classification (classify-audio's core): WAV decode → frames → rolling
// windows → baseline → ONNX model, on a synthetic minute of speech. Target ≥ 300× real time on
// one core. Needs models/prosody.onnx (run train-prosody first).
// Run: npx tsc -p tsconfig.build.json && node dist/bench/prosody-classify.js

import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import wavefile from 'wavefile';
import { loadProsodyModel } from '../src/classifiers/prosody.js';
import { classifyRecording } from '../src/classifiers/prosody-recording.js';
import { PACKAGE_ROOT } from '../src/config/paths.js';
import { floatToInt16 } from '../src/codecs/pcm.js';
import { SpeakerBaseline } from '../src/features/index.js';
import { decodeWav } from '../src/training/wav.js';
import { syntheticSpeech } from './features.js';

const { WaveFile } = wavefile;

export async function runProsodyClassifyBench(durationS = 60, repeats = 5): Promise<{ realTimeFactor: number; msPerMinute: number }> {
  const model = await loadProsodyModel(resolve(PACKAGE_ROOT, 'models'));
  if (!model) throw new Error('no models/prosody.onnx: run train-prosody first');
  const wav = new WaveFile();
  wav.fromScratch(1, 8000, '16', floatToInt16(syntheticSpeech(durationS)));
  const bytes = wav.toBuffer();
  classifyRecording(decodeWav(bytes).samples, model, new SpeakerBaseline());
  const started = performance.now();
  for (let i = 0; i < repeats; i++) classifyRecording(decodeWav(bytes).samples, model, new SpeakerBaseline());
  const elapsedMs = (performance.now() - started) / repeats;
  return { realTimeFactor: (durationS * 1000) / elapsedMs, msPerMinute: (elapsedMs * 60) / durationS };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const r = await runProsodyClassifyBench();
  console.log(`classify-audio: ${r.realTimeFactor.toFixed(0)}× real time on one core (${r.msPerMinute.toFixed(0)} ms per minute of audio)`);
  console.log(JSON.stringify({ bench: 'prosody-classify', ...r }));
}
