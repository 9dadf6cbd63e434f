// The part of RFC 8941 Structured Field Values that HTTP message signatures need: Dictionaries
// whose members are Inner Lists or Items with Parameters (Signature-Input, Signature), and the
// serialisation of an Inner List for the "@signature-params" line. Strict: anything else is an
// error, because a signature check must not guess.

export type BareItem = string | number | boolean | Uint8Array | { token: string };
export interface Param {
  key: string;
  value: BareItem;
}
export interface Item {
  value: BareItem;
  params: Param[];
}
export interface InnerList {
  items: Item[];
  params: Param[];
}
export type Member = Item | InnerList;

export const isInnerList = (m: Member): m is InnerList => 'items' in m;

class Parser {
  i = 0;
  constructor(readonly s: string) {}
  peek(): string {
    return this.s[this.i] ?? '';
  }
  fail(what: string): never {
    throw new SyntaxError(`structured field: ${what} at ${this.i}`);
  }
  ows(): void {
    while (this.peek() === ' ' || this.peek() === '\t') this.i++;
  }
  sp(): void {
    while (this.peek() === ' ') this.i++;
  }
  key(): string {
    const m = /^[a-z*][a-z0-9_\-.*]*/.exec(this.s.slice(this.i));
    if (!m) this.fail('key expected');
    this.i += m[0].length;
    return m[0];
  }
  bareItem(): BareItem {
    const c = this.peek();
    if (c === '"') return this.string();
    if (c === ':') return this.bytes();
    if (c === '?') {
      const v = this.s[this.i + 1];
      if (v !== '0' && v !== '1') this.fail('boolean expected');
      this.i += 2;
      return v === '1';
    }
    if (c === '-' || (c >= '0' && c <= '9')) return this.number();
    const m = /^[A-Za-z*][!#$%&'*+\-.^_`|~0-9A-Za-z:/]*/.exec(this.s.slice(this.i));
    if (!m) this.fail('item expected');
    this.i += m[0].length;
    return { token: m[0] };
  }
  string(): string {
    this.i++;
    let out = '';
    for (;;) {
      const c = this.s[this.i++];
      if (c === undefined) this.fail('unterminated string');
      if (c === '"') return out;
      if (c === '\\') {
        const n = this.s[this.i++];
        if (n !== '"' && n !== '\\') this.fail('bad escape');
        out += n;
      } else {
        const code = c.charCodeAt(0);
        if (code < 0x20 || code > 0x7e) this.fail('bad string character');
        out += c;
      }
    }
  }
  bytes(): Uint8Array {
    const end = this.s.indexOf(':', this.i + 1);
    if (end < 0) this.fail('unterminated byte sequence');
    const b64 = this.s.slice(this.i + 1, end);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64)) this.fail('bad byte sequence');
    this.i = end + 1;
    return new Uint8Array(Buffer.from(b64, 'base64'));
  }
  number(): number {
    const m = /^-?\d{1,15}(\.\d{1,3})?/.exec(this.s.slice(this.i));
    if (!m) this.fail('number expected');
    this.i += m[0].length;
    return Number(m[0]);
  }
  params(): Param[] {
    const out: Param[] = [];
    while (this.peek() === ';') {
      this.i++;
      this.sp();
      const key = this.key();
      let value: BareItem = true;
      if (this.peek() === '=') {
        this.i++;
        value = this.bareItem();
      }
      out.push({ key, value });
    }
    return out;
  }
  member(): Member {
    if (this.peek() !== '(') {
      const value = this.bareItem();
      return { value, params: this.params() };
    }
    this.i++;
    const items: Item[] = [];
    for (;;) {
      this.sp();
      if (this.peek() === ')') {
        this.i++;
        return { items, params: this.params() };
      }
      const value = this.bareItem();
      items.push({ value, params: this.params() });
      const c = this.peek();
      if (c !== ' ' && c !== ')') this.fail('inner list: space or ) expected');
    }
  }
}

/** Parses a Dictionary field value (several header lines may be joined with ", "). */
export function parseDictionary(field: string): Map<string, Member> {
  const p = new Parser(field.trim());
  const out = new Map<string, Member>();
  if (p.s === '') return out;
  for (;;) {
    const key = p.key();
    let member: Member;
    if (p.peek() === '=') {
      p.i++;
      member = p.member();
    } else member = { value: true, params: p.params() };
    out.set(key, member);
    p.ows();
    if (p.i >= p.s.length) return out;
    if (p.peek() !== ',') p.fail('comma expected');
    p.i++;
    p.ows();
    if (p.i >= p.s.length) p.fail('trailing comma');
  }
}

export function serializeBareItem(v: BareItem): string {
  if (typeof v === 'string') return `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  if (typeof v === 'boolean') return v ? '?1' : '?0';
  if (typeof v === 'number') return String(v);
  if (v instanceof Uint8Array) return `:${Buffer.from(v).toString('base64')}:`;
  return v.token;
}

export function serializeParams(params: readonly Param[]): string {
  return params.map((p) => (p.value === true ? `;${p.key}` : `;${p.key}=${serializeBareItem(p.value)}`)).join('');
}

export function serializeInnerList(list: InnerList): string {
  return `(${list.items.map((it) => serializeBareItem(it.value) + serializeParams(it.params)).join(' ')})${serializeParams(list.params)}`;
}
