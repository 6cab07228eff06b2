// Bracketing constructs: groups and tuples `( )`, `[ ]`, `\{ \}`, `\left…\right`, norms and
// absolute values, indicators `\mathbb{1}[z>0]`, and matrix environments.
import type { CompareNode, IndicatorNode, Node, TupleNode } from '../ast';
import type { SourceRange } from '../../source/location';
import type { Token } from '../lexer';
import { openedAt } from '../errors';
import type { AtomHandler, ParserApi } from '../parser-api';
import { at, relocate } from '../nodes';
import { COMPARISONS } from './operators';

/** `\left` delimiters and what closes them ('*' = anything). */
const LEFT_CLOSERS: Readonly<Record<string, readonly string[]>> = {
  '(': [')'], '[': [']'], '\\{': ['\\}'], '.': ['*'],
  '|': ['|', '\\rvert', '\\vert'], '\\lvert': ['\\rvert', '|', '\\vert'], '\\vert': ['\\vert', '|', '\\rvert'],
  '\\|': ['\\|', '\\rVert', '\\Vert'], '\\lVert': ['\\rVert', '\\|', '\\Vert'], '\\Vert': ['\\Vert', '\\|', '\\rVert'],
};
const RIGHT_DELIMS = new Set([')', ']', '\\}', '.', '|', '\\rvert', '\\vert', '\\|', '\\rVert', '\\Vert']);
const ABS = new Set(['|', '\\lvert', '\\vert']);
const NORM = new Set(['\\|', '\\lVert', '\\Vert']);
const DELIM_OF: Readonly<Record<string, TupleNode['delim']>> = {
  '(': '(', ')': '(', '[': '[', ']': '[', '\\{': '{', '\\}': '{', '\\lbrace': '{', '\\rbrace': '{',
};

function tupleOrGroup(items: Node[], delim: TupleNode['delim'], loc: SourceRange): Node {
  if (items.length === 1) return relocate(items[0], loc);
  return { kind: 'tuple', rows: items.map((x) => [x]), delim, loc };
}

const bracket = (close: string): AtomHandler => (p, t) => {
  const open = p.next();
  const items = p.parseList(open, close);
  p.expect(close, `expected '${close}' to close '${open.text}' ${openedAt(open.loc.start)}`);
  return { node: tupleOrGroup(items, DELIM_OF[open.text], at(t.loc.start, p.lastEnd)), grouped: true };
};

/** `|x|`, `\|x\|`, `\lVert x \rVert`. Inside, the closing bar ends the expression. */
const bars = (close: string, abs: boolean): AtomHandler => (p, t) => {
  const open = p.next();
  if (abs && open.text === '|' && adjacentBar(p, open)) return doubleBars(p, t);
  const message = `expected '${close}' to close '${open.text}' ${openedAt(open.loc.start)}`;
  if (p.is(close)) p.fail(abs ? 'empty absolute value' : 'empty norm', at(t.loc.start, p.peek().loc.end));
  if (p.peek().kind === 'eof') p.fail(message, p.peek().loc);
  const arg = p.inside(close, () => p.parseExpr());
  p.expect(close, message);
  return { node: { kind: 'norm', arg, abs, loc: at(t.loc.start, p.lastEnd) }, subKind: 'norm' };
};

/** The next token is a `|` written right after `open`: `||`. */
function adjacentBar(p: ParserApi, open: Token, ahead = 0): boolean {
  const next = p.peek(ahead);
  return next.kind === 'char' && next.text === '|' && next.loc.start === open.loc.end;
}

/** `||x||`, `||x||_2`: a norm written with two plain bars on each side, as many notes do. */
function doubleBars(p: ParserApi, t: Token): { node: Node; subKind: 'norm' } {
  p.next();
  const message = `expected '||' to close '||' ${openedAt(t.loc.start)}`;
  if (p.is('|')) p.fail('empty norm', at(t.loc.start, p.peek().loc.end));
  if (p.peek().kind === 'eof') p.fail(message, p.peek().loc);
  const arg = p.inside('|', () => p.parseExpr());
  const closing = p.peek();
  if (!p.is('|') || !adjacentBar(p, closing, 1)) p.fail(message, closing.loc);
  p.next();
  p.next();
  return { node: { kind: 'norm', arg, abs: false, loc: at(t.loc.start, p.lastEnd) }, subKind: 'norm' };
}

