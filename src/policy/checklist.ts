// The standard response flow (manual §2): greeting and self-introduction, understanding and
// confirming the question, giving information, closing with thanks — ticked as the agent does them.

import type { LanguageFinding } from '../text/language/types.js';

export type ChecklistId = 'greeting' | 'confirm' | 'inform' | 'closing';
export const CHECKLIST_ORDER: readonly ChecklistId[] = ['greeting', 'confirm', 'inform', 'closing'];

/** An agent utterance this long after the question was confirmed counts as giving information. */
const INFORM_MIN_CHARS = 24;

export class Checklist {
  private readonly doneAt = new Map<ChecklistId, number>();

  /** Applies an agent utterance; returns true when an item was newly ticked. */
  onAgentUtterance(text: string, findings: readonly LanguageFinding[], tsMs: number): boolean {
    const before = this.doneAt.size;
    const kinds = new Set(findings.map((f) => f.kind));
    // The agent's opening words (they greet, and the call has not been greeted yet) never close it.
    const opening = kinds.has('flow-greeting') && !this.doneAt.has('greeting');
    if (kinds.has('flow-greeting')) this.tick('greeting', tsMs);
    if (kinds.has('flow-confirm')) this.tick('confirm', tsMs);
    else if (this.doneAt.has('confirm') && !kinds.has('flow-closing') && text.length >= INFORM_MIN_CHARS) this.tick('inform', tsMs);
    if (kinds.has('flow-closing') && !opening) this.tick('closing', tsMs);
    return this.doneAt.size > before;
  }

  has(id: ChecklistId): boolean {
    return this.doneAt.has(id);
  }

  items(): { id: ChecklistId; done: boolean; atMs?: number }[] {
    return CHECKLIST_ORDER.map((id) => (this.doneAt.has(id) ? { id, done: true, atMs: this.doneAt.get(id)! } : { id, done: false }));
  }

  private tick(id: ChecklistId, tsMs: number) {
    if (!this.doneAt.has(id)) this.doneAt.set(id, tsMs);
  }
}
