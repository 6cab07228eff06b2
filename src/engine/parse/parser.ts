// Recursive-descent parser for the math students write. One-token lookahead with peek/next/expect;
// atoms are dispatched through the command tables in ./commands. Precedence, low to high: chain
// relations < + - < a leading sign (covers the whole term: -2(y-ŷ) = -(2·(y-ŷ))) < multiplicative
// (\cdot \times * / \odot and juxtaposition, left-assoc) < postfix (^ _ ', a component `(…)_i`, and an
// evaluation bar `|_{x=0}`, which binds the postfix atom before it) < atoms.
import type { Chain, Node, ParseResult, RelOp } from './ast';
import type { SourceRange } from '../source/location';
import { matchingClose, tokenize, type Token } from './lexer';
import { ATOMS, letterAtom, numberAtom, SINGLE_ARG_COMMANDS } from './commands';
import type { Atom, ParserApi } from './parser-api';
import { COMPARISONS, ELLIPSES, MUL_OPS, NEEDS_SPLIT, RELATIONS, UNSUPPORTED_INFIX } from './commands/operators';
import { LETTER_COMMANDS } from './commands/greek';
import { finishAtom, parseEvalBar } from './scripts';
import { openedAt, ParseError, UnknownCommand } from './errors';
import { at, bin, num, relocate, sym } from './nodes';
import { sumOverEllipsis, type SignedTerm } from './ellipsis';
import { prepareTokens } from './prepare-tokens';
import { outOfScope } from './out-of-scope';
import { lookup } from '../source/own-keys';

/**
 * Groups (`(…)`, `[…]`, `{…}`, a \frac's arguments, `\left(…\right)`) nested deeper than this are
 * refused, where the group that goes too deep opens: hostile input must not overflow the stack.
 */
export const MAX_NESTING = 200;
/**
 * The same guard in parser levels (a postfix atom, a group or list, a sign; a parenthesis costs 2, a
 * \frac 4), for what nests without groups (`--…-x`, `\hat{\hat{…}}`).
 */
export const MAX_DEPTH = 1000;
/**
 * Deeper trees are refused: whatever reads the tree recurses on it, and `a+a+…` nests one level per
 * term, so this bounds a sum or product's number of terms too.
 */
export const MAX_TREE_DEPTH = 1000;
/** Longer input is refused: consumers walk the tree recursively, and `a+a+…` nests one level per term. */
export const MAX_TOKENS = 10000;

export { ParseError };

/** Bars that can be evaluation bars (`\big|`, `\Big\vert` lose their size command first). */
const EVAL_BARS: ReadonlySet<string> = new Set(['|', '\\vert', '\\rvert']);

const NOT_ATOMS = new Set(['\\right', '\\end', '\\\\', '\\}', '\\rbrace', '\\rVert', '\\rvert']);

export function parseChain(masked: string, start = 0, end = masked.length): ParseResult {
  start = Math.max(0, Math.min(start, masked.length));
  end = Math.max(start, Math.min(end, masked.length));
  let parser: Parser | undefined;
  try {
    parser = new Parser(masked, start, end);
    const chain = parser.parseChain();
    const tooDeep = deepestBeyond(chain.members, MAX_TREE_DEPTH);
    if (tooDeep) return { ok: false, error: { message: `too long to check: more than ${MAX_TREE_DEPTH} terms, factors or nested operations in a row`, loc: tooDeep.loc } };
    return { ok: true, chain };
  } catch (e) {
    if (e instanceof ParseError) {
      // Well-formed math the checker does not decide (P(A | B), E[X], sets): unsupported, with the reason.
      const recognised = e.unsupported || !parser ? undefined : (outOfScope(parser.toks, e.loc.start) ?? ownCommand(e));
      if (recognised) return { ok: false, error: { message: recognised.reason, loc: recognised.loc, unsupported: true } };
      return { ok: false, error: { message: e.message, loc: e.loc, ...(e.unsupported ? { unsupported: true } : {}) } };
    }
    // Stack exhaustion despite the depth guard (e.g. a huge operand chain): still a clean failure.
    const message = e instanceof RangeError ? 'nested too deeply to check' : `internal parser error: ${String(e)}`;
    return { ok: false, error: { message, loc: at(start, end) } };
  }
}

