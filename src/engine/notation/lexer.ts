// Tokens of plain-text math (Unicode prose, ASCII in code comments). Unlike LaTeX, a run of ASCII
// letters and digits is one token (`sigmoid`, `yhat`, `W1`, `dL`): the translator decides what a
// word means. Positions are indices into the text that was lexed.

export type PlainKind =
  /** `sigmoid`, `dL`, `W1`: an ASCII identifier without `_` (the translator reads `_` itself). */
  | 'word'
  | 'number'
  /** A non-ASCII letter (σ, λ, ŷ, ℓ) or an ASCII letter with combining marks (`y\u0302`). */
  | 'letter'
  /** `\frac`, `\,`: LaTeX written in plain text passes through. */
  | 'command'
  /** Unicode superscripts and subscripts (², ᵀ, ⁻¹, ᵢ): postfix, like `^2`. */
  | 'script'
  | 'space'
  | 'newline'
  /** Any other character, or one of the multi-character operators `**` `.*` `./` `.^` `==` `:=` `!=` `<=` `>=` `->` `=>`. */
  | 'op';

export interface PlainToken {
  readonly kind: PlainKind;
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

const MULTI_OPS = ['**', '.*', './', '.^', '==', ':=', '!=', '<=', '>=', '->', '=>'];
const SCRIPT_CHARS = /[\u2070-\u209c\u00b2\u00b3\u00b9\u1d40\u1d62-\u1d65\u2c7c\u2071\u207f]/;
const MARK = /\p{M}/u;
/** A combining mark (checked cheaply: none lies below U+0300). */
const COMBINING = { test: (c: string) => c !== '' && c.charCodeAt(0) >= 0x300 && MARK.test(c) };
const isAsciiLetter = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

export function lexPlain(text: string): PlainToken[] {
  const out: PlainToken[] = [];
  const push = (kind: PlainKind, start: number, end: number) => out.push({ kind, text: text.slice(start, end), start, end });
  const marksEnd = (j: number) => {
    while (j < text.length && COMBINING.test(text[j])) j++;
    return j;
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '\n') { push('newline', i, i + 1); i++; continue; }
    if (c === ' ' || c === '\t' || c === '\u00a0' || c === '\r') {
      let j = i;
      while (j < text.length && /[ \t\u00a0\r]/.test(text[j])) j++;
      push('space', i, j);
      i = j;
      continue;
    }
    if (isAsciiLetter(c)) {
      // A letter carrying a combining accent is a symbol of its own (`x̂` in `x̂_i`).
      if (COMBINING.test(text[i + 1] ?? '')) { const j = marksEnd(i + 1); push('letter', i, j); i = j; continue; }
      let j = i + 1;
      while (j < text.length && (isAsciiLetter(text[j]) || isDigit(text[j])) && !COMBINING.test(text[j + 1] ?? '')) j++;
      push('word', i, j);
      i = j;
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(text[i + 1]) && !isAsciiLetter(text[i - 1]) && !isDigit(text[i - 1]))) {
      let j = i;
      while (isDigit(text[j])) j++;
      if (text[j] === '.' && isDigit(text[j + 1])) {
        j++;
        while (isDigit(text[j])) j++;
      }
      push('number', i, j);
      i = j;
      continue;
    }
    if (c === '\\') {
      let j = i + 1;
      if (isAsciiLetter(text[j])) while (isAsciiLetter(text[j])) j++;
      else if (j < text.length && text[j] !== '\n') j++;
      push('command', i, j);
      i = j;
      continue;
    }
    if (SCRIPT_CHARS.test(c)) { push('script', i, i + 1); i++; continue; }
    const code = c.codePointAt(0)!;
    const width = code > 0xffff ? 2 : 1;
    if (/\p{L}/u.test(text.slice(i, i + width))) {
      const j = marksEnd(i + width);
      push('letter', i, j);
      i = j;
      continue;
    }
    const multi = MULTI_OPS.find((op) => text.startsWith(op, i));
    // `x.*y` is elementwise; but a sentence may end in `.` before an emphasis `*`: require no space
    // after, unless a space comes before too (`C' .* s`, `e ./ (1 + e)` is code's spacing, not a sentence's).
    const spacedOperator = /\s/.test(text[i - 1] ?? '') && multi !== '.^';
    if (multi && !(multi[0] === '.' && /\s/.test(text[i + 2] ?? ' ') && multi !== '.^' && !spacedOperator)) {
      push('op', i, i + 2);
      i += 2;
      continue;
    }
    push('op', i, i + width);
    i += width;
  }
  return out;
}
