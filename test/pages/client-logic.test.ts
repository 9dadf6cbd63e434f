// The pages' pure logic under Node (the same files the browser loads): folding the feed into
// calls (partials, corrections, reconnect snapshots, duplicates and gaps, expiry on the server's
// clock, refused acks), ordering the wall by risk, choosing the UI language, saying prosody in
// words, marking spans, credentials in the URL, and the reconnect backoff.

import { beforeAll, describe, expect, it } from 'vitest';
import type { CallStartedEvent, CallStateMessage, FeedServerMessage, PromptEvent, TranscriptEvent } from '../../src/protocol/feed.js';
import type { ProsodySummary } from '../../src/features/types.js';
import type { LanguageFinding } from '../../src/text/language/types.js';
import { publicModule } from './helpers/public-module.js';

type T = (key: string, vars?: Record<string, string | number>) => string;
interface PromptView { promptId: string; status: string; rating: string | null; pending: string | null; error: string | null; prompt: PromptEvent | null }
interface ClientCall {
  callId: string;
  ended: { reason: string } | null;
  transcript: { text: string; isFinal: boolean }[];
  timeline: { tsMs: number; label: string | null; level: number }[];
  prompts: Map<string, PromptView>;
  skippedEvents: number;
  lastSeq: number;
  startedAt: string;
  emotion: unknown;
  alerts: unknown[];
}
interface Store {
  calls: Map<string, ClientCall>;
  clockOffsetMs: number;
  apply(msg: FeedServerMessage, nowMs: number): { prompts: PromptEvent[]; error: { code: string; promptId: string | null } | null };
  markPending(callId: string, promptId: string, action: string, nowMs: number): void;
  tick(nowMs: number): boolean;
  openPrompts(call: ClientCall): PromptView[];
}

let CallStore: new () => Store;
let ACK_SETTLE_MS: number;
let byRisk: (calls: ClientCall[], t: T) => { call: ClientCall; risk: { score: number; reasons: string[] } }[];
let i18n: { uiLangOf(tag: string | null): string | null; pickUiLang(e: string | null, c: string | null, b: string[]): string; translator(l: string): T };
let STRINGS: Record<string, Record<string, string>>;
let words: { prosodyLines(p: ProsodySummary, t: T): string[]; prosodyArousal(p: ProsodySummary): number; describeEmotion(e: unknown, t: T): { label: string; detail: string } };
let segmentsOf: (text: string, f: Partial<LanguageFinding>[]) => { text: string; finding: unknown }[];
let session: { readCredentials(page: string, l: unknown, s: unknown, h: unknown): Record<string, string | null>; feedUrl(c: object, l: unknown): string };
let backoffDelayMs: (attempt: number, random: () => number) => number;
let spanOf: (points: { tsMs: number }[], maxMs: number) => { startMs: number; windowMs: number };
let en: T;

beforeAll(async () => {
  ({ CallStore, ACK_SETTLE_MS } = await publicModule<{ CallStore: typeof CallStore; ACK_SETTLE_MS: number }>('call-store.js'));
  ({ byRisk } = await publicModule<{ byRisk: typeof byRisk }>('risk.js'));
  i18n = await publicModule<typeof i18n>('i18n.js');
  ({ STRINGS } = await publicModule<{ STRINGS: typeof STRINGS }>('strings.js'));
  words = await publicModule<typeof words>('emotion-words.js');
  ({ segmentsOf } = await publicModule<{ segmentsOf: typeof segmentsOf }>('language-view.js'));
  session = await publicModule<typeof session>('session.js');
  ({ backoffDelayMs } = await publicModule<{ backoffDelayMs: typeof backoffDelayMs }>('feed-client.js'));
  ({ spanOf } = await publicModule<{ spanOf: typeof spanOf }>('timeline.js'));
  en = i18n.translator('en');
});

