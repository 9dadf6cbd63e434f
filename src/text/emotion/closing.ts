// Replies that only close the call. Manual §2 step 4: the agent confirms the need was met ("anything
// else?") and the caller answers 「没有了」 / "no, that's all". Out of context the text model reads
// 「没有了」 ("there is none left", "it's gone") as disappointment — on Weibo it usually is — and an
// empathy prompt fired as a relieved caller said goodbye (scenario emergency-zh-CN). An utterance
// that is nothing but such a reply, with thanks or goodbye, says the caller is done, not upset.

import type { TextLanguage } from '../lang.js';

const ZH_CLOSING = new RegExp(
  '^(?:(?:好的?|嗯|行|哦)[，,]?)?' +
    '(?:没有了|没了|没有|没事了|不用了|暂时没有了?|没有(?:其他|别的)(?:的)?(?:问题|事情?|需要)?了?|就这些了?|就这样吧?)' +
    '(?:[，,、\\s]*(?:谢谢(?:你|您)?(?:了|啊|哈)?|再见|拜拜))*' +
    '[。.!！~～\\s]*$',
  'u',
);

const EN_PHRASE = "that'?s (?:all|it|everything)|nothing else|i'?m (?:all )?(?:good|set)|all (?:good|set)|no,? thanks?|no thank you|that(?: will|'ll) be all";
const EN_THANKS = 'thanks?(?: you)?(?: so much| very much)?|bye|goodbye|have a (?:good|nice|great) day';
const EN_CLOSING = new RegExp(`^(?:(?:no|nope|nah|ok(?:ay)?|alright|all right|great|perfect)[,.!]?\\s*)*(?:${EN_PHRASE})?(?:[,.!\\s]*(?:${EN_THANKS}))*[.!\\s]*$`);
const EN_SAYS_DONE = new RegExp(`(?:${EN_PHRASE}|${EN_THANKS})`);

/** Whether the whole utterance is a closing reply (Simplified text for Chinese). A bare "no" is not. */
export function isClosingReply(text: string, language: TextLanguage): boolean {
  const t = text.trim().toLowerCase();
  if (t.length === 0) return false;
  if (language === 'zh') return ZH_CLOSING.test(t);
  return EN_SAYS_DONE.test(t) && EN_CLOSING.test(t);
}
