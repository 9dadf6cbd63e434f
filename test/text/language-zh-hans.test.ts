// Simplified-Chinese agent-language rules (zh-CN): every kind fires on agent phrasing, stays quiet
// on the look-alikes, and suggests in Simplified.

import { describe, expect, it } from 'vitest';
import { createAgentLanguageChecker, type LanguageFinding, type LanguageRuleKind } from '../../src/text/language/index.js';

function check(text: string, isFinal = true): LanguageFinding[] {
  return createAgentLanguageChecker('zh-CN').check(text, isFinal);
}

function spans(text: string, kind: LanguageRuleKind): string[] {
  return check(text).filter((f) => f.kind === kind).map((f) => f.text);
}

describe('负面词汇 negative wording (§2)', () => {
  it.each([
    ['这个业务无法办理。', '无法'],
    ['这是不可能的。', '不可能'],
    ['我也没办法。', '没办法'],
    ['我们没有办法处理。', '没有办法'],
    ['这个我做不到。', '做不到'],
    ['我们不能给您退款。', '不能给您'],
    ['这样不行。', '不行'],
  ])('flags %s', (text, span) => {
    const found = check(text).filter((f) => f.kind === 'negative-wording');
    expect(found.map((f) => f.text)).toEqual([span]);
    expect(found[0]).toMatchObject({ polarity: 'violation', section: '§2', severity: 'warning' });
    expect(found[0]?.suggestion).toMatch(/我们?可以/);
  });

  it.each([
    '没有问题，我马上为您处理。',
    '没问题。',
    '不会有问题的。',
    '我看看有没有办法帮您加快。',
    '能不能请您再说一遍？',
    '可不可以提供一下卡号后四位？',
    '没有什么不可能，我们一起想办法。',
    '行不行我先帮您查一下。',
  ])('does not flag %s', (text) => {
    expect(spans(text, 'negative-wording')).toEqual([]);
  });
});

describe('模糊承诺 vague promises (§2)', () => {
  it.each([
    ['我们会尽快处理。', '尽快'],
    ['我稍后给您回电。', '稍后'],
    ['晚点再联系您。', '晚点再'],
    ['过几天就好了。', '过几天'],
    ['回头给您打电话。', '回头给'],
  ])('flags %s', (text, span) => {
    const found = check(text).filter((f) => f.kind === 'vague-time');
    expect(found.map((f) => f.text)).toEqual([span]);
    expect(found[0]?.suggestion).toMatch(/今天下午五点前|个工作日内/);
  });

  it.each([
    '我今天下午五点前给您回电。',
    '我们会尽快在今天下午五点前处理完。',
    '稍后三点给您回电。',
    '请稍后。',
    '请您稍等一会儿。',
    '预计两个工作日内到账。',
  ])('does not flag %s', (text) => {
    expect(spans(text, 'vague-time')).toEqual([]);
  });
});

describe('专业术语 jargon (§1/§2)', () => {
  it('flags the default list with plain words', () => {
    const found = check('您的头寸不足，轧差后会有起息日的差别。').filter((f) => f.kind === 'jargon');
    expect(found.map((f) => f.text)).toEqual(['头寸', '轧差', '起息日']);
    expect(found[0]?.suggestion).toBe('用通俗说法：把“头寸”说成“账户里可用的资金”。');
  });

  it('flags English acronyms inside Chinese speech, and a bank list', () => {
    const checker = createAgentLanguageChecker('zh-CN', { jargon: [{ term: '按揭', plain: '房屋贷款' }] });
    const found = checker.check('您的按揭需要先做KYC。', true).filter((f) => f.kind === 'jargon');
    expect(found.map((f) => f.text)).toEqual(['按揭', 'KYC']);
    expect(found[0]?.suggestion).toContain('房屋贷款');
  });
});

