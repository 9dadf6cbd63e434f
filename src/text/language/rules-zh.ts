// The built-in Chinese agent-language table (manual §1, §2, §3, §5), written once in Simplified:
// every Han character is compiled to match its Traditional forms too (script.ts), so the same
// rows serve zh-CN, zh-TW and zh-HK calls; a few Cantonese forms (冇办法, 迟啲, 冷静啲) are
// included because Hong Kong agents speak Cantonese. Suggestions are converted per call.

import type { LanguageRule, LanguageRuleTable } from './types.js';

const ZH_NUM = '[零一二两三四五六七八九十半\\d]+';
const ZH_DAY = '(?:今天|明天|后天|今晚|本周[一二三四五六日天]?|下周[一二三四五六日天]?|周[一二三四五六日天]|星期[一二三四五六日天])';

/** A vague word followed closely by a concrete time or duration is a concrete promise. */
export const CONCRETE_TIME_ZH =
  `[^，。！？,.!?]{0,8}?(?:${ZH_DAY}?(?:上午|下午|中午|晚上|早上|傍晚)?${ZH_NUM}\\s*(?:点|点钟|[:：]\\d|分钟|个?小时|个?工作日|天内|天之内|号|日)|${ZH_DAY}(?:下班|中午|上午|下午|晚上)?(?:前|之前|以内|内))`;

