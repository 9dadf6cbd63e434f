// @ts-check
// The screens' string tables by UI language. Prompt and finding texts come from the server
// already in the call's language and script: only the screens' own labels are here.

import { EN } from './strings-en.js';
import { ZH_HANS } from './strings-zh-hans.js';
import { ZH_HANT } from './strings-zh-hant.js';

/** @type {Record<'en' | 'zh-Hans' | 'zh-Hant', Record<string, string>>} */
export const STRINGS = { en: EN, 'zh-Hans': ZH_HANS, 'zh-Hant': ZH_HANT };
