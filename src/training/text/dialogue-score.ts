// Customer-service dissatisfaction from the text model's turn-level outputs: a dialogue's score is
// the mean over the customer's turns (each judged with its context) of 1 − P(neutral), i.e. how
// much of what the customer wrote the model heard as anger, anxiety or disappointment. Scored as
// the AUC of dissatisfied (mean satisfaction < 0) against satisfied (> 0) held-out dialogues.

import type { TextEmotionModel } from '../../text/emotion/index.js';
import { rocAuc } from './auc.js';
import { STC3_DISSATISFIED_BELOW, STC3_SATISFIED_ABOVE, type Stc3Dialogue } from './stc3.js';

export interface DialogueAucScore {
  name: string;
  auc: number;
  dissatisfied: number;
  satisfied: number;
}

export function dialogueScore(model: TextEmotionModel, dialogue: Stc3Dialogue): number | null {
  if (dialogue.turns.length === 0) return null;
  let sum = 0;
  for (const turn of dialogue.turns) sum += 1 - model.classify(turn.text, turn.language, turn.context).probs.neutral;
  return sum / dialogue.turns.length;
}

export function dissatisfactionAuc(name: string, model: TextEmotionModel, dialogues: readonly Stc3Dialogue[]): DialogueAucScore {
  const dissatisfied: number[] = [];
  const satisfied: number[] = [];
  for (const dialogue of dialogues) {
    const score = dialogueScore(model, dialogue);
    if (score === null) continue;
    if (dialogue.satisfaction < STC3_DISSATISFIED_BELOW) dissatisfied.push(score);
    else if (dialogue.satisfaction > STC3_SATISFIED_ABOVE) satisfied.push(score);
  }
  return { name, auc: rocAuc(dissatisfied, satisfied), dissatisfied: dissatisfied.length, satisfied: satisfied.length };
}
