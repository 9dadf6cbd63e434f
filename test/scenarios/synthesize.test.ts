// Synthesis at test time with espeak-ng: the acted emotions really move the voice the way the
// manual describes (anger fast, high and loud; disappointment slow, low and quiet; anxiety fast,
// high and uneven), measured with callcue's own feature extractor; lines are cached; the stereo
// call, its timeline and its transcript agree with each other. Whole scenarios are read from the
// shared line cache the scenario tests fill (their audio is the same, cached or not); only the
// cache test itself synthesises from scratch, on a short call.

import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFrameAnalyzer, Framer, functionalIndex, windowFunctionals, type FrameFeatures } from '../../src/features/index.js';
import {
  espeakInfo,
  espeakParams,
  hasEspeak,
  loadScenarioById,
  parseScenario,
  speak,
  synthesizeScenario,
  voiceCandidates,
} from '../../src/scenarios/index.js';
import { pickVoice } from '../../src/scenarios/espeak.js';

const espeak = hasEspeak();
if (!espeak) console.warn('espeak-ng is not installed: skipping scenario synthesis tests (apt-get install espeak-ng)');
const cacheDir = mkdtempSync(join(tmpdir(), 'callcue-synth-test-'));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

function measure(samples: Float32Array) {
  const analyzer = createFrameAnalyzer();
  const frames: FrameFeatures[] = new Framer().push(samples).map((f) => analyzer.analyze(f));
  const f = windowFunctionals(frames);
  return {
    pitchSt: f[functionalIndex('pitch_st_p50')]!,
    pitchStdSt: f[functionalIndex('pitch_st_std')]!,
    loudnessDb: f[functionalIndex('loudness_db_mean')]!,
    durationS: samples.length / 8000,
  };
}

const LINE_EN = 'I have been waiting for two weeks, nobody called me back, and I want this fixed today.';
const LINE_ZH = '我已经等了两个星期，一直没有人给我回电话，今天必须给我解决。';

describe.skipIf(!espeak)('espeak-ng acting', () => {
  it.each([
    ['en-US', LINE_EN],
    ['zh-CN', LINE_ZH],
  ])('%s: anger is faster, higher and louder than neutral; disappointment slower, lower and quieter', async (language, line) => {
    const { voices } = await espeakInfo();
    const voice = pickVoice(voices, voiceCandidates(language));
    const say = async (emotion: 'neutral' | 'anger' | 'disappointment') =>
      measure((await speak(line, espeakParams(voice, 'f3', 'caller', { emotion, intensity: 0.9 }), cacheDir)).samples);
    const neutral = await say('neutral');
    const anger = await say('anger');
    const sad = await say('disappointment');
    expect(anger.durationS).toBeLessThan(neutral.durationS * 0.9);
    expect(anger.pitchSt).toBeGreaterThan(neutral.pitchSt + 1.5);
    expect(anger.loudnessDb).toBeGreaterThan(neutral.loudnessDb + 3);
    expect(sad.durationS).toBeGreaterThan(neutral.durationS * 1.15);
    expect(sad.pitchSt).toBeLessThan(neutral.pitchSt - 1.5);
    expect(sad.loudnessDb).toBeLessThan(neutral.loudnessDb - 3);
  });

  it('makes anxiety fast, high and more uneven in pitch than neutral', async () => {
    const voice = pickVoice((await espeakInfo()).voices, voiceCandidates('en-US'));
    const neutral = measure((await speak(LINE_EN, espeakParams(voice, 'f3', 'caller'), cacheDir)).samples);
    const anxious = measure((await speak(LINE_EN, espeakParams(voice, 'f3', 'caller', { emotion: 'anxiety', intensity: 0.9 }), cacheDir)).samples);
    expect(anxious.pitchSt).toBeGreaterThan(neutral.pitchSt + 1);
    expect(anxious.pitchStdSt).toBeGreaterThan(neutral.pitchStdSt);
    // Clause gaps make the whole line no shorter, but each clause is spoken faster.
    const clausesOnly = anxious.durationS - 0.14 * 2;
    expect(clausesOnly).toBeLessThan(neutral.durationS);
  });

  it('caches each line: a second request reads the same samples from disk', async () => {
    const params = espeakParams(pickVoice((await espeakInfo()).voices, ['en-us']), 'm3', 'agent');
    const first = await speak('Is there anything else I can help you with today?', params, cacheDir);
    const second = await speak('Is there anything else I can help you with today?', params, cacheDir);
    expect(second.cached).toBe(true);
    expect(second.samples).toEqual(first.samples);
    expect(readdirSync(cacheDir).some((f) => f.endsWith('.tmp'))).toBe(false);
  });
});

