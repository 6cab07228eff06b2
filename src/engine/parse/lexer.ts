// The tokenizer. Each Latin letter is its own token (`ab` is a·b, as in LaTeX); numbers are whole
// (`0.5`, `.5`); Unicode math characters become the tokens their LaTeX spelling would give, with
// the location of the Unicode character, so errors still point at what the student wrote.
import type { SourceRange } from '../source/location';
import { COMBINING_ACCENTS, SUBSCRIPTS, SUPERSCRIPTS, UNICODE_TOKENS } from './commands/unicode';
import { UNSLASHED_FUNCTIONS } from './commands/functions';
import { isMultiLetterName } from './commands/acronyms';

export type TokenKind = 'cmd' | 'letter' | 'num' | 'char' | 'other' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** `\frac`, `\,`, `x`, `0.5`, `(`; '' for eof. Unicode is canonicalised (`σ` → `\sigma`). */
  readonly text: string;
  readonly loc: SourceRange;
  /** Numbers only. */
  readonly value?: number;
  /** Numbers only: digits after the decimal point. */
  readonly decimals?: number;
}

const CHARS = new Set("^_'()[]{}+-*/=<>,;&|!:.~?@#$\"");
const isLetter = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
/** White space, and the invisible characters editors leave in text (zero-width space, joiners, BOM). */
const isSpace = (c: string) => /[\s\u200b-\u200d\u2060\ufeff]/.test(c);

export function numberToken(text: string, start: number): Token {
  const dot = text.indexOf('.');
  return {
    kind: 'num', text, loc: { start, end: start + text.length }, value: Number(text),
    decimals: dot < 0 ? 0 : text.length - dot - 1,
  };
}

/** The whole run of letters that starts at `i` (none inside a run, nor one an accent follows). */
function wordAt(src: string, i: number, start: number, end: number): string | undefined {
  if (i > start && isLetter(src[i - 1])) return undefined;
  let j = i;
  while (j < end && isLetter(src[j])) j++;
  return COMBINING_ACCENTS[src[j]] ? undefined : src.slice(i, j);
}

