// @ts-check
// "Caller now": the label in words with an icon and an intensity meter — never colour alone —
// and, always beneath it, the measured prosody it rests on (the only content when no model runs).

/** @typedef {import('./types.js').EmotionEvent} EmotionEvent */
/** @typedef {(key: string, vars?: Record<string, string | number>) => string} T */

import { h, replaceChildren } from './dom.js';
import { describeEmotion, prosodyLines } from './emotion-words.js';

/**
 * @param {HTMLElement} container @param {EmotionEvent | null} e @param {T} t
 */
export function renderEmotionNow(container, e, t) {
  const d = describeEmotion(e, t);
  container.className = `emotion-now emotion-${d.icon}`;
  const sources = e?.sources?.length ? t('emotion.sources', { sources: e.sources.map((s) => t(`source.${s}`)).join(' + ') }) : '';
  replaceChildren(
    container,
    h('img', { class: 'emotion-icon', src: `/img/emotion-${d.icon}.svg`, alt: '', width: 40, height: 40 }),
    h(
      'div',
      { class: 'emotion-words' },
      h('p', { class: 'emotion-label', 'data-testid': 'emotion-label' }, d.label),
      d.detail && h('p', { class: 'emotion-detail' }, d.detail),
      d.intensity !== null &&
        h('meter', { class: 'emotion-meter', min: 0, max: 1, low: 0.4, high: 0.7, optimum: 0, value: d.intensity, 'aria-label': t('intensity.label') }),
      sources && h('p', { class: 'emotion-sources' }, sources),
    ),
    e && h('ul', { class: d.labelled ? 'prosody prosody-secondary' : 'prosody', 'data-testid': 'prosody' }, prosodyLines(e.prosody, t).map((line) => h('li', {}, line))),
  );
}
