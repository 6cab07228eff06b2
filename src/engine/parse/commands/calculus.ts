// Derivatives (\frac{\partial L}{\partial b_i}, \frac{d}{dz}…, \partial L/\partial x, \partial_x,
// \nabla_b, dL/dz), fractions, sums and roots.
import type { DerivNode, Node } from '../ast';
import type { SourceRange } from '../../source/location';
import type { Token } from '../lexer';
import type { Atom, AtomHandler, ParserApi } from '../parser-api';
import { openedAt, ParseError } from '../errors';
import { at, bin, num } from '../nodes';
import { show } from '../print';
import { LETTER_COMMANDS } from './greek';
import { ACCENTS, FONTS } from './font-names';

const DIFF_FONTS = new Set(['\\mathrm', '\\text', '\\textrm', '\\operatorname', '\\mathit', '\\textit']);
const isChar = (t: Token | undefined, c: string) => t !== undefined && t.kind === 'char' && t.text === c;
const isScript = (t: Token | undefined) => isChar(t, '_') || isChar(t, '^') || isChar(t, "'");

function deriv(style: DerivNode['style'], of: Node, wrt: Node, order: number, operatorForm: boolean, loc: SourceRange, wrt2?: Node): DerivNode {
  return { kind: 'deriv', style, of, wrt, order, operatorForm, loc, ...(wrt2 ? { wrt2 } : {}) };
}

/** A differential at token i: `d`, `\partial`, `\mathrm{d}`, `\text{d}`, `\operatorname{d}`. */
function diffAt(p: ParserApi, i: number): { style: 'd' | 'partial'; end: number } | undefined {
  const t = p.toks[i];
  if (!t) return undefined;
  if (t.kind === 'letter' && t.text === 'd') return { style: 'd', end: i + 1 };
  if (t.kind === 'cmd' && t.text === '\\partial') return { style: 'partial', end: i + 1 };
  if (t.kind === 'cmd' && DIFF_FONTS.has(t.text)) {
    const [a, b, c] = [p.toks[i + 1], p.toks[i + 2], p.toks[i + 3]];
    if (a?.kind === 'letter' && a.text === 'd') return { style: 'd', end: i + 2 };
    if (isChar(a, '{') && b?.kind === 'letter' && b.text === 'd' && isChar(c, '}')) return { style: 'd', end: i + 4 };
  }
  return undefined;
}

/** `^2` or `^{2}` after a differential; order 0 means "a superscript that is not an order". */
function orderAt(p: ParserApi, j: number): { order: number; end: number } {
  if (!isChar(p.toks[j], '^')) return { order: 1, end: j };
  const [a, b, c] = [p.toks[j + 1], p.toks[j + 2], p.toks[j + 3]];
  const count = (t: Token | undefined) => (t?.kind === 'num' && t.decimals === 0 && (t.value ?? 0) >= 1 ? t.value ?? 0 : 0);
  if (count(a)) return { order: count(a), end: j + 2 };
  if (isChar(a, '{') && count(b) && isChar(c, '}')) return { order: count(b), end: j + 4 };
  return { order: 0, end: j };
}

/** The numerator of a derivative \frac: a differential, an optional order, optionally an expression. */
function numerator(p: ParserApi, i: number) {
  const braced = isChar(p.toks[i], '{');
  const close = braced ? p.matchClose(i) : i;
  const d = close < 0 ? undefined : diffAt(p, braced ? i + 1 : i);
  if (!d) return undefined;
  if (!braced) return d.end === i + 1 ? { style: d.style, order: 1, body: d.end, bare: true, end: i + 1 } : undefined;
  const o = orderAt(p, d.end);
  if (o.order === 0) return undefined;
  if (o.end === close) return { style: d.style, order: o.order, body: o.end, bare: true, end: close + 1 };
  const next = p.toks[o.end];
  if (isScript(next) || !p.startsAtom(next)) return undefined;
  return { style: d.style, order: o.order, body: o.end, bare: false, end: close + 1 };
}

/** The denominator `{d <variable>}`: where the variable starts and the closing brace. */
function denominator(p: ParserApi, i: number) {
  if (!isChar(p.toks[i], '{')) return undefined;
  const close = p.matchClose(i);
  const d = close < 0 ? undefined : diffAt(p, i + 1);
  if (!d || d.end >= close || isScript(p.toks[d.end]) || !p.startsAtom(p.toks[d.end])) return undefined;
  return { start: d.end, close };
}

