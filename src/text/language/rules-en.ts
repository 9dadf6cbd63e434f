// The built-in English agent-language table (manual §1, §2, §3, §5). Data only: compiled by
// compile.ts. Guards (unlessPrecededBy/unlessFollowedBy) carry the must-not-fire cases, e.g.
// "nothing is impossible for us", "I can't wait to help", "no later than 5 pm".

import type { LanguageRule, LanguageRuleTable } from './types.js';

const NUM_WORD = '(?:\\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|forty-eight|an?)';
const CLOCK = '\\d{1,2}(?::\\d{2})?\\s*(?:a\\.?m\\b\\.?|p\\.?m\\b\\.?|o\'clock)?';
const CLOCK_STRICT = '\\d{1,2}(?::\\d{2})?\\s*(?:a\\.?m\\b\\.?|p\\.?m\\b\\.?|o\'clock)|\\d{1,2}:\\d{2}';
const DAY = '(?:today|tomorrow|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday|noon|midday|midnight|(?:the\\s+)?end\\s+of\\s+(?:today|the\\s+day|business|the\\s+week))';

/** A vague word followed closely by a concrete time or duration is a concrete promise. */
export const CONCRETE_TIME_EN =
  `[^.!?;]{0,24}?\\b(?:(?:by|before|at|around|within|in|no\\s+later\\s+than)\\s+(?:${CLOCK}|${NUM_WORD}\\s+(?:minutes?|mins?|hours?|(?:working\\s+|business\\s+)?days?|weeks?)|${DAY})|${CLOCK_STRICT}|${NUM_WORD}\\s+(?:minutes?|hours?|(?:working\\s+|business\\s+)?days?)|on\\s+${DAY})`;

// Words a speaker puts before a vague or negative word to negate it.
const NEGATED_BEFORE = "\\b(?:not|no|never|isn't|wasn't|nothing(?:'s|\\s+is)?)\\s+$";

