// @ts-check
// The standard response flow (manual §2) ticked live: each step says "done" or "to do" in words
// and with a mark, not by colour.

/** @typedef {import('./types.js').ChecklistEvent} ChecklistEvent */
/** @typedef {(key: string, vars?: Record<string, string | number>) => string} T */

import { h, replaceChildren } from './dom.js';

export const CHECKLIST_STEPS = /** @type {const} */ (['greeting', 'confirm', 'inform', 'closing']);

/** @param {HTMLElement} container @param {ChecklistEvent | null} checklist @param {T} t */
export function renderChecklist(container, checklist, t) {
  if (!checklist) {
    replaceChildren(container, h('p', { class: 'muted' }, t('checklist.waiting')));
    return;
  }
  const done = new Map(checklist.items.map((i) => [i.id, i.done]));
  replaceChildren(
    container,
    h(
      'ol',
      { class: 'checklist' },
      CHECKLIST_STEPS.map((id) => {
        const isDone = done.get(id) === true;
        return h(
          'li',
          { class: isDone ? 'step done' : 'step', 'data-step': id },
          h('span', { class: 'mark', 'aria-hidden': 'true' }, isDone ? '✓' : '○'),
          h('span', { class: 'step-name' }, t(`checklist.${id}`)),
          h('span', { class: 'sr-only' }, ` — ${t(isDone ? 'checklist.done' : 'checklist.todo')}`),
        );
      }),
    ),
  );
}
