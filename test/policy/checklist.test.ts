// The call-flow checklist (manual §2) from the agent's own words: an opening that thanks the caller
// for calling greets, it does not close the call; the closing is ticked by a closing, in English and
// Chinese alike.

import { describe, expect, it } from 'vitest';
import { Checklist } from '../../src/policy/checklist.js';
import { createAgentLanguageChecker } from '../../src/text/language/index.js';

function ticked(language: string, utterances: string[]): string[] {
  const checker = createAgentLanguageChecker(language);
  const list = new Checklist();
  utterances.forEach((u, i) => list.onAgentUtterance(u, checker.check(u, true), i * 1000));
  return list.items().filter((i) => i.done).map((i) => i.id);
}

describe('greeting and closing', () => {
  it.each([
    ['en-US', 'Thank you for calling, my name is Anna, how can I help you today?'],
    ['en-US', 'Thanks for calling. This is Anna from the cards team.'],
    ['en-GB', 'Good morning and thank you for calling, you are speaking with Tom.'],
    ['zh-CN', '感谢您的来电，我是客服小王，请问有什么可以帮您？'],
    ['zh-CN', '您好，谢谢来电，工号一二三四为您服务。'],
    ['zh-HK', '多謝您的來電，我是客服陳小姐。'],
  ])('%s %j greets and does not close', (language, opening) => {
    expect(ticked(language, [opening])).toEqual(['greeting']);
  });

  it('an opening without a name is no closing either', () => {
    expect(ticked('en-US', ['Thank you for calling! How may I help you?'])).not.toContain('closing');
    expect(ticked('zh-CN', ['感谢您的来电，请问有什么可以帮您？'])).not.toContain('closing');
  });

  it.each([
    ['en-US', ['Thank you for calling, my name is Anna.', 'Is there anything else I can help you with?']],
    ['en-US', ['Good morning, my name is Anna.', 'Thank you for calling, have a good day.']],
    ['en-US', ['Good morning, my name is Anna.', 'Thank you for calling.']],
    ['zh-CN', ['您好，我是客服小王。', '感谢您的来电，祝您生活愉快。']],
  ])('%s the closing is ticked by the closing words', (language, utterances) => {
    expect(ticked(language, utterances)).toEqual(['greeting', 'closing']);
  });
});
