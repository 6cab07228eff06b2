// Postfix scripts: `_` subscripts, `^` superscripts (powers, transposes, primes, stars), `'` primes,
// the call that may follow a function name (`\sigma'(z)`, `\tanh^2(z)`, `\log x`, `f(x)`),
// components of expressions (`(Ax+b)_i`, `\sigma(z)_i`) and evaluation bars (`f(x)\Big|_{x=0}`).
import type { AtNode, CallNode, IndexNode, Node, NormSubscript, Subscript } from './ast';
import type { Token } from './lexer';
import type { Atom, ParserApi } from './parser-api';
import { TEXT_FONTS } from './commands/font-names';
import { parseLeft } from './commands/delimiters';
import { namesInverseFunction } from './commands/functions';
import { at, num, sym } from './nodes';
import { openedAt } from './errors';

/** 'invT': `A^{-\top}`, the inverse transposed. */
type Sup = { kind: 'T' } | { kind: 'invT' } | { kind: 'exp'; node: Node; paren: boolean; bracket?: boolean };

interface Scripts {
  sub?: Subscript;
  subTok?: Token;
  sup?: Sup;
  primes: number;
  star: boolean;
  /** End of the last sub/prime/star: where the symbol itself ends. */
  symEnd: number;
}

/** `labels`: whether `_{pred}` and `_\text{…}` may be a label (only on a symbol). */
export function parseScripts(p: ParserApi, labels = true): Scripts {
  const sc: Scripts = { primes: 0, star: false, symEnd: -1 };
  let supSeen = false;
  for (;;) {
    const t = p.peek();
    if (t.kind !== 'char') return sc;
    if (t.text === "'") {
      if (supSeen) p.fail('double superscript', t.loc);
      p.next();
      sc.primes++;
      sc.symEnd = p.lastEnd;
    } else if (t.text === '_') {
      if (sc.sub) p.fail('double subscript', t.loc);
      p.next();
      sc.sub = parseSub(p, t, labels);
      sc.subTok = t;
      sc.symEnd = p.lastEnd;
    } else if (t.text === '^') {
      if (supSeen) p.fail('double superscript', t.loc);
      p.next();
      supSeen = true;
      const s = parseSup(p, t);
      if (s.kind === 'prime') sc.primes += s.n;
      else if (s.kind === 'star') sc.star = true;
      else sc.sup = s;
      if (s.kind === 'prime' || s.kind === 'star') sc.symEnd = p.lastEnd;
    } else return sc;
  }
}

/**
 * `b_i` → [i]; `A_{ij}` → [i, j]; `A_{i,j}`; `b_{t+1}`; `y_{pred}` and `y_{\text{pred}}` → label.
 * Without `labels` (the component of an expression), a run of letters is indices and \text is refused.
 */
function parseSub(p: ParserApi, under: Token, labels: boolean): Subscript {
  const t = p.peek();
  const start = t.loc.start;
  const done = (s: { kind: 'label'; text: string } | { kind: 'indices'; items: Node[] }): Subscript => ({ ...s, loc: at(start, p.lastEnd) });
  if (p.is('{')) {
    const close = p.matchClose(p.pos);
    const inner = close < 0 ? [] : p.toks.slice(p.pos + 1, close);
    if (close > 0 && inner.length === 0) p.fail('empty subscript', at(start, p.toks[close].loc.end));
    if (inner.length > 0 && inner.every((x) => x.kind === 'letter')) {
      p.seek(close + 1);
      if (inner.length > 2 && labels) return done({ kind: 'label', text: inner.map((x) => x.text).join('') });
      return done({ kind: 'indices', items: inner.map((x) => sym(x.text, x.loc)) });
    }
    // `\mathbf x_{+}`, `x_{-}`: the positive and the negative one, names.
    if (inner.length === 1 && labels && (inner[0].text === '+' || inner[0].text === '-')) {
      p.seek(close + 1);
      return done({ kind: 'label', text: inner[0].text });
    }
    // `\lambda_{\max}`: the name max, as `\lambda_{max}`.
    if (inner.length === 1 && labels && (inner[0].text === '\\max' || inner[0].text === '\\min')) {
      p.seek(close + 1);
      return done({ kind: 'label', text: inner[0].text.slice(1) });
    }
    // `A_{i1}`: a letter and a digit are two indices (but `x_{2i}` is the single index 2i).
    const [a, b] = inner;
    if (inner.length === 2 && a.kind === 'letter' && b.kind === 'num' && b.text.length === 1) {
      p.seek(close + 1);
      return done({ kind: 'indices', items: [sym(a.text, a.loc), num(b.value ?? 0, 0, b.loc)] });
    }
    if (inner.length > 2 && TEXT_FONTS[inner[0].text] && inner[1].text === '{' && p.matchClose(p.pos + 2) === close - 1) {
      if (!labels) textSubFail(p, inner[0]);
      p.next();
      const cmd = p.next();
      const text = p.readRaw(cmd).text.trim();
      p.next();
      return done({ kind: 'label', text });
    }
    const open = p.next();
    const items = p.parseList(open, '}');
    p.expect('}', `expected '}' to close '{' ${openedAt(open.loc.start)}`);
    return done({ kind: 'indices', items });
  }
  if (t.kind === 'cmd' && TEXT_FONTS[t.text]) {
    if (!labels) textSubFail(p, t);
    p.next();
    return done({ kind: 'label', text: p.readRaw(t).text.trim() });
  }
  return done({ kind: 'indices', items: [p.parseArg("expected a subscript after '_'", under.loc)] });
}

