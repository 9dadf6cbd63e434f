// Which characters of a Chinese utterance lie in the scope of a negator: 「我不生气」 puts 生气 in
// scope, so its character n-grams become separate "negated" features and do not carry the weight
// that 生气 has on its own. English does the same with its word n-grams (featurize-en.ts). The
// model learns what a negated n-gram means from data (「不能接受」 is angry, 「不生气」 is not).

// Longest first, so 没有 wins over 没. Cantonese 唔/冇 survive Traditional→Simplified unchanged.
export const NEGATORS = ['并没有', '从来不', '没有', '不是', '并不', '从不', '从没', '毫不', '绝不', '不会', '不用', '无需', '不必', '未曾', '不', '没', '别', '未', '无', '唔', '冇', '非'];
// Words that contain a negator character but do not negate what follows ("非常" is "very",
// "特别" is "especially", "别人" is "other people").
export const FALSE_NEGATORS = [
  '非常', '无比', '不仅', '不但', '无论', '不管', '不断', '不停', '无数', '不少', '不得不', '无法',
  '特别', '别人', '别的', '区别', '分别', '告别', '级别', '类别', '识别', '差别', '个别', '未来', '无聊', '非法', '是非',
];
export const PUNCTUATION = /[\s,.!?;:，。！？；：、…~～"'“”‘’()（）[\]【】<>《》]/u;
// A clause turns here: 「不是生气，只是想问」 — the scope ends before these.
const SCOPE_BREAKS = ['但是', '可是', '只是', '不过', '但', '可', '就是', '而是'];

/** A run of characters: a string of BMP characters, or an utterance split by code point. */
type Chars = ArrayLike<string>;

function startsAt(chars: Chars, word: string, at: number): boolean {
  if (at < 0 || at + word.length > chars.length) return false;
  for (let k = 0; k < word.length; k += 1) if (chars[at + k] !== word[k]) return false;
  return true;
}

/** Whether a negator word starting at `at` is a false one (inside 非常, 特别, 别人…). */
export function isFalseNegator(chars: Chars, at: number): boolean {
  return FALSE_NEGATORS.some((w) => {
    for (let k = 0; k < w.length; k += 1) if (startsAt(chars, w, at - k)) return true;
    return false;
  });
}

/**
 * Marks scope[i] = 1 for each character within `maxChars` after a negator, up to punctuation or a
 * clause break. `scope` must hold at least chars.length entries; it is overwritten.
 */
export function markNegationScope(chars: Chars, maxChars: number, scope: Uint8Array): void {
  scope.fill(0, 0, chars.length);
  let i = 0;
  while (i < chars.length) {
    const negator = NEGATORS.find((n) => startsAt(chars, n, i));
    if (negator === undefined || isFalseNegator(chars, i)) {
      i += 1;
      continue;
    }
    let j = i + negator.length;
    const end = Math.min(chars.length, j + maxChars);
    while (j < end && !PUNCTUATION.test(chars[j]) && !SCOPE_BREAKS.some((b) => startsAt(chars, b, j))) {
      scope[j] = 1;
      j += 1;
    }
    i += negator.length;
  }
}
