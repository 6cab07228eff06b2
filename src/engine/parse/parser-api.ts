// What the command handlers (./commands) and the script reader (./scripts.ts) may ask of the parser.
// They are called by the parser and call back into it; this interface is the contract between them,
// so that neither file imports the other (the parser implements it, the handlers use it).
import type { Node } from './ast';
import type { Token } from './lexer';
import type { ParseError } from './errors';
import type { SourceRange } from '../source/location';

/** How a name reads a following argument list. */
export interface Head {
  /** 'fn': a function name (never ambiguous); 'plain': a symbol that may be applied (`f(x)`). */
  readonly kind: 'fn' | 'plain';
  readonly fn: string;
  /** The name as written, for messages. */
  readonly display: string;
  /** Without parentheses, the next atom is the argument (`\log x`). */
  readonly bare?: boolean;
  readonly parenRequired?: boolean;
  /** Not a symbol on its own: an argument must follow. */
  readonly needsCall?: boolean;
}

export interface Atom {
  readonly node: Node;
  /** Already complete (operators that took the rest of the term): no scripts follow. */
  readonly done?: boolean;
  readonly head?: Head;
  /** What a following subscript means besides a component: a norm's `_2`, or the bindings of `\left. … \right|_{z=0}`. */
  readonly subKind?: 'norm' | 'evalbar';
  /** Wrapped in visible delimiters: `(x)_i` and `(x)'` are not scripts on the symbol x. */
  readonly grouped?: boolean;
}

export type AtomHandler = (p: ParserApi, t: Token) => Atom;

/** The parser as its command handlers see it: a token stream with one-token lookahead, and the grammar's entry points. */
export interface ParserApi {
  readonly src: string;
  readonly toks: Token[];
  pos: number;
  /** End offset of the last consumed token: the end of whatever was just parsed. */
  lastEnd: number;
  /** \frac results by token index: the derivative test may parse a denominator twice. */
  readonly memo: Map<number, { atom: Atom; pos: number } | ParseError>;

  peek(k?: number): Token;
  next(): Token;
  is(text: string, k?: number): boolean;
  eat(text: string): Token | undefined;
  expect(text: string, message: string): Token;
  fail(message: string, loc: SourceRange): never;
  /** A recognised construct that the checker cannot evaluate (ParseFailure.unsupported). */
  unsupported(message: string, loc: SourceRange): never;
  seek(pos: number): void;
  /** Index of the token closing the group opened at `i` (`{`…`}` by default), or -1. */
  matchClose(i: number, open?: string, close?: string): number;
  /** Run `f` as one more nesting level. */
  counted<T>(loc: SourceRange, f: () => T): T;
  /** Run `f` with another bar context (groups reset it, |…| sets it); a group also ends a deferred evaluation bar. */
  inside<T>(barStop: string | null, f: () => T): T;
  /** Run `f` leaving a following evaluation bar to the caller (operands, and the variable of `dL/dz`). */
  deferringBar<T>(f: () => T): T;
  startsAtom(t: Token): boolean;
  startsTerm(t: Token): boolean;
  /** A call's argument list follows: `(` or `\left(`. */
  callOpens(): boolean;
  /** Fail unless a term follows; an unsupported operator there (`= \pm 1`) is reported as such. */
  needTerm(message: string, loc: SourceRange): void;

  parseExpr(): Node;
  /** A term; a leading sign applies to the whole product that follows. */
  parseTerm(): Node;
  /** The rest of the multiplicative term: the operand of \frac{d}{dz}, \sum, \nabla_b, \partial_x. */
  parseOperand(owner: string, loc: SourceRange): Node;
  /** An atom with its subscripts, superscripts, primes and call arguments, and evaluation bars. */
  parsePostfix(): Node;
  /** A macro argument: a braced group or a single token (`\frac12`, `\hat y`, `x^2`). */
  parseArg(message: string, loc: SourceRange): Node;
  /** `{ expr }`: an invisible group. */
  parseBraceGroup(): Node;
  /** Comma-separated expressions up to (not including) a closer; `open` names the opener in errors. */
  parseList(open: Token, closer: string): Node[];
  /** The raw source of a `{…}` argument (for \text, \operatorname, \begin), or a single letter. */
  readRaw(owner: Token): { text: string; loc: SourceRange };
}