const textSubFail = (p: ParserApi, t: Token): never =>
  p.fail(`a text subscript (${t.text}{…}) can only follow a symbol`, t.loc);

function parseSup(p: ParserApi, caret: Token): Sup | { kind: 'prime'; n: number } | { kind: 'star' } {
  const t = p.peek();
  const isTop = (x: Token) => x.text === '\\top' || x.text === '\\intercal';
  const isStar = (x: Token) => x.text === '*' || x.text === '\\ast' || x.text === '\\star';
  if (t.kind === 'cmd' && isTop(t)) return p.next(), { kind: 'T' };
  // `W^\mathrm{T}`, `W^\mathsf T`: the transpose in an upright font, without braces around the font.
  if (t.kind === 'cmd' && TRANSPOSE_FONTS.has(t.text) && isTransposeLetter(p)) return skipTransposeFont(p), { kind: 'T' };
  if (t.text === '\\prime') return p.next(), { kind: 'prime', n: 1 };
  if (t.kind !== 'num' && isStar(t)) return p.next(), { kind: 'star' };
  if (t.text === '-' && t.kind === 'char') p.fail("put a signed exponent in braces: '^{-…}'", t.loc);
  if (p.is('{')) {
    const close = p.matchClose(p.pos);
    const inner = close < 0 ? [] : p.toks.slice(p.pos + 1, close);
    const simple = (kind: 'T' | 'star'): Sup | { kind: 'star' } => (p.seek(close + 1), kind === 'T' ? { kind: 'T' } : { kind: 'star' });
    if (inner.length > 0 && inner.every((x) => x.text === '\\prime' || x.text === "'")) return p.seek(close + 1), { kind: 'prime', n: inner.length };
    if (inner.length === 1 && inner[0].kind === 'cmd' && isTop(inner[0])) return simple('T');
    if (inner.length === 1 && inner[0].kind !== 'num' && isStar(inner[0])) return simple('star');
    const transposeLetter = (x: Token | undefined) => x !== undefined && ((x.kind === 'cmd' && isTop(x)) || (x.kind === 'letter' && x.text === 'T'));
    if (inner.length === 2 && inner[0].text === '-' && transposeLetter(inner[1])) return p.seek(close + 1), { kind: 'invT' };
    const first = inner[0];
    const wrapped = (open: string, end: string) => first?.text === open && first.kind === 'char' && p.matchClose(p.pos + 1, open, end) === close - 1;
    const paren = wrapped('(', ')');
    const bracket = wrapped('[', ']');
    const node = p.parseBraceGroup();
    return isTransposeSym(node) ? { kind: 'T' } : { kind: 'exp', node, paren, ...(bracket ? { bracket } : {}) };
  }
  // `x^+` (the next iterate), `A^+` (the pseudo-inverse): well formed, not read.
  if (p.is('+') || p.is('-')) p.unsupported(`a superscript '${p.peek().text}' (x⁺, the next iterate; A⁺, the pseudo-inverse) is not supported`, at(caret.loc.start, p.peek().loc.end));
  // `x^(n-1)`, as typed in code and plain text: the exponent (n − 1), TeX would raise only the parenthesis.
  // Parenthesised as in `W^{(1)}`, so that a layer's label and a power are told apart alike (superscript-labels.ts).
  if (p.is('(')) return { kind: 'exp', node: p.parsePostfix(), paren: true };
  const node = p.parseArg("expected a superscript after '^'", caret.loc);
  return isTransposeSym(node) ? { kind: 'T' } : { kind: 'exp', node, paren: false };
}