/**
 * A command of the document's own (`\va`, `\E`) defined where the checker cannot see it (a preamble,
 * a macros file): the math is not malformed, the checker just cannot read it.
 */
function ownCommand(e: ParseError): { reason: string; loc: SourceRange } | undefined {
  if (e instanceof UnknownCommand && e.message === 'unknown command \\_') return { reason: "an escaped underscore \\_ (as Markdown writes a subscript's _) is not read: write _", loc: e.loc };
  if (!(e instanceof UnknownCommand) || !/^unknown command \\[A-Za-z]+$/.test(e.message)) return undefined;
  return { reason: `${e.message} (if the document defines it, the definition is not where the checker can see it)`, loc: e.loc };
}

/** `text` as one expression (no relation), or undefined when it does not parse as one. */
export function parseExpression(text: string): Node | undefined {
  const parsed = parseChain(text);
  return parsed.ok && parsed.chain.members.length === 1 ? parsed.chain.members[0] : undefined;
}

export class Parser implements ParserApi {
  readonly toks: Token[];
  pos = 0;
  /** End offset of the last consumed token: the end of whatever was just parsed. */
  lastEnd: number;
  /** The closing bar of the innermost |…| or \|…\|: it ends a product instead of starting a factor. */
  barStop: string | null = null;
  /**
   * Inside the operand of an operator (\frac{d}{dz}…, \nabla_b …, \partial_x …): an evaluation bar
   * ends the operand and binds the operator's result, not the last factor of the operand.
   */
  deferBar = false;
  /** Bars (`|`, `\vert`, `\rvert`, after dropping `\big` & co.) followed by `_` or `^`: evaluation bars. */
  readonly evalBars: ReadonlySet<Token>;
  /** \frac results by token index: the derivative test may parse a denominator twice. */
  readonly memo = new Map<number, { atom: Atom; pos: number } | ParseError>();
  private depth = 0;
  /** Groups open around the current position (MAX_NESTING). */
  private nesting = 0;

  constructor(readonly src: string, readonly start: number, readonly end: number) {
    this.toks = prepareTokens(tokenize(src, start, end));
    this.lastEnd = start;
    const bars = new Set<Token>();
    this.toks.forEach((t, i) => {
      const n = this.toks[i + 1];
      if (EVAL_BARS.has(t.text) && t.kind !== 'num' && n?.kind === 'char' && (n.text === '_' || n.text === '^')) bars.add(t);
    });
    this.evalBars = bars;
  }

  // ---- token stream

