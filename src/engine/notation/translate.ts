// Plain-text math (Unicode prose, ASCII in code comments) → the LaTeX the parser reads, with every
// output character mapped to the source character it stands for. Unicode math characters the
// LaTeX lexer already reads (∂ σ ŷ − ² ᵀ ‖ · ⊙ ∑ √ λ …) pass through unchanged; what differs from
// LaTeX is rewritten:
//   words: `sigmoid` → \sigmoid, `lambda` → \lambda, `yhat`/`y_pred` → \hat{y}, `W1` → W_{1},
//          `np.exp` → \exp, unknown long words → \mathrm{word} (a name the checker will not know);
//   `dL/dC_i` → \frac{dL}{dC_i}, `d/dz` and `∂/∂z` → \frac{d}{dz} (the operator form);
//   `x**2`, `x^10`, `e^(-z)` → x^{2}, x^{10}, e^{-z} (the whole operand, as in Python);
//   `_ij` → _{ij}, `_(t+1)` → _{t+1}; `.T` → ^T; `@` → \cdot; `.*` → \odot; `||x||` → \|x\|;
//   `sqrt(x)`, `√(x)` → \sqrt{x}; `abs(x)` → |x|; `np.sum(v)` → (\sum_j (v)_j); `Σ_i` → \sum_i.
// Anything it cannot read is passed on in a form the parser rejects at that place, so the claim
// is reported as unparsed there: the translator never guesses.
import { lexPlain, type PlainToken } from './lexer';
import type { Located } from './located';
import { OPENERS, TokenWriter } from './token-writer';
import {
  ACCENT_SUFFIXES, ALIAS_WORDS, ARGUMENT_WORDS, FUNCTION_WORDS, GREEK_WORDS, MAX_PRODUCT_WORD, MODULE_WORDS,
  OPERATOR_WORDS, Y_LABELS, isVariableWord,
} from './names';

const EXPONENT_OPS = new Set(['**', '^', '.^']);
const SIGNS = new Set(['-', '+', '\u2212']);
const PRIMES = new Set(["'", '\u2032', '\u2033']);
const FRESH_INDICES = ['j', 'l', 'm', 'n', 'p', 'q', 'r', 's', 'u', 'v', 'w'];
/** Deeper brackets and exponents are copied as written (the parser then refuses them): no stack overflow. */
const MAX_NESTING = 200;

/** Translates all of `source` (plain text) to LaTeX. */
export function translatePlain(source: Located): Located {
  const tokens = lexPlain(source.text);
  return new Translator(source, tokens, 0, tokens.length).run();
}

/** A variable after a differential: inside the `d…` word (`dL`), or the token after a lone `d` (`dŷ`). */
interface Differential {
  /** Token index of the `d` (or `∂`). */
  readonly at: number;
  /** The variable is the rest of the `d…` word, from this source index; undefined when it is a token of its own. */
  readonly restStart?: number;
  /** Token range of the variable and its scripts, arguments and primes (after the differential's own token). */
  readonly from: number;
  readonly to: number;
}

export class Translator extends TokenWriter {
  private freshIndex: string | undefined;
  private nesting = 0;

  run(): Located {
    this.i = this.from;
    this.sequence(undefined);
    const last = this.tokens[this.to - 1];
    return this.out.build(last ? this.source.offsets[last.end - 1] + 1 : this.source.offsets[0]);
  }

  // ——— grammar

  private sequence(closer: string | undefined): void {
    while (this.i < this.limit) {
      const t = this.tokens[this.i];
      if (closer && t.kind === 'op' && t.text === closer) return;
      this.item(t);
    }
  }

  /** One token's worth (or a construct starting at it). */
  private item(t: PlainToken): void {
    if (this.nesting > MAX_NESTING) {
      this.copyToken(t);
      this.i++;
      return;
    }
    switch (t.kind) {
      case 'space':
        this.emit(' ', t.start);
        this.i++;
        return;
      case 'newline':
        this.out.push('\n', this.source.offsets[t.start]);
        this.afterControlWord = false;
        this.i++;
        return;
      case 'word':
        this.word(t);
        return;
      case 'letter':
        if ((t.text === '\u03a3') && this.sumSubscriptFollows(this.i + 1)) this.emit('\\sum', t.start, t.end);
        else this.copyToken(t);
        this.i++;
        return;
      case 'op':
        this.operator(t);
        return;
      default:
        this.copyToken(t);
        this.i++;
    }
  }

