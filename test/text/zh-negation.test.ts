// The scope of Chinese negators over characters: what 「不生气」 negates, where a clause or
// punctuation ends it, and the words that only look like negators (非常, 特别, 别人).
import { describe, expect, it } from 'vitest';
import { markNegationScope } from '../../src/text/emotion/zh-negation.js';

function scoped(text: string, maxChars = 3): string {
  const chars = [...text];
  const scope = new Uint8Array(chars.length);
  markNegationScope(chars, maxChars, scope);
  return chars.filter((_, i) => scope[i] === 1).join('');
}

describe('markNegationScope', () => {
  it('covers the characters after a negator, up to the limit', () => {
    expect(scoped('我不生气')).toBe('生气');
    expect(scoped('我没有生气啊')).toBe('生气啊');
    expect(scoped('我一点都不担心这个问题')).toBe('担心这');
  });

  it('stops at punctuation and at a turn of the clause', () => {
    expect(scoped('不，我很生气')).toBe('');
    expect(scoped('不是生气，我很失望')).toBe('生气');
    expect(scoped('不但是我')).toBe('');
    expect(scoped('不只是想问')).toBe('');
  });

  it('ignores words that only contain a negator character', () => {
    expect(scoped('我非常生气')).toBe('');
    expect(scoped('我特别生气')).toBe('');
    expect(scoped('别人都说你们很好')).toBe('');
    expect(scoped('我不得不投诉')).toBe('');
  });

  it('counts code points, so an emoji before the negator does not shift the scope', () => {
    expect(scoped('😡我不生气')).toBe('生气');
  });
});