const isVariable = (n: Node): boolean =>
  n.kind === 'sym' || n.kind === 'call' || (n.kind === 'pow' && (n.base.kind === 'sym' || n.base.kind === 'call'));

/**
 * Parse the denominator's variable (and, in `\partial x \partial y` of a second derivative, the second
 * one); undefined (position restored) when it is not a lone variable.
 */
function tryWrt(p: ParserApi, den: { start: number; close: number }, style: 'd' | 'partial', order: number): { wrt: Node; wrt2?: Node } | undefined {
  const save = p.pos;
  p.seek(den.start);
  let node: Node;
  try {
    node = p.inside(null, () => p.parsePostfix());
  } catch (e) {
    if (style === 'partial' || !(e instanceof ParseError)) throw e;
    p.seek(save);
    return undefined;
  }
  if (p.pos === den.close && isVariable(node)) return { wrt: node };
  if (style === 'partial') {
    const second = order === 2 && isVariable(node) ? secondVariable(p, den.close) : undefined;
    if (second) return { wrt: node, wrt2: second };
    const mixed = p.toks.slice(p.pos, den.close).some((x) => x.kind === 'cmd' && x.text === '\\partial');
    if (mixed) p.unsupported('mixed partial derivatives are not supported', at(p.toks[den.start - 1].loc.start, p.toks[den.close - 1].loc.end));
    // `\\partial (x^{(p,3)})_j`, `\\partial \\mathbf{W}^{(l)}_{ij} x`: well formed, a variable the checker does not read.
    const denominator = at(p.toks[den.start - 1].loc.start, p.toks[den.close - 1].loc.end);
    if (p.pos !== den.close) p.fail("expected '}' after the variable of a \\partial denominator (mixed partial derivatives are not supported)", p.peek().loc);
    p.unsupported('a derivative with respect to an expression, not a variable, is not supported', denominator);
  }
  p.seek(save);
  return undefined;
}

/** `\partial y` right up to the closing brace, after the first variable of a mixed partial; undefined (position kept) otherwise. */
function secondVariable(p: ParserApi, close: number): Node | undefined {
  const at = p.pos;
  const t = p.toks[at];
  if (!(t?.kind === 'cmd' && t.text === '\\partial') || !p.startsAtom(p.toks[at + 1])) return undefined;
  p.seek(at + 1);
  const node = p.inside(null, () => p.parsePostfix());
  if (p.pos === close && isVariable(node) && !(node.kind === 'pow')) return node;
  p.seek(at);
  return undefined;
}

/** `\partial^2 L / \partial b_i^2`: the variable's ^2 is the order, not a power. */
function unwrapOrder(p: ParserApi, wrt: Node, order: number): Node {
  if (order === 1) return wrt;
  if (wrt.kind === 'pow' && !wrt.parenExp && !wrt.bracketExp && wrt.exp.kind === 'num' && wrt.exp.value === order) return wrt.base;
  return p.fail(`derivative order mismatch: expected '^${order}' on the variable`, wrt.loc);
}

const frac: AtomHandler = (p, t) => {
  const key = p.pos;
  const hit = p.memo.get(key);
  if (hit instanceof ParseError) throw hit;
  if (hit) return p.seek(hit.pos), hit.atom;
  try {
    // A derivative test nests several frames deep per level: count it as two.
    const atom = p.counted(t.loc, () => p.counted(t.loc, () => parseFrac(p, t)));
    p.memo.set(key, { atom, pos: p.pos });
    return atom;
  } catch (e) {
    if (e instanceof ParseError) p.memo.set(key, e);
    throw e;
  }
};