  private operator(t: PlainToken): void {
    const x = t.text;
    if (OPENERS[x]) return this.group();
    if (EXPONENT_OPS.has(x)) return this.exponent();
    if (x === '_') return this.subscript();
    if (x === '\u2202' && this.operatorDerivative()) return;
    this.i++;
    switch (x) {
      case '@':
        return this.emit('\\cdot', t.start, t.end);
      case '.*':
        return this.emit('\\odot', t.start, t.end);
      case './':
        return this.emit('/', t.start, t.end);
      case '==':
        return this.emit('=', t.start, t.end);
      case '%':
        // R's matrix product `%*%`.
        if (this.isOp(this.i, '*') && this.isOp(this.i + 1, '%') && this.adjacent(this.i) && this.adjacent(this.i + 1)) {
          this.emit('\\cdot', t.start, this.tok(this.i + 1)!.end);
          this.i += 2;
          return;
        }
        // The LaTeX lexer would read the rest of the line as a comment: make it an error here instead.
        return this.emit('\\%', t.start);
      case '~':
        return this.emit('\\sim', t.start);
      case '.':
        // MATLAB's `A.'` (transpose without conjugation).
        if (this.isOp(this.i, "'") && this.adjacent(this.i)) {
          this.emit('^T', t.start, this.tok()!.end);
          this.i++;
          return;
        }
        // numpy's `A.dot(x)`: the product with the bracket that follows.
        if (this.tok()?.kind === 'word' && this.tok()!.text === 'dot' && this.adjacent(this.i) && this.isOp(this.i + 1, '(') && this.adjacent(this.i + 1)) {
          this.emit('\\cdot', t.start, this.tok()!.end);
          this.i++;
          return;
        }
        if (this.tok()?.kind === 'word' && this.tok()!.text === 'T' && this.adjacent(this.i)) {
          this.emit('^', t.start);
          this.copyToken(this.tok()!);
          this.i++;
          return;
        }
        return this.copyToken(t);
      case '|':
        if (this.isOp(this.i, '|') && this.adjacent(this.i)) {
          this.emit('\\|', t.start, this.tok()!.end);
          this.i++;
          return;
        }
        return this.copyToken(t);
      case "'":
        if (this.isTransposePrime(this.i - 1)) return this.emit('^T', t.start);
        return this.copyToken(t);
      case '\u221a':
        this.copyToken(t);
        if (this.isOp(this.i, '(') && this.adjacent(this.i)) this.bracedArgument();
        return;
      default:
        return this.copyToken(t);
    }
  }

  /** `(…)`, `[…]`, `{…}`: the brackets as written, the inside translated. */
  private group(): void {
    this.nested(() => this.groupBody());
  }

  /** Runs `f` one bracket or exponent deeper; too deep, copies the token as written instead. */
  private nested(f: () => void): void {
    if (this.nesting > MAX_NESTING) {
      this.copyToken(this.tok()!);
      this.i++;
      return;
    }
    this.nesting++;
    try {
      f();
    } finally {
      this.nesting--;
    }
  }

  private groupBody(): void {
    const open = this.tok()!;
    const close = OPENERS[open.text];
    this.copyToken(open);
    this.i++;
    this.sequence(close);
    if (this.isOp(this.i, close)) {
      this.copyToken(this.tok()!);
      this.i++;
    }
  }

  /** `(…)` at the current token becomes `{…}` (an argument or a script in LaTeX). */
  private bracedArgument(): void {
    const open = this.tok()!;
    this.emit('{', open.start);
    this.i++;
    this.sequence(')');
    const close = this.tok();
    if (close && close.kind === 'op' && close.text === ')') {
      this.emit('}', close.start);
      this.i++;
    }
  }

  /** `**`, `^`, `.^`: the exponent is the whole operand that follows, in braces. */
  private exponent(): void {
    this.nested(() => this.exponentBody());
  }

