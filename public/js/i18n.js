// @ts-check
// The screens' language: en, zh-Hans or zh-Hant, chosen from ?lang=, else the call's language,
// else the browser's. Strings live in strings.js; a missing key falls back to English, then to
// the key itself, so a gap shows up as text instead of breaking the page.

import { STRINGS } from './strings.js';

/** @typedef {'en' | 'zh-Hans' | 'zh-Hant'} UiLang */

export const UI_LANGS = /** @type {const} */ (['en', 'zh-Hans', 'zh-Hant']);

/**
 * The UI language for a BCP-47 tag, or null when there is no table for it.
 * zh-TW, zh-HK, zh-MO and any zh-Hant-* read Traditional; other Chinese reads Simplified.
 * @param {string | null | undefined} tag
 * @returns {UiLang | null}
 */
export function uiLangOf(tag) {
  if (!tag) return null;
  const t = tag.toLowerCase();
  if (t === 'zh' || t.startsWith('zh-')) return /(^|-)(hant|tw|hk|mo)(-|$)/.test(t) ? 'zh-Hant' : 'zh-Hans';
  if (t === 'en' || t.startsWith('en-')) return 'en';
  return null;
}

/**
 * @param {string | null | undefined} explicit     ?lang= from the page URL
 * @param {string | null | undefined} callLanguage the call's language, once a call is shown
 * @param {readonly string[]} browserLanguages     navigator.languages
 * @returns {UiLang}
 */
export function pickUiLang(explicit, callLanguage, browserLanguages) {
  return uiLangOf(explicit) ?? uiLangOf(callLanguage) ?? browserLanguages.map(uiLangOf).find((l) => l !== null) ?? 'en';
}

/**
 * A translator for one language: t('prosody.pitch', { v: 40 }).
 * @param {UiLang} lang
 * @returns {(key: string, vars?: Record<string, string | number>) => string}
 */
export function translator(lang) {
  const table = STRINGS[lang];
  const en = STRINGS.en;
  return (key, vars) => {
    const s = table[key] ?? en[key] ?? key;
    return vars ? s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m)) : s;
  };
}

/**
 * Fills every [data-i18n] element's text (and [data-i18n-label] aria-labels) under root.
 * @param {ParentNode} root
 * @param {(key: string) => string} t
 */
export function applyStaticStrings(root, t) {
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(/** @type {string} */ (el.getAttribute('data-i18n')));
  for (const el of root.querySelectorAll('[data-i18n-label]')) el.setAttribute('aria-label', t(/** @type {string} */ (el.getAttribute('data-i18n-label'))));
  for (const el of root.querySelectorAll('[data-i18n-placeholder]')) {
    el.setAttribute('placeholder', t(/** @type {string} */ (el.getAttribute('data-i18n-placeholder'))));
  }
}