function parseFrac(p: ParserApi, t: Token): Atom {
  p.next();
  const numIdx = p.pos;
  const n = numerator(p, numIdx);
  const den = n && denominator(p, n.end);
  if (n && !den && n.style === 'partial') p.fail(`expected '\\partial' and a variable in the denominator`, p.toks[n.end].loc);
  const variables = n && den ? tryWrt(p, den, n.style, n.order) : undefined;
  if (!n || !den || !variables) {
    p.seek(numIdx);
    const a = p.parseArg(`expected a numerator after ${t.text}`, t.loc);
    const b = p.parseArg(`expected a denominator after ${t.text}`, at(t.loc.start, p.lastEnd));
    return { node: bin('/', a, b, at(t.loc.start, p.lastEnd)) };
  }
  const { wrt2 } = variables;
  const wrt = wrt2 ? variables.wrt : unwrapOrder(p, variables.wrt, n.order);
  p.seek(n.body);
  const of = n.bare ? undefined : p.inside(null, () => p.parseExpr());
  if (!n.bare) p.expect('}', `expected '}' to close '{' ${openedAt(p.toks[numIdx].loc.start)}`);
  p.seek(den.close + 1);
  if (of) return { node: deriv(n.style, of, wrt, n.order, false, at(t.loc.start, p.lastEnd), wrt2) };
  const operand = p.parseOperand(p.src.slice(t.loc.start, p.lastEnd), at(t.loc.start, p.lastEnd));
  return { node: deriv(n.style, operand, wrt, n.order, true, at(t.loc.start, p.lastEnd), wrt2), done: true };
}

/** Token index after a simple variable (`L`, `\hat y`, `z_i`, `\mathbf{b}_{j}`), or -1. */
function simpleVarEnd(p: ParserApi, i: number): number {
  const t = p.toks[i];
  const letterLike = (x: Token | undefined) => x !== undefined && (x.kind === 'letter' || (x.kind === 'cmd' && LETTER_COMMANDS[x.text] !== undefined));
  let j: number;
  if (letterLike(t)) j = i + 1;
  else if (t?.kind === 'cmd' && (ACCENTS[t.text] || FONTS[t.text])) {
    if (isChar(p.toks[i + 1], '{')) j = p.matchClose(i + 1) + 1;
    else j = letterLike(p.toks[i + 1]) ? i + 2 : 0;
    if (j <= 0) return -1;
  } else return -1;
  if (isChar(p.toks[j], '_')) j = isChar(p.toks[j + 1], '{') ? p.matchClose(j + 1) + 1 : j + 2;
  return j > 0 ? j : -1;
}

/** `dL/dz`, `\mathrm{d}L/\mathrm{d}z` at the current token, or undefined (nothing consumed). */
export function trySlashDerivative(p: ParserApi): Node | undefined {
  const i = p.pos;
  const d1 = diffAt(p, i);
  const v1 = d1?.style === 'd' ? simpleVarEnd(p, d1.end) : -1;
  if (!d1 || v1 < 0 || !isChar(p.toks[v1], '/')) return undefined;
  const d2 = diffAt(p, v1 + 1);
  if (!d2 || d2.style !== 'd' || simpleVarEnd(p, d2.end) < 0) return undefined;
  p.seek(d1.end);
  const of = p.parsePostfix();
  p.seek(d2.end);
  // `dL/dz|_{z=0}`: the bar evaluates the derivative, not its variable.
  const wrt = p.deferringBar(() => p.parsePostfix());
  return deriv('d', of, wrt, 1, false, at(p.toks[i].loc.start, p.lastEnd));
}

const partial: AtomHandler = (p, t) => {
  p.next();
  const under = p.eat('_');
  if (under) {
    const wrt = p.parseArg("expected the variable after '\\partial_'", under.loc);
    const of = p.parseOperand(p.src.slice(t.loc.start, p.lastEnd), at(t.loc.start, p.lastEnd));
    return { node: deriv('partial', of, wrt, 1, true, at(t.loc.start, p.lastEnd)), done: true };
  }
  const o = orderAt(p, p.pos);
  if (o.order === 0) p.fail("expected a derivative order such as '^2' after \\partial", p.peek().loc);
  p.seek(o.end);
  if (!p.startsAtom(p.peek())) p.fail('expected an expression after \\partial', t.loc);
  const of = p.parsePostfix();
  // `\\partial f(x) = \\{\\nabla f(x)\\}`: the subdifferential, a set, when no `/ \\partial x` follows.
  if (!p.is('/')) p.unsupported('∂ of a function with no variable after it (the subdifferential ∂f, a set) is not supported', at(t.loc.start, p.lastEnd));
  const slash = p.next();
  p.expect('\\partial', "expected '\\partial' after '/'");
  if (!p.startsAtom(p.peek())) p.fail("expected a variable after '\\partial'", at(slash.loc.start, p.lastEnd));
  const wrt = unwrapOrder(p, p.deferringBar(() => p.parsePostfix()), o.order);
  return { node: deriv('partial', of, wrt, o.order, false, at(t.loc.start, p.lastEnd)), done: true };
};

