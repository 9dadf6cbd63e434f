// CPED (Chinese Personalised and Emotional Dialogue, spoken dialogue from TV series) as labelled
// utterances with their dialogue context: the speaker's own earlier turns and the other speaker's
// last turn, as a caller's previous turns and the agent's last turn are read on a call. Split by
// TV series: the held-out series are never trained on, so their score is a leave-series-out one.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MissingDataError } from './missing-data.js';
import type { Example } from './example.js';
import { CPED_MAPPING, mapLabels } from './label-map.js';

/** Series held out of training and scored (about a quarter of the utterances, every label present). */
export const CPED_HELDOUT_SERIES: readonly string[] = ['28', '31', '36'];

interface CpedRow {
  series: string;
  dialogue: string;
  utterance: string;
  speaker: string;
  emotion: string;
  text: string;
}

/**
 * One CSV record per line; the utterance is the last column and may itself hold commas (it is
 * quoted when it does).
 */
function parseLine(line: string, columns: Map<string, number>, lastColumn: number): CpedRow | null {
  const cells: string[] = [];
  let i = 0;
  while (cells.length < lastColumn && i <= line.length) {
    const comma = line.indexOf(',', i);
    if (comma < 0) return null;
    cells.push(line.slice(i, comma));
    i = comma + 1;
  }
  let text = line.slice(i);
  if (text.startsWith('"') && text.endsWith('"')) text = text.slice(1, -1).replace(/""/g, '"');
  const at = (name: string) => cells[columns.get(name) ?? -1] ?? '';
  return { series: at('TV_ID'), dialogue: at('Dialogue_ID'), utterance: at('Utterance_ID'), speaker: at('Speaker'), emotion: at('Emotion'), text: text.trim() };
}

export function readCped(dataDir: string): Example[] {
  const path = join(dataDir, 'text', 'cped', 'train.csv');
  if (!existsSync(path)) throw new MissingDataError(path);
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',');
  const columns = new Map(header.map((name, k) => [name.trim(), k] as const));
  if (columns.get('Utterance') !== header.length - 1) throw new Error(`${path}: expected Utterance as the last column`);
  const dialogues = new Map<string, CpedRow[]>();
  for (const line of lines.slice(1)) {
    if (line.trim().length === 0) continue;
    const row = parseLine(line, columns, header.length - 1);
    if (row === null || row.text.length === 0) continue;
    const turns = dialogues.get(row.dialogue) ?? [];
    turns.push(row);
    dialogues.set(row.dialogue, turns);
  }
  const examples: Example[] = [];
  for (const turns of dialogues.values()) {
    turns.sort((a, b) => (a.utterance < b.utterance ? -1 : a.utterance > b.utterance ? 1 : 0));
    turns.forEach((row, k) => {
      const earlier = turns.slice(0, k);
      const own = earlier.filter((t) => t.speaker === row.speaker).map((t) => t.text);
      const other = earlier.filter((t) => t.speaker !== row.speaker);
      const mapped = mapLabels([row.emotion], CPED_MAPPING);
      examples.push({
        text: row.text,
        language: 'zh-CN',
        kind: mapped.kind,
        label: mapped.label,
        allRowsLabel: mapped.allRowsLabel,
        sourceLabel: row.emotion,
        corpus: CPED_HELDOUT_SERIES.includes(row.series) ? 'cped-heldout' : 'cped',
        context: { callerPrevious: own.slice(-2), agentLast: other.at(-1)?.text ?? '' },
        dialogueId: row.dialogue,
      });
    });
  }
  return examples;
}