  peek(k = 0): Token {
    return this.toks[Math.min(this.pos + k, this.toks.length - 1)];
  }
  next(): Token {
    const t = this.peek();
    if (t.kind !== 'eof') {
      this.pos++;
      this.lastEnd = t.loc.end;
    }
    return t;
  }
  is(text: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind !== 'eof' && t.kind !== 'num' && t.text === text;
  }
  eat(text: string): Token | undefined {
    return this.is(text) ? this.next() : undefined;
  }
  expect(text: string, message: string): Token {
    if (this.is(text)) return this.next();
    const t = this.peek();
    return this.fail(t.kind === 'eof' ? message : `${message}, found '${t.text}'`, t.loc);
  }
  fail(message: string, loc: SourceRange): never {
    throw new ParseError(message, loc);
  }
  /** A recognised construct that the checker cannot evaluate (ParseFailure.unsupported). */
  unsupported(message: string, loc: SourceRange): never {
    throw new ParseError(message, loc, true);
  }
  seek(pos: number): void {
    this.pos = pos;
    this.lastEnd = pos > 0 ? this.toks[pos - 1].loc.end : this.start;
  }
  /** Index of the token closing the group opened at `i` (`{`…`}` by default), or -1. */
  matchClose(i: number, open = '{', close = '}'): number {
    return matchingClose(this.toks, i, open, close);
  }
  /** Count one nesting level; callers decrement `depth` in a finally block. */
  enter(loc: SourceRange): void {
    if (++this.depth > MAX_DEPTH) {
      this.depth--;
      this.fail('nested too deeply to check', loc);
    }
  }
  /** Run `f` inside one more group opened at `loc` (MAX_NESTING). */
  group<T>(loc: SourceRange, f: () => T): T {
    if (this.nesting >= MAX_NESTING) this.fail(`nested more than ${MAX_NESTING} levels deep`, loc);
    this.nesting++;
    try {
      return f();
    } finally {
      this.nesting--;
    }
  }
  /** Run `f` as one more nesting level. */
  counted<T>(loc: SourceRange, f: () => T): T {
    this.enter(loc);
    try {
      return f();
    } finally {
      this.depth--;
    }
  }
  /** Run `f` with another bar context (groups reset it, |…| sets it); a group also ends a deferred evaluation bar. */
  inside<T>(barStop: string | null, f: () => T): T {
    const [savedStop, savedDefer] = [this.barStop, this.deferBar];
    this.barStop = barStop;
    this.deferBar = false;
    try {
      return f();
    } finally {
      this.barStop = savedStop;
      this.deferBar = savedDefer;
    }
  }
  /** Run `f` leaving a following evaluation bar to the caller (operands, and the variable of `dL/dz`). */
  deferringBar<T>(f: () => T): T {
    const saved = this.deferBar;
    this.deferBar = true;
    try {
      return f();
    } finally {
      this.deferBar = saved;
    }
  }
  /** The next token is an evaluation bar that binds the atom just parsed. */
  atEvalBar(): boolean {
    const t = this.peek();
    return this.evalBars.has(t) && t.text !== this.barStop;
  }

  startsAtom(t: Token): boolean {
    if (t.kind === 'letter' || t.kind === 'num' || t.kind === 'other') return true;
    if (t.kind === 'eof' || t.text === this.barStop || this.evalBars.has(t)) return false;
    if (t.kind === 'char') return t.text === '(' || t.text === '[' || t.text === '{' || t.text === '|';
    const x = t.text;
    return !(lookup(MUL_OPS, x) || lookup(RELATIONS, x) || lookup(COMPARISONS, x) || lookup(UNSUPPORTED_INFIX, x) || NOT_ATOMS.has(x));
  }
  /** A call's argument list follows: `(` or `\left(`. */
  callOpens(): boolean {
    return this.is('(') || (this.is('\\left') && this.is('(', 1));
  }
  startsTerm(t: Token): boolean {
    return this.startsAtom(t) || (t.kind === 'char' && (t.text === '-' || t.text === '+'));
  }

  unexpected(t: Token): never {
    const x = t.text;
    if (t.kind === 'eof') this.fail('unexpected end of input', t.loc);
    const refused = lookup(UNSUPPORTED_INFIX, x);
    if (refused) return NEEDS_SPLIT.has(x) ? this.fail(refused, t.loc) : this.unsupported(refused, t.loc);
    if (lookup(COMPARISONS, x)) this.unsupported(`'${x}' is not a checkable relation (use =, \\approx or \\leftarrow)`, t.loc);
    if (x === '&' || x === '\\\\') this.fail(`unexpected '${x}' outside a matrix`, t.loc);
    if (x === '!') this.unsupported("factorial '!' is not supported", t.loc);
    if (x === ',' && t.kind === 'char') {
      // `x_1, \ldots, x_n`: a list with an ellipsis is refused for the ellipsis.
      const dots = this.toks.find((d) => d.kind === 'cmd' && ELLIPSES.has(d.text));
      if (dots) this.unsupported(`ellipsis ${dots.text} cannot be checked`, dots.loc);
    }
    if (this.evalBars.has(t)) this.fail(`expected an expression before the evaluation bar '${x}'`, t.loc);
    return this.fail(`unexpected '${x}'`, t.loc);
  }
  /** Fail unless a term follows; an unsupported operator there (`= \pm 1`) is reported as such. */
  needTerm(message: string, loc: SourceRange): void {
    const t = this.peek();
    if (this.startsTerm(t)) return;
    if (t.kind === 'cmd' && lookup(UNSUPPORTED_INFIX, t.text)) this.unexpected(t);
    this.fail(message, loc);
  }