const T0 = Date.parse('2026-01-01T10:00:00.000Z');
const at = (ms = 0) => new Date(T0 + ms).toISOString();
const base = (callId: string, seq: number) => ({ callId, seq, latencyMs: 1, at: at(seq * 100) });
const started = (callId: string, agentId = 'ag'): CallStartedEvent => ({
  type: 'call.started', ...base(callId, 1), agentId, language: 'en-US', tracks: ['caller', 'agent'], startedAt: at(), source: 'native',
});
const PROSODY: ProsodySummary = {
  loudnessDb: -20, loudnessRelDb: 0, pitchHz: 150, pitchRelPct: 0, pitchRangeSemitones: 4, pitchRangeRelPct: 0,
  speakingRateSylPerS: 4, speakingRateRelPct: 0, voiceActivity: 0.8, baselineSpeechS: 30,
};
const prompt = (callId: string, seq: number, promptId: string, priority = 2, ttlMs = 30_000): PromptEvent => ({
  type: 'prompt', ...base(callId, seq), promptId, rule: 'r', kind: 'empathy', priority, title: promptId, text: 't', evidence: [], section: '§3', tsMs: seq * 100,
  expiresAt: at(seq * 100 + ttlMs),
});
const transcript = (callId: string, seq: number, text: string, isFinal: boolean, startMs = 0, corrected?: boolean): TranscriptEvent => ({
  type: 'transcript', ...base(callId, seq), track: 'caller', text, isFinal, startMs, endMs: startMs + 500, redacted: [], ...(corrected ? { corrected } : {}),
});
const snapshot = (callId: string, seq: number, over: Partial<CallStateMessage> = {}): CallStateMessage => ({
  type: 'call.state', callId, seq, latencyMs: 0, at: at(seq * 100), started: started(callId), emotion: null, emotionHistory: [],
  transcript: [], prompts: [], acks: [], language: [], checklist: null, alerts: [], extras: [], ...over,
});

describe('the call store', () => {
  it('keeps finals, replaces a partial by the next partial or final, and a corrected final by its correction', () => {
    const s = new CallStore();
    s.apply(started('c'), T0);
    s.apply(transcript('c', 2, 'my card', false), T0);
    s.apply(transcript('c', 3, 'my card is', false), T0);
    s.apply(transcript('c', 4, 'my card is 4532', true), T0);
    s.apply(transcript('c', 5, 'my card is [CARD ****0366]', true, 0, true), T0);
    s.apply(transcript('c', 6, 'thanks', false, 900), T0);
    expect(s.calls.get('c')!.transcript.map((x) => [x.text, x.isFinal])).toEqual([
      ['my card is [CARD ****0366]', true],
      ['thanks', false],
    ]);
  });

  it('ignores what a snapshot already covered and counts what the server skipped', () => {
    const s = new CallStore();
    s.apply(started('c'), T0);
    s.apply({ type: 'emotion', ...base('c', 2), track: 'caller', tsMs: 250, prosody: PROSODY, speaking: true }, T0);
    s.apply({ type: 'emotion', ...base('c', 6), track: 'caller', tsMs: 1250, prosody: PROSODY, speaking: true }, T0);
    s.apply(transcript('c', 4, 'late duplicate', true), T0);
    const c = s.calls.get('c')!;
    expect(c.skippedEvents).toBe(3);
    expect(c.lastSeq).toBe(6);
    expect(c.transcript).toEqual([]);
    expect(c.timeline.map((p) => p.tsMs)).toEqual([250, 1250]);
  });

  it('on reconnect: the snapshot replaces what the server keeps, the timeline survives, and vanished prompts are closed', () => {
    const s = new CallStore();
    s.apply({ type: 'hello', agentId: 'ag', role: 'agent', calls: 0 }, T0);
    s.apply(started('c'), T0);
    s.apply(started('gone'), T0);
    s.apply({ type: 'emotion', ...base('c', 2), track: 'caller', tsMs: 250, label: 'anger', intensity: 0.8, prosody: PROSODY, speaking: true }, T0);
    s.apply(prompt('c', 3, 'p-used'), T0);
    s.apply(prompt('c', 4, 'p-expired'), T0);
    // The connection drops; the new one has one live call.
    s.apply({ type: 'hello', agentId: 'ag', role: 'agent', calls: 1 }, T0);
    const fresh = s.apply(
      snapshot('c', 9, {
        transcript: [transcript('c', 7, 'said while away', true)],
        prompts: [prompt('c', 8, 'p-new', 1)],
        acks: [{ type: 'acked', ...base('c', 5), promptId: 'p-used', action: 'used', agentId: 'ag', rule: 'r' }],
      }),
      T0,
    );
    const c = s.calls.get('c')!;
    expect(fresh.prompts.map((p) => p.promptId)).toEqual(['p-new']);
    expect(c.transcript.map((x) => x.text)).toEqual(['said while away']);
    expect(c.timeline).toEqual([{ tsMs: 250, label: 'anger', level: 0.8 }]);
    expect([...c.prompts.values()].map((v) => [v.promptId, v.status])).toEqual([
      ['p-used', 'used'],
      ['p-expired', 'expired'],
      ['p-new', 'open'],
    ]);
    expect(s.calls.get('gone')!.ended).toEqual({ reason: 'gone', durationMs: 0 });
    expect(c.ended).toBeNull();
  });

  it('judges expiry on the server’s clock, settles silent acks, and pins a refusal on the prompt it names', () => {
    const s = new CallStore();
    const skewMs = -3_600_000; // this PC's clock runs an hour fast
    const now = T0 - skewMs;
    s.apply(started('c'), now);
    s.apply(prompt('c', 2, 'p1', 2, 5000), now);
    s.apply(prompt('c', 3, 'p2', 1, 60_000), now);
    s.apply(prompt('c', 4, 'p3', 3, 60_000), now);
    expect(s.clockOffsetMs).toBeCloseTo(skewMs + 400, -2);
    const c = s.calls.get('c')!;
    expect(s.openPrompts(c).map((v) => v.promptId)).toEqual(['p2', 'p1', 'p3']);
    s.tick(now + 1000);
    expect(c.prompts.get('p1')!.status).toBe('open');
    s.tick(now + 6000);
    expect(c.prompts.get('p1')!.status).toBe('expired');

    s.markPending('c', 'p2', 'helpful', now);
    s.markPending('c', 'p3', 'used', now + 10);
    const out = s.apply({ type: 'error', code: 'UNKNOWN_PROMPT', message: 'no prompt p3 on a live call of this feed' }, now + 20);
    expect(out.error).toMatchObject({ code: 'UNKNOWN_PROMPT', promptId: 'p3' });
    expect(c.prompts.get('p3')).toMatchObject({ pending: null, error: 'UNKNOWN_PROMPT', status: 'open' });
    s.tick(now + ACK_SETTLE_MS + 1);
    expect(c.prompts.get('p2')).toMatchObject({ pending: null, rating: 'helpful' });
  });
});

