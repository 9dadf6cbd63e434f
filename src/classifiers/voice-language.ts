// Which spoken language a call's BCP-47 tag (or a training manifest's lang column) names, so the
// voice model judges only languages it was validated on. How anger sounds differs between
// languages (Mandarin's lexical tones use the pitch range that English uses for emphasis), so a
// Cantonese call is not judged by a model that heard Mandarin and English only.

/**
 * ISO 639-3 style spoken language of a tag: "cmn" for Mandarin (zh, zh-CN, zh-TW, zh-Hans…),
 * "yue" for Cantonese (yue, zh-yue, and zh-HK / zh-MO, where calls are in Cantonese), otherwise
 * the tag's primary subtag ("en-GB" → "en"). Empty for an empty tag.
 */
export function spokenLanguage(tag: string): string {
  const parts = tag.trim().toLowerCase().split(/[-_]/).filter((p) => p !== '');
  const primary = parts[0] ?? '';
  if (primary === 'yue' || (primary === 'zh' && parts.some((p) => p === 'yue' || p === 'hk' || p === 'mo'))) return 'yue';
  if (primary === 'zh' || primary === 'cmn') return 'cmn';
  return primary;
}

/** Whether a call in `tag` is in one of the languages the model was validated on. */
export function isValidatedLanguage(tag: string, validated: readonly string[]): boolean {
  const spoken = spokenLanguage(tag);
  return spoken !== '' && validated.includes(spoken);
}