/** `\left X … \right Y`: the items inside (comma-separated unless X is a bar). */
export function parseLeft(p: ParserApi): { items: Node[]; open: Token; close: Token; loc: SourceRange } {
  const left = p.next();
  const open = p.next();
  const closers = open.kind === 'cmd' || open.kind === 'char' ? LEFT_CLOSERS[open.text] : undefined;
  if (open.text === '\\langle') p.unsupported('inner products \\langle…\\rangle are not checked: which inner product the text means (xᵀy, xᵀAy, one of functions) is not read', open.loc);
  if (!closers) p.fail(`expected a delimiter after \\left${open.kind === 'eof' ? '' : `, found '${open.text}'`}`, open.loc.end > left.loc.end ? open.loc : left.loc);
  const name = `\\left${open.text}`;
  const bar = ABS.has(open.text) || NORM.has(open.text);
  if (p.is('\\right')) p.fail(`empty ${name}…\\right`, at(left.loc.start, p.peek().loc.end));
  const items = p.peek().kind === 'eof' ? [] : bar ? [p.inside(null, () => p.parseExpr())] : p.parseList(open, '\\right');
  if (p.peek().kind === 'eof') p.fail(`unbalanced ${name} : expected \\right`, at(left.loc.start, open.loc.end));
  const want = closers[0] === '*' ? '' : closers[0];
  p.expect('\\right', `expected \\right${want} to close ${name} ${openedAt(left.loc.start)}`);
  const close = p.next();
  const ok = RIGHT_DELIMS.has(close.text) && close.kind !== 'num' && (closers[0] === '*' || close.text === '.' || closers.includes(close.text));
  if (!ok) p.fail(`expected \\right${want} to close ${name} ${openedAt(left.loc.start)}, found \\right${close.text}`, close.loc);
  return { items, open, close, loc: at(left.loc.start, p.lastEnd) };
}

const leftRight: AtomHandler = (p) => {
  const { items, open, close, loc } = parseLeft(p);
  if (ABS.has(open.text) || NORM.has(open.text)) {
    return { node: { kind: 'norm', arg: items[0], abs: ABS.has(open.text), loc }, subKind: 'norm' };
  }
  const delim = DELIM_OF[open.text] ?? DELIM_OF[close.text] ?? '(';
  const evalBar = open.text === '.' && (ABS.has(close.text) || close.text === '\\rvert');
  return { node: tupleOrGroup(items, delim, loc), subKind: evalBar ? 'evalbar' : undefined, grouped: true };
};

// ---- indicators

const INDICATOR_GROUPS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '{': '}', '\\{': '\\}', '\\left': '\\right' };

/** A bracketed condition follows (`[z>0]`, `_{z>0}`); `\mathbf{1}_n` and `\mathbf{1}^T` stay symbols. */
export function indicatorFollows(p: ParserApi): boolean {
  const i = p.is('_') ? p.pos + 1 : p.pos;
  const t = p.toks[i];
  const close = t.kind === 'num' || (t.text === '{' && i === p.pos) ? undefined : INDICATOR_GROUPS[t.text];
  if (!close) return false;
  const end = p.matchClose(i, t.text, close);
  if (end < 0) return true;
  for (let k = i + 1; k < end; k++) {
    const x = p.toks[k];
    if ((x.kind === 'char' || x.kind === 'cmd') && COMPARISONS[x.text]) return true;
  }
  return false;
}

/** After `\mathbb{1}` (or a bare `1` followed by `_`): `[z>0]`, `(z>0)`, `\{z>0\}`, `_{z>0}`, `_{\{z>0\}}`. */
export function parseIndicator(p: ParserApi, start: number): IndicatorNode {
  const done = (cond: CompareNode): IndicatorNode => ({ kind: 'indicator', cond, loc: at(start, p.lastEnd) });
  if (p.is('\\left')) {
    const left = p.next();
    p.next();
    const cond = parseCompare(p);
    p.expect('\\right', `expected \\right to close \\left ${openedAt(left.loc.start)}`);
    p.next();
    return done(cond);
  }
  const under = p.eat('_');
  if (under && !p.is('{')) return p.fail("expected '{condition}' after '_'", under.loc);
  const open = p.next();
  const close = { '{': '}', '[': ']', '(': ')', '\\{': '\\}' }[open.text] ?? '}';
  const message = `expected '${close}' to close '${open.text}' ${openedAt(open.loc.start)}`;
  if (under && (p.is('\\{') || p.is('['))) {
    const inner = parseIndicator(p, start);
    p.expect(close, message);
    return done(inner.cond);
  }
  const cond = parseCompare(p);
  p.expect(close, message);
  return done(cond);
}

