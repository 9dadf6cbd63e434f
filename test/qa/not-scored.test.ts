// The QA scorecard judges only what the call gave it: a criterion with nothing to judge is "not
// scored" (never a zero, never a free 100), and the total says which criteria it rests on. Through
// the live pipeline run offline (src/offline/analyze.ts) on recordings synthesised here.

import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/index.js';
import { analyzeRecording } from '../../src/offline/analyze.js';
import type { Scorecard } from '../../src/qa/scorecard.js';
import { concat, silence, speechLike } from '../helpers/audio.js';

const RATE = 8000;
const config = parseConfig({ logLevel: 'silent' });

async function scorecardOf(channels: Float32Array[], transcript: Parameters<typeof analyzeRecording>[1]['transcript'], monoTrack: 'caller' | 'agent' = 'caller'): Promise<Scorecard> {
  const r = await analyzeRecording(config, { channels, sampleRateHz: RATE, transcript, agentId: 'qa', language: 'en-US', monoTrack });
  return r.record!.scorecard as unknown as Scorecard;
}

describe('criteria with nothing to judge are not scored', () => {
  it('five seconds of silence: every criterion not scored, and the total is no score at all', async () => {
    const card = await scorecardOf([silence(5000), silence(5000)], []);
    for (const c of card.criteria) {
      expect(c.score, c.id).toBeNull();
      expect(c.scored, c.id).toBe(false);
    }
    expect(card.score).toBeNull();
    expect(card.notScored).toEqual(card.criteria.map((c) => c.id));
    expect(card.summary).toMatch(/not scored/i);
  });

  it('a caller-only recording: the agent is not penalised for not being heard', async () => {
    const caller = concat(speechLike(3000, { pitchHz: 150, rateSylPerS: 4.5, amplitude: 0.4 }, RATE, 1), speechLike(3000, { pitchHz: 190, rateSylPerS: 6, amplitude: 0.7 }, RATE, 2));
    const card = await scorecardOf([caller], [
      { track: 'caller', text: "This is the third time I'm calling and nobody has fixed it!", isFinal: true, startMs: 0, endMs: 2900 },
      { track: 'caller', text: 'I want to file a complaint, this is ridiculous.', isFinal: true, startMs: 3000, endMs: 5900 },
    ]);
    const byId = Object.fromEntries(card.criteria.map((c) => [c.id, c]));
    for (const id of ['voice', 'politeness', 'wording', 'flow', 'empathy', 'verification', 'escalation']) {
      expect(byId[id]!.score, id).toBeNull();
      expect(byId[id]!.summary, id).toMatch(/not scored/);
    }
    expect(card.score).toBeNull();
  });

  it('a call where the agent spoke: scored on what was there, the rest named as not scored', async () => {
    const agent = speechLike(4000, { pitchHz: 210, rateSylPerS: 4.5, amplitude: 0.4 }, RATE, 3);
    const card = await scorecardOf([silence(4000), agent], [
      { track: 'agent', text: 'Good morning, thank you for calling First Bank, my name is Anna. How can I help you today?', isFinal: true, startMs: 0, endMs: 3900 },
    ]);
    expect(card.score).toEqual(expect.any(Number));
    const scored = card.criteria.filter((c) => c.scored).map((c) => c.id);
    expect(scored).toEqual(expect.arrayContaining(['politeness', 'wording', 'flow']));
    expect(card.notScored).toEqual(expect.arrayContaining(['empathy', 'verification', 'escalation']));
    expect(card.summary).toMatch(new RegExp(`${card.score}/100 on ${scored.length} of 7 criteria`));
  });
});