const rules: readonly LanguageRule[] = [
  // §2 negative words
  {
    id: 'en.negative.impossible',
    kind: 'negative-wording',
    patterns: ["\\bimpossible\\b"],
    unlessPrecededBy: "\\b(?:nothing(?:'s|\\s+is)?(?:\\s+ever)?|not|isn't|is\\s+never|never)\\s+$",
    suggestion: 'Say what you can do instead: "What I can do is …" / "The best option I can offer is …"',
  },
  {
    id: 'en.negative.nothing-i-can-do',
    kind: 'negative-wording',
    patterns: ["\\b(?:there(?:'s|\\s+is)\\s+)?nothing\\s+(?:more\\s+|else\\s+)?(?:I|we)\\s+can\\s+do\\b"],
    suggestion: 'Offer the next step instead: "What I can do right now is …"',
  },
  {
    id: 'en.negative.cannot',
    kind: 'negative-wording',
    patterns: [
      "\\b(?:I|we)\\s*(?:can't|cannot|can\\s+not|couldn't|won't\\s+be\\s+able\\s+to)\\b",
      "\\b(?:I|we)(?:'m|'re|\\s+am|\\s+are)\\s+(?:unable|not\\s+able)\\s+to\\b",
    ],
    // "I can't wait to help", "I couldn't agree more", "I can't thank you enough" are warm, not
    // refusals; "I can't hear you" is about the line.
    unlessFollowedBy: "\\s+(?:wait|thank\\b|agree|imagine|believe|stress|emphasi[sz]e|tell\\s+you\\s+how|apologi[sz]e\\s+enough|hear\\s+you)",
    suggestion: 'Lead with what is possible: "What I can do is …"',
  },
  {
    id: 'en.negative.not-possible',
    kind: 'negative-wording',
    patterns: ["\\b(?:not|isn't|is\\s+not|'s\\s+not)\\s+possible\\b", "\\bthere(?:'s|\\s+is)\\s+no\\s+way\\b"],
    suggestion: 'Say what is possible: "What we can do instead is …"',
  },
  {
    id: 'en.negative.not-allowed',
    kind: 'negative-wording',
    patterns: ["\\b(?:not\\s+allowed|against\\s+(?:our\\s+|the\\s+bank's\\s+)?polic(?:y|ies))\\b"],
    suggestion: 'Explain the option that fits the rules: "The way we can do this is …"',
  },

  // §2 vague promises
  {
    id: 'en.vague.asap',
    kind: 'vague-time',
    patterns: ["\\bas\\s+soon\\s+as\\s+(?:possible|(?:I|we)\\s+can|(?:I'm|we're)\\s+able)\\b", '\\bASAP\\b'],
    unlessFollowedBy: CONCRETE_TIME_EN,
    suggestion: 'Give a concrete time or action: "I will {action} by {time}", e.g. "I will call you back by 5 pm today."',
  },
  {
    id: 'en.vague.later',
    kind: 'vague-time',
    patterns: ['\\blater(?:\\s+on|\\s+today|\\s+this\\s+(?:morning|afternoon|evening|week))?\\b'],
    unlessPrecededBy: `${NEGATED_BEFORE}|\\b(?:\\d+|one|two|three|four|five|six|seven|a)\\s+(?:minutes?|hours?|days?|weeks?)\\s+$`,
    unlessFollowedBy: `\\s+than\\b|${CONCRETE_TIME_EN}`,
    suggestion: 'Give a concrete time: "I will {action} by {time}", e.g. "I will call you back by 5 pm today."',
  },
  {
    id: 'en.vague.soon',
    kind: 'vague-time',
    patterns: ['\\b(?:soon|shortly|in\\s+a\\s+(?:little\\s+)?(?:while|bit)|at\\s+some\\s+point|in\\s+due\\s+course|sometime(?:\\s+soon)?)\\b'],
    // "as soon as the transfer clears" ties the time to an event: not a vague promise.
    unlessPrecededBy: `\\bas\\s+$|${NEGATED_BEFORE}`,
    unlessFollowedBy: `\\s+as\\b|\\s+after\\b|${CONCRETE_TIME_EN}`,
    suggestion: 'Give a concrete time: "You will {result} within {n} working days" or "by {time} today".',
  },

  // §3 never deny the caller's feelings
  {
    id: 'en.denial.calm-down',
    kind: 'feeling-denial',
    patterns: ['\\b(?:calm|settle)\\s+down\\b', '\\b(?:just|please)\\s+relax\\b'],
    unlessPrecededBy: '\\b(?:things|it|markets?|situation|that)\\s+(?:will\\s+|should\\s+|to\\s+)?$',
    suggestion: 'Acknowledge the feeling instead: "I understand how you feel — let\'s sort this out together."',
  },
  {
    id: 'en.denial.overreacting',
    kind: 'feeling-denial',
    patterns: [
      "\\b(?:you're|you\\s+are)\\s+(?:over-?reacting|being\\s+(?:unreasonable|dramatic|too\\s+emotional|emotional))\\b",
      "\\bdon't\\s+over-?react\\b",
      "\\b(?:there's\\s+|there\\s+is\\s+)?no\\s+need\\s+to\\s+(?:get|be)\\s+(?:so\\s+)?(?:upset|angry|worked\\s+up|emotional)\\b",
      "\\bdon't\\s+get\\s+(?:so\\s+)?(?:upset|angry|worked\\s+up)\\b",
      "\\b(?:it's|it\\s+is)\\s+not\\s+(?:that\\s+bad|a\\s+big\\s+deal|such\\s+a\\s+big\\s+deal|that\\s+big\\s+(?:of\\s+)?a\\s+deal)\\b",
      "\\byou\\s+shouldn't\\s+be\\s+(?:so\\s+)?(?:upset|angry)\\b",
    ],
    suggestion: 'Accept the feeling: "I can hear how upsetting this is. Let me help fix it."',
  },

  // §5 never ask for a full password or PIN
  {
    id: 'en.secret.ask-password',
    kind: 'secret-request',
    patterns: [
      "\\b(?:can|could|would|will)\\s+you\\s+(?:please\\s+)?(?:tell|give|read|say|confirm|provide|spell)\\s+(?:me\\s+)?(?:out\\s+)?(?:your|the)\\s+(?:(?:full|whole|complete|online|internet|mobile|phone|banking|card|account|atm|debit|credit)\\s+)*(?:password|passcode|pin)\\b",
      "\\bwhat(?:'s|\\s+is)\\s+(?:your|the)\\s+(?:(?:full|whole|complete|online|internet|mobile|phone|banking|card|account|atm|debit|credit)\\s+)*(?:password|passcode|pin)\\b",
      "\\b(?:please\\s+)?(?:tell|give|read|say)\\s+(?:me|us)\\s+your\\s+(?:(?:full|whole|complete|online|internet|mobile|phone|banking|card|account|atm|debit|credit)\\s+)*(?:password|passcode|pin)\\b",
      "\\bI(?:'ll|\\s+will)?\\s+need\\s+(?:your|the)\\s+(?:(?:full|whole|complete|online|internet|mobile|banking|card|account|atm)\\s+)*(?:password|passcode|pin)\\b",
    ],
    // Keypad entry and "the 2nd and 4th characters" are the compliant ways; negations are advice.
    unlessPrecededBy: "\\b(?:never|not|don't|won't|shouldn't|do\\s+not|will\\s+not)\\s+(?:[\\w']+\\s+){0,4}$",
    unlessFollowedBy: "\\s+(?:number\\s+)?(?:on|using|with|into|via|through)\\s+(?:the\\s+|your\\s+)?(?:phone\\s+)?(?:keypad|keyboard|dial\\s?pad|app|terminal)|(?:'s)?\\s+(?:first|second|third|fourth|last|\\d(?:st|nd|rd|th))\\s+(?:and\\s+\\w+\\s+)?(?:characters?|digits?|letters?)",
    suggestion: 'Never ask for a full password or PIN: verify identity the approved way (keypad entry or a one-time code).',
  },

  // §1 polite phrases
  {
    id: 'en.polite.basic',
    kind: 'politeness',
    patterns: [
      "\\b(?:please|thank\\s+you|thanks|hello|good\\s+(?:morning|afternoon|evening)|you're\\s+welcome|my\\s+pleasure|excuse\\s+me)\\b",
    ],
  },

  // §2 standard response flow
  {
    id: 'en.flow.greeting',
    kind: 'flow-greeting',
    patterns: [
      "\\bmy\\s+name\\s+is\\s+[A-Za-z][\\w'-]*",
      "\\b(?:you're|you\\s+are)\\s+speaking\\s+(?:to|with)\\s+[A-Za-z][\\w'-]*",
      '\\b(?:from|with|in)\\s+the\\s+(?:[a-z]+\\s+){1,2}?(?:team|department|desk|centre|center)\\b',
      "\\b(?:thank\\s+you|thanks)\\s+for\\s+calling\\s+(?:[\\w'&-]+\\s+){0,3}?(?:bank|cards?|services|customer\\s+service|hotline|support)\\b",
      '\\bwelcome\\s+to\\s+(?:[\\w\'&-]+\\s+){0,3}?(?:bank|cards?|services|customer\\s+service|hotline)\\b',
    ],
  },
  {
    // Case matters here: "This is Anna, …" introduces a person, "this is important, …" does not.
    id: 'en.flow.greeting-this-is',
    kind: 'flow-greeting',
    caseSensitive: true,
    patterns: ["\\b[Tt]his\\s+is\\s+[A-Z][a-z'-]+(?=\\s+(?:speaking|from|at|in)\\b|\\s*[,.])"],
  },
  {
    id: 'en.flow.confirm',
    kind: 'flow-confirm',
    patterns: [
      '\\b(?:just\\s+)?to\\s+confirm\\b',
      '\\b(?:let\\s+me|can\\s+I|may\\s+I)\\s+(?:just\\s+)?confirm\\b',
      '\\b(?:did|do|have)\\s+I\\s+(?:understood|understand)\\s+(?:you\\s+)?correctly\\b',
      '\\bif\\s+I\\s+understand\\s+(?:you\\s+)?correctly\\b',
      "\\bso\\s+what\\s+(?:you're|you\\s+are)\\s+saying\\s+is\\b",
      "\\bso\\s+(?:you're|you\\s+are)\\s+saying\\b",
      '\\bis\\s+that\\s+(?:right|correct)\\b',
    ],
  },
  {
    id: 'en.flow.closing',
    kind: 'flow-closing',
    patterns: [
      '\\bis\\s+there\\s+anything\\s+else\\b',
      '\\banything\\s+else\\s+I\\s+can\\s+(?:help|do|assist)\\b',
      // Not the opening's thanks: followed by the agent's name or an offer of help, it greets.
      "\\b(?:thank\\s+you|thanks)\\s+for\\s+calling\\b(?!\\s+(?:[\\w'&-]+\\s+){0,3}?(?:bank|cards?|services|customer\\s+service|hotline|support)\\b)(?![\\s,.!;:-]*(?:my\\s+name\\s+is|this\\s+is|(?:you're|you\\s+are)\\s+speaking|(?:how|what)\\s+(?:can|may|might)\\s+I)\\b)",
      '\\bhave\\s+a\\s+(?:great|good|nice|lovely|wonderful)\\s+(?:day|evening|afternoon|weekend)\\b',
    ],
  },
];

