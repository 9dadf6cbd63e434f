// @ts-check
// The prompt cards: what to say, the caller's words to reflect, what to avoid, and the evidence,
// with one-click (or one-key) acknowledgement. Cards are kept by prompt id and updated in place,
// so focus and reading position survive the many redraws a live call causes.

/** @typedef {import('./types.js').PromptView} PromptView */
/** @typedef {import('./types.js').PromptEvent} PromptEvent */
/** @typedef {import('./types.js').AckAction} AckAction */
/** @typedef {(key: string, vars?: Record<string, string | number>) => string} T */

import { h, replaceChildren, setText } from './dom.js';

/** Keyboard shortcut → acknowledgement (documented on the page and in docs/screens.md). */
export const ACK_KEYS = /** @type {const} */ ({ u: 'used', d: 'dismissed', h: 'helpful', n: 'not_helpful' });
const ACTIONS = /** @type {const} */ (['used', 'dismissed', 'helpful', 'not_helpful']);
const KEY_OF = { used: 'U', dismissed: 'D', helpful: 'H', not_helpful: 'N' };

/**
 * @typedef {object} Card
 * @property {HTMLElement} el
 * @property {HTMLElement} status
 * @property {HTMLElement} error
 * @property {HTMLElement} left
 * @property {Record<AckAction, HTMLButtonElement>} buttons
 */

export class PromptCards {
  /**
   * @param {HTMLElement} container
   * @param {{ t: T, onAck: (promptId: string, action: AckAction) => void, empty: HTMLElement, heading: HTMLElement }} opts
   */
  constructor(container, opts) {
    this.container = container;
    this.opts = opts;
    /** @type {Map<string, Card>} */
    this.cards = new Map();
  }

  /** A new UI language: cards are rebuilt in it. @param {T} t */
  setTranslator(t) {
    this.opts.t = t;
    for (const c of this.cards.values()) c.el.remove();
    this.cards.clear();
  }

  /**
   * @param {readonly PromptView[]} views the call's open prompts, in display order
   * @param {number} serverNowMs
   */
  render(views, serverNowMs) {
    const { t } = this.opts;
    const wanted = new Set(views.map((v) => v.promptId));
    const focusedId = this.focusedPromptId();
    let focusNext = false;
    for (const [id, card] of this.cards) {
      if (wanted.has(id)) continue;
      if (id === focusedId) focusNext = true;
      card.el.remove();
      this.cards.delete(id);
    }
    views.forEach((v, i) => {
      let card = this.cards.get(v.promptId);
      if (!card) {
        card = buildCard(/** @type {PromptEvent} */ (v.prompt), t, (action) => this.opts.onAck(v.promptId, action));
        this.cards.set(v.promptId, card);
      }
      updateCard(card, v, t, serverNowMs);
      const at = this.container.children[i];
      if (at !== card.el) this.container.insertBefore(card.el, at ?? null);
    });
    this.opts.empty.hidden = views.length > 0;
    if (focusNext) this.focusTop();
  }

  /** The prompt whose card holds the keyboard focus, if any. */
  focusedPromptId() {
    const el = document.activeElement?.closest('[data-prompt-id]');
    return el && this.container.contains(el) ? el.getAttribute('data-prompt-id') : null;
  }

  /** Keyboard focus to the top card, or to the heading when none is left (never lost to the page). */
  focusTop() {
    const first = /** @type {HTMLElement | null} */ (this.container.firstElementChild);
    (first ?? this.opts.heading).focus();
  }

  /**
   * A shortcut key: acts on the focused card, else the top one.
   * @param {AckAction} action @returns {boolean} whether a card took it
   */
  keyAction(action) {
    const id = this.focusedPromptId() ?? this.container.firstElementChild?.getAttribute('data-prompt-id');
    const card = id ? this.cards.get(id) : undefined;
    if (!id || !card || card.buttons[action].disabled) return false;
    this.opts.onAck(id, action);
    return true;
  }
}

/**
 * @param {PromptEvent} p @param {T} t @param {(action: AckAction) => void} onAck
 * @returns {Card}
 */