/** Fonts a transpose `T` is written in. */
const TRANSPOSE_FONTS: ReadonlySet<string> = new Set(['\\mathrm', '\\mathsf', '\\text', '\\textsf', '\\textrm', '\\rm', '\\sf']);
/** After the font command: `{T}` or `T`. */
const isTransposeLetter = (p: ParserApi) => (p.is('{', 1) && p.peek(2).text === 'T' && p.is('}', 3)) || (p.peek(1).kind === 'letter' && p.peek(1).text === 'T');
function skipTransposeFont(p: ParserApi): void {
  p.next();
  if (p.is('{')) p.seek(p.pos + 3);
  else p.next();
}
/** A letter for an upper limit (`b`, `\infty`), not an exponent (a number, `T`, `-1`). */
const isLimitLetter = (n: Node) => (n.kind === 'sym' && !n.sub && n.name !== 'T' && n.name !== 'top') || (n.kind === 'sym' && n.name === 'infty');

const isTransposeSym = (n: Node) => n.kind === 'sym' && n.name === 'T' && !n.sub && !n.accent && !n.primes && !n.star;

function applySup(node: Node, sup: Sup, start: number, end: number, grouped = false): Node {
  if (sup.kind === 'T') return { kind: 'transpose', arg: node, loc: at(start, end) };
  if (sup.kind === 'invT') {
    const minusOne: Node = { kind: 'neg', arg: { kind: 'num', value: 1, decimals: 0, loc: at(end, end) }, loc: at(end, end) };
    return { kind: 'transpose', arg: { kind: 'pow', base: node, exp: minusOne, loc: at(start, end) }, loc: at(start, end) };
  }
  const flags = { ...(sup.paren ? { parenExp: true } : {}), ...(sup.bracket ? { bracketExp: true } : {}), ...(grouped && node.kind === 'sym' ? { groupedBase: true } : {}) };
  return { kind: 'pow', base: node, exp: sup.node, loc: at(start, end), ...flags };
}

/** The p of `\|x\|_p` (isNormSub has checked it is one). */
function normSubscript(s: Subscript): NormSubscript {
  const item = s.kind === 'indices' ? s.items[0] : undefined;
  if (item?.kind === 'num') return item.value === 1 ? 1 : 2;
  return item?.kind === 'sym' && item.name === 'F' ? 'F' : 'inf';
}

const isNormSub = (s: Subscript) =>
  s.kind === 'indices' && s.items.length === 1 &&
  ((s.items[0].kind === 'num' && [1, 2].includes(s.items[0].value)) || (s.items[0].kind === 'sym' && ['F', 'infty'].includes(s.items[0].name)));

/** The trigonometric functions whose `^{-1}` is their inverse, and that inverse. */
const INVERSE_TRIG: Readonly<Record<string, string>> = { sin: 'arcsin', cos: 'arccos', tan: 'arctan' };

