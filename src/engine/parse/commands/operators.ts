// Infix operators, relations and comparisons, and commands that are recognised only to be refused
// with a clear message.
import type { BinNode, CompareNode, RelOp } from '../ast';

export const MUL_OPS: Readonly<Record<string, BinNode['op']>> = {
  '*': '*', '\\ast': '*', '/': '/', '\\div': '/', '\\cdot': 'cdot', '\\times': 'times',
  '\\odot': 'odot', '\\circ': 'odot',
};

/** Chain relations; `:=` is two tokens and handled by the parser. */
export const RELATIONS: Readonly<Record<string, RelOp>> = {
  '=': '=', '\\approx': 'approx', '\\simeq': 'approx', '\\leftarrow': 'update', '\\gets': 'update',
  '\\coloneqq': 'update', '\\coloneq': 'update', '\\equiv': '=', '\\triangleq': '=',
};

/** Comparisons inside indicators. */
export const COMPARISONS: Readonly<Record<string, CompareNode['op']>> = {
  '>': '>', '<': '<', '=': '=', '\\geq': '>=', '\\ge': '>=', '\\geqslant': '>=', '\\leq': '<=',
  '\\le': '<=', '\\leqslant': '<=', '\\neq': '!=', '\\ne': '!=',
};

export const ELLIPSES: ReadonlySet<string> = new Set([
  '\\cdots', '\\ldots', '\\dots', '\\vdots', '\\ddots', '\\dotsc', '\\dotsb', '\\dotsm', '\\dotsi',
]);

/** Infix symbols we do not check; they end an expression and are then reported (unsupported, except NEEDS_SPLIT). */
export const UNSUPPORTED_INFIX: Readonly<Record<string, string>> = {
  '\\pm': '\\pm cannot be checked', '\\mp': '\\mp cannot be checked',
  '\\otimes': '\\otimes (Kronecker/outer product) is not supported', '\\oplus': '\\oplus is not supported',
  '\\in': '\\in (set membership) cannot be checked', '\\to': '\\to cannot be checked',
  '\\rightarrow': '\\rightarrow cannot be checked', '\\mapsto': '\\mapsto cannot be checked',
  '\\propto': '\\propto cannot be checked', '\\sim': '\\sim cannot be checked',
  '\\implies': '\\implies separates claims; split the text with segmentMath first',
  '\\Rightarrow': '\\Rightarrow separates claims; split the text with segmentMath first',
  '\\iff': '\\iff separates claims; split the text with segmentMath first',
  '\\bmod': 'modular arithmetic (mod) is not supported', '\\pmod': 'modular arithmetic (mod) is not supported',
  '\\mod': 'modular arithmetic (mod) is not supported',
  '\\cup': '\\cup is not supported', '\\cap': '\\cap is not supported', '\\mid': '\\mid is not supported',
};

/** Refusals that are not about the math: the caller should have split the text into claims. */
export const NEEDS_SPLIT: ReadonlySet<string> = new Set(['\\implies', '\\Rightarrow', '\\iff', '\\therefore']);

/** Atoms we do not check (ParseFailure.unsupported, except NEEDS_SPLIT). */
export const UNSUPPORTED_ATOM: Readonly<Record<string, string>> = {
  '\\prod': '\\prod (products) is not supported', '\\int': 'integrals are not supported',
  '\\iint': 'integrals are not supported', '\\iiint': 'integrals are not supported',
  '\\oint': 'integrals are not supported',
  '\\lim': 'limits are not supported', '\\limsup': 'limits are not supported', '\\liminf': 'limits are not supported', '\\binom': '\\binom is not supported',
  '\\argmin': '\\argmin is not supported', '\\argmax': '\\argmax is not supported',
  '\\arg': '\\arg is not supported', '\\forall': '\\forall cannot be checked',
  '\\exists': '\\exists cannot be checked', '\\langle': 'inner products \\langle…\\rangle are not checked: which inner product the text means (xᵀy, xᵀAy, one of functions) is not read',
  '\\underset': 'a note set under or over a symbol (\\underset, \\overset, \\stackrel) is not checked, except a label over a relation',
  '\\overset': 'a note set under or over a symbol (\\underset, \\overset, \\stackrel) is not checked, except a label over a relation',
  '\\stackrel': 'a note set under or over a symbol (\\underset, \\overset, \\stackrel) is not checked, except a label over a relation',
  '\\underbrace': '\\underbrace is not supported', '\\overbrace': '\\overbrace is not supported',
  '\\therefore': '\\therefore separates claims; split the text with segmentMath first',
};
