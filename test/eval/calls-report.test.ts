// eval-calls' summary against the targets: a missed onset counts as endless in the median and the
// maximum, false onsets are told apart by where they happened, and delays print with their sign.

import { describe, expect, it } from 'vitest';
import { formatCallsReport, summarizeCalls, type CallOnset, type EvaluatedCall } from '../../src/eval/index.js';

function call(id: string, o: Partial<CallOnset>): EvaluatedCall {
  const onset: CallOnset = {
    scenarioId: id,
    language: 'en-US',
    calm: false,
    moment: { emotion: 'anger', atMs: 10_000, by: 'words', turnId: 'c1', turnStartMs: 8000 },
    stateMs: null,
    stateDelayMs: null,
    stateArrivalDelayMs: null,
    stateLatencyMs: null,
    stateSources: [],
    promptDelayMs: null,
    missed: false,
    falseOnsets: [],
    wrongOnsets: [],
    disagreements: [],
    uncertainShare: 0,
    prompts: [],
    ...o,
  };
  return { onset, callerVoice: 'espeak x', durationMs: 60_000, wallMs: 1000, shedFrames: 0, endReason: 'stop' };
}

describe('summarizeCalls', () => {
  it('meets the targets only when the median is ≤ 1.5 s, every onset ≤ 3 s and calm calls are quiet', () => {
    const calls = [
      call('a', { stateMs: 9600, stateDelayMs: -400, promptDelayMs: -400 }),
      call('b', { stateMs: 11_000, stateDelayMs: 1000, promptDelayMs: 1000 }),
      call('c', { stateMs: 12_900, stateDelayMs: 2900, promptDelayMs: 2900 }),
      call('calm', { calm: true, moment: null }),
    ];
    const s = summarizeCalls(calls);
    expect(s).toMatchObject({ emotionalCalls: 3, calmCalls: 1, onset: { medianMs: 1000, maxMs: 2900, within1500: 2, within3000: 3, missed: 0 } });
    expect(s.meetsTargets).toEqual({ onsetMedian: true, onsetMax: true, calmCallsQuiet: true });
    const lines = formatCallsReport(calls, s).join('\n');
    expect(lines).toContain('-0.4 s');
    expect(lines).toMatch(/median \+1\.0 s, max \+2\.9 s, 2\/3 within 1\.5 s, 3\/3 within 3 s, 0 missed/);
    expect(lines).toMatch(/targets: median ≤ 1\.5 s met; each ≤ 3 s met; calm calls quiet met/);
  });

  it('counts a missed onset as endless, and a false onset on a calm call against the calm target', () => {
    const calls = [
      call('a', { stateMs: 10_000, stateDelayMs: 0 }),
      call('b', { missed: true }),
      call('calm', { calm: true, moment: null, falseOnsets: [{ atMs: 5000, what: 'state', label: 'anger' }] }),
      call('opening', { stateMs: 10_200, stateDelayMs: 200, falseOnsets: [{ atMs: 2000, what: 'prompt', label: 'empathy.onset.anger' }] }),
    ];
    const s = summarizeCalls(calls);
    expect(s.onset).toMatchObject({ medianMs: 200, maxMs: null, missed: 1, within3000: 2 });
    expect(s).toMatchObject({ falseOnsets: 2, falseOnsetsOnCalmCalls: 1 });
    expect(s.meetsTargets).toEqual({ onsetMedian: true, onsetMax: false, calmCallsQuiet: false });
    const lines = formatCallsReport(calls, s).join('\n');
    expect(lines).toContain('0.0 s');
    expect(lines).not.toContain('-0.0 s');
    expect(lines).toMatch(/b +espeak x +anger +10\.0 s \(words\) +missed/);
    expect(lines).toMatch(/false onsets: 1 on calm calls, 1 in calm openings of emotional calls/);
  });
});