/** Canned phrases: fine once or twice, insincere when repeated (manual §2 套話). */
const canned: readonly LanguageRule[] = [
  {
    id: 'en.canned.understand',
    kind: 'canned-phrase',
    patterns: [
      '\\bI\\s+(?:completely\\s+|totally\\s+|fully\\s+|really\\s+)?understand\\s+(?:your\\s+(?:frustration|concern)|how\\s+(?:you\\s+feel|frustrating\\s+this\\s+(?:is|must\\s+be)))',
    ],
  },
  {
    id: 'en.canned.patience',
    kind: 'canned-phrase',
    patterns: ['\\b(?:thank\\s+you|thanks)\\s+(?:so\\s+much\\s+)?for\\s+(?:your\\s+patience|bearing\\s+with\\s+me|holding)\\b'],
  },
  {
    id: 'en.canned.inconvenience',
    kind: 'canned-phrase',
    patterns: ["\\b(?:(?:I'm|I\\s+am|we're|we\\s+are)\\s+(?:so\\s+|very\\s+)?sorry|(?:I|we)\\s+apologi[sz]e)\\s+for\\s+(?:the|any)\\s+inconvenience\\b"],
  },
  {
    id: 'en.canned.valued',
    kind: 'canned-phrase',
    patterns: ['\\byou\\s+are\\s+a\\s+valued\\s+customer\\b', '\\byour\\s+call\\s+is\\s+important\\s+to\\s+us\\b', '\\brest\\s+assured\\b'],
  },
];