describe('risk order on the wall', () => {
  it('puts alerts and strong negative emotion first, measured arousal after, calm and ended last, with reasons', () => {
    const s = new CallStore();
    for (const id of ['calm', 'voice', 'anxious', 'alerted', 'ended']) s.apply(started(id, `ag-${id}`), T0);
    const emo = (callId: string, extra: object) =>
      s.apply({ type: 'emotion', ...base(callId, 2), track: 'caller', tsMs: 1000, prosody: PROSODY, speaking: true, ...extra }, T0);
    emo('calm', { label: 'neutral', intensity: 0 });
    emo('voice', { prosody: { ...PROSODY, pitchRelPct: 40, loudnessRelDb: 6, speakingRateRelPct: 30 } });
    emo('anxious', { label: 'anxiety', intensity: 0.7, trend: 'rising' });
    emo('alerted', { label: 'anger', intensity: 0.3 });
    s.apply({ type: 'alert', ...base('alerted', 3), agentId: 'ag-alerted', level: 'critical', rule: 'x', title: 'Ombudsman', tier: 'advanced', evidence: [], tsMs: 1000 }, T0);
    s.apply({ type: 'call.ended', ...base('ended', 2), reason: 'stop', durationMs: 1000, shedFrames: 0 }, T0);
    const ranked = byRisk([...s.calls.values()], en);
    expect(ranked.map((r) => r.call.callId)).toEqual(['alerted', 'anxious', 'voice', 'calm', 'ended']);
    expect(ranked[0]!.risk.reasons).toEqual(['Angry 0.30', 'Tier 3: manager', '1 alert(s)']);
    expect(ranked[1]!.risk.reasons).toEqual(['Anxious 0.70', 'rising']);
    expect(ranked[2]!.risk.reasons[0]).toMatch(/^voice arousal \d+ %$/);
    expect(ranked[3]!.risk.reasons).toEqual(['calm']);
  });
});

describe('the UI language', () => {
  it('reads Traditional for Taiwan, Hong Kong and Macau, Simplified for other Chinese, and falls back to English', () => {
    expect(['zh-HK', 'zh-TW', 'zh-MO', 'zh-Hant', 'zh-Hant-CN'].map(i18n.uiLangOf)).toEqual(Array(5).fill('zh-Hant'));
    expect(['zh', 'zh-CN', 'zh-SG', 'zh-Hans-HK'.replace('-HK', '')].map(i18n.uiLangOf)).toEqual(Array(4).fill('zh-Hans'));
    expect(i18n.uiLangOf('fr-FR')).toBeNull();
    expect(i18n.pickUiLang('zh-Hans', 'zh-HK', ['en-GB'])).toBe('zh-Hans'); // ?lang= wins
    expect(i18n.pickUiLang(null, 'zh-HK', ['en-GB'])).toBe('zh-Hant'); // then the call's language
    expect(i18n.pickUiLang(null, null, ['fr-FR', 'zh-TW'])).toBe('zh-Hant'); // then the browser's
    expect(i18n.pickUiLang(null, null, ['fr-FR'])).toBe('en');
  });

  it('has every key in all three tables, with the same placeholders', () => {
    const keys = Object.keys(STRINGS.en!);
    const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const lang of ['zh-Hans', 'zh-Hant']) {
      expect(Object.keys(STRINGS[lang]!).sort()).toEqual([...keys].sort());
      for (const k of keys) expect(holes(STRINGS[lang]![k]!), `${lang} ${k}`).toEqual(holes(STRINGS.en![k]!));
    }
    expect(i18n.translator('zh-Hant')('prompt.left', { s: 12 })).toBe('剩餘 12 秒');
    expect(en('no.such.key')).toBe('no.such.key');
  });
});