  // ---- grammar

  parseChain(): Chain {
    if (this.peek().kind === 'eof') this.fail('empty expression', at(this.start, this.end));
    // Said before the length: 10,000 nested parentheses are too deep first of all.
    const deep = tooDeepOpener(this.toks);
    if (deep) this.fail(`nested more than ${MAX_NESTING} levels deep`, deep.loc);
    if (this.toks.length > MAX_TOKENS) this.fail(`expression too long (more than ${MAX_TOKENS} tokens)`, at(this.start, this.end));
    const chainStart = this.peek().loc.start;
    const members: Node[] = [];
    const ops: RelOp[] = [];
    const opLocs: SourceRange[] = [];
    const leading = this.relation();
    if (leading) members.push(this.exprAfter(leading.text, leading.loc));
    else if (!this.startsTerm(this.peek())) this.unexpected(this.peek());
    else members.push(this.parseExpr());
    for (let r = this.relation(); r; r = this.relation()) {
      ops.push(r.op);
      opLocs.push(r.loc);
      members.push(this.exprAfter(r.text, r.loc));
    }
    if (this.peek().kind !== 'eof') this.unexpected(this.peek());
    const loc = at(chainStart, this.lastEnd);
    const sides = members.map(columnWritten);
    return leading ? { leadingOp: leading.op, leadingOpLoc: leading.loc, members: sides, ops, opLocs, loc } : { members: sides, ops, opLocs, loc };
  }

  private relation(): { op: RelOp; loc: SourceRange; text: string } | undefined {
    const t = this.peek();
    const op = t.kind === 'char' || t.kind === 'cmd' ? lookup(RELATIONS, t.text) : undefined;
    if (op) return this.next(), { op, loc: t.loc, text: t.text };
    if (t.text === ':' && this.is('=', 1)) {
      this.next();
      return { op: 'update', loc: at(t.loc.start, this.next().loc.end), text: ':=' };
    }
    return undefined;
  }

  private exprAfter(what: string, loc: SourceRange): Node {
    // `X =` with its value in a table or a code cell after it: not malformed, but nothing to check here.
    if (this.peek().kind === 'eof') this.unsupported(`nothing follows '${what}' here: the right side is not written in this math`, loc);
    this.needTerm(`expected an expression after '${what}'`, loc);
    return this.parseExpr();
  }

  parseExpr(): Node {
    const start = this.peek().loc.start;
    let left = this.parseTerm();
    // `a_1 + \dots + a_n`: the terms, signed, and where the ellipsis is (ellipsis.ts reads the sum).
    const terms: SignedTerm[] = [left.kind === 'neg' ? { sign: '-', node: left.arg } : { sign: '+', node: left }];
    let gap: { index: number; loc: SourceRange } | undefined;
    for (;;) {
      const t = this.peek();
      if (t.kind !== 'char' || (t.text !== '+' && t.text !== '-')) break;
      this.next();
      const dots = this.peek();
      const op = this.peek(1);
      if (!gap && dots.kind === 'cmd' && ELLIPSES.has(dots.text) && op.kind === 'char' && op.text === t.text) {
        // `+ \cdots +`: the written-out terms go on after it.
        this.next();
        this.next();
        gap = { index: terms.length, loc: dots.loc };
      }
      this.needTerm(`expected an expression after '${t.text}'`, t.loc);
      const right = this.parseTerm();
      terms.push({ sign: t.text, node: right });
      left = bin(t.text, left, right, at(start, this.lastEnd));
    }
    if (!gap) return left;
    const sum = sumOverEllipsis(terms, gap.index, gap.loc);
    return 'unclear' in sum ? this.unsupported(`ellipsis: ${sum.unclear}`, gap.loc) : relocate(sum, at(start, this.lastEnd));
  }

  /** A term; a leading sign applies to the whole product that follows. */
  parseTerm(): Node {
    return this.isSign(this.peek()) ? this.signed(false) : this.parseProduct();
  }

