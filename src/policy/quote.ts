// The caller's words for the agent to reflect back (manual §3 復述): the sentence or clause of the
// utterance that carries the emotion — the one holding the text model's cues or the playbook's
// complaint words — rather than the whole utterance, and never a greeting or filler on its own
// ("Hello.", 「你好。」). Short enough to say back in one breath.

const HAN = /[\u3400-\u9fff]/;
/** Clause-ending punctuation: sentences first, then commas for a sentence too long to say back. */
const SENTENCE = /[^.!?。！？；;…]+[.!?。！？；;…]*/g;
const CLAUSE = /[^,，、]+[,，、]*/g;
/** A clause that only greets, answers or fills. */
const FILLER_EN = /^(?:hello|hi|hey|good\s+(?:morning|afternoon|evening)|yes|yeah|yep|no|okay|ok|right|well|so|um+|uh+|erm|oh|look|listen|excuse\s+me|sorry|thanks|thank\s+you)(?:\s+(?:there|again|then|so))?$/i;
const FILLER_ZH = /^(?:你好|您好|喂|哎|唉|嗯|哦|啊|好的|好|是的|对|那个|请问|不好意思|谢谢)+$/;

const bare = (s: string) => s.replace(/[\s.,!?;:…"'“”‘’。，、！？；：「」]+/g, ' ').trim();
const isFiller = (clause: string) => {
  const b = bare(clause);
  return b === '' || FILLER_EN.test(b) || FILLER_ZH.test(b.replace(/\s+/g, ''));
};

/** Longest quote: a breath's worth of words. */
const MAX_CHARS = { en: 110, zh: 40 };

export function pickQuote(utterance: string, hotWords: readonly string[]): string {
  const text = utterance.trim();
  if (text === '') return '';
  const zh = HAN.test(text);
  const max = zh ? MAX_CHARS.zh : MAX_CHARS.en;
  const sentences = (text.match(SENTENCE) ?? [text]).map((s) => s.trim()).filter((s) => !isFiller(s));
  if (sentences.length === 0) return clip(text, max, zh);
  const hot = hotWords.map((w) => w.trim().toLowerCase()).filter((w) => w.length > 0);
  const score = (s: string) => {
    const lower = s.toLowerCase();
    return hot.filter((w) => lower.includes(w)).length * 2 + (/[!！]/.test(s) ? 1 : 0);
  };
  // The best sentence; ties go to the earlier one (the emotion usually comes first).
  let best = sentences[0]!;
  for (const s of sentences) if (score(s) > score(best)) best = s;
  if (best.length <= max) return best;
  // Too long to say back: the best clause of it, with the one after it while they fit.
  const clauses = (best.match(CLAUSE) ?? [best]).map((c) => c.trim()).filter((c) => !isFiller(c));
  let at = 0;
  clauses.forEach((c, i) => {
    if (score(c) > score(clauses[at]!)) at = i;
  });
  let quote = clauses[at] ?? best;
  for (let i = at + 1; i < clauses.length && `${quote} ${clauses[i]}`.length <= max; i++) quote = zh ? quote + clauses[i] : `${quote} ${clauses[i]}`;
  return clip(quote.replace(/[,，、]$/, ''), max, zh);
}

function clip(s: string, max: number, zh: boolean): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max);
  const atWord = zh ? cut : cut.replace(/\s+\S*$/, '');
  return `${atWord}…`;
}
