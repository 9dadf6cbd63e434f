// Readers for the public text corpora in the shared data folder (formats in its README), each row
// mapped to our classes by label-map.ts. Nothing read here is ever written back into the repo.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readCped } from './cped.js';
import { MissingDataError } from './missing-data.js';
import type { Example } from './example.js';
import { readStc3, stc3TrainingExamples, type Stc3Dialogue } from './stc3.js';
import { GOEMOTIONS_MAPPING, mapLabels, NLPCC2013_MAPPING, SMP2020_MAPPING } from './label-map.js';

export interface CorpusSplits {
  train: Example[];
  /** Named evaluation sets: goemotions-dev, smp2020-eval, cped-heldout (leave-series-out). */
  dev: Record<string, Example[]>;
  /** STC-3's held-out dialogues, scored as dissatisfied-vs-satisfied AUC. */
  stc3HeldOut: Stc3Dialogue[];
  /** STC-3's training dialogues (their turns are weak labels in `train`): where the dialogue rule is chosen. */
  stc3Train: Stc3Dialogue[];
}

export { MissingDataError };

function readText(path: string): string {
  if (!existsSync(path)) throw new MissingDataError(path);
  return readFileSync(path, 'utf8');
}

function goEmotions(dataDir: string, split: 'train' | 'dev'): Example[] {
  const base = join(dataDir, 'text', 'goemotions', 'original');
  const names = readText(join(base, 'labels.txt')).split('\n').map((s) => s.trim()).filter((s) => s.length > 0);
  const examples: Example[] = [];
  for (const line of readText(join(base, `${split}.tsv`)).split('\n')) {
    const [text, ids] = line.split('\t');
    if (text === undefined || ids === undefined || text.length === 0) continue;
    const labels = ids.split(',').map((id) => names[Number(id)]);
    const mapped = mapLabels(labels, GOEMOTIONS_MAPPING);
    examples.push({ text, language: 'en-US', kind: mapped.kind, label: mapped.label, allRowsLabel: mapped.allRowsLabel, sourceLabel: labels.join(','), corpus: 'goemotions' });
  }
  return examples;
}

function smpRow(text: string, label: string, corpus: string): Example {
  const mapped = mapLabels([label], SMP2020_MAPPING);
  return { text, language: 'zh-CN', kind: mapped.kind, label: mapped.label, allRowsLabel: mapped.allRowsLabel, sourceLabel: label, corpus };
}

/** usual_train.csv: id,text,label where text may itself contain commas. */
function smpTrainCsv(path: string): Example[] {
  const examples: Example[] = [];
  for (const line of readText(path).split('\n')) {
    const first = line.indexOf(',');
    const last = line.lastIndexOf(',');
    if (first < 0 || last <= first) continue;
    const text = line.slice(first + 1, last).trim();
    const label = line.slice(last + 1).trim();
    if (text.length === 0 || label === 'label') continue;
    examples.push(smpRow(text, label, 'smp2020'));
  }
  return examples;
}

function smpJson(path: string, corpus: string): Example[] {
  const rows = JSON.parse(readText(path)) as Array<{ content: string; label: string }>;
  return rows.filter((r) => r.content.trim().length > 0).map((r) => smpRow(r.content, r.label, corpus));
}

/** train.csv: label,text with a header row; text may contain commas. */
function nlpcc2013(dataDir: string): Example[] {
  const examples: Example[] = [];
  const lines = readText(join(dataDir, 'text', 'nlpcc2013', 'train.csv')).split('\n');
  for (const line of lines.slice(1)) {
    const comma = line.indexOf(',');
    if (comma < 0) continue;
    const label = line.slice(0, comma).trim();
    const text = line.slice(comma + 1).trim();
    if (text.length === 0) continue;
    const mapped = mapLabels([label], NLPCC2013_MAPPING);
    examples.push({ text, language: 'zh-CN', kind: mapped.kind, label: mapped.label, allRowsLabel: mapped.allRowsLabel, sourceLabel: label, corpus: 'nlpcc2013' });
  }
  return examples;
}

export interface CorpusOptions {
  /** Also train on SMP2020's COVID-19 Weibo set (same labels, more fear). */
  includeVirus: boolean;
}

export function loadCorpora(dataDir: string, options: CorpusOptions): CorpusSplits {
  const smpDir = join(dataDir, 'text', 'smp2020-ewect');
  const cped = readCped(dataDir);
  const stc3 = readStc3(dataDir);
  const train = [
    ...goEmotions(dataDir, 'train'),
    ...smpTrainCsv(join(smpDir, 'usual_train.csv')),
    ...nlpcc2013(dataDir),
    ...(options.includeVirus ? smpJson(join(smpDir, 'virus_train.json'), 'smp2020-virus') : []),
    ...cped.filter((e) => e.corpus === 'cped'),
    ...stc3TrainingExamples(stc3),
  ];
  return {
    train,
    dev: {
      'goemotions-dev': goEmotions(dataDir, 'dev'),
      'smp2020-eval': smpJson(join(smpDir, 'usual_eval.json'), 'smp2020'),
      'cped-heldout': cped.filter((e) => e.corpus === 'cped-heldout'),
    },
    stc3HeldOut: stc3.filter((d) => d.heldOut),
    stc3Train: stc3.filter((d) => !d.heldOut),
  };
}
