// Expands the hand-written call-center templates into labelled training utterances with a
// seeded generator, adding the variation a live transcript shows (no punctuation, lower case,
// a filler word at the start) so the model does not key on template tidiness.

import { EMOTION_LABELS } from '../../frames/types.js';
import { EN_TEMPLATES } from './data/templates-en.js';
import { ZH_TEMPLATES } from './data/templates-zh.js';
import type { Example } from './example.js';
import { pick, seededRandom, type Random } from './random.js';
import type { TemplateSet } from './synthetic-types.js';

const EN_FILLERS = ['um, ', 'uh ', 'look, ', 'so ', 'yeah ', 'right, ', 'listen, ', 'hi, ', 'okay so '];
const ZH_FILLERS = ['嗯，', '那个，', '喂，', '就是，', '你好，', '呃，'];

/** Fill {slot} and [a|b] once. */
export function fillTemplate(template: string, slots: Record<string, string[]>, random: Random): string {
  const inline = template.replace(/\[([^\]]+)\]/g, (_, options: string) => pick(random, options.split('|')));
  return inline.replace(/\{(\w+)\}/g, (_, name: string) => {
    const fillers = slots[name];
    if (fillers === undefined) throw new Error(`template slot {${name}} is not defined`);
    return pick(random, fillers);
  });
}

function roughen(text: string, language: 'en' | 'zh', random: Random): string {
  let out = text;
  const roll = random();
  if (roll < 0.3) out = out.replace(/[.,!?;:。，！？；：]/g, language === 'en' ? '' : ' ').trim();
  if (language === 'en' && random() < 0.3) out = out.toLowerCase();
  if (random() < 0.15) out = pick(random, language === 'en' ? EN_FILLERS : ZH_FILLERS) + out;
  return out;
}

function expandSet(set: TemplateSet, language: 'en' | 'zh', perTemplate: number, random: Random): Example[] {
  const examples: Example[] = [];
  const tag = language === 'en' ? 'en-US' : 'zh-CN';
  for (const label of EMOTION_LABELS) {
    for (const template of set.templates[label]) {
      const seen = new Set<string>();
      for (let attempt = 0; attempt < perTemplate * 3 && seen.size < perTemplate; attempt += 1) {
        const text = roughen(fillTemplate(template, set.slots, random), language, random);
        if (seen.has(text)) continue;
        seen.add(text);
        examples.push({ text, language: tag, kind: 'target', label, allRowsLabel: label, sourceLabel: label, corpus: 'synthetic' });
      }
    }
  }
  return examples;
}

/** All synthetic call-center examples, both languages, reproducible for a seed. */
export function syntheticCallCenterExamples(seed: number, perTemplate = 16): Example[] {
  const random = seededRandom(seed);
  return [...expandSet(EN_TEMPLATES, 'en', perTemplate, random), ...expandSet(ZH_TEMPLATES, 'zh', perTemplate, random)];
}