describe('否定客户感受 feeling denial (§3)', () => {
  it.each([
    ['你冷静一点。', '你冷静一点'],
    ['您先冷静一下。', '您先冷静一下'],
    ['你别激动。', '别激动'],
    ['没那么严重。', '没那么严重'],
    ['您想太多了。', '您想太多了'],
  ])('flags %s', (text, span) => {
    const found = check(text).filter((f) => f.kind === 'feeling-denial');
    expect(found.map((f) => f.text)).toEqual([span]);
    expect(found[0]?.section).toBe('§3');
    expect(found[0]?.suggestion).toContain('先接纳客户感受');
  });

  it.each(['我理解您的感受，这确实很着急。', '我特别激动能帮到您。', '这两笔的区别在于时间。'])('does not flag %s', (text) => {
    expect(spans(text, 'feeling-denial')).toEqual([]);
  });
});

describe('索取密码 asking for a password (§5)', () => {
  it.each([
    ['请告诉我您的密码。', '告诉我您的密码'],
    ['您的取款密码是多少？', '您的取款密码是多少'],
    ['麻烦把您的网银密码报一下。', '把您的网银密码报'],
  ])('flags %s as critical', (text, span) => {
    const found = check(text).filter((f) => f.kind === 'secret-request');
    expect(found.map((f) => f.text)).toEqual([span]);
    expect(found[0]).toMatchObject({ severity: 'critical', section: '§5' });
  });

  it.each([
    '请不要把密码告诉任何人。',
    '我们不会向您索取密码。',
    '请在按键上输入您的密码。',
    '请告诉我您密码的第二位。',
    '请您重置密码。',
  ])('does not flag %s', (text) => {
    expect(spans(text, 'secret-request')).toEqual([]);
  });
});

describe('套话 canned phrases (§2)', () => {
  it('flags 「您的心情我理解」 and its variants once said more than three times', () => {
    const checker = createAgentLanguageChecker('zh-CN');
    const canned = (text: string): string[] =>
      checker.check(text, true).filter((f) => f.kind === 'canned-phrase').map((f) => f.text);
    expect(canned('您的心情我理解。')).toEqual([]);
    expect(canned('我理解您的心情。')).toEqual([]);
    expect(canned('我非常理解您的感受。')).toEqual([]);
    expect(canned('您的心情我理解，我们来处理。')).toEqual(['您的心情我理解']);
  });

  it('suggests in Simplified with the phrase quoted', () => {
    const checker = createAgentLanguageChecker('zh-CN', { cannedRepeatLimit: 0 });
    const found = checker.check('感谢您的耐心等待。', true).filter((f) => f.kind === 'canned-phrase');
    expect(found[0]?.suggestion).toBe('换一种说法，复述客户的具体问题，不要反复说“感谢您的耐心等待”。');
  });
});

describe('礼貌用语与应答流程 good markers (§1/§2)', () => {
  it('finds the greeting, confirmation and closing steps', () => {
    const found = check('您好，我是客服小王，工号1234。您是说卡丢了，对吗？还有什么可以帮您？感谢来电。');
    const good = (kind: LanguageRuleKind): string[] => found.filter((f) => f.kind === kind).map((f) => f.text);
    expect(good('politeness')).toEqual(['您好', '感谢']);
    expect(good('flow-greeting')).toEqual(['您好，我是客服小王', '工号1234']);
    expect(good('flow-confirm')).toEqual(['您是说卡丢了，对吗']);
    expect(good('flow-closing')).toEqual(['还有什么可以帮您', '感谢来电']);
    expect(found.every((f) => f.polarity === 'good')).toBe(true);
  });

  it('counts 请 and 谢谢 but not 申请 or 请求', () => {
    expect(spans('请稍等，谢谢。', 'politeness')).toEqual(['请', '谢谢']);
    expect(spans('您的申请和请求已提交。', 'politeness')).toEqual([]);
  });

  it('does not take any 「我是…」 for an introduction', () => {
    expect(spans('我是说这笔交易还在处理中。', 'flow-greeting')).toEqual([]);
    expect(spans('我是按照规定来操作的。', 'flow-greeting')).toEqual([]);
  });
});
