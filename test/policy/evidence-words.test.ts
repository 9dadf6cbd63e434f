// The evidence phrasebook: every template and word in each script is in that script (Traditional
// calls read Traditional, mainland calls Simplified) and Chinese has no English in it but units.

import { describe, expect, it } from 'vitest';
import { evidenceWords, type EvidencePhrase } from '../../src/policy/evidence-words.js';
import { describeProsody } from '../../src/policy/evidence.js';
import { simplifiedOnly, traditionalOnly } from '../../src/scenarios/index.js';
import { resolveCallLanguage } from '../../src/text/language/index.js';

const PHRASES: EvidencePhrase[] = [
  'callerSaid', 'cues', 'pitch', 'loudness', 'rate', 'pitchRange', 'state', 'noEvidence', 'angerFor', 'angerRising', 'complaintWords',
  'askedFor', 'mentioned', 'amount', 'talkOver', 'detailsBeforeVerification', 'monologue', 'agentSaid', 'agentRate', 'agentLoudnessRel', 'agentLoudness',
];
const WORDS = ['up', 'down', 'faster', 'slower', 'wider', 'narrower', 'louder', 'quieter', 'anger', 'anxiety', 'disappointment', 'neutral', 'prosody', 'text', 'negative-wording', 'jargon'];

function allText(tag: string): string {
  const w = evidenceWords(resolveCallLanguage(tag));
  return [...PHRASES.map((p) => w.say(p)), ...WORDS.map((x) => w.word(x))].join('\n');
}

describe('evidence words', () => {
  it.each([
    ['zh-CN', simplifiedOnly, traditionalOnly],
    ['zh-HK', traditionalOnly, simplifiedOnly],
    ['zh-TW', traditionalOnly, simplifiedOnly],
  ])('%s: in its own script, with no English but units and placeholders', (tag, _own, other) => {
    const text = allText(tag);
    expect(other(text)).toEqual([]);
    expect(text.replace(/\{\w+\}/g, '').match(/[A-Za-z]{2,}/g)?.filter((x) => !['dB', 'dBFS'].includes(x)) ?? []).toEqual([]);
  });

  it('says the voice against its baseline in the call’s language', () => {
    const p = { loudnessDb: -18, loudnessRelDb: 6, pitchHz: 210, pitchRelPct: 40, pitchRangeSemitones: 9, pitchRangeRelPct: 45, speakingRateSylPerS: 6, speakingRateRelPct: 25, voiceActivity: 0.8, baselineSpeechS: 10 };
    expect(describeProsody(p, evidenceWords(resolveCallLanguage('en-US')))).toEqual(['pitch up 40 % on their baseline', 'louder by 6 dB', 'speaking rate up 25 %', 'pitch range up 45 %']);
    expect(describeProsody(p, evidenceWords(resolveCallLanguage('zh-CN')))).toEqual(['音高比其常态高 40%', '音量提高 6 dB', '语速加快 25%', '音高起伏增大 45%']);
  });
});