const rules: readonly LanguageRule[] = [
  // §2 negative words (无法、不可能…)
  {
    id: 'zh.negative.unable',
    kind: 'negative-wording',
    patterns: ['无法'],
    unlessPrecededBy: '(?:并非|不是|没有)$',
    suggestion: '换成正面说法：“我可以为您……”，或“目前能为您做的是……”',
  },
  {
    id: 'zh.negative.impossible',
    kind: 'negative-wording',
    patterns: ['不可能'],
    // 没有什么不可能 / 没有不可能 (“nothing is impossible”) is the opposite of negative wording.
    unlessPrecededBy: '(?:没有|没|没有什么|没什么|并非|不是)$',
    suggestion: '换成正面说法：“我可以为您……”，或“我们可以这样处理……”',
  },
  {
    id: 'zh.negative.no-way',
    kind: 'negative-wording',
    patterns: ['没有?办法', '没法(?!子)', '冇办法', '冇得'],
    // 看看有没有办法 is a search for options, not a refusal.
    unlessPrecededBy: '有$',
    suggestion: '换成正面说法：“我可以为您……”，或“我们可以试试这样……”',
  },
  {
    id: 'zh.negative.cannot-do',
    kind: 'negative-wording',
    patterns: ['(?:做|办|处理|帮|解决|弄)不(?:到|了)', '(?:做|帮|搞)唔(?:到|掂)'],
    suggestion: '说出能做的：“我可以先为您……，再……”',
  },
  {
    id: 'zh.negative.not-allowed',
    kind: 'negative-wording',
    patterns: [
      '不(?:能|可以)(?:为您|给您|帮您|帮你|给你|替您|办理|处理|受理|退|改|取消|提供)',
      '不(?:予|给)?(?:受理|支持|允许)',
      '唔可以',
    ],
    // 能不能 / 可不可以 are questions, not refusals.
    unlessPrecededBy: '(?:能|可)$',
    suggestion: '说明可行的办法：“按规定，我们可以这样为您办理……”',
  },
  {
    id: 'zh.negative.no-go',
    kind: 'negative-wording',
    patterns: ['不行(?!的话)', '唔得(?!闲)'],
    unlessPrecededBy: '(?:行|得)$',
    suggestion: '换成正面说法：“我可以为您……”',
  },

  // §2 vague promises (尽快、稍后…)
  {
    id: 'zh.vague.asap',
    kind: 'vague-time',
    patterns: ['尽快', '尽早', '越快越好'],
    unlessFollowedBy: CONCRETE_TIME_ZH,
    suggestion: '给出具体时间：“我会在{时间}前为您{行动}”，例如“今天下午五点前给您回电”',
  },
  {
    id: 'zh.vague.later',
    kind: 'vague-time',
    // 请稍后。 is a hold request; 稍后给您回电 is a vague promise.
    patterns: [
      '稍后(?=[^，。！？,.!?\\s])',
      '晚(?:一)?点(?:再|会|给|帮|跟|回)',
      '晚些(?:时候)?',
      '迟些',
      '迟啲',
      '阵间',
      '等阵',
      '回头(?:再|会|给|跟|帮|联系|打)',
      '改天',
    ],
    unlessPrecededBy: '不$',
    unlessFollowedBy: CONCRETE_TIME_ZH,
    suggestion: '给出具体时间：“我会在{时间}前为您{行动}”，例如“今天下午五点前给您回电”',
  },
  {
    id: 'zh.vague.soon',
    kind: 'vague-time',
    patterns: ['过(?:一)?(?:会儿?|阵子?|段时间)', '过几天', '近期', '很快(?:就)?(?:会|能|可以)', '一会儿(?:再|会|给|帮)'],
    unlessPrecededBy: '(?:等|稍等)$',
    unlessFollowedBy: CONCRETE_TIME_ZH,
    suggestion: '给出具体时间：“预计{数字}个工作日内{结果}”，例如“两个工作日内到账”',
  },

  // §3 never deny the caller's feelings
  {
    id: 'zh.denial.calm-down',
    kind: 'feeling-denial',
    patterns: [
      '[你您](?:先|要|得|需要|能不能|可以|给我)?冷静(?:一点|一下|点|些|啲|下)?',
      '(?:请|先)冷静(?:一点|一下|点|些|啲|下)?',
      '冷静(?:一点|一下|啲)',
    ],
    suggestion: '先接纳客户感受：“我理解您的感受，这确实让人着急，我们一起来解决。”',
  },
  {
    id: 'zh.denial.dont-be-upset',
    kind: 'feeling-denial',
    patterns: [
      '(?:别|不要|用不着|没必要|不必|犯不着|何必)(?:这么|那么|太)?(?:激动|生气|发火|发脾气|大惊小怪)',
      '唔好(?:咁)?(?:激动|嬲)',
      '使乜(?:咁)?(?:嬲|激动)',
    ],
    // 特别激动 (“especially excited”), 分别, 区别 … are words, not “don't”.
    unlessPrecededBy: '[特分区告级派辨识个类性差离道]$',
    suggestion: '先接纳客户感受：“我理解您的心情，换作是我也会着急。”',
  },
  {
    id: 'zh.denial.not-serious',
    kind: 'feeling-denial',
    patterns: [
      '没(?:有)?(?:那么|这么)严重',
      '冇咁严重',
      '没什么大不了',
      '有什么好(?:生气|激动|着急)的',
      '[你您]想(?:得)?太多了?',
      '[你您](?:反应过度|太敏感|太激动)了?',
      '小题大做',
    ],
    suggestion: '先接纳客户感受：“这件事确实给您带来了困扰，我来帮您处理。”',
  },

  // §5 never ask for a full password or PIN
  {
    id: 'zh.secret.ask-password',
    kind: 'secret-request',
    patterns: [
      '(?:告诉|告知|提供|报|说|念|读|讲)(?:一下|一遍)?(?:给)?(?:我|我们)?[你您]?的?[^，。？！,?!]{0,8}?(?:密码|PIN)',
      '[你您]的?[^，。？！,?!]{0,8}?(?:密码|PIN码?)是(?:多少|什么|几)',
      '把[你您]?的?[^，。？！,?!]{0,6}?(?:密码|PIN码?)(?:告诉|报|说|念|讲|给)',
    ],
    unlessPrecededBy: '(?:不要|别|切勿|请勿|勿|不会|不能|不得|绝不|从不|不可以|千万不要|不需要|无需)[^，。？！,?!]{0,8}$',
    // Keypad entry and single positions (“第二位和第四位”) are the compliant ways.
    unlessFollowedBy: '[^，。？！,?!]{0,6}?(?:按键|键盘|第.位)',
    suggestion: '不得索取完整密码或PIN：请按合规流程验证身份（例如请客户在按键上输入）。',
  },

  // §1 polite phrases
  {
    id: 'zh.polite.basic',
    kind: 'politeness',
    patterns: ['您好', '你好', '请', '谢谢', '感谢', '多谢', '麻烦您', '不好意思', '抱歉', '对不起', '唔该'],
    // 申请 (apply), 邀请 (invite), 请求 (request) and 请假 (leave) are not courtesy.
    unlessPrecededBy: '[申邀聘宴恳提回]$',
    unlessFollowedBy: '[求假柬帖]',
  },

  // §2 standard response flow
  {
    id: 'zh.flow.greeting',
    kind: 'flow-greeting',
    // “我是…” introduces the agent only right after the greeting or with a service title;
    // elsewhere it is just “I am …”.
    patterns: [
      '(?:您好|你好)[，,。！!\\s]*(?:[^，。！？,.!?]{1,16}[，,]\\s*)?(?:我是|我叫|我系)(?!说|想|觉得|认为|不是|在|问|要)[^，。！？,.!?\\s]{1,12}',
      '(?:我是|我叫|我系)[^，。！？,.!?\\s]{0,12}?(?:客服|专员|坐席|代表|经理|顾问)[^，。！？,.!?\\s]{0,6}',
      '工号[：:\\s]*[\\d零一二三四五六七八九幺]+',
      '(?:很|非常)?高兴为您服务',
      '欢迎致电',
      '感谢您?致电',
    ],
  },
  {
    id: 'zh.flow.confirm',
    kind: 'flow-confirm',
    patterns: [
      '[你您](?:是说|的意思是)(?:[^。！？?]{0,40}?(?:对吗|是吗|对吧|是吧|对不对|是不是))?',
      '(?:我|先)?(?:跟|和|向)[你您](?:再)?确认一下',
      '我(?:再|先)?确认一下',
      '我理解的是',
      '也就是说[^。！？?]{0,40}?(?:对吗|是吗|对吧|是吧)',
    ],
  },
  {
    id: 'zh.flow.closing',
    kind: 'flow-closing',
    patterns: [
      '还有(?:什么|其他|别的)(?:问题|业务|事情|需要)?(?:可以|需要|能)?(?:帮|为)(?:到)?[你您]',
      '还有(?:什么|其他|别的)(?:问题|需要|业务)吗',
      // Not the opening's thanks: followed by the agent's name, number or an offer of help, it greets.
      '(?:感谢|谢谢|多谢)(?:您|你)?(?:的)?来电(?![，,。！!\\s]*(?:我是|我叫|我系|工号|请问|有什么(?:可以|能|需要)|(?:很|非常)?高兴为您))',
      '祝您(?:生活愉快|愉快|一切顺利|工作顺利)',
      '仲有(?:咩|其他|乜嘢)(?:可以)?帮到[你您]',
    ],
  },
];