const nabla: AtomHandler = (p, t) => {
  p.next();
  const power = p.is('^') ? hessianOrder(p) : 1;
  // `\nabla^2_{\mathbf w} L`: the Hessian in a vector, written with its variable.
  if (power !== 1 && p.is('_')) return p.unsupported('the Hessian \\nabla^2 in a named variable is not supported', at(t.loc.start, p.peek().loc.end));
  const under = power === 1 ? p.eat('_') : undefined;
  if (!under) return nablaOfCall(p, t, power);
  const wrt = p.parseArg("expected the variable after '\\nabla_'", under.loc);
  const of = p.parseOperand(p.src.slice(t.loc.start, p.lastEnd), at(t.loc.start, p.lastEnd));
  return { node: deriv('nabla', of, wrt, 1, true, at(t.loc.start, p.lastEnd)), done: true };
};

/**
 * `\nabla f(x)`: without a subscript, the variables are the arguments of the call: the derivative
 * in the one, or the column of partial derivatives in each of several (`\nabla f(x, y)`).
 */
function nablaOfCall(p: ParserApi, t: Token, hessian: number): Atom {
  if (hessian !== 1 && hessian !== 2) return p.unsupported('\\nabla with this power is not supported (\\nabla^2 is the Hessian)', at(t.loc.start, p.lastEnd));
  const start = p.pos;
  const atPoint = gradientAtPoint(p, t, hessian);
  if (atPoint) return atPoint;
  p.seek(start);
  const of = p.parseOperand(p.src.slice(t.loc.start, p.lastEnd), at(t.loc.start, p.lastEnd));
  const loc = at(t.loc.start, p.lastEnd);
  const args = of.kind === 'call' ? of.args : [];
  // Several arguments: only plain letters (`f(x, y)`), not a vector among them (`\hat v(S, \mathbf w)` is
  // a gradient in w alone, as texts on learning write it).
  const names = args.map((a) => (a.kind === 'sym' && (args.length === 1 || (!a.font && !a.accent)) ? show(a) : undefined));
  if (args.length === 0 || names.some((n) => n === undefined) || new Set(names).size !== names.length) {
    // Well formed (`\nabla L`, `\nabla \hat v(S, \mathbf w)`), but the variable is not written: not decided.
    return p.unsupported('\\nabla without a subscript names no variable here (write \\nabla_x f, or \\nabla f(x) of a function of x)', loc);
  }
  if (hessian === 2) {
    // The Hessian: the matrix of second partial derivatives (f'' of a function of one variable).
    const second = (a: Node, b: Node) => deriv('partial', of, a, 2, true, loc, a === b ? undefined : b);
    if (args.length === 1) return { node: second(args[0], args[0]), done: true };
    return { node: { kind: 'tuple', rows: args.map((a) => args.map((b) => second(a, b))), delim: 'matrix', loc }, done: true };
  }
  if (args.length === 1) return { node: deriv('nabla', of, args[0], 1, true, loc), done: true };
  const partials = args.map((arg) => [deriv('partial', of, arg, 1, true, loc)]);
  return { node: { kind: 'tuple', rows: partials, delim: '[', loc }, done: true };
}

/**
 * `\nabla f(x)`, `\nabla f(x + h)^\top`, `\nabla^2 f(\mathbf x_k)`: the gradient (or the Hessian) of a
 * function of one argument, at that argument; a transpose after the call is the gradient's. Not the
 * rest of the product: `\nabla f(\mathbf x)\,\mathbf v` is the gradient times v.
 */
