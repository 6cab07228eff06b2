// The writing half of a translation from plain text to LaTeX: a cursor over the plain tokens (with a
// limit, for translating a part in place) and the output, each output character mapped to the source
// character it stands for (LocatedBuilder). The Translator (translate.ts) adds the grammar.
import type { PlainToken } from './lexer';
import { LocatedBuilder, type Located } from './located';

export const OPENERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };

export class TokenWriter {
  protected readonly out = new LocatedBuilder();
  protected i: number;
  protected limit: number;
  /** The last emission ended with a control word: a letter must not follow directly. */
  protected afterControlWord = false;

  constructor(
    protected readonly source: Located,
    protected readonly tokens: readonly PlainToken[],
    protected readonly from: number,
    protected readonly to: number,
  ) {
    this.i = from;
    this.limit = to;
  }

  // ——— emission

  protected emit(text: string, start: number, end = start + 1): void {
    if (text === '') return;
    if (this.afterControlWord && /^[A-Za-z]/.test(text)) this.out.push(' ', this.source.offsets[start]);
    this.out.pushOver(text, this.source.offsets[start], this.source.offsets[Math.max(start, end - 1)] + 1);
    this.afterControlWord = /\\[A-Za-z]+$/.test(text);
  }

  protected copyToken(t: PlainToken): void {
    this.copyRange(t.start, t.end);
    this.afterControlWord = t.kind === 'command' && /^\\[A-Za-z]+$/.test(t.text);
  }

  /** Copies source characters [start, end) as written. */
  protected copyRange(start: number, end: number): void {
    if (this.afterControlWord && /^[A-Za-z]/.test(this.source.text[start])) this.out.push(' ', this.source.offsets[start]);
    this.out.copy(this.source, start, end);
    this.afterControlWord = false;
  }

  /** Emits `text` mapped onto the last source character emitted (closing braces, suffixes). */
  protected emitAfter(text: string): void {
    const offset = this.out.lastOffset() ?? this.source.offsets[0];
    this.out.push(text, offset);
    this.afterControlWord = /\\[A-Za-z]+$/.test(text);
  }

  // ——— token access

  protected tok(k = this.i): PlainToken | undefined {
    return k < this.limit ? this.tokens[k] : undefined;
  }

  protected isOp(k: number, ...texts: string[]): boolean {
    const t = this.tok(k);
    return t !== undefined && t.kind === 'op' && texts.includes(t.text);
  }

  /** Index of the first non-space token at or after k (newlines are not skipped). */
  protected skipSpace(k: number): number {
    while (this.tok(k)?.kind === 'space') k++;
    return k;
  }

  /** Tokens k-1 and k touch (no space between). */
  protected adjacent(k: number): boolean {
    const a = this.tok(k - 1);
    const b = this.tok(k);
    return a !== undefined && b !== undefined && a.end === b.start;
  }

  /** Index of the token closing the bracket opened at k, or -1. */
  protected matching(k: number): number {
    const open = this.tok(k)!.text;
    const close = OPENERS[open];
    let depth = 0;
    for (let j = k; j < this.limit; j++) {
      const t = this.tokens[j];
      if (t.kind !== 'op') continue;
      if (t.text === open) depth++;
      else if (t.text === close && --depth === 0) return j;
    }
    return -1;
  }

  /** Translates tokens [from, to) in place, then continues after them. */
  protected within(from: number, to: number, f: () => void): void {
    const saved = this.limit;
    this.i = from;
    this.limit = Math.min(to, saved);
    try {
      f();
    } finally {
      this.limit = saved;
    }
  }
}