/** `tanh` in `tanh(x)`: a word that names a function, outside a sub- or superscript. */
function functionWord(src: string, i: number, word: string | undefined, start: number): string | undefined {
  if (!word || word.length < 2 || !UNSLASHED_FUNCTIONS.has(word)) return undefined;
  const before = src.slice(Math.max(start, i - 2), i).replace(/\s+/g, '');
  return /[_^]\{?$/.test(before) ? undefined : word;
}

/** Tokens of `src[start, end)`, always ending with an eof token at `end`. Never throws. */
export function tokenize(src: string, start = 0, end = src.length): Token[] {
  const out: Token[] = [];
  const push = (kind: TokenKind, text: string, s: number, e: number) => out.push({ kind, text, loc: { start: s, end: e } });
  // A letter-like token, preceded by its accent when a combining mark follows (`y\u0302`).
  const pushBase = (kind: TokenKind, text: string, s: number, e: number): number => {
    const accent = e < end ? COMBINING_ACCENTS[src[e]] : undefined;
    if (accent) {
      push('cmd', accent, s, e + 1);
      push(kind, text, s, e + 1);
      return e + 1;
    }
    push(kind, text, s, e);
    return e;
  };
  let i = start;
  while (i < end) {
    const ch = src[i];
    if (isSpace(ch)) { i++; continue; }
    if (ch === '%') {
      while (i < end && src[i] !== '\n' && src[i] !== '\r') i++;
      continue;
    }
    if (ch === '\\') {
      let j = i + 1;
      if (j >= end) { push('other', '\\', i, j); break; }
      if (isLetter(src[j])) while (j < end && isLetter(src[j])) j++;
      else j++;
      push('cmd', src.slice(i, j), i, j);
      i = j;
      continue;
    }
    if (isDigit(ch) || (ch === '.' && i + 1 < end && isDigit(src[i + 1]))) {
      let j = i;
      while (j < end && isDigit(src[j])) j++;
      if (src[j] === '.' && j + 1 < end && isDigit(src[j + 1])) {
        j++;
        while (j < end && isDigit(src[j])) j++;
      }
      out.push(numberToken(src.slice(i, j), i));
      i = j;
      continue;
    }
    if (isLetter(ch)) {
      const run = wordAt(src, i, start, end);
      const word = functionWord(src, i, run, start);
      // `MSE` in `MSE = \frac{1}{n} SSE`, `Precision`: a word that names one quantity (commands/acronyms.ts).
      const acronym = !word && run && isMultiLetterName(run) ? run : undefined;
      if (word) {
        push('cmd', `\\${word}`, i, i + word.length);
        i += word.length;
      } else if (acronym) {
        push('letter', acronym, i, i + acronym.length);
        i += acronym.length;
      } else i = pushBase('letter', ch, i, i + 1);
      continue;
    }
    if (CHARS.has(ch)) { push('char', ch, i, i + 1); i++; continue; }
    const script = SUPERSCRIPTS[ch] !== undefined ? SUPERSCRIPTS : SUBSCRIPTS[ch] !== undefined ? SUBSCRIPTS : undefined;
    if (script) { i = lexScriptRun(src, i, end, script, out); continue; }
    const mapped = UNICODE_TOKENS[ch];
    if (mapped !== undefined) {
      if (mapped.startsWith('\\')) i = pushBase('cmd', mapped, i, i + 1);
      else if (mapped.length === 1 && isLetter(mapped)) i = pushBase('letter', mapped, i, i + 1);
      else {
        for (const c of mapped) if (!isSpace(c)) push('char', c, i, i + 1);
        i++;
      }
      continue;
    }
    const nfd = ch.normalize('NFD');
    if (nfd.length === 2 && isLetter(nfd[0]) && COMBINING_ACCENTS[nfd[1]]) {
      push('cmd', COMBINING_ACCENTS[nfd[1]], i, i + 1);
      push('letter', nfd[0], i, i + 1);
      i++;
      continue;
    }
    const code = src.charCodeAt(i);
    const width = code >= 0xd800 && code <= 0xdbff && i + 1 < end ? 2 : 1;
    push('other', src.slice(i, i + width), i, i + width);
    i += width;
  }
  out.push({ kind: 'eof', text: '', loc: { start: end, end } });
  return out;
}

/** `x⁻¹` → `^ { - 1 }`; each token keeps the location of its Unicode character. */
function lexScriptRun(src: string, i: number, end: number, table: Readonly<Record<string, string>>, out: Token[]): number {
  let j = i;
  let ascii = '';
  while (j < end && table[src[j]] !== undefined) ascii += table[src[j++]];
  const at = (s: number, e: number) => ({ start: s, end: e });
  out.push({ kind: 'char', text: table === SUPERSCRIPTS ? '^' : '_', loc: at(i, i + 1) });
  out.push({ kind: 'char', text: '{', loc: at(i, i + 1) });
  for (const t of tokenize(ascii)) {
    if (t.kind === 'eof') break;
    const loc = at(t.loc.start + i, t.loc.end + i);
    out.push(t.kind === 'num' ? { ...numberToken(t.text, loc.start) } : { ...t, loc });
  }
  out.push({ kind: 'char', text: '}', loc: at(j - 1, j) });
  return j;
}

/** The index of the token closing the group `open` opens at `i` (numbers never close one), or -1. */
export function matchingClose(toks: readonly Token[], i: number, open: string, close: string): number {
  let depth = 0;
  for (let j = i; j < toks.length; j++) {
    const t = toks[j];
    if (t.kind === 'num' || t.kind === 'eof') continue;
    if (t.text === open) depth++;
    else if (t.text === close && --depth === 0) return j;
  }
  return -1;
}
