// Claims in plain text: in a line of prose (Markdown) or of a code comment, an equation whose left
// side is a derivative (`∂L/∂C_i = …`, `dL/dd = …`, `σ′(z) = …`, `∇_b L = …`, `d/dz σ(z) = …`).
// Prose before the derivative (`So`, `(c)`, `wrong:`) and after the equation (`, so …`, a final
// `.`) is not part of the claim. Whether the left side is a derivative is decided by parsing its
// translation, so `d = 3 is the size` and `dog/day = 2` are prose.
import type { MathSpan } from '../source/span';
import type { Node } from '../parse/ast';
import { parseChain } from '../parse/parser';
import { lexPlain, type PlainToken } from './lexer';
import type { Located } from './located';
import { MAX_PRODUCT_WORD, OPERATOR_WORDS, STOP_WORDS, isKnownWord, isVariableWord } from './names';
import { Translator } from './translate';

/** Cheap test: could this text hold a plain claim at all? (an equation and a derivative sign) */
export function mayHoldPlainClaim(text: string): boolean {
  return /[=≈]/.test(text) && /[∂∇′']|(?:^|[^A-Za-z])d[^\s/]{0,24}\s*\/|grad|nabla|\\(?:partial|nabla|d?frac)/.test(text);
}

const RELATIONS = new Set(['=', '\u2248', '\\approx']);
const OPENERS = new Set(['(', '[', '{']);
const PRIMES = new Set(["'", '\u2032', '\u2033']);
const CLOSERS = new Set([')', ']', '}']);
const OPENERS_TO_CLOSERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}' };
/** Tokens after which a claim may start: the start of the line, prose punctuation, a bullet. */
const LEAD_INS = new Set([':', ',', ';', '(', '[', ')', '.', '!', '?', '"', '\u201c', '\u2014', '\u2013']);
const BULLETS = new Set(['-', '*', '+', '\u2022', '>']);
/** Prose punctuation and arrows (`->`, `=>`, `→`, `⇒`) that end an equation. */
const SENTENCE_ENDS = new Set([';', ':', '$', '#', '\u2014', '->', '=>', '\u2192', '\u21d2', '\u27f9']);
/** A line ending in one of these continues on the next line. */
const CONTINUING = new Set(['+', '-', '\u2212', '*', '**', '/', '=', '\u2248', '(', '[', '{', ',', '@', '\u00b7', '\u00d7', '\u2299', '^', '_']);
/** Ends of operands: a following word is prose rather than a factor. */
const OPERAND_ENDS = new Set<PlainToken['kind']>(['word', 'number', 'letter', 'script']);
/** How far back (in tokens) a derivative left side may start. */
const MAX_LHS_TOKENS = 40;

/** The plain claims of `run` (one or more lines of prose or comment text), as math spans in document order. */
export function findClaims(run: Located): MathSpan[] {
  if (!mayHoldPlainClaim(run.text)) return [];
  return new ClaimFinder(run, lexPlain(run.text)).find();
}

class ClaimFinder {
  constructor(
    private readonly run: Located,
    private readonly tokens: readonly PlainToken[],
  ) {}

  find(): MathSpan[] {
    const spans: MathSpan[] = [];
    let lineStart = 0;
    let cursor = 0;
    let braces = 0;
    for (let r = 0; r < this.tokens.length; r++) {
      const t = this.tokens[r];
      if (t.kind === 'newline') {
        lineStart = Math.max(lineStart, r + 1);
        cursor = Math.max(cursor, r + 1);
        braces = 0;
        continue;
      }
      if (t.kind === 'op' && t.text === '{') braces++;
      else if (t.kind === 'op' && t.text === '}') braces = Math.max(0, braces - 1);
      if (r < cursor || braces > 0 || !this.isRelation(r)) continue;
      const start = this.lhsStart(r, Math.max(lineStart, cursor));
      if (start === undefined) {
        // This equation is not a claim; a later one on the line may be, but not with this one in it.
        cursor = r + 1;
        continue;
      }
      const end = this.claimEnd(r);
      spans.push(this.span(start, end));
      cursor = end;
      const last = this.tokens[end - 1];
      if (last) lineStart = this.lineStartOf(end - 1);
      braces = 0;
      r = end - 1;
    }
    return spans;
  }

  private isRelation(k: number): boolean {
    const t = this.tokens[k];
    return (t.kind === 'op' || t.kind === 'command') && RELATIONS.has(t.text);
  }

  private lineStartOf(k: number): number {
    while (k > 0 && this.tokens[k - 1].kind !== 'newline') k--;
    return k;
  }

  private previousSignificant(k: number, floor: number): number {
    let j = k - 1;
    while (j >= floor && this.tokens[j].kind === 'space') j--;
    return j;
  }

