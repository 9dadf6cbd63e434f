// `callcue classify-text --lang zh|en [--models DIR]`: one utterance per stdin line in, one JSON
// line out: {"text","label","probs"}. The streams are parameters so tests can drive it in-process.

import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { loadTextEmotion } from '../text/emotion/index.js';
import { languageOfTag } from '../text/lang.js';
import { defaultModelsDir, lastValue, parseFlags } from './text-args.js';
import { classifyTextWithModel } from './plugged-text.js';

const USAGE = 'usage: callcue classify-text --lang zh|en|<BCP-47 tag> [--models DIR] < utterances.txt\n       callcue classify-text --model DIR < utterances.txt   (a plugged model, docs/models.md)\n';

export interface ClassifyTextIo {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
}

export async function runClassifyText(
  argv: string[],
  io: ClassifyTextIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr },
): Promise<number> {
  const flags = parseFlags(argv, ['lang', 'models', 'model'], ['help']);
  if (flags.values.has('help')) {
    io.stdout.write(USAGE);
    return 0;
  }
  const plugged = lastValue(flags, 'model');
  if (plugged !== undefined && flags.errors.length === 0) return classifyTextWithModel(plugged, io);
  const lang = lastValue(flags, 'lang');
  if (flags.errors.length > 0 || lang === undefined || languageOfTag(lang) === null) {
    io.stderr.write(`classify-text: ${[...flags.errors, lang === undefined ? '--lang is required' : `unsupported --lang ${lang}`].join('; ')}\n${USAGE}`);
    return 2;
  }
  const modelsDir = lastValue(flags, 'models') ?? defaultModelsDir();
  const model = await loadTextEmotion(modelsDir);
  if (model === null) {
    io.stderr.write(`classify-text: no text-emotion model in ${modelsDir}; run train-text first\n`);
    return 2;
  }
  const lines = createInterface({ input: io.stdin, crlfDelay: Infinity });
  for await (const line of lines) {
    const text = line.trim();
    if (text.length === 0) continue;
    const { label, probs } = model.classify(text, lang);
    io.stdout.write(`${JSON.stringify({ text, label, probs })}\n`);
  }
  return 0;
}
