// @ts-check
// A tiny element builder. Text always goes in through text nodes, never as HTML, so redacted
// transcripts and server strings can never become markup (the CSP forbids HTML sinks anyway).

/**
 * @typedef {{ [attr: string]: string | number | boolean | null | undefined | ((ev: Event) => void) }} Props
 * @typedef {Node | string | number | null | undefined | false} Child
 */

/**
 * h('p', { class: 'x', 'aria-live': 'polite', onclick: fn }, 'text', child)
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Props} [props]
 * @param {...(Child | Child[])} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === null || v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), /** @type {EventListener} */ (v));
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

/**
 * @param {Node} el
 * @param {(Child | Child[])[]} children
 */
export function append(el, children) {
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'object' ? c : document.createTextNode(String(c)));
  }
}

/**
 * Replaces an element's children.
 * @param {Element} el
 * @param {...(Child | Child[])} children
 */
export function replaceChildren(el, ...children) {
  el.replaceChildren();
  append(el, children);
}

/**
 * @template {Element} T
 * @param {string} selector
 * @param {new () => T} [type]
 * @returns {T}
 */
export function $(selector, type) {
  const el = document.querySelector(selector);
  if (!el || (type && !(el instanceof type))) throw new Error(`page element ${selector} is missing`);
  return /** @type {T} */ (el);
}

/** Sets text only when it changed (avoids layout work and screen-reader chatter). @param {Element} el @param {string} text */
export function setText(el, text) {
  if (el.textContent !== text) el.textContent = text;
}