  /** The earliest token from which the text up to relation r is a derivative, if any. */
  private lhsStart(r: number, floor: number): number | undefined {
    // Earliest first: the first start that reads as a derivative is the answer (each try translates and parses).
    for (let s = Math.max(floor, r - MAX_LHS_TOKENS); s <= r - 1; s++) {
      if (!this.mayStartDerivative(s) || !this.mayStartAfter(s, floor)) continue;
      const lhs = this.translate(s, r);
      const parsed = parseChain(lhs.text);
      if (parsed.ok && parsed.chain.members.length === 1 && !parsed.chain.leadingOp && isDerivativeForm(parsed.chain.members[0])) return s;
    }
    return undefined;
  }

  /** Token s can begin a derivative: `∂`, `∇`, a bracket, a LaTeX command, `dL`/`d`, `grad`, or a name with a prime. */
  private mayStartDerivative(s: number): boolean {
    const t = this.tokens[s];
    const next = this.tokens[s + 1];
    const primed = next !== undefined && next.start === t.end && PRIMES.has(next.text);
    switch (t.kind) {
      case 'op':
        return t.text === '\u2202' || t.text === '\u2207' || OPENERS.has(t.text);
      case 'command':
        return true;
      case 'letter':
        return primed;
      case 'word':
        return primed || (t.text[0] === 'd' && (t.text === 'd' || isVariableWord(t.text.slice(1)))) || OPERATOR_WORDS.has(t.text.toLowerCase());
      default:
        return false;
    }
  }

  /** A claim starting at token s must follow the start of the line, a prose word, punctuation or a bullet. */
  private mayStartAfter(s: number, floor: number): boolean {
    const p = this.previousSignificant(s, floor);
    if (p < floor) return true;
    const prev = this.tokens[p];
    if (p + 1 === s) {
      // Touching: only opening punctuation may touch the claim (`(∂L/∂d = 2)`, `"…"`).
      return prev.kind === 'op' && (prev.text === '(' || prev.text === '[' || prev.text === '"' || prev.text === '\u201c');
    }
    if (prev.kind === 'word') return this.isProseWord(p);
    if (prev.kind === 'op' && LEAD_INS.has(prev.text)) return true;
    // `- dL/dz = …`: a list bullet opening the line.
    return prev.kind === 'op' && BULLETS.has(prev.text) && this.previousSignificant(p, floor) < floor;
  }

  /** A word that is English rather than math: a stop word or a long unknown word (not a call, not a derivative). */
  private isProseWord(k: number): boolean {
    const t = this.tokens[k];
    if (t.kind !== 'word' || t.text.length < 2 || isKnownWord(t.text)) return false;
    if (t.text[0] === 'd' && isVariableWord(t.text.slice(1))) return false;
    const next = this.tokens[k + 1];
    if (next && next.start === t.end && next.kind === 'op' && (next.text === '(' || next.text === '_' || next.text === '.' || next.text === "'")) {
      // `loss(x)`, `x_hat`, `np.exp`: code, unless it ends a sentence (`… the end.`).
      if (!(next.text === '.' && (this.tokens[k + 2] === undefined || this.tokens[k + 2].kind === 'space' || this.tokens[k + 2].kind === 'newline'))) return false;
    }
    return STOP_WORDS.has(t.text.toLowerCase()) || (t.text.length > MAX_PRODUCT_WORD && /^[A-Za-z]+$/.test(t.text));
  }

  /** Where the equation that has its first relation at r ends (exclusive token index). */
  private claimEnd(r: number): number {
    let depth = 0;
    let lastSignificant = r;
    let k = r + 1;
    for (; k < this.tokens.length; k++) {
      const t = this.tokens[k];
      if (t.kind === 'space') continue;
      if (t.kind === 'newline') {
        const last = this.tokens[lastSignificant];
        const continues = last.kind === 'op' && CONTINUING.has(last.text);
        if (!(continues || this.nextLineStartsWithRelation(k)) || !this.nextLineHasText(k)) break;
        continue;
      }
      if (t.kind === 'op') {
        const x = t.text;
        if (depth === 0 && this.isProseAside(k)) break;
        if (OPENERS.has(x)) depth++;
        else if (CLOSERS.has(x)) {
          if (depth === 0) break;
          depth--;
        } else if (depth === 0 && this.endsSentence(k)) break;
        else if (depth === 0 && x === ',' && this.proseFollows(k)) break;
      } else if (t.kind === 'word' && depth === 0 && this.isProseWord(k) && this.operandEndsAt(lastSignificant)) break;
      lastSignificant = k;
    }
    return lastSignificant + 1;
  }

  /** The next line goes on with `= …` (a chain aligned under its first line). */
  private nextLineStartsWithRelation(newline: number): boolean {
    let k = newline + 1;
    while (this.tokens[k]?.kind === 'space') k++;
    return k < this.tokens.length && this.isRelation(k);
  }

