// STC-3 (NTCIR-14 short-text conversation: Chinese customer ↔ helpdesk dialogues on Weibo) as
// customer turns with their context (the customer's earlier turns, the helpdesk's last reply) and
// the dialogue's satisfaction: the mean of its annotators' S scores (−2…2). Satisfaction is not an
// emotion, so these are weak labels: a dissatisfied customer's turns lean to anger and
// disappointment, a satisfied one's to calm. A fixed quarter of the dialogues (by a hash of their
// id) is held out of training and scored as dissatisfied-vs-satisfied AUC.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hash32 } from '../../text/emotion/hash.js';
import { MissingDataError } from './missing-data.js';
import type { Example } from './example.js';

export interface Stc3Dialogue {
  id: string;
  /** Mean annotator satisfaction, −2 (very dissatisfied) … 2. */
  satisfaction: number;
  heldOut: boolean;
  /** The customer's turns in order, each with its context; label null (weak labels come later). */
  turns: Example[];
}

/** Dialogues whose mean satisfaction is below this are "dissatisfied"… */
export const STC3_DISSATISFIED_BELOW = 0;
/** … and above this "satisfied"; the rest (exactly 0) are left out of the AUC. */
export const STC3_SATISFIED_ABOVE = 0;

interface RawDialogue {
  id: string;
  turns: Array<{ sender: string; utterances: string[] }>;
  annotations: Array<{ quality: { S: number } }>;
}

export function isStc3HeldOut(id: string): boolean {
  return hash32(`stc3:${id}`) % 4 === 0;
}

export function readStc3(dataDir: string): Stc3Dialogue[] {
  const path = join(dataDir, 'text', 'stc3', 'dialogues_cn.json');
  if (!existsSync(path)) throw new MissingDataError(path);
  const raw = JSON.parse(readFileSync(path, 'utf8')) as RawDialogue[];
  return raw.map((d) => {
    const satisfaction = d.annotations.reduce((a, x) => a + x.quality.S, 0) / Math.max(1, d.annotations.length);
    const heldOut = isStc3HeldOut(d.id);
    const customer: string[] = [];
    let helpdesk = '';
    const turns: Example[] = [];
    for (const turn of d.turns) {
      const text = turn.utterances.join(' ').trim();
      if (turn.sender !== 'customer') {
        helpdesk = text;
        continue;
      }
      if (text.length === 0) continue;
      turns.push({
        text,
        language: 'zh-CN',
        kind: 'other',
        label: null,
        allRowsLabel: 'neutral',
        sourceLabel: `S=${satisfaction.toFixed(2)}`,
        corpus: heldOut ? 'stc3-heldout' : 'stc3',
        context: { callerPrevious: customer.slice(-2), agentLast: helpdesk },
        dialogueId: d.id,
      });
      customer.push(text);
    }
    return { id: d.id, satisfaction, heldOut, turns };
  });
}

/** Weak labels are given only where satisfaction is clear: at or below this… */
const WEAK_DISSATISFIED_AT = -0.5;
/** … or at or above this. */
const WEAK_SATISFIED_AT = 0.5;

/**
 * The training dialogues' customer turns with weak labels: a clearly dissatisfied customer's turns
 * as anger (a complaint to the helpdesk), a clearly satisfied one's as calm (benign → neutral);
 * the rest stay unlabelled (they still teach the n-gram idf the helpdesk register).
 */
export function stc3TrainingExamples(dialogues: readonly Stc3Dialogue[]): Example[] {
  return dialogues
    .filter((d) => !d.heldOut)
    .flatMap((d) =>
      d.turns.map((turn): Example => {
        if (d.satisfaction <= WEAK_DISSATISFIED_AT) return { ...turn, kind: 'target', label: 'anger', allRowsLabel: 'anger' };
        if (d.satisfaction >= WEAK_SATISFIED_AT) return { ...turn, kind: 'benign', label: 'neutral' };
        return turn;
      }),
    );
}
