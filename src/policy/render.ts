// Prompt texts in the call's script: pick the playbook's text for the script (zh-Hant derived from
// zh-Hans by OpenCC when a bank's playbook omits it), fill the {placeholders}, and drop [[optional
// parts]] whose placeholder has nothing to say.

import { resolveCallLanguage, toCallScript, type CallLanguage } from '../text/language/script.js';
import type { Localized, LocalizedList } from './schema.js';

export type Vars = Partial<Record<'quote' | 'suggestion' | 'finding' | 'amount' | 'tier' | 'value', string>>;

export function pick(text: Localized, lang: CallLanguage): string {
  if (lang.script === 'en') return text.en;
  if (lang.script === 'zh-Hant') return text['zh-Hant'] ?? toCallScript(text['zh-Hans'], lang);
  return text['zh-Hans'];
}

export function pickList(list: LocalizedList | undefined, lang: CallLanguage): string[] {
  if (!list) return [];
  if (lang.script === 'en') return list.en;
  if (lang.script === 'zh-Hant') return list['zh-Hant'] ?? list['zh-Hans'].map((t) => toCallScript(t, lang));
  return list['zh-Hans'];
}

const OPTIONAL = /\[\[([\s\S]*?)\]\]/g;
const PLACEHOLDER = /\{(\w+)\}/g;

export function fill(template: string, vars: Vars): string {
  const withOptional = template.replace(OPTIONAL, (_m, inner: string) => {
    const names = [...inner.matchAll(PLACEHOLDER)].map((m) => m[1] as keyof Vars);
    return names.every((n) => vars[n]) ? inner : '';
  });
  return withOptional.replace(PLACEHOLDER, (_m, name: string) => vars[name as keyof Vars] ?? '').trim();
}

export function render(text: Localized, language: string, vars: Vars = {}): string {
  return fill(pick(text, resolveCallLanguage(language)), vars);
}

export { resolveCallLanguage };