/** Canned phrases: fine once or twice, insincere when repeated (manual §2 套話). */
const canned: readonly LanguageRule[] = [
  {
    id: 'zh.canned.understand',
    kind: 'canned-phrase',
    patterns: [
      '我(?:非常|十分|很|完全)?(?:能|可以)?理解[你您]的(?:心情|感受)',
      '[你您]的(?:心情|感受)我(?:非常|十分|很|完全)?(?:能|可以)?理解',
    ],
  },
  {
    id: 'zh.canned.patience',
    kind: 'canned-phrase',
    patterns: ['(?:感谢|谢谢)[你您]的耐心(?:等待)?'],
  },
  {
    id: 'zh.canned.inconvenience',
    kind: 'canned-phrase',
    patterns: [
      '(?:给[你您])?带来(?:的)?不便[，,]?\\s*(?:深表|非常|十分|敬请)?(?:抱歉|歉意|谅解)',
      '(?:非常|十分|很)?抱歉给[你您]带来(?:了)?(?:不便|麻烦)',
    ],
  },
  {
    id: 'zh.canned.rest-assured',
    kind: 'canned-phrase',
    patterns: ['请[你您]放心'],
  },
];

export const CHINESE_LANGUAGE_RULES: LanguageRuleTable = {
  language: 'zh',
  rules: [...rules, ...canned],
  jargon: [
    { term: '头寸', plain: '账户里可用的资金' },
    { term: '轧差', plain: '相互抵销后的差额' },
    { term: '起息日', plain: '开始计算利息的日期' },
    { term: '冲正', plain: '把这笔交易撤销、款项退回' },
    { term: '圈存', plain: '暂时冻结的金额' },
    { term: '预授权', plain: '先暂时冻结一笔金额，交易完成后再扣款' },
    { term: '清算', plain: '银行之间处理这笔款项' },
    { term: '止付', plain: '暂停付款' },
    { term: '调单', plain: '调取交易凭证' },
    { term: '拒付', plain: '向商户申请退回这笔款项' },
    { term: '挂账', plain: '暂时记在账上' },
    { term: '收单行', plain: '商户合作的银行' },
    { term: 'KYC', plain: '身份核实' },
    { term: 'SWIFT', plain: '国际汇款用的银行代码' },
    { term: 'AML', plain: '资金来源核查' },
  ],
  jargonSuggestion: {
    withPlain: '用通俗说法：把“{term}”说成“{plain}”。',
    withoutPlain: '请用通俗的话解释“{term}”。',
  },
  cannedSuggestion: '换一种说法，复述客户的具体问题，不要反复说“{phrase}”。',
};