/** Attach scripts to an atom and read a following call. */
export function finishAtom(p: ParserApi, atom: Atom, start: number): Node {
  // `\left. … \right|_{z=0}`: the bar was the \right delimiter.
  if (atom.subKind === 'evalbar' && (p.is('_') || p.is('^'))) return parseEvalBar(p, atom.node, start, p.toks[p.pos - 1]);
  let sc = parseScripts(p, atom.node.kind === 'sym');
  // `\tan^{-1} x`, `\sin^{-1}(x)`: the inverse function, arctan, arcsin (not 1/tan x).
  const inverse = atom.head?.kind === 'fn' && sc.sup?.kind === 'exp' && isMinusOne(sc.sup.node) ? INVERSE_TRIG[atom.head.fn] : undefined;
  if (inverse && atom.head) {
    atom = { ...atom, head: { ...atom.head, fn: inverse, display: `${atom.head.display}^{-1}` } };
    sc = { ...sc, sup: undefined };
  }
  // `(\frac{x^2}{2})_a^b`: the bracket evaluated between the limits a and b (F(b) − F(a)), not an entry to a power.
  if (atom.grouped && sc.sub && sc.sup?.kind === 'exp' && isLimitLetter(sc.sup.node) && sc.sub.kind === 'indices' && sc.sub.items.length === 1) {
    p.unsupported('an evaluation between limits, (…)_a^b, is not supported', at(start, p.lastEnd));
  }
  const head = atom.head;
  let node = atom.node;
  const symbol = node.kind === 'sym' && !atom.grouped;
  if (sc.sub) {
    const subLoc = sc.subTok!.loc;
    if (symbol && node.kind === 'sym' && !head?.needsCall) {
      if (node.sub) p.fail('double subscript', subLoc);
      node = { ...node, sub: sc.sub };
    } else if (head?.needsCall) p.unsupported(`a subscript on ${head.display} is not supported`, subLoc);
    else if (atom.subKind === 'norm') {
      if (!isNormSub(sc.sub)) p.unsupported('unsupported norm subscript (use _1, _2, _F or _\\infty)', sc.sub.loc);
      if (node.kind === 'norm') node = { ...node, p: normSubscript(sc.sub), loc: at(node.loc.start, sc.sub.loc.end) };
    } else if (node.kind === 'sym') {
      // `(b)_i` is b_i; `(b_j)_i` has two subscripts.
      if (node.sub) p.fail('double subscript', subLoc);
      node = { ...node, sub: sc.sub };
    } else node = component(p, node, sc.sub, sc.subTok!, start);
  }
  if (sc.primes || sc.star) {
    if (!symbol || node.kind !== 'sym') {
      // `(fg)' = f'g + fg'`: the derivative of an expression written with a prime, well formed.
      if (sc.primes && !sc.star) return p.unsupported('a prime after an expression, ((fg)′), is not supported: write \\frac{d}{dx}(…)', at(start, p.lastEnd));
      return p.fail("'^*' can only follow a symbol", at(start, p.lastEnd));
    }
    node = { ...node, ...(sc.primes ? { primes: (node.primes ?? 0) + sc.primes } : {}), ...(sc.star ? { star: true } : {}) };
  }
  if (node.kind === 'sym' && node !== atom.node) node = { ...node, loc: at(start, Math.max(sc.symEnd, node.loc.end)) };

  let called = false;
  if (head && node.kind === 'sym') {
    const plain = head.kind === 'plain';
    const fnSym = node;
    // `\lambda_{max}(A^\top A)`: an extreme value of its argument, applied like a function.
    const extreme = fnSym.sub?.kind === 'label' && /^(max|min)$/.test(fnSym.sub.text);
    // `g'_j(z_j)`: a primed name is a function's derivative, applied, whatever its subscript.
    const canCall = (!fnSym.sub || extreme || (fnSym.primes ?? 0) > 0) && !(plain && sc.sup);
    let args: Node[] | undefined;
    if (plain && !fnSym.sub && sc.sup?.kind === 'exp' && isMinusOne(sc.sup.node) && namesInverseFunction(fnSym.name) && p.callOpens()) {
      p.unsupported(`${head.display}^{-1}(…) reads as the inverse function of ${head.display}, which is not supported`, sc.sup.node.loc);
    }
    if (canCall && p.callOpens()) {
      if (!plain && sc.sup?.kind === 'exp' && isMinusOne(sc.sup.node)) p.unsupported(`inverse functions such as ${head.display}^{-1} are not supported`, sc.sup.node.loc);
      args = parseCallArgs(p);
    } else if (head.bare && !fnSym.sub) {
      if (!p.startsAtom(p.peek())) p.fail(`expected an argument after ${head.display}`, atom.node.loc);
      // `\log x \big|_{x=1}`: the bar evaluates the call, not its argument.
      args = [p.deferringBar(() => withCoefficient(p, p.parsePostfix()))];
    } else if (head.needsCall) {
      p.fail(head.parenRequired ? `expected '(' after ${head.display}` : `expected an argument after ${head.display}`, atom.node.loc);
    }
    if (args) {
      const ambiguous = plain && !fnSym.primes && args.length === 1;
      const call: CallNode = {
        kind: 'call', fn: head.fn, fnLoc: atom.node.loc, primes: fnSym.primes ?? 0, args, loc: at(start, p.lastEnd),
        ...(ambiguous ? { ambiguous: true, fnSym } : {}),
      };
      node = call;
      called = true;
    }
  }
  if (sc.sup) node = applySup(node, sc.sup, start, p.lastEnd, Boolean(atom.grouped));
  if (called) {
    const after = parseScripts(p, false);
    if (after.primes || after.star) p.fail("a prime or '^*' cannot follow a function call", at(start, p.lastEnd));
    if (after.sup && sc.sup) p.fail('double superscript', at(start, p.lastEnd));
    if (after.sub) node = component(p, node, after.sub, after.subTok!, start);
    if (after.sup) node = applySup(node, after.sup, start, p.lastEnd);
  }
  return node;
}

