import { describe, expect, it } from 'vitest';
import { loadedToTraditional, opencc } from '../../src/text/opencc.js';
import { resolveCallLanguage, toCallScript } from '../../src/text/language/script.js';

describe('OpenCC converters', () => {
  it('converts both ways, with the variants the service uses', () => {
    expect(opencc('cn', 'tw')('账户余额')).toBe('賬戶餘額');
    expect(opencc('tw', 'cn')('帳戶餘額')).toBe('帐户余额');
    expect(opencc('hk', 'cn')('戶口')).toBe('户口');
  });

  it('lets the large to-Traditional dictionaries go once idle, and builds them again on use', async () => {
    const hk = resolveCallLanguage('zh-HK');
    const first = toCallScript('请稍后，我帮您查询账户。', hk);
    expect(loadedToTraditional()).toBeGreaterThan(0);
    // Released about 2 s after its last use; a busy machine runs the sweep late, so wait for it
    // (up to 30 s) rather than for a fixed time.
    for (const t0 = Date.now(); loadedToTraditional() > 0 && Date.now() - t0 < 30_000; ) await new Promise((r) => setTimeout(r, 100));
    expect(loadedToTraditional()).toBe(0);
    // A text converted before is remembered; a new one loads the converter again.
    expect(toCallScript('请稍后，我帮您查询账户。', hk)).toBe(first);
    expect(loadedToTraditional()).toBe(0);
    expect(toCallScript('信息已更新', resolveCallLanguage('zh-TW'))).toBe('資訊已更新');
    expect(loadedToTraditional()).toBe(1);
  });
});
