// The words of a prompt's and an alert's evidence ("why this prompt"), in the call's language and
// script: an agent on a Chinese call reads 「投诉用语：第三次（1 次）」, not "complaint words: 第三次
// (×1)". Fixed templates in the three scripts (written out, so no thread converts them at run time);
// {placeholders} take numbers and the caller's or agent's own words, which stay as they were said.

import type { CallLanguage, CallScript } from '../text/language/script.js';

type Phrase = Record<CallScript, string>;

const PHRASES = {
  callerSaid: { en: 'caller said "{quote}"', 'zh-Hans': '客户说：「{quote}」', 'zh-Hant': '客戶說：「{quote}」' },
  cues: { en: 'words: {list}', 'zh-Hans': '关键词：{list}', 'zh-Hant': '關鍵詞：{list}' },
  pitch: { en: 'pitch {dir} {pct} % on their baseline', 'zh-Hans': '音高比其常态{dir} {pct}%', 'zh-Hant': '音高比其常態{dir} {pct}%' },
  loudness: { en: '{dir} by {db} dB', 'zh-Hans': '音量{dir} {db} dB', 'zh-Hant': '音量{dir} {db} dB' },
  rate: { en: 'speaking rate {dir} {pct} %', 'zh-Hans': '语速{dir} {pct}%', 'zh-Hant': '語速{dir} {pct}%' },
  pitchRange: { en: 'pitch range {dir} {pct} %', 'zh-Hans': '音高起伏{dir} {pct}%', 'zh-Hant': '音高起伏{dir} {pct}%' },
  state: { en: '{label} {pct} % ({sources})', 'zh-Hans': '{label} {pct}%（{sources}）', 'zh-Hant': '{label} {pct}%（{sources}）' },
  noEvidence: { en: 'no evidence', 'zh-Hans': '无依据', 'zh-Hant': '無依據' },
  angerFor: { en: 'anger for {s} s', 'zh-Hans': '持续愤怒 {s} 秒', 'zh-Hant': '持續憤怒 {s} 秒' },
  angerRising: { en: 'anger rising (intensity {x})', 'zh-Hans': '愤怒加剧（强度 {x}）', 'zh-Hant': '憤怒加劇（強度 {x}）' },
  complaintWords: { en: 'complaint words: {list} (×{n})', 'zh-Hans': '投诉用语：{list}（{n} 次）', 'zh-Hant': '投訴用語：{list}（{n} 次）' },
  askedFor: { en: 'asked for: {list}', 'zh-Hans': '要求：{list}', 'zh-Hant': '要求：{list}' },
  mentioned: { en: 'mentioned: {list}', 'zh-Hans': '提及：{list}', 'zh-Hant': '提及：{list}' },
  amount: { en: 'amount: {amount}', 'zh-Hans': '金额：{amount}', 'zh-Hant': '金額：{amount}' },
  talkOver: { en: 'both speaking for {s} s; the agent started second', 'zh-Hans': '双方同时说话 {s} 秒，坐席后开口', 'zh-Hant': '雙方同時說話 {s} 秒，坐席後開口' },
  detailsBeforeVerification: {
    en: 'agent said "{words}" before the caller\'s identity was verified',
    'zh-Hans': '坐席在核实客户身份之前说了「{words}」',
    'zh-Hant': '坐席在核實客戶身份之前說了「{words}」',
  },
  monologue: { en: '{s} s of explanation without checking understanding', 'zh-Hans': '连续解释 {s} 秒，未确认客户是否理解', 'zh-Hant': '連續解釋 {s} 秒，未確認客戶是否理解' },
  agentSaid: { en: 'agent said "{words}" ({rule})', 'zh-Hans': '坐席说了「{words}」（{rule}）', 'zh-Hant': '坐席說了「{words}」（{rule}）' },
  agentRate: { en: 'agent rate {rate} syllables/s', 'zh-Hans': '坐席语速每秒 {rate} 个音节', 'zh-Hant': '坐席語速每秒 {rate} 個音節' },
  agentLoudnessRel: {
    en: 'agent loudness {db} dBFS ({rel} dB on their usual level)',
    'zh-Hans': '坐席音量 {db} dBFS（比其平时 {rel} dB）',
    'zh-Hant': '坐席音量 {db} dBFS（比其平時 {rel} dB）',
  },
  agentLoudness: { en: 'agent loudness {db} dBFS', 'zh-Hans': '坐席音量 {db} dBFS', 'zh-Hant': '坐席音量 {db} dBFS' },
} satisfies Record<string, Phrase>;

