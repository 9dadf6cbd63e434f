// A real BERT WordPiece tokenizer.json (the Hugging Face tokenizers format) over a vocabulary made
// here: special tokens, the words given, single letters and digits with their ## continuations, and
// CJK characters (BERT splits Chinese into characters) up to the size asked for.

const SPECIALS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;
const CJK_FIRST = 0x4e00;
const CJK_LAST = 0x9fff;

export function bertVocabulary(words: readonly string[], size: number): string[] {
  const vocab: string[] = [...SPECIALS];
  const seen = new Set<string>(vocab);
  const add = (t: string) => {
    if (vocab.length < size && !seen.has(t)) {
      seen.add(t);
      vocab.push(t);
    }
  };
  for (const c of '.,!?\'"-:;()') add(c);
  for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789') add(c);
  for (const c of 'abcdefghijklmnopqrstuvwxyz0123456789') add(`##${c}`);
  for (const w of words) add(w.toLowerCase());
  for (let cp = CJK_FIRST; cp <= CJK_LAST && vocab.length < size; cp++) add(String.fromCodePoint(cp));
  return vocab;
}

export interface TokenizerFiles {
  tokenizer: object;
  tokenizerConfig: object;
}

export function bertTokenizerFiles(vocab: readonly string[], maxLength: number): TokenizerFiles {
  const id = (t: string) => vocab.indexOf(t);
  const special = (content: string) => ({ id: id(content), content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true });
  const token = (name: string, typeId: number) => ({ SpecialToken: { id: name, type_id: typeId } });
  const sequence = (name: 'A' | 'B', typeId: number) => ({ Sequence: { id: name, type_id: typeId } });
  return {
    tokenizer: {
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: SPECIALS.map(special),
      normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
      pre_tokenizer: { type: 'BertPreTokenizer' },
      post_processor: {
        type: 'TemplateProcessing',
        single: [token('[CLS]', 0), sequence('A', 0), token('[SEP]', 0)],
        pair: [token('[CLS]', 0), sequence('A', 0), token('[SEP]', 0), sequence('B', 1), token('[SEP]', 1)],
        special_tokens: Object.fromEntries(['[CLS]', '[SEP]'].map((t) => [t, { id: t, ids: [id(t)], tokens: [t] }])),
      },
      decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
      model: {
        type: 'WordPiece',
        unk_token: '[UNK]',
        continuing_subword_prefix: '##',
        max_input_chars_per_word: 100,
        vocab: Object.fromEntries(vocab.map((t, i) => [t, i])),
      },
    },
    tokenizerConfig: {
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      model_max_length: maxLength,
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      mask_token: '[MASK]',
    },
  };
}
