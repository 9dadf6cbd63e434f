// English agent-language rules: every kind fires on agent phrasing and stays quiet on the
// look-alikes a bank agent says every day.

import { describe, expect, it } from 'vitest';
import { createAgentLanguageChecker, type LanguageFinding, type LanguageRuleKind } from '../../src/text/language/index.js';

function check(text: string, isFinal = true): LanguageFinding[] {
  return createAgentLanguageChecker('en-GB').check(text, isFinal);
}

function spans(text: string, kind: LanguageRuleKind): string[] {
  return check(text).filter((f) => f.kind === kind).map((f) => f.text);
}

describe('negative wording (§2)', () => {
  it.each([
    ["I'm afraid that's impossible.", 'impossible'],
    ["There's nothing I can do about it.", "There's nothing I can do"],
    ["We can't reverse the fee.", "We can't"],
    ['I cannot change the limit today.', 'I cannot'],
    ["We're unable to refund it.", "We're unable to"],
    ["That's not possible on this account.", "'s not possible"],
    ['That is not possible, sorry.', 'is not possible'],
    ["It's against our policy.", 'against our policy'],
  ])('flags %j', (text, span) => {
    const found = check(text).filter((f) => f.kind === 'negative-wording');
    expect(found.map((f) => f.text)).toEqual([span]);
    expect(found[0]).toMatchObject({ polarity: 'violation', section: '§2', severity: 'warning' });
    expect(found[0]?.rule).toContain('negative words');
    expect(found[0]?.suggestion).toMatch(/can do/);
  });

  it('reads curly apostrophes as straight ones', () => {
    expect(spans('We can’t do that.', 'negative-wording')).toEqual(['We can’t']);
  });

  it.each([
    'Nothing is impossible for us.',
    "It's not impossible, let me look.",
    "I can't wait to help you with that.",
    "I couldn't agree more.",
    "I can't thank you enough for your patience.",
    'No problem at all, I can do that right now.',
    'What I can do is send a new card today.',
  ])('does not flag %j', (text) => {
    expect(spans(text, 'negative-wording')).toEqual([]);
  });
});

describe('vague promises (§2)', () => {
  it.each([
    ["I'll call you back later.", 'later'],
    ['We will fix it as soon as possible.', 'as soon as possible'],
    ["You'll hear from us soon.", 'soon'],
    ['Someone will contact you shortly.', 'shortly'],
    ["I'll check in a while.", 'in a while'],
    ['I will email you later today.', 'later today'],
    ["We'll sort it ASAP.", 'ASAP'],
  ])('flags %j', (text, span) => {
    const found = check(text).filter((f) => f.kind === 'vague-time');
    expect(found.map((f) => f.text)).toEqual([span]);
    expect(found[0]?.suggestion).toMatch(/by \{time\}|within \{n\}/);
  });

  it.each([
    'The refund will arrive no later than 5 pm.',
    'It will be done not later than tomorrow.',
    "I'll call you back later, by 5 pm today.",
    'You will get it soon, within two working days.',
    'As soon as the transfer clears you will see it.',
    'The fee was charged two days later.',
    'I will call you back at 3:30 this afternoon.',
  ])('does not flag %j', (text) => {
    expect(spans(text, 'vague-time')).toEqual([]);
  });
});

describe('jargon (§1/§2)', () => {
  it('flags the default list, case-sensitively for acronyms, with the plain words', () => {
    const found = check('The ACH and your SWIFT code failed the KYC check.').filter((f) => f.kind === 'jargon');
    expect(found.map((f) => f.text)).toEqual(['ACH', 'SWIFT code', 'KYC']);
    expect(found[0]?.suggestion).toBe('Use plain words: say "bank transfer" instead of "ACH".');
    expect(found[0]?.severity).toBe('info');
  });

  it('does not read ordinary words as acronyms', () => {
    expect(spans('Put the old card in the bin, please.', 'jargon')).toEqual([]);
  });

  it("adds a bank's own terms and lets it override a default's plain words", () => {
    const checker = createAgentLanguageChecker('en-US', {
      jargon: [{ term: 'escrow shortage' }, { term: 'ACH', plain: 'an electronic transfer' }],
    });
    const found = checker.check('Your escrow shortage came from the ACH.', true).filter((f) => f.kind === 'jargon');
    expect(found.map((f) => f.text)).toEqual(['escrow shortage', 'ACH']);
    expect(found[0]?.suggestion).toBe('Explain "escrow shortage" in plain words.');
    expect(found[1]?.suggestion).toContain('an electronic transfer');
  });
});

describe('feeling denial (§3)', () => {
  it.each([
    ['Calm down, sir.', 'Calm down'],
    ["You're overreacting.", "You're overreacting"],
    ["There's no need to get upset.", "There's no need to get upset"],
    ["Don't get so angry.", "Don't get so angry"],
    ["It's not that bad.", "It's not that bad"],
  ])('flags %j', (text, span) => {
    const found = check(text).filter((f) => f.kind === 'feeling-denial');
    expect(found.map((f) => f.text)).toEqual([span]);
    expect(found[0]).toMatchObject({ section: '§3', polarity: 'violation' });
  });

  it.each(['Things will calm down after the weekend.', 'I understand how upsetting this is.'])('does not flag %j', (text) => {
    expect(spans(text, 'feeling-denial')).toEqual([]);
  });
});

