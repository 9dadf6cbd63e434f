// The words an empathy prompt quotes back to the caller: the sentence that carries the emotion, not
// a greeting, not the whole monologue; in English and Chinese.

import { describe, expect, it } from 'vitest';
import { pickQuote } from '../../src/policy/quote.js';

describe('pickQuote', () => {
  it.each([
    ["Hello. This is the third time I'm calling and I'm furious!", ['third time'], "This is the third time I'm calling and I'm furious!"],
    [
      "Hello. This is the third time I'm calling about the same problem. My card was charged twice for one payment of 480 dollars, and nobody has fixed it.",
      ['third time'],
      "This is the third time I'm calling about the same problem.",
    ],
    ['Hi there. Yes. My card was charged twice and nobody fixed it!', ['charged twice'], 'My card was charged twice and nobody fixed it!'],
    ['Good morning. I want to file a complaint.', ['complaint'], 'I want to file a complaint.'],
    ['Okay. Thanks. Well, I am worried sick about my savings.', [], 'Well, I am worried sick about my savings.'],
    ['你好。我已经是第三次打电话了，你们到底怎么回事，气死我了！', ['第三次'], '我已经是第三次打电话了，你们到底怎么回事，气死我了！'],
    ['喂，你好。我要投诉你们！', ['投诉'], '我要投诉你们！'],
  ])('%j → %j', (utterance, hot, quote) => {
    expect(pickQuote(utterance, hot)).toBe(quote);
  });

  it('a long sentence is cut to the clause that carries the words, a breath long', () => {
    const q = pickQuote(
      'I have been a customer of this bank for twenty two years and my parents were customers before me and now you charge me twice for the same payment, which is completely unacceptable to me.',
      ['unacceptable'],
    );
    expect(q).toBe('which is completely unacceptable to me.');
    expect(q.length).toBeLessThanOrEqual(110);
  });

  it('an utterance that is only a greeting is quoted as it is', () => {
    expect(pickQuote('Hello.', [])).toBe('Hello.');
  });
});