  private exponentBody(): void {
    const op = this.tok()!;
    this.emit('^', op.start, op.end);
    this.i = this.skipSpace(this.i + 1);
    if (this.isOp(this.i, '{')) return this.group();
    if (this.isOp(this.i, '(')) return this.bracedArgument();
    this.emitAfter('{');
    this.operand();
    this.emitAfter('}');
  }

  /** `_i` → `_i`, `_ij` → `_{ij}`, `_10` → `_{10}`, `_(t+1)` → `_{t+1}`, `_mu` → `_{\mu}`. */
  private subscript(): void {
    const under = this.tok()!;
    this.emit('_', under.start);
    this.i++;
    const t = this.tok();
    if (!t) return;
    if (t.kind === 'op' && t.text === '{') return this.group();
    if (t.kind === 'op' && t.text === '(') return this.bracedArgument();
    if (t.kind === 'word' || t.kind === 'number') {
      const greek = t.kind === 'word' ? GREEK_WORDS.get(t.text) : undefined;
      if (greek) this.emit(`{${greek}}`, t.start, t.end);
      else if (t.text.length === 1) this.copyToken(t);
      else {
        this.emit('{', t.start);
        this.copyToken(t);
        this.emitAfter('}');
      }
      this.i++;
      return;
    }
    if (t.kind === 'letter' || t.kind === 'command') {
      this.copyToken(t);
      this.i++;
    }
  }

  /** One operand with its postfixes (the exponent of `**`): signs, then an atom, then `_ ' ^ .T`. */
  private operand(): void {
    while (this.isOp(this.i, ...SIGNS)) {
      this.copyToken(this.tok()!);
      this.i = this.skipSpace(this.i + 1);
    }
    const t = this.tok();
    if (!t) return;
    if (t.kind === 'word') {
      this.word(t);
      if (this.isOp(this.i, '(') && this.adjacent(this.i)) this.group();
    } else if (t.kind === 'op' && OPENERS[t.text]) this.group();
    else if (t.kind === 'number' || t.kind === 'letter' || t.kind === 'script') {
      this.copyToken(t);
      this.i++;
    } else if (t.kind === 'command') {
      this.copyToken(t);
      this.i++;
      while (this.isOp(this.i, '{') && this.adjacent(this.i)) this.group();
    } else return;
    this.postfixes();
  }

  private postfixes(): void {
    for (;;) {
      const t = this.tok();
      if (!t) return;
      if (t.kind === 'op' && t.text === '_') this.subscript();
      else if (t.kind === 'op' && EXPONENT_OPS.has(t.text)) this.exponent();
      else if (t.kind === 'op' && t.text === "'" && this.isTransposePrime(this.i)) this.operator(t);
      else if ((t.kind === 'op' && PRIMES.has(t.text)) || t.kind === 'script') {
        this.copyToken(t);
        this.i++;
      } else if (t.kind === 'op' && t.text === '.' && this.tok(this.i + 1)?.text === 'T' && this.adjacent(this.i + 1)) this.operator(t);
      else if (t.kind === 'op' && t.text === '.' && this.isOp(this.i + 1, "'") && this.adjacent(this.i + 1)) this.operator(t);
      else return;
    }
  }

  /**
   * MATLAB's and Julia's transpose: an ASCII `'` right after a capital (`C'`, `W1'`) or a bracket
   * (`sigmoid(z)'`, `(C .* s)'`), unless a call follows (`F'(x)` is a derivative).
   */
  private isTransposePrime(k: number): boolean {
    const before = this.tok(k - 1);
    if (!before || !this.adjacent(k)) return false;
    const transposable = (before.kind === 'word' && /^[A-Z]\d*$/.test(before.text)) || (before.kind === 'op' && (before.text === ')' || before.text === ']'));
    return transposable && !(this.isOp(k + 1, '(') && this.adjacent(k + 1));
  }

