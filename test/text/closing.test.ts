import { describe, expect, it } from 'vitest';
import { isClosingReply } from '../../src/text/emotion/closing.js';

describe('closing replies (manual §2 step 4: "anything else?" — "no, that\'s all")', () => {
  it.each(['没有了。', '没有了，谢谢。', '没了，谢谢你', '好的，没有了，谢谢，再见！', '不用了，谢谢', '没有其他问题了，谢谢您', '暂时没有了'])('zh: %s', (t) => {
    expect(isClosingReply(t, 'zh')).toBe(true);
  });

  it.each(["No, that's all, thanks.", 'Nothing else, thank you.', "No thanks, bye!", "Okay, I'm good. Thank you so much.", 'That will be all.'])('en: %s', (t) => {
    expect(isClosingReply(t, 'en')).toBe(true);
  });

  it.each([
    ['我的钱没有了。', 'zh'],
    ['没有了，什么都没有了，你们怎么赔？', 'zh'],
    ['还没有到账', 'zh'],
    ['No.', 'en'],
    ["No, that's not what I asked.", 'en'],
    ['Nothing else matters, I want my money back.', 'en'],
    ['', 'en'],
  ] as const)('not a closing reply: %s', (t, lang) => {
    expect(isClosingReply(t, lang)).toBe(false);
  });
});