  /**
   * `(used σ, not σ′)`, `(i.e. …)`, `(σ is tanh here)` after a space: a remark in brackets, not a
   * factor of the claim. It opens with a prose word, or holds an English stop word (`is`, `the`).
   */
  private isProseAside(open: number): boolean {
    const t = this.tokens[open];
    if ((t.text !== '(' && t.text !== '[') || this.tokens[open - 1]?.kind !== 'space') return false;
    let k = open + 1;
    while (this.tokens[k]?.kind === 'space') k++;
    if (this.tokens[k]?.kind === 'word' && (this.isProseWord(k) || this.isAbbreviation(k))) return true;
    const close = OPENERS_TO_CLOSERS[t.text];
    for (let depth = 0; k < this.tokens.length && this.tokens[k].kind !== 'newline'; k++) {
      const x = this.tokens[k];
      if (x.kind === 'op' && x.text === t.text) depth++;
      else if (x.kind === 'op' && x.text === close && depth-- === 0) return false;
      else if (x.kind === 'word' && STOP_WORDS.has(x.text.toLowerCase()) && this.isProseWord(k)) return true;
    }
    return false;
  }

  /** `i.e.`, `e.g.`, `cf.`, `ie`, `eg`: abbreviations that start prose. */
  private isAbbreviation(k: number): boolean {
    const word = this.tokens[k].text.toLowerCase();
    if (word === 'ie' || word === 'eg' || word === 'cf') return true;
    const [dot, second, dot2] = [this.tokens[k + 1], this.tokens[k + 2], this.tokens[k + 3]];
    const abbreviation = (word === 'i' && second?.text === 'e') || (word === 'e' && second?.text === 'g');
    return abbreviation && dot?.text === '.' && dot2?.text === '.' && dot.start === this.tokens[k].end && second.start === dot.end && dot2.start === second.end;
  }

  private nextLineHasText(newline: number): boolean {
    for (let k = newline + 1; k < this.tokens.length; k++) {
      const t = this.tokens[k];
      if (t.kind === 'newline') return false;
      if (t.kind !== 'space') return true;
    }
    return false;
  }

  /** `;`, `:`, `$`, `#`, `—`, arrows, and `.`, `?`, `!` before a space or the end: the equation is over. */
  private endsSentence(k: number): boolean {
    const x = this.tokens[k].text;
    if (SENTENCE_ENDS.has(x) || x === '?') return true;
    // ` -- ` is an ASCII dash in prose (a decrement `x--` touches its operand).
    if (x === '-' && this.tokens[k + 1]?.text === '-' && this.tokens[k - 1]?.kind === 'space' && this.tokens[k + 1].start === this.tokens[k].end) return true;
    if (x === '\u2026' || (x === '.' && this.tokens[k + 1]?.text === '.')) return this.trailsOff(k);
    if (x !== '.' && x !== '!') return false;
    const next = this.tokens[k + 1];
    return next === undefined || next.kind === 'space' || next.kind === 'newline';
  }

  /** An ellipsis (`…`, `...`) ends the sentence unless an operator or comma follows it (`C_1 + … + C_k`). */
  private trailsOff(k: number): boolean {
    while (this.tokens[k]?.text === '.' || this.tokens[k]?.text === '\u2026') k++;
    while (this.tokens[k]?.kind === 'space') k++;
    const next = this.tokens[k];
    return next === undefined || next.kind === 'newline' || (next.kind !== 'op' && next.kind !== 'script');
  }

  private proseFollows(comma: number): boolean {
    let k = comma + 1;
    while (this.tokens[k]?.kind === 'space') k++;
    return this.tokens[k]?.kind === 'word' && (this.isProseWord(k) || this.isAbbreviation(k));
  }

  private operandEndsAt(k: number): boolean {
    const t = this.tokens[k];
    if (OPERAND_ENDS.has(t.kind)) return true;
    return t.kind === 'op' && (CLOSERS.has(t.text) || t.text === "'" || t.text === '\u2032' || t.text === '\u2016' || t.text === '|');
  }

  private translate(from: number, to: number): Located {
    return new Translator(this.run, this.tokens, from, to).run();
  }

  private span(from: number, to: number): MathSpan {
    const { text, offsets } = this.translate(from, to);
    const first = this.tokens[from];
    const last = this.tokens[to - 1];
    return {
      text,
      offsets,
      display: false,
      outer: { start: this.run.offsets[first.start], end: this.run.offsets[last.end - 1] + 1 },
    };
  }
}

/** `∂L/∂d`, `d/dz σ(z)`, `σ′(z)`, `∇_b L`, `(∂L/∂z)_i`, `dL/dz|_{z=0}`: the left sides that make a claim. */
export function isDerivativeForm(node: Node): boolean {
  switch (node.kind) {
    case 'deriv':
      return true;
    case 'call':
      return node.primes > 0;
    case 'sym':
      return (node.primes ?? 0) > 0;
    case 'index':
      return isDerivativeForm(node.base);
    case 'at':
      return isDerivativeForm(node.body);
    default:
      return false;
  }
}