  /** `Σ_i`, `Σ_{i=1}^n`: the Greek capital used as a summation sign (a subscripted index follows). */
  private sumSubscriptFollows(k: number): boolean {
    if (!this.isOp(k, '_') || !this.adjacent(k)) return false;
    const t = this.tok(k + 1);
    if (t?.kind === 'word' && t.text.length === 1) return true;
    if (!(t?.kind === 'op' && t.text === '{')) return false;
    const close = this.matching(k + 1);
    const inside = this.tokens.slice(k + 2, close < 0 ? k + 2 : close).filter((x) => x.kind !== 'space');
    return inside.length > 0 && inside[0].kind === 'word' && inside[0].text.length === 1 && (inside.length === 1 || inside[1].text === '=');
  }

  // ——— words

  private word(t: PlainToken): void {
    if (MODULE_WORDS.has(t.text) && this.isOp(this.i + 1, '.') && this.tok(this.i + 2)?.kind === 'word' && this.adjacent(this.i + 1) && this.adjacent(this.i + 2)) {
      return this.modulePath();
    }
    if (t.text[0] === 'd' && this.slashDerivative()) return;
    if (t.text === 'd' && this.operatorDerivative()) return;
    const suffixed = this.suffixAlias(t.text, this.i);
    if (suffixed) {
      const last = this.tokens[this.i + 2];
      this.emit(suffixed, t.start, last.end);
      this.i += 3;
      return;
    }
    const lower = t.text.toLowerCase();
    if (ARGUMENT_WORDS.has(lower)) return this.argumentFunction(lower, t.start, t.end);
    if (t.text === 't' && this.isRTranspose(this.i + 1)) return this.argumentFunction('transpose', t.start, t.end);
    this.i++;
    this.name(t.text, t.start, t.end);
  }

  /** A word's meaning as a symbol or function name; `start`/`end` are its source range. */
  private name(text: string, start: number, end: number): void {
    const lower = text.toLowerCase();
    const mapped = FUNCTION_WORDS.get(lower) ?? GREEK_WORDS.get(text) ?? ALIAS_WORDS.get(lower) ?? OPERATOR_WORDS.get(lower);
    if (mapped) return this.emit(mapped, start, end);
    const digits = /^([A-Za-z])(\d+)$/.exec(text);
    if (digits) {
      // `W1`, `x10`: code's spelling of W₁, x₁₀.
      this.emit(digits[1], start);
      this.emit(digits[2].length === 1 ? `_${digits[2]}` : `_{${digits[2]}}`, start + 1, end);
      return;
    }
    if (/^[A-Za-z]+$/.test(text)) {
      // `Ax`, `AAᵀ`: juxtaposed symbols, as in LaTeX. A longer unknown word is one name (`loss`).
      if (text.length <= MAX_PRODUCT_WORD) this.copyRange(start, end);
      else this.emit(`\\mathrm{${text}}`, start, end);
      return;
    }
    // `sigma2`, `a1b`: not a name we can read. `\text{…}` makes the parser say so here; the `^{}`
    // keeps segmentation from taking it for prose.
    this.emit(`\\text{${text}}`, start, end);
    this.emitAfter('^{}');
  }

  /** `y_pred` → \hat{y}, `y_true` → y, `x_hat` → \hat{x}, `mu_bar` → \bar{\mu} (tokens k, k+1, k+2). */
  private suffixAlias(base: string, k: number): string | undefined {
    if (!this.isOp(k + 1, '_') || !this.adjacent(k + 1) || !this.adjacent(k + 2)) return undefined;
    const suffix = this.tok(k + 2);
    if (suffix?.kind !== 'word') return undefined;
    const label = suffix.text.toLowerCase();
    if (base === 'y' && Y_LABELS.has(label)) return Y_LABELS.get(label);
    const accent = ACCENT_SUFFIXES.get(label);
    if (!accent) return undefined;
    if (/^[A-Za-z]$/.test(base)) return `${accent}{${base}}`;
    const greek = GREEK_WORDS.get(base);
    return greek ? `${accent}{${greek}}` : undefined;
  }

