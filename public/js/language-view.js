// @ts-check
// The agent's own wording against the manual: each utterance with the offending span marked, the
// finding named with its severity in words, the manual section, and the suggested rewrite.

/** @typedef {import('./types.js').LanguageEvent} LanguageEvent */
/** @typedef {import('./types.js').LanguageFinding} LanguageFinding */
/** @typedef {(key: string, vars?: Record<string, string | number>) => string} T */

import { h, replaceChildren } from './dom.js';

/** Utterances shown at once: the newest, since older advice is past. */
const SHOWN = 4;

/**
 * The utterance cut into plain and marked pieces (findings sorted, overlaps skipped, offsets in
 * UTF-16 units as the server sends them).
 * @param {string} text @param {readonly LanguageFinding[]} findings
 * @returns {{ text: string, finding: LanguageFinding | null }[]}
 */
export function segmentsOf(text, findings) {
  const spans = findings
    .filter((f) => f.start >= 0 && f.end <= text.length && f.end > f.start)
    .slice()
    .sort((a, b) => a.start - b.start || b.end - a.end);
  /** @type {{ text: string, finding: LanguageFinding | null }[]} */
  const out = [];
  let at = 0;
  for (const f of spans) {
    if (f.start < at) continue;
    if (f.start > at) out.push({ text: text.slice(at, f.start), finding: null });
    out.push({ text: text.slice(f.start, f.end), finding: f });
    at = f.end;
  }
  if (at < text.length) out.push({ text: text.slice(at), finding: null });
  return out;
}

/** @param {HTMLElement} container @param {readonly LanguageEvent[]} events @param {T} t */
export function renderLanguage(container, events, t) {
  const withIssues = events.filter((e) => e.findings.some((f) => f.polarity === 'violation')).slice(-SHOWN).reverse();
  if (withIssues.length === 0) {
    replaceChildren(container, h('p', { class: 'muted' }, t('language.none')));
    return;
  }
  replaceChildren(
    container,
    withIssues.map((e) => {
      const violations = e.findings.filter((f) => f.polarity === 'violation');
      return h(
        'article',
        { class: 'finding-group', 'data-testid': 'language-finding' },
        h(
          'p',
          { class: 'utterance', lang: '' },
          segmentsOf(e.text, violations).map((s) => (s.finding ? h('mark', { class: `sev-${s.finding.severity}` }, s.text) : s.text)),
        ),
        h(
          'ul',
          { class: 'findings' },
          violations.map((f) =>
            h(
              'li',
              { class: `finding sev-${f.severity}` },
              h('span', { class: `badge sev-${f.severity}` }, severityIcon(f.severity), ' ', t(`severity.${f.severity}`)),
              ' ',
              h('strong', {}, t(`finding.${f.kind}`)),
              ` — “${f.text}” · ${t('prompt.section', { s: f.section })}`,
              f.suggestion && h('p', { class: 'suggestion' }, h('span', { class: 'try' }, `${t('language.try')}: `), f.suggestion),
            ),
          ),
        ),
      );
    }),
  );
}

/** A shape per severity, so it reads without colour. @param {string} severity */
export function severityIcon(severity) {
  return severity === 'critical' ? '✖' : severity === 'warning' ? '⚠' : 'ℹ';
}
