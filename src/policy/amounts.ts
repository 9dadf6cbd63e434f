// Money amounts a caller mentions ("$12,500", "5000 dollars", 「五万块」, 「3.5万元」): the largest one is
// evidence for the advanced complaint tier (manual §4: large amounts go to management).

const CN_DIGIT: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 幺: 1, 二: 2, 两: 2, 兩: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNIT: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const CN_BIG: Record<string, number> = { 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8 };

/** 三万五千 → 35000; 十二 → 12. */
export function parseChineseNumber(s: string): number | null {
  let total = 0;
  let section = 0;
  let digit = 0;
  let seen = false;
  for (const ch of s) {
    if (ch in CN_DIGIT) {
      digit = CN_DIGIT[ch]!;
      seen = true;
    } else if (ch in CN_UNIT) {
      section += (digit || 1) * CN_UNIT[ch]!;
      digit = 0;
      seen = true;
    } else if (ch in CN_BIG) {
      total += (section + digit) * CN_BIG[ch]!;
      section = 0;
      digit = 0;
      seen = true;
    } else return null;
  }
  return seen ? total + section + digit : null;
}

const EN_AMOUNT = /(?:[$£€¥]\s?(\d[\d,]*(?:\.\d+)?)(\s?(?:k|thousand|million))?)|(?:\b(\d[\d,]*(?:\.\d+)?)\s?(k|thousand|million)?\s?(?:dollars|pounds|euros|yuan|rmb|hkd|usd|bucks)\b)/gi;
const ZH_AMOUNT = /([\d.,]+|[零〇一二两兩三四五六七八九十拾百佰千仟万萬亿億幺]+)\s*(万|萬|亿|億|千)?\s*(?:元|块|塊|港币|港幣|美元|人民币|人民幣)/g;

const scale = (word: string | undefined) => {
  const w = (word ?? '').trim().toLowerCase();
  return w === 'k' || w === 'thousand' ? 1e3 : w === 'million' ? 1e6 : 1;
};

export function amountsIn(text: string): number[] {
  const out: number[] = [];
  for (const m of text.matchAll(EN_AMOUNT)) {
    const raw = m[1] ?? m[3];
    if (!raw) continue;
    out.push(Number(raw.replace(/,/g, '')) * scale(m[2] ?? m[4]));
  }
  for (const m of text.matchAll(ZH_AMOUNT)) {
    const raw = m[1]!;
    const n = /^[\d.,]+$/.test(raw) ? Number(raw.replace(/,/g, '')) : parseChineseNumber(raw);
    if (n === null || Number.isNaN(n)) continue;
    const unit = m[2] ? CN_BIG[m[2]] ?? (m[2] === '千' ? 1e3 : 1) : 1;
    out.push(n * unit);
  }
  return out.filter((n) => Number.isFinite(n) && n > 0);
}