function buildCard(p, t, onAck) {
  const titleId = `prompt-${p.promptId.replace(/[^\w-]/g, '_')}-title`;
  const buttons = /** @type {Record<AckAction, HTMLButtonElement>} */ ({});
  for (const action of ACTIONS) {
    buttons[action] = h(
      'button',
      { type: 'button', class: `ack ack-${action}`, 'data-action': action, 'aria-keyshortcuts': KEY_OF[action], onclick: () => onAck(action) },
      t(`ack.${action}`),
      ' ',
      h('kbd', { 'aria-hidden': 'true' }, KEY_OF[action]),
    );
  }
  const status = h('p', { class: 'ack-status', role: 'status' });
  const error = h('p', { class: 'ack-error', role: 'alert' });
  const left = h('span', { class: 'left' });
  const el = h(
    'article',
    { class: `card kind-${p.kind} prio-${Math.min(5, Math.max(1, p.priority))}`, tabindex: -1, 'data-prompt-id': p.promptId, 'aria-labelledby': titleId },
    h(
      'p',
      { class: 'card-meta' },
      h('span', { class: `badge kind-${p.kind}` }, t(`kind.${p.kind}`)),
      ' ',
      h('span', { class: 'prio' }, p.priority <= 1 ? `‼ ${t('prompt.urgent')}` : t('prompt.priority', { p: p.priority })),
      ' · ',
      h('span', { class: 'section' }, t('prompt.section', { s: p.section })),
      p.tier && ' · ',
      p.tier && h('span', { class: `tier tier-${p.tier}` }, t(`tier.${p.tier}`)),
      ' · ',
      left,
    ),
    h('h3', { id: titleId, class: 'card-title' }, p.title),
    h('p', { class: 'card-text' }, p.text),
    p.quote && h('blockquote', { class: 'quote' }, h('span', { class: 'label' }, `${t('prompt.quote')}: `), `“${p.quote}”`),
    p.avoid?.length && h('p', { class: 'avoid' }, h('span', { class: 'label' }, `✖ ${t('prompt.avoid')}: `), p.avoid.join(' · ')),
    p.evidence.length > 0 &&
      h('div', { class: 'evidence' }, h('span', { class: 'label' }, `${t('prompt.evidence')}:`), h('ul', {}, p.evidence.map((e) => h('li', {}, e)))),
    h('div', { class: 'ack-buttons', role: 'group', 'aria-label': t('ack.group') }, ACTIONS.map((a) => buttons[a])),
    status,
    error,
  );
  return { el, status, error, left, buttons };
}

/** @param {Card} card @param {PromptView} v @param {T} t @param {number} serverNowMs */
function updateCard(card, v, t, serverNowMs) {
  const p = /** @type {PromptEvent} */ (v.prompt);
  const closing = v.pending === 'used' || v.pending === 'dismissed';
  card.el.classList.toggle('closing', closing);
  for (const a of ACTIONS) {
    card.buttons[a].disabled = v.pending !== null;
    if (a === 'helpful' || a === 'not_helpful') card.buttons[a].setAttribute('aria-pressed', String(v.rating === a));
  }
  const leftS = Math.max(0, Math.ceil((Date.parse(p.expiresAt) - serverNowMs) / 1000));
  setText(card.left, t('prompt.left', { s: leftS }));
  const status = v.pending
    ? v.pending === 'used' || v.pending === 'dismissed'
      ? t(`ack.done.${v.pending}`)
      : t('ack.sending', { action: t(`ack.${v.pending}`) })
    : v.rating
      ? t(`ack.rated.${v.rating}`)
      : '';
  setText(card.status, status);
  const error = !v.error ? '' : v.error === 'OFFLINE' ? t('ack.offline') : v.error === 'UNKNOWN_PROMPT' ? t('ack.unknown', { code: v.error }) : t('ack.error', { code: v.error });
  setText(card.error, error);
  card.error.hidden = !error;
}

/** Empties the list (a different call is shown). @param {PromptCards} cards */
export function clearCards(cards) {
  replaceChildren(cards.container);
  cards.cards.clear();
}