describe('asking for a password or PIN (§5)', () => {
  it.each([
    ['Can you tell me your PIN?', 'Can you tell me your PIN'],
    ['What is your online banking password?', 'What is your online banking password'],
    ["What's your PIN?", "What's your PIN"],
    ['Please give me your full password.', 'Please give me your full password'],
  ])('flags %j as critical', (text, span) => {
    const found = check(text).filter((f) => f.kind === 'secret-request');
    expect(found.map((f) => f.text)).toEqual([span]);
    expect(found[0]).toMatchObject({ severity: 'critical', section: '§5' });
  });

  it.each([
    'We will never ask you to tell me your PIN.',
    'Please enter your PIN on the keypad.',
    'Can you tell me your PIN on the keypad now?',
    'What are the second and fourth characters of your password?',
    'Can you tell me your date of birth?',
  ])('does not flag %j', (text) => {
    expect(spans(text, 'secret-request')).toEqual([]);
  });
});

describe('canned phrases (§2)', () => {
  it('flags a stock phrase only after it was said more than the limit, on final utterances', () => {
    const checker = createAgentLanguageChecker('en-GB');
    const say = (isFinal: boolean): LanguageFinding[] =>
      checker.check('Thank you for your patience.', isFinal).filter((f) => f.kind === 'canned-phrase');
    expect(say(true)).toEqual([]);
    expect(say(true)).toEqual([]);
    expect(say(true)).toEqual([]);
    expect(say(false)).toEqual([]); // partials are not counted
    const fourth = say(true);
    expect(fourth).toHaveLength(1);
    expect(fourth[0]?.suggestion).toContain('"Thank you for your patience"');
    expect(say(true)).toHaveLength(1);
  });

  it('counts each stock phrase separately and honours a configured limit', () => {
    const checker = createAgentLanguageChecker('en-GB', { cannedRepeatLimit: 1 });
    expect(checker.check('I understand your frustration.', true).filter((f) => f.kind === 'canned-phrase')).toEqual([]);
    expect(checker.check('Sorry for the inconvenience.', true).filter((f) => f.kind === 'canned-phrase')).toEqual([]);
    const second = checker.check('I understand your frustration, thank you.', true).filter((f) => f.kind === 'canned-phrase');
    expect(second.map((f) => f.text)).toEqual(['I understand your frustration']);
  });

  it('counts two occurrences in one utterance', () => {
    const checker = createAgentLanguageChecker('en-GB', { cannedRepeatLimit: 1 });
    const found = checker.check('Rest assured, we will fix it. Rest assured.', true);
    expect(found.filter((f) => f.kind === 'canned-phrase').map((f) => f.start)).toEqual([30]);
  });
});

describe('good markers (§1/§2)', () => {
  it('finds politeness and each step of the call flow', () => {
    const text =
      "Hello, my name is Anna, from the cards team. Just to confirm, you lost your card? Is there anything else? Thank you for calling, please take care.";
    const found = check(text);
    const good = (kind: LanguageRuleKind): string[] => found.filter((f) => f.kind === kind && f.polarity === 'good').map((f) => f.text);
    expect(good('politeness')).toEqual(['Hello', 'Thank you', 'please']);
    expect(good('flow-greeting')).toEqual(['my name is Anna', 'from the cards team']);
    expect(good('flow-confirm')).toEqual(['Just to confirm']);
    expect(good('flow-closing')).toEqual(['Is there anything else', 'Thank you for calling']);
    expect(found.every((f) => f.polarity === 'good' && f.severity === 'info')).toBe(true);
  });

  it('reads "thank you for calling <bank>" as the greeting, not the closing', () => {
    const found = check('Thank you for calling Harbour Bank, this is Li.');
    expect(found.filter((f) => f.kind === 'flow-greeting').map((f) => f.text)).toEqual(['Thank you for calling Harbour Bank', 'this is Li']);
    expect(found.filter((f) => f.kind === 'flow-closing')).toEqual([]);
  });

  it.each([
    ['did I understand correctly?', 'did I understand correctly'],
    ['So what you are saying is the card was declined.', 'So what you are saying is'],
    ['This is Maria speaking.', 'This is Maria'],
  ])('finds %j', (text, span) => {
    expect(check(text).some((f) => f.text === span && f.polarity === 'good')).toBe(true);
  });

  it('does not take "this is important," for an introduction', () => {
    expect(spans('this is important, please listen.', 'flow-greeting')).toEqual([]);
  });
});

describe('findings', () => {
  it('carry UTF-16 offsets into the utterance, in order', () => {
    const text = '👋 Hello — I cannot do that later.';
    const found = check(text);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.text);
    const starts = found.map((f) => f.start);
    expect([...starts].sort((a, b) => a - b)).toEqual(starts);
    expect(found.map((f) => f.kind)).toEqual(['politeness', 'negative-wording', 'vague-time']);
  });

  it('returns nothing for an empty or neutral utterance', () => {
    expect(check('')).toEqual([]);
    expect(check('The statement shows two transactions on Monday.')).toEqual([]);
  });
});