  private isSign(t: Token): boolean {
    return t.kind === 'char' && (t.text === '-' || t.text === '+');
  }

  /** `-x`: the operand is a product, or a single factor after an explicit operator (`a \cdot -b`). */
  private signed(factor: boolean): Node {
    const t = this.next();
    this.enter(t.loc);
    try {
      this.needTerm(`expected an expression after '${t.text}'`, t.loc);
      const arg = this.isSign(this.peek()) ? this.signed(factor) : factor ? this.parsePostfix() : this.parseProduct();
      return t.text === '-' ? { kind: 'neg', arg, loc: at(t.loc.start, this.lastEnd) } : arg;
    } finally {
      this.depth--;
    }
  }

  parseProduct(): Node {
    const start = this.peek().loc.start;
    let left = this.parseFactor();
    for (;;) {
      const t = this.peek();
      const op = t.kind === 'char' || t.kind === 'cmd' ? lookup(MUL_OPS, t.text) : undefined;
      if (op) {
        this.next();
        this.needTerm(`expected an expression after '${t.text}'`, t.loc);
        const right = this.isSign(this.peek()) ? this.signed(true) : this.parseFactor();
        left = bin(op, left, right, at(start, this.lastEnd));
      } else if (this.startsAtom(t)) {
        const bracketed = t.text === '(' || t.text === '\\left';
        // `E[X]`, `\mathbb{E}[X^2]`: the expectation of X, which the checker does not evaluate, not E times X.
        if (t.text === '[' && isExpectationSign(left) && t.loc.start === left.loc.end) this.unsupported('expectations E[…] are not supported', at(left.loc.start, t.loc.end));
        // `D_{\mathrm{JSD}}[p, q]`, `D_{KL}[p \| q]`: a divergence of p and q, written with brackets, not D times a vector.
        if (t.text === '[' && left.kind === 'sym' && left.sub?.kind === 'label' && t.loc.start === left.loc.end) this.unsupported(`${describeWritten(left)}[…], a functional of what the brackets hold (a divergence), is not supported`, at(left.loc.start, t.loc.end));
        const right = this.parseFactor();
        left = (bracketed && evaluatedDerivative(left, right, at(start, this.lastEnd))) || bin('juxt', left, right, at(start, this.lastEnd));
      } else return left;
    }
  }

  /**
   * A factor of a product. `\Delta x`, `\Delta \mathbf{x}`, `\Delta t`: the increment of a symbol is
   * one name (Δx), as texts mean it (`x := x + t\Delta x`), not Δ times x. `\Delta(fg)` stays Δ applied.
   */
  private parseFactor(): Node {
    const factor = this.parsePostfix();
    if (factor.kind !== 'sym' || factor.name !== 'Delta' || factor.sub || factor.accent || factor.primes || factor.star || factor.font) return factor;
    const t = this.peek();
    if (!(t.kind === 'letter' || (t.kind === 'cmd' && this.startsAtom(t) && !lookup(MUL_OPS, t.text)))) return factor;
    const saved = this.pos;
    const next = this.parsePostfix();
    if (next.kind !== 'sym' || next.name.startsWith('Δ')) {
      this.seek(saved);
      return factor;
    }
    return { ...next, name: `Δ${next.name}`, loc: at(factor.loc.start, next.loc.end) };
  }

  /** The rest of the multiplicative term: the operand of \frac{d}{dz}, \sum, \nabla_b, \partial_x. */
  parseOperand(owner: string, loc: SourceRange): Node {
    this.needTerm(`expected an expression after ${owner}`, loc);
    const opens = this.is('\\left') ? this.peek(1) : this.peek();
    if (opens.kind !== 'char' || (opens.text !== '[' && opens.text !== '(')) return this.deferringBar(() => this.parseTerm());
    // A bracketed operand with more factors after it: `\frac{d}{dx}[\log x^4] \sin x^3` is the
    // derivative of the bracket times the rest (Leibniz's brackets); `\frac{d}{dx}(x^2)(x + 1)` could
    // be either, and is not guessed.
    const saved = this.pos;
    const group = this.deferringBar(() => this.parsePostfix());
    if (!this.startsAtom(this.peek())) {
      this.seek(saved);
      return this.deferringBar(() => this.parseTerm());
    }
    if (opens.text === '[') return group;
    return this.unsupported(`the operand of ${owner} is unclear: the parenthesis alone, or the whole product after it (write \\frac{d}{dx}\\left[…\\right] or group the product)`, at(loc.start, this.peek().loc.end));
  }