/** Words that fill the templates: directions, emotions, evidence sources, finding kinds. */
const WORDS = {
  up: { en: 'up', 'zh-Hans': '高', 'zh-Hant': '高' },
  down: { en: 'down', 'zh-Hans': '低', 'zh-Hant': '低' },
  faster: { en: 'up', 'zh-Hans': '加快', 'zh-Hant': '加快' },
  slower: { en: 'down', 'zh-Hans': '放慢', 'zh-Hant': '放慢' },
  wider: { en: 'up', 'zh-Hans': '增大', 'zh-Hant': '增大' },
  narrower: { en: 'down', 'zh-Hans': '减小', 'zh-Hant': '減小' },
  louder: { en: 'louder', 'zh-Hans': '提高', 'zh-Hant': '提高' },
  quieter: { en: 'quieter', 'zh-Hans': '降低', 'zh-Hant': '降低' },
  anger: { en: 'anger', 'zh-Hans': '愤怒', 'zh-Hant': '憤怒' },
  anxiety: { en: 'anxiety', 'zh-Hans': '焦虑', 'zh-Hant': '焦慮' },
  disappointment: { en: 'disappointment', 'zh-Hans': '失望', 'zh-Hant': '失望' },
  neutral: { en: 'neutral', 'zh-Hans': '平静', 'zh-Hant': '平靜' },
  prosody: { en: 'prosody', 'zh-Hans': '语音', 'zh-Hant': '語音' },
  text: { en: 'text', 'zh-Hans': '话语', 'zh-Hant': '話語' },
  'negative-wording': { en: 'negative words', 'zh-Hans': '负面用语', 'zh-Hant': '負面用語' },
  'vague-time': { en: 'vague promise', 'zh-Hans': '含糊承诺', 'zh-Hant': '含糊承諾' },
  jargon: { en: 'jargon', 'zh-Hans': '专业术语', 'zh-Hant': '專業術語' },
  'canned-phrase': { en: 'canned phrase', 'zh-Hans': '套话', 'zh-Hant': '套話' },
  'feeling-denial': { en: "denies the caller's feelings", 'zh-Hans': '否定客户感受', 'zh-Hant': '否定客戶感受' },
  'secret-request': { en: 'asks for a password or PIN', 'zh-Hans': '索要密码', 'zh-Hant': '索要密碼' },
} satisfies Record<string, Phrase>;

export type EvidencePhrase = keyof typeof PHRASES;
export type EvidenceWord = keyof typeof WORDS;

export interface EvidenceWords {
  /** A template filled: say('amount', { amount: '58,000' }). */
  say(phrase: EvidencePhrase, vars?: Record<string, string | number>): string;
  /** One word in the call's language, or the word itself when there is none for it. */
  word(w: string): string;
  /** A list of words in the call's language (、 between Chinese items). */
  list(items: readonly string[]): string;
}

const fill = (template: string, vars: Record<string, string | number>) => template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));

export function evidenceWords(lang: CallLanguage): EvidenceWords {
  const script = lang.script;
  return {
    say: (phrase, vars = {}) => fill(PHRASES[phrase][script], vars),
    word: (w) => (w in WORDS ? WORDS[w as EvidenceWord][script] : w),
    list: (items) => items.join(script === 'en' ? ', ' : '、'),
  };
}
