import { describe, expect, it } from 'vitest';
import { evaluate, formatEvaluation } from '../../src/training/metrics.js';

describe('evaluate', () => {
  it('computes recalls, UAR, false alarms and the confusion matrix', () => {
    const ev = evaluate(
      ['neutral', 'neutral', 'anger', 'anger', 'anxiety', 'disappointment', 'other', 'other', 'other', 'other'],
      ['neutral', 'anger', 'anger', 'anger', 'neutral', 'disappointment', 'neutral', 'anger', 'neutral', 'neutral'],
    );
    expect(ev.recall).toEqual({ neutral: 0.5, anger: 1, anxiety: 0, disappointment: 1 });
    expect(ev.uar).toBeCloseTo(0.625, 10);
    expect(ev.falseAlarmRate).toBeCloseTo(0.25, 10);
    expect(ev.confusion[0]).toEqual([1, 1, 0, 0]);
    expect(ev.confusion[4]).toEqual([3, 1, 0, 0]);
    expect(ev.support.other).toBe(4);
    expect(formatEvaluation('t', ev)).toContain('non-target (4)');
  });

  it('leaves absent classes out of UAR and false alarms undefined without non-target clips', () => {
    const ev = evaluate(['anger', 'neutral'], ['anger', 'anger']);
    expect(ev.uar).toBeCloseTo(0.5, 10);
    expect(Number.isNaN(ev.recall.anxiety)).toBe(true);
    expect(Number.isNaN(ev.falseAlarmRate)).toBe(true);
  });
});