describe.skipIf(!espeak)('synthesizeScenario', () => {
  it('lays a stereo call whose audio, timeline and transcript agree', async () => {
    const call = await synthesizeScenario(loadScenarioById('complaint-en-US'));
    expect(call.caller.length).toBe(call.agent.length);
    expect(Math.abs(call.caller.length / 8 - call.durationMs)).toBeLessThan(1);
    expect(call.voices.caller).toBe('en-us+m3');
    expect(call.voices.agent).toBe('en-us+f2');
    const rms = (ch: Float32Array, fromMs: number, toMs: number) => {
      const a = ch.subarray(Math.round(fromMs * 8), Math.round(toMs * 8));
      return Math.sqrt(a.reduce((s, v) => s + v * v, 0) / Math.max(1, a.length));
    };
    for (const turn of call.turns) {
      const own = turn.speaker === 'caller' ? call.caller : call.agent;
      // Speech on the speaker's own channel during the turn, line hiss only just before the first turn.
      expect(rms(own, turn.startMs, turn.endMs), `${turn.id} speaks on its channel`).toBeGreaterThan(0.02);
    }
    expect(rms(call.caller, 0, 400)).toBeLessThan(0.003);
    // The scripted talk-over: the agent speaks while the caller is still speaking.
    const angry = call.turns.find((t) => t.id === 'c-angry')!;
    const interruption = call.turns.find((t) => t.id === 'a-calm-down')!;
    expect(interruption.startMs).toBeLessThan(angry.endMs);
    expect(rms(call.caller, interruption.startMs, Math.min(angry.endMs, interruption.endMs))).toBeGreaterThan(0.02);
    // One final per turn, timed like the turn; partials before it.
    const finals = call.transcript.filter((e) => e.isFinal);
    expect(finals.map((f) => f.text)).toEqual(
      [...call.turns].sort((a, b) => a.endMs - b.endMs).map((t) => t.text),
    );
    for (const f of finals) {
      const turn = call.turns.find((t) => t.text === f.text)!;
      expect([f.startMs, f.endMs]).toEqual([turn.startMs, turn.endMs]);
    }
    expect(call.transcript.filter((e) => !e.isFinal).length).toBeGreaterThanOrEqual(call.turns.length);
  });

  it('voices a Hong Kong call in Cantonese when espeak has it, and a mainland call in Mandarin', async () => {
    const { voices } = await espeakInfo();
    const hk = await synthesizeScenario(loadScenarioById('complaint-zh-HK'));
    expect(hk.voices.caller.split('+')[0]).toBe(voices.has('yue') ? 'yue' : 'cmn-latn-pinyin');
    const cn = await synthesizeScenario(loadScenarioById('enquiry-zh-CN'));
    expect(cn.voices.agent.split('+')[0]).toMatch(/^cmn/);
    // The scripted quiet answer is much quieter than the same agent's normal lines.
    const level = (id: string) => {
      const t = cn.turns.find((x) => x.id === id)!;
      return measure(cn.agent.subarray(Math.round(t.startMs * 8), Math.round(t.endMs * 8))).loudnessDb;
    };
    expect(level('a-hours-quiet')).toBeLessThan(level('a-hours') - 8);
  });

  it('produces the same audio twice (a cached run sends what the first run sent)', async () => {
    // Three turns, both speakers, into an empty cache: every line is synthesised, then read back.
    const full = loadScenarioById('enquiry-en-US');
    const scenario = parseScenario({ ...full, id: 'enquiry-short-en-US', turns: full.turns.slice(0, 3), expect: {} }, 'synthesize.test');
    expect(new Set(scenario.turns.map((t) => t.speaker)).size).toBe(2);
    const a = await synthesizeScenario(scenario, { cacheDir });
    expect(a.cachedLines).toBe(0);
    const b = await synthesizeScenario(scenario, { cacheDir });
    expect(b.cachedLines).toBe(scenario.turns.length);
    expect(b.caller).toEqual(a.caller);
    expect(b.agent).toEqual(a.agent);
  });
});