describe('words for the caller’s state', () => {
  it('says the measured prosody plainly, strongest change first, and admits a young baseline', () => {
    const lines = words.prosodyLines({ ...PROSODY, pitchRelPct: 42, loudnessRelDb: 2.04, speakingRateRelPct: -10 }, en);
    expect(lines).toEqual([
      'Pitch +42 % on their baseline',
      'Loudness +2 dB on their baseline',
      'Speaking rate −10 % on their baseline',
      'Speaking 80 % of the time',
    ]);
    expect(words.prosodyLines({ ...PROSODY, baselineSpeechS: 2.4 }, en)[0]).toBe('Still learning their usual voice (2 s of speech so far)');
    expect(words.prosodyArousal({ ...PROSODY, baselineSpeechS: 2 })).toBe(0);
    expect(words.prosodyArousal({ ...PROSODY, pitchRelPct: 50, loudnessRelDb: 8, speakingRateRelPct: 50 })).toBe(1);
    const angry = words.describeEmotion({ label: 'anger', intensity: 0.82, trend: 'rising', prosody: PROSODY }, en);
    expect([angry.label, angry.detail]).toEqual(['Angry', 'strong (0.82) · rising ↑']);
    expect(words.describeEmotion({ prosody: PROSODY }, en).label).toBe('No emotion model: measured voice only');
  });

  it('cuts an utterance into plain and marked pieces by UTF-16 offsets, skipping overlaps and bad spans', () => {
    const text = '你冷靜一點，這個我們無法處理。';
    const f = (start: number, end: number): Partial<LanguageFinding> => ({ start, end, severity: 'warning' });
    const parts = segmentsOf(text, [f(10, 12), f(1, 5), f(2, 3), f(14, 99)]);
    expect(parts.map((p) => [p.text, p.finding !== null])).toEqual([
      ['你', false],
      ['冷靜一點', true],
      ['，這個我們', false],
      ['無法', true],
      ['處理。', false],
    ]);
  });
});

describe('credentials and reconnects', () => {
  it('keeps ?token= in this tab’s storage only, takes it out of the address bar, and builds a wss: URL under https', () => {
    const stored = new Map<string, string>();
    const storage = { getItem: (k: string) => stored.get(k) ?? null, setItem: (k: string, v: string) => void stored.set(k, v), removeItem: (k: string) => void stored.delete(k) };
    const replaced: string[] = [];
    const history = { state: null, replaceState: (_s: unknown, _t: string, url: string) => void replaced.push(url) };
    const location = { href: 'https://cc.bank.example/?token=s3cret-token&agentId=a7&lang=zh-HK', protocol: 'https:', host: 'cc.bank.example' };
    const creds = session.readCredentials('agent', location, storage, history);
    expect(creds).toEqual({ token: 's3cret-token', agentId: 'a7', callId: null, lang: 'zh-HK' });
    expect(replaced).toEqual(['/?agentId=a7&lang=zh-HK']);
    expect(stored.get('callcue.agent.token')).toBe('s3cret-token');
    expect(session.feedUrl(creds, location)).toBe('wss://cc.bank.example/v1/feed?token=s3cret-token&agentId=a7');
    // A reload without the token in the URL finds it again.
    const again = session.readCredentials('agent', { ...location, href: 'https://cc.bank.example/?agentId=a7' }, storage, history);
    expect(again.token).toBe('s3cret-token');
  });

  it('backs off 0.5 s, 1 s, 2 s … up to 15 s, jittered by at most 20 %', () => {
    const mid = [0, 1, 2, 3, 4, 5, 9].map((a) => backoffDelayMs(a, () => 0.5));
    expect(mid).toEqual([500, 1000, 2000, 4000, 8000, 15000, 15000]);
    expect(backoffDelayMs(0, () => 0)).toBe(400);
    expect(backoffDelayMs(5, () => 0.999999)).toBeLessThanOrEqual(18000);
  });

  it('draws a short call over at least a minute and a long one over its newest window', () => {
    expect(spanOf([{ tsMs: 15_000 }], 180_000)).toEqual({ startMs: 0, windowMs: 60_000 });
    expect(spanOf([{ tsMs: 120_000 }], 180_000)).toEqual({ startMs: 0, windowMs: 120_000 });
    expect(spanOf([{ tsMs: 600_000 }], 180_000)).toEqual({ startMs: 420_000, windowMs: 180_000 });
  });
});
