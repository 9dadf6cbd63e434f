// Chinese addresses by their units: a name and a place word (北京市, 朝阳区, 建国路, 幸福小区) or a
// number and a building word (88号, 3栋, 1201室), one after another. Found from the place and
// building words backwards — a scan with one small character-class regex, which stays fast on a
// long utterance where a lazy name-prefix regex did not.

export interface ZhUnit {
  start: number;
  end: number;
  /** A number and a building word (88号, 1201室). */
  numbered: boolean;
}

// Longer words first: 街道 before 街 and 道, 大道 before 道, 小区 before 区.
const PLACE = '自治[区區]|特别行政[区區]|特別行政區|街道|大道|胡同|大[厦廈]|花[园園]|小[区區]|新村|屋[邨苑]|[广廣][场場]|公寓|山[庄莊]|中心|省|市|[区區]|[县縣]|[镇鎮]|[乡鄉]|村|路|街|道|段|巷|弄|里|苑|邨|城|[阁閣]|[轩軒]';
const BUILDING = '[单單]元|[号號]|[栋棟]|幢|座|[楼樓]|[层層]|室|[铺舖]';
/** Building words that also end a building's name (華昌樓, 二座) when no number comes before them. */
const NAMED_BUILDING = /^(?:[楼樓]|座)$/;
const SUFFIX = new RegExp(`(${BUILDING})|(?:${PLACE})`, 'y');
/** The first characters of the words above: a plain character class scans fastest. */
const SUFFIX_START = /[自特街大胡花小新屋广廣公山中省市区區县縣镇鎮乡鄉村路道段巷弄里苑邨城阁閣轩軒单單号號栋棟幢座楼樓层層室铺舖]/g;
/** Cheap pre-check: most utterances hold no place or building word. */
export const MAYBE_ZH_ADDRESS = /[省市区區县縣镇鎮乡鄉村街道路段巷弄里厦廈园園苑邨场場寓庄莊心阁閣轩軒号號栋棟幢座楼樓层層室元铺舖城]/;

const MAX_NAME = 8;
const MAX_NUMBER = 6;
const NUMBER_CHAR = /[0-9０-９A-Za-z零〇一二两兩三四五六七八九十百千]/;
const CJK = /[\u4e00-\u9fff]/;
// Never part of a place name: 我住在…, 寄到…, …那边, Cantonese 喺/响.
const NOT_NAME = new Set('我你您他她它的了在是住家去到从從和跟给給把被就都也还還吗嗎呢吧啊呀哦嗯那这這哪边邊喺响響嘅咗係佢哋寄送搬');
const DIRECTION = new Set('东西南北中東');

/** Where the number (88号) or the name (朝阳区) before a unit word at `at` starts; `at` when there is none. */
function prefixStart(text: string, at: number, floor: number, numbered: boolean): number {
  let start = at;
  while (start > floor && text[start - 1] === ' ') start--;
  const limit = numbered ? MAX_NUMBER : MAX_NAME;
  for (let n = 0; start > floor && n < limit; n++) {
    const ch = text[start - 1]!;
    if (numbered ? !NUMBER_CHAR.test(ch) : !CJK.test(ch) || NOT_NAME.has(ch)) break;
    start--;
  }
  return start === at || text.slice(start, at).trim() === '' ? at : start;
}

/** Every unit in the text from `from` on, in order, none overlapping. */
function units(text: string, from: number): ZhUnit[] {
  const out: ZhUnit[] = [];
  SUFFIX_START.lastIndex = from;
  for (let hit = SUFFIX_START.exec(text); hit !== null; hit = SUFFIX_START.exec(text)) {
    SUFFIX.lastIndex = hit.index;
    const m = SUFFIX.exec(text);
    if (m === null) continue;
    SUFFIX_START.lastIndex = m.index + m[0].length;
    const floor = Math.max(from, out.length > 0 ? out[out.length - 1]!.end : 0);
    let numbered = m[1] !== undefined;
    let start = prefixStart(text, m.index, floor, numbered);
    if (start === m.index && numbered && NAMED_BUILDING.test(m[0])) {
      numbered = false;
      start = prefixStart(text, m.index, floor, false);
    }
    if (start === m.index) continue;
    let end = m.index + m[0].length;
    // 皇后大道中99號: a direction between a street and its number belongs to the street.
    if (DIRECTION.has(text[end] ?? '') && NUMBER_CHAR.test(text[end + 1] ?? '')) end++;
    out.push({ start, end, numbered });
  }
  return out;
}

function onlySpaces(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (text[i] !== ' ') return false;
  return true;
}

/** Runs of two units or more in a row (北京市朝阳区, 建国路88号), and whether one of them is numbered. */
export function findZhAddresses(text: string, from = 0): Array<{ start: number; end: number; numbered: boolean }> {
  if (!MAYBE_ZH_ADDRESS.test(text)) return [];
  const out: Array<{ start: number; end: number; numbered: boolean; count: number }> = [];
  for (const u of units(text, from)) {
    const last = out[out.length - 1];
    if (last !== undefined && onlySpaces(text, last.end, u.start)) {
      last.end = u.end;
      last.numbered ||= u.numbered;
      last.count++;
    } else out.push({ ...u, count: 1 });
  }
  return out.filter((a) => a.count >= 2).map(({ start, end, numbered }) => ({ start, end, numbered }));
}