function parseCompare(p: ParserApi): CompareNode {
  return p.inside(null, () => {
    const start = p.peek().loc.start;
    if (!p.startsTerm(p.peek())) p.fail('expected a condition such as z > 0', p.peek().loc);
    const left = p.parseExpr();
    const t = p.peek();
    let op = t.kind === 'char' || t.kind === 'cmd' ? COMPARISONS[t.text] : undefined;
    if (!op) p.fail(`expected a comparison (>, <, \\geq, \\leq, \\neq)${t.kind === 'eof' ? '' : `, found '${t.text}'`}`, t.loc);
    p.next();
    if ((op === '>' || op === '<') && p.is('=')) p.next(), (op = op === '>' ? '>=' : '<=');
    if (!p.startsTerm(p.peek())) p.fail(`expected an expression after '${t.text}'`, t.loc);
    const right = p.parseExpr();
    return { kind: 'compare', op, left, right, loc: at(start, p.lastEnd) };
  });
}

// ---- environments

const MATRICES = new Set(['bmatrix', 'pmatrix', 'matrix', 'Bmatrix', 'smallmatrix', 'array']);
const LAYOUT = /^(aligned|align\*?|alignedat|alignat\*?|split|gathered|gather\*?|equation\*?|eqnarray\*?|multline\*?|flalign\*?)$/;

const begin: AtomHandler = (p, t) => {
  p.next();
  const name = p.readRaw(t).text.trim();
  const loc = at(t.loc.start, p.lastEnd);
  if (LAYOUT.test(name)) p.fail(`\\begin{${name}} must be split into rows first (segmentMath)`, loc);
  if (name === 'cases' || name === 'dcases' || name === 'rcases') p.unsupported(`\\begin{${name}} (piecewise definitions) is not supported`, loc);
  if (name === 'vmatrix' || name === 'Vmatrix') p.unsupported(`determinants (${name}) are not supported`, loc);
  if (!MATRICES.has(name)) p.fail(`unsupported environment ${name}`, loc);
  if (name === 'array' && p.is('{')) p.readRaw(t);
  const rows = p.inside(null, () => matrixRows(p, name, t));
  const end = p.next();
  const endName = p.is('{') ? p.readRaw(end).text.trim() : '';
  if (endName !== name) p.fail(`expected \\end{${name}}, found \\end{${endName}}`, at(end.loc.start, p.lastEnd));
  return { node: { kind: 'tuple', rows, delim: 'matrix', loc: at(t.loc.start, p.lastEnd) } };
};

function matrixRows(p: ParserApi, name: string, t: Token): Node[][] {
  const rows: Node[][] = [];
  let row: Node[] = [];
  for (;;) {
    if (p.is('\\end')) break;
    if (p.peek().kind === 'eof') p.fail(`expected \\end{${name}} to close \\begin{${name}} ${openedAt(t.loc.start)}`, p.peek().loc);
    if (p.is('&') || p.is('\\\\')) p.fail('empty matrix entry', p.peek().loc);
    row.push(p.parseExpr());
    if (p.eat('&')) {
      if (p.is('&') || p.is('\\\\') || p.is('\\end')) p.fail('empty matrix entry', p.peek().loc);
    } else if (p.eat('\\\\')) {
      skipDimension(p);
      // `3 \\\\ 4`: Markdown (Jupyter, kramdown) escapes each backslash of `\\`, so the row break is written
      // twice; a row left empty between two breaks is that, not a row.
      while (p.eat('\\\\')) skipDimension(p);
      rows.push(row);
      row = [];
    } else if (!p.is('\\end')) {
      const x = p.peek();
      p.fail(`expected '&', '\\\\' or \\end{${name}}${x.kind === 'eof' ? '' : `, found '${x.text}'`}`, x.loc);
    }
  }
  if (row.length) rows.push(row);
  if (!rows.length) p.fail(`empty ${name}`, t.loc);
  const width = rows[0].length;
  rows.forEach((r, i) => {
    if (r.length !== width) p.fail(`matrix row ${i + 1} has ${r.length} entries, expected ${width}`, at(r[0].loc.start, r[r.length - 1].loc.end));
  });
  return rows;
}

/** `\\[2pt]` */
function skipDimension(p: ParserApi): void {
  if (!p.is('[')) return;
  let k = 1;
  while (k < 6 && !p.is(']', k) && p.peek(k).kind !== 'eof') k++;
  if (p.is(']', k) && p.peek(1).kind === 'num') for (let i = 0; i <= k; i++) p.next();
}

export const DELIMITER_COMMANDS: Readonly<Record<string, AtomHandler>> = {
  '(': bracket(')'), '[': bracket(']'), '\\{': bracket('\\}'), '\\lbrace': bracket('\\rbrace'),
  '{': (p) => ({ node: p.parseBraceGroup() }),
  '|': bars('|', true), '\\vert': bars('\\vert', true), '\\lvert': bars('\\rvert', true),
  '\\|': bars('\\|', false), '\\Vert': bars('\\Vert', false), '\\lVert': bars('\\rVert', false),
  '\\left': leftRight, '\\begin': begin,
};