  /** `np.exp`, `np.linalg.norm`, `torch.sigmoid`: the library's function by its last name. */
  private modulePath(): void {
    const first = this.tok()!;
    let k = this.i;
    while (MODULE_WORDS.has(this.tok(k)!.text) && this.isOp(k + 1, '.') && this.tok(k + 2)?.kind === 'word' && this.adjacent(k + 1) && this.adjacent(k + 2)) k += 2;
    const last = this.tok(k)!;
    const lower = last.text.toLowerCase();
    this.i = k;
    if (ARGUMENT_WORDS.has(lower)) return this.argumentFunction(lower, first.start, last.end);
    this.i = k + 1;
    const known = FUNCTION_WORDS.get(lower) ?? GREEK_WORDS.get(last.text) ?? (last.text === 'e' ? 'e' : undefined);
    this.emit(known ?? `\\mathrm{${last.text}}`, first.start, last.end);
  }

  /** `sqrt(x)`, `abs(x)`, `norm(x)`, `sum(v)`, `diag(v)`: the function applied to its parenthesised argument. */
  private argumentFunction(name: string, start: number, end: number): void {
    const paren = this.i + 1;
    this.i = paren;
    if (!this.isOp(paren, '(') || !this.adjacent(paren)) {
      // Without an argument list: `sum_j …` is a summation; the others are left to fail if used so.
      const bare: Record<string, string> = {
        sqrt: '\\sqrt', sum: '\\sum', diag: '\\operatorname{diag}', abs: '\\mathrm{abs}', norm: '\\mathrm{norm}',
        transpose: '\\mathrm{transpose}', dot: '\\mathrm{dot}', matmul: '\\mathrm{matmul}',
      };
      this.emit(bare[name], start, end);
      return;
    }
    const open = this.tok()!;
    const close = this.matching(paren);
    const wrap: Record<string, [string, string]> = {
      sqrt: ['\\sqrt{', '}'],
      abs: ['\\left|', '\\right|'],
      norm: ['\\left\\|', '\\right\\|'],
      diag: ['\\operatorname{diag}(', ')'],
      sum: [`(\\sum_{${this.indexLetter()}}(`, `)_{${this.indexLetter()}})`],
      transpose: ['(', ')^T'],
      dot: ['((', '))'],
      matmul: ['((', '))'],
    };
    const [before, after] = wrap[name];
    this.emit(before.slice(0, -1), start, end);
    this.emit(before.slice(-1), open.start);
    this.i = paren + 1;
    if (close < 0) {
      this.sequence(undefined);
      return;
    }
    // `np.dot(A, B)`, `np.matmul(A, B)`: the two arguments' product.
    const comma = name === 'dot' || name === 'matmul' ? this.topLevelComma(paren + 1, close) : -1;
    if (comma >= 0) {
      this.within(paren + 1, comma, () => this.sequence(undefined));
      this.emit(')\\cdot(', this.tokens[comma].start);
      this.within(comma + 1, close, () => this.sequence(undefined));
    } else this.within(paren + 1, close, () => this.sequence(undefined));
    this.i = close + 1;
    this.emit(after, this.tokens[close].start);
  }

  /** R's `t(A)`: `t` applied to one capital (a matrix by convention); `t(x)` stays t times x. */
  private isRTranspose(paren: number): boolean {
    if (!this.isOp(paren, '(') || !this.adjacent(paren)) return false;
    const inside = this.tok(paren + 1);
    return inside?.kind === 'word' && /^[A-Z]\d*$/.test(inside.text) && this.isOp(paren + 2, ')');
  }

  /** Index of the first top-level `,` in tokens [from, to), or -1. */
  private topLevelComma(from: number, to: number): number {
    let depth = 0;
    for (let k = from; k < to; k++) {
      const t = this.tokens[k];
      if (t.kind !== 'op') continue;
      if (OPENERS[t.text]) depth++;
      else if (t.text === ')' || t.text === ']' || t.text === '}') depth--;
      else if (t.text === ',' && depth === 0) return k;
    }
    return -1;
  }

  /** An index letter for `np.sum` that the claim does not use. */
  private indexLetter(): string {
    if (!this.freshIndex) {
      const used = new Set(this.tokens.filter((t) => t.kind === 'word').flatMap((t) => [...t.text]));
      this.freshIndex = FRESH_INDICES.find((c) => !used.has(c)) ?? 'j';
    }
    return this.freshIndex;
  }

  // ——— derivatives