function gradientAtPoint(p: ParserApi, t: Token, hessian: number): Atom | undefined {
  if (!p.startsAtom(p.peek())) return undefined;
  let postfix: Node;
  try {
    postfix = p.parsePostfix();
  } catch {
    return undefined;
  }
  const call = postfix.kind === 'transpose' ? postfix.arg : postfix;
  if (call.kind !== 'call' || call.args.length !== 1 || !call.fnSym) return undefined;
  const loc = at(t.loc.start, p.lastEnd);
  const arg = call.args[0];
  const gradient = hessian === 2 ? deriv('partial', call, arg, 2, true, loc) : deriv('nabla', call, arg, 1, true, loc);
  return { node: postfix.kind === 'transpose' ? { kind: 'transpose', arg: gradient, loc } : gradient, done: true };
}

/** The power after \nabla (`^2`, `^{2}`), consumed; 0 when it is not a plain number. */
function hessianOrder(p: ParserApi): number {
  p.next();
  const exponent = p.parseArg("expected the power after '\\nabla^'", p.peek().loc);
  return exponent.kind === 'num' && Number.isInteger(exponent.value) ? exponent.value : 0;
}

const sum: AtomHandler = (p, t) => {
  p.next();
  let index: { name: string; loc: SourceRange } | undefined;
  let lower: Node | undefined;
  let upper: Node | undefined;
  for (let k = 0; k < 2; k++) {
    if (!index && p.is('_')) ({ index, lower } = sumIndex(p, p.next()));
    else if (!upper && p.is('^')) upper = p.parseArg("expected the upper bound after '^'", p.next().loc);
  }
  // `\\sum (y_i - \\hat y_i)^2`: well formed, but which index runs, and how far, is not written.
  if (!index && !p.startsTerm(p.peek())) p.fail('expected the summand after \\sum', at(t.loc.start, p.lastEnd));
  if (!index) return p.unsupported('a sum with no index written (\\sum x_i): which index it runs over, and how far, is not said', t.loc);
  if (!p.startsTerm(p.peek())) p.fail('expected the summand after \\sum', at(t.loc.start, p.lastEnd));
  const body = p.parseTerm();
  return {
    node: { kind: 'sum', index: index.name, indexLoc: index.loc, ...(lower ? { lower } : {}), ...(upper ? { upper } : {}), body, loc: at(t.loc.start, p.lastEnd) },
    done: true,
  };
};

function sumIndex(p: ParserApi, under: Token): { index: { name: string; loc: SourceRange }; lower?: Node } {
  const open = p.eat('{');
  const t = p.peek();
  const name = t.kind === 'letter' ? t.text : t.kind === 'cmd' ? LETTER_COMMANDS[t.text] : undefined;
  if (!name) return p.fail("expected the summation index after '\\sum_'", t.kind === 'eof' ? under.loc : t.loc);
  p.next();
  const index = { name, loc: t.loc };
  if (!open) return { index };
  const eq = p.eat('=');
  const lower = eq ? p.inside(null, () => (p.startsTerm(p.peek()) ? p.parseExpr() : p.fail("expected the lower bound after '='", eq.loc))) : undefined;
  if (p.is(',')) p.unsupported('only one summation index is supported', p.peek().loc);
  p.expect('}', `expected '}' to close '{' ${openedAt(open.loc.start)}`);
  return { index, lower };
}

const sqrt: AtomHandler = (p, t) => {
  p.next();
  const open = p.eat('[');
  let index: Node | undefined;
  if (open) {
    index = p.inside(null, () => (p.startsTerm(p.peek()) ? p.parseExpr() : p.fail("expected the root's index after '['", open.loc)));
    p.expect(']', `expected ']' to close '[' ${openedAt(open.loc.start)}`);
  }
  const arg = p.parseArg('expected an argument after \\sqrt', t.loc);
  const loc = at(t.loc.start, p.lastEnd);
  if (!index) return { node: { kind: 'call', fn: 'sqrt', fnLoc: t.loc, primes: 0, args: [arg], loc } };
  return { node: { kind: 'pow', base: arg, exp: bin('/', num(1, 0, index.loc), index, index.loc), loc } };
};

export const CALCULUS_COMMANDS: Readonly<Record<string, AtomHandler>> = {
  '\\frac': frac, '\\dfrac': frac, '\\tfrac': frac, '\\cfrac': frac,
  '\\partial': partial, '\\nabla': nabla, '\\sum': sum, '\\sqrt': sqrt,
};