export const ENGLISH_LANGUAGE_RULES: LanguageRuleTable = {
  language: 'en',
  rules: [...rules, ...canned],
  jargon: [
    { term: 'ACH', plain: 'bank transfer' },
    { term: 'SWIFT code', plain: "the bank's international code for transfers" },
    { term: 'KYC', plain: 'identity checks' },
    { term: 'AML', plain: 'checks on where money comes from' },
    { term: 'IBAN', plain: 'international account number' },
    { term: 'BIN', plain: 'the first digits of the card number' },
    { term: 'MCC', plain: 'the type of shop' },
    { term: 'chargeback', plain: 'disputing the payment with the shop' },
    { term: 'value date', plain: 'the date the money counts as arrived' },
    { term: 'provisional credit', plain: 'a temporary refund while we investigate' },
    { term: 'pre-authorization', plain: 'a temporary hold on the amount' },
    { term: 'pre-authorisation', plain: 'a temporary hold on the amount' },
    { term: 'authorization hold', plain: 'a temporary hold on the amount' },
    { term: 'pending settlement', plain: 'still being processed' },
    { term: 'cut-off time', plain: 'the daily deadline' },
    { term: 'standing instruction', plain: 'a regular automatic payment' },
  ],
  jargonSuggestion: {
    withPlain: 'Use plain words: say "{plain}" instead of "{term}".',
    withoutPlain: 'Explain "{term}" in plain words.',
  },
  cannedSuggestion: 'Vary the wording and be specific: reflect what the caller said instead of repeating "{phrase}".',
};