/**
 * `\cos 2\theta`, `\sin 2\pi x`: a number written before letters is their coefficient, and the argument
 * is the product, as in print (cos 2θ is cos(2θ), not cos(2)·θ). A function or a group after the number
 * ends it (`\sin 2 \cos x`, `\log 2 (x + 1)`).
 */
function withCoefficient(p: ParserApi, first: Node): Node {
  if (first.kind !== 'num') return first;
  let node: Node = first;
  while (p.peek().kind === 'letter' || p.peek().kind === 'cmd') {
    const before = p.pos;
    const next = p.parsePostfix();
    if (next.kind !== 'sym' && !(next.kind === 'pow' && next.base.kind === 'sym')) {
      p.seek(before);
      break;
    }
    node = { kind: 'bin', op: 'juxt', left: node, right: next, loc: at(first.loc.start, next.loc.end) };
  }
  return node;
}

/** `(Ax+b)_i`, `\sigma(z)_i`: the component of an expression that is not a symbol. */
function component(p: ParserApi, base: Node, sub: Subscript, under: Token, start: number): IndexNode {
  if (base.kind === 'num') return p.fail('a subscript can only follow a symbol or a bracketed expression', under.loc);
  if (sub.kind === 'label') return p.fail(`a text subscript can only follow a symbol`, sub.loc);
  return { kind: 'index', base, indices: sub.items, loc: at(start, sub.loc.end) };
}

/**
 * After an evaluation bar (`bar`, already consumed): `_{b = b_t}` or `_{x=1, y=2}`. `body` is what
 * the bar evaluates. `|_a^b` (evaluation between limits) and a subscript without `=` are refused as
 * unsupported.
 */
export function parseEvalBar(p: ParserApi, body: Node, start: number, bar: Token): AtNode {
  const limits = () => p.unsupported('evaluation between limits (|_a^b) is not supported', at(bar.loc.start, p.peek().loc.end));
  if (p.is('^')) limits();
  const under = p.next();
  const noBinding = (): never => {
    if (p.is('^')) limits();
    return p.unsupported("an evaluation bar needs 'name = value' in its subscript (as in |_{x=0})", at(bar.loc.start, p.lastEnd));
  };
  if (!p.is('{')) {
    p.parseArg("expected '{name = value}' after the evaluation bar", under.loc);
    return noBinding();
  }
  const openPos = p.pos;
  const open = p.next();
  const close = `expected '}' to close '{' ${openedAt(open.loc.start)}`;
  const bindings = p.counted(open.loc, () => p.inside(null, () => {
    const out: { name: Node; value: Node }[] = [];
    for (;;) {
      p.needTerm("expected 'name = value' after the evaluation bar", open.loc);
      const name = p.parseExpr();
      if (!p.is('=')) {
        const end = p.matchClose(openPos);
        if (end > 0 && (p.is('}') || p.is(','))) p.seek(end + 1), noBinding();
        p.expect('=', "expected '=' in the evaluation bar's subscript");
      }
      const eq = p.next();
      p.needTerm(`expected an expression after '='`, eq.loc);
      out.push({ name, value: p.parseExpr() });
      if (!p.eat(',')) break;
    }
    p.expect('}', close);
    return out;
  }));
  if (p.is('^')) limits();
  return { kind: 'at', body, bindings, loc: at(start, p.lastEnd) };
}

const isMinusOne = (n: Node) => n.kind === 'neg' && n.arg.kind === 'num' && n.arg.value === 1;

/** `( a, b )` or `\left( a, b \right)` after a function name. */
function parseCallArgs(p: ParserApi): Node[] {
  if (!p.is('(')) return parseLeft(p).items;
  const open = p.next();
  const items = p.parseList(open, ')');
  p.expect(')', `expected ')' to close '(' ${openedAt(open.loc.start)}`);
  return items;
}