  /** An atom with its subscripts, superscripts, primes and call arguments, and evaluation bars (`f(x)|_{x=0}`). */
  parsePostfix(): Node {
    const t = this.peek();
    this.enter(t.loc);
    try {
      const atom = this.parseAtom();
      let node = atom.done ? atom.node : finishAtom(this, atom, t.loc.start);
      while (!this.deferBar && this.atEvalBar()) node = parseEvalBar(this, node, t.loc.start, this.next());
      return node;
    } finally {
      this.depth--;
    }
  }

  /** Callers count the nesting level (parsePostfix, parseArg). */
  parseAtom(): Atom {
    const t = this.peek();
    if (t.kind === 'letter') return letterAtom(this, t);
    if (t.kind === 'num') return numberAtom(this, t);
    if (t.kind === 'other') this.fail(`unexpected character '${t.text}'`, t.loc);
    if (t.kind === 'eof') this.fail('expected an expression, found end of input', t.loc);
    const handler = lookup(ATOMS, t.text);
    if (handler) return handler(this, t);
    if (t.kind === 'cmd' && this.startsAtom(t)) throw new UnknownCommand(`unknown command ${t.text}`, t.loc);
    return this.unexpected(t);
  }

  /** A macro argument: a braced group or a single token (`\frac12`, `\hat y`, `x^2`). */
  parseArg(message: string, loc: SourceRange): Node {
    const t = this.peek();
    if (this.is('{')) return this.parseBraceGroup();
    if (t.kind === 'letter') return this.next(), sym(t.text, t.loc);
    if (t.kind === 'num') return this.next(), num(t.value ?? 0, t.decimals ?? 0, t.loc);
    if (t.kind === 'cmd') {
      const name = lookup(LETTER_COMMANDS, t.text);
      if (name) return this.next(), sym(name, t.loc);
      if (SINGLE_ARG_COMMANDS.has(t.text)) return this.counted(t.loc, () => this.parseAtom().node);
    }
    return this.fail(message, loc);
  }

  /** `{ expr }`: an invisible group. */
  parseBraceGroup(): Node {
    const open = this.next();
    const close = `expected '}' to close '{' ${openedAt(open.loc.start)}`;
    if (this.is('}')) this.fail("empty group '{}'", at(open.loc.start, this.peek().loc.end));
    if (this.peek().kind === 'eof') this.fail(close, this.peek().loc);
    this.enter(open.loc);
    try {
      return this.group(open.loc, () => this.inside(null, () => {
        const node = this.parseExpr();
        this.expect('}', close);
        return node;
      }));
    } finally {
      this.depth--;
    }
  }

  /** Comma-separated expressions up to (not including) a closer; `open` names the opener in errors. */
  parseList(open: Token, closer: string): Node[] {
    return this.counted(open.loc, () => this.group(open.loc, () => this.inside(null, () => {
      if (this.is(closer) || this.peek().kind === 'eof') {
        if (this.peek().kind !== 'eof') this.fail(`empty '${open.text}${closer}'`, at(open.loc.start, this.peek().loc.end));
        this.fail(`expected an expression after '${open.text}'`, open.loc);
      }
      const items = [this.parseExpr()];
      for (let c = this.eat(','); c; c = this.eat(',')) items.push(this.exprAfter(',', c.loc));
      return items;
    })));
  }