  /** A differential at token k: `dL` (the variable inside the word), or `d`/`∂` then a variable token. */
  private differential(k: number, partial: boolean, numerator = false): Differential | undefined {
    const t = this.tok(k);
    if (!t) return undefined;
    // A numerator's variable may be a function applied to its argument (`dsigma(z_i)/dz_i`, `df(x)/dx`).
    const callable = (word: string) => numerator || FUNCTION_WORDS.has(word.toLowerCase());
    if (!partial && t.kind === 'word' && t.text.length > 1 && t.text[0] === 'd' && isVariableWord(t.text.slice(1))) {
      return { at: k, restStart: t.start + 1, from: k + 1, to: this.postfixEnd(k + 1, callable(t.text.slice(1))) };
    }
    const isD = partial ? t.kind === 'op' && t.text === '\u2202' : t.kind === 'word' && t.text === 'd';
    if (!isD) return undefined;
    let v = k + 1;
    if (partial) v = this.skipSpace(v);
    else if (!this.adjacent(v)) return undefined;
    const variable = this.tok(v);
    if (!variable) return undefined;
    if (variable.kind === 'letter') return { at: k, from: v, to: this.postfixEnd(v + 1, true) };
    if (variable.kind === 'word' && isVariableWord(variable.text)) {
      return { at: k, from: v, to: this.postfixEnd(v + 1, callable(variable.text)) };
    }
    if (variable.kind === 'command') {
      let end = v + 1;
      while (this.isOp(end, '{') && this.adjacent(end)) end = this.matching(end) + 1 || end + 1;
      return { at: k, from: v, to: this.postfixEnd(end, true) };
    }
    return undefined;
  }

  /** After a variable: subscripts, primes, scripts and (for a function) its argument list. */
  private postfixEnd(k: number, callable: boolean): number {
    for (;;) {
      const t = this.tok(k);
      if (!t || !this.adjacent(k)) return k;
      if (t.kind === 'op' && t.text === '_') {
        const n = this.tok(k + 1);
        if (!n) return k + 1;
        if (n.kind === 'op' && (n.text === '{' || n.text === '(')) {
          const close = this.matching(k + 1);
          k = close < 0 ? k + 2 : close + 1;
        } else k += 2;
      } else if ((t.kind === 'op' && PRIMES.has(t.text)) || t.kind === 'script') k++;
      else if (callable && t.kind === 'op' && t.text === '(') {
        const close = this.matching(k);
        if (close < 0) return k;
        k = close + 1;
      } else return k;
    }
  }

  /** `dL/dC_i`, `dyhat/dz`, `dσ(z)/dz`: a derivative written with a slash → \frac{dL}{dC_i}. */
  private slashDerivative(): boolean {
    const top = this.differential(this.i, false, true);
    if (!top) return false;
    const slash = this.skipSpace(top.to);
    if (!this.isOp(slash, '/')) return false;
    const bottom = this.differential(this.skipSpace(slash + 1), false);
    if (!bottom) return false;
    const d = this.tokens[top.at];
    this.emit('\\frac{', d.start);
    this.emitDifferential(top);
    this.emit('}{', this.tokens[slash].start);
    this.emitDifferential(bottom);
    this.emitAfter('}');
    this.i = bottom.to;
    return true;
  }

  /** `d/dz …`, `∂/∂z_i …`: the operator form → \frac{d}{dz}; its operand follows. */
  private operatorDerivative(): boolean {
    const t = this.tok()!;
    const partial = t.kind === 'op';
    const slash = this.skipSpace(this.i + 1);
    if (!this.isOp(slash, '/')) return false;
    const bottom = this.differential(this.skipSpace(slash + 1), partial);
    if (!bottom) return false;
    this.emit('\\frac{', t.start);
    this.copyToken(t);
    this.emit('}{', this.tokens[slash].start);
    this.emitDifferential(bottom);
    this.emitAfter('}');
    this.i = bottom.to;
    return true;
  }

  private emitDifferential(d: Differential): void {
    const t = this.tokens[d.at];
    if (d.restStart !== undefined) {
      this.emit(t.text[0], t.start);
      this.name(t.text.slice(1), d.restStart, t.end);
      this.within(d.from, d.to, () => this.sequence(undefined));
    } else {
      this.copyToken(t);
      this.within(d.from, d.to, () => this.sequence(undefined));
    }
  }
}