  /** The raw source of a `{…}` argument (for \text, \operatorname, \begin), or a single letter. */
  readRaw(owner: Token): { text: string; loc: SourceRange } {
    const t = this.peek();
    if (t.kind === 'letter') return this.next(), { text: t.text, loc: t.loc };
    if (!this.is('{')) this.fail(`expected '{' after ${owner.text}`, owner.loc);
    const close = this.matchClose(this.pos);
    if (close < 0) this.fail(`expected '}' to close '{' ${openedAt(t.loc.start)}`, this.toks[this.toks.length - 1].loc);
    const text = this.src.slice(t.loc.end, this.toks[close].loc.start);
    this.seek(close + 1);
    return { text, loc: at(t.loc.start, this.lastEnd) };
  }
}

/** The opener of the first group nested deeper than MAX_NESTING, by brackets alone (one pass, before parsing). */
function tooDeepOpener(toks: readonly Token[]): Token | undefined {
  let depth = 0;
  for (const t of toks) {
    if (t.kind !== 'char') continue;
    if (t.text === '(' || t.text === '[' || t.text === '{') {
      if (++depth > MAX_NESTING) return t;
    } else if (t.text === ')' || t.text === ']' || t.text === '}') depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/**
 * `\mathbf v = [4, 1, 2]^T`: a list written in a line and transposed, as a whole side, is the column it
 * stands for, which the list alone already is (a plain list is a column). As a factor (`(1, 2)^\top x`)
 * it stays a row.
 */
function columnWritten(side: Node): Node {
  const list = side.kind === 'transpose' ? side.arg : undefined;
  return list?.kind === 'tuple' && list.delim !== 'matrix' && list.rows.every((row) => row.length === 1) ? { ...list, loc: side.loc } : side;
}

/**
 * The first node deeper than `limit` below the members (iterative: it guards the recursive readers).
 * Counts every object level of the tree (a subscript's list too), which errs on the safe side.
 */
function deepestBeyond(members: readonly Node[], limit: number): { loc: SourceRange } | undefined {
  const stack: [object, number, SourceRange][] = members.map((m) => [m, 1, m.loc]);
  while (stack.length > 0) {
    const [value, depth, loc] = stack.pop()!;
    const own = 'loc' in value ? (value.loc as SourceRange) : loc;
    if (depth > limit) return { loc: own };
    for (const [key, child] of Object.entries(value)) {
      if (key === 'loc' || child === null || typeof child !== 'object') continue;
      if (Array.isArray(child)) {
        for (const item of child.flat()) if (item !== null && typeof item === 'object') stack.push([item, depth + 1, own]);
      } else stack.push([child, depth + 1, own]);
    }
  }
  return undefined;
}

/**
 * `\frac{d\sigma}{dx}(0)`, `\frac{\partial \sigma}{\partial x}(x)`: a derivative written as a
 * fraction and followed by a number or its own variable in brackets is its value there, as with
 * `\Big|_{x=0}` (a product with a bracketed number or variable right after it is not written so).
 */
function evaluatedDerivative(derivative: Node, bracketed: Node, loc: SourceRange): Node | undefined {
  if (derivative.kind !== 'deriv' || derivative.operatorForm || derivative.wrt.kind !== 'sym') return undefined;
  const wrt = derivative.wrt;
  const value = bracketed.kind === 'neg' ? bracketed.arg : bracketed;
  const isNumber = value.kind === 'num';
  const isVariable = bracketed.kind === 'sym' && bracketed.name === wrt.name && !bracketed.sub && !wrt.sub && !bracketed.accent && !wrt.accent;
  if (!isNumber && !isVariable) return undefined;
  return { kind: 'at', body: derivative, bindings: [{ name: wrt, value: bracketed }], loc };
}

/** A name as the text writes it, for messages: `D_JSD`. */
function describeWritten(node: Node): string {
  return node.kind === 'sym' ? `${node.name}_${node.sub?.kind === 'label' ? node.sub.text : ''}` : '';
}

/** `E`, `\mathbb{E}`, `\mathrm{E}`: the sign of an expectation when brackets follow it. */
function isExpectationSign(node: Node): boolean {
  return node.kind === 'sym' && node.name === 'E' && !node.sub && !node.accent && !node.primes && (node.font === undefined || node.font === 'bb' || node.font === 'rm');
}
