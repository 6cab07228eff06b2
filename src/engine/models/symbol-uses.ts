// The symbols an expression uses as quantities, and which symbols mean the same in every model:
// what auto-detection and the document's own model read a claim's symbols with.
import type { Node, SymNode } from '../parse/ast';
import { symbolKey } from '../semantics/scope';
import { children, some } from '../semantics/walk';
import { isEulerE, isTimeExpr } from '../semantics/rules';
import { labelledSymbol, superscriptLabel } from '../semantics/superscript-labels';

/** Size names a document writes bare (`\frac{1}{n}`, `\sum_{i=1}^m`): sizes, never random scalars. */
export const SIZE_LETTERS: ReadonlySet<string> = new Set(['n', 'm', 'k', 'N', 'M', 'K']);
const LEARNING_RATES = new Set(['alpha', 'eta']);

/** `W_1`, `b_{2}`: a numeric subscript that is part of the name (layer numbers), as a key; else undefined. */
export function subscriptName(sym: SymNode): string | undefined {
  if (sym.sub?.kind !== 'indices' || sym.sub.items.length !== 1) return undefined;
  const item = sym.sub.items[0];
  if (item.kind !== 'num' || item.decimals > 0 || !Number.isInteger(item.value)) return undefined;
  return `${symbolKey({ ...sym, sub: undefined })}_${item.value}`;
}

export interface SymbolUse {
  readonly sym: SymNode;
  /** Inside a derivative's operand or variable (what the claim is about). */
  readonly target: boolean;
}

/**
 * The symbols an expression uses as quantities, in order: not index letters (subscripts, bound
 * sum indices), not function names (except a symbol before parentheses, `C(y - \hat y)`, which may
 * be a product), and `L(y, \hat y)` counts as L.
 */
export function symbolUses(node: Node): SymbolUse[] {
  const out: SymbolUse[] = [];
  const visit = (n: Node, bound: readonly string[], target: boolean): void => {
    // `W^{(1)}`, `a^{[l]}` are symbols of their own (superscript-labels.ts); a time step `b^{(t+1)}` is b's.
    const label = superscriptLabel(n);
    if (label && !isTimeExpr(label.label)) return visit(labelledSymbol(label), bound, target);
    switch (n.kind) {
      case 'sym':
        if (!(bound.includes(n.name) && !n.sub && !n.accent)) out.push({ sym: n, target });
        return;
      case 'call':
        if (n.ambiguous && n.fnSym) visit(n.fnSym, bound, target);
        else if (n.args.length > 1 && n.primes === 0 && /^[A-Za-z]$/.test(n.fn)) out.push({ sym: { kind: 'sym', name: n.fn, loc: n.fnLoc }, target });
        for (const a of n.args) visit(a, bound, target);
        return;
      case 'sum':
        if (n.lower) visit(n.lower, bound, target);
        if (n.upper) visit(n.upper, bound, target);
        visit(n.body, [...bound, n.index], target);
        return;
      case 'deriv':
        visit(n.of, bound, true);
        visit(n.wrt, bound, true);
        return;
      case 'index':
        visit(n.base, bound, target);
        return;
      default:
        for (const c of children(n)) visit(c, bound, target);
    }
  };
  visit(node, [], false);
  return out;
}

/** Symbols with a fixed meaning in every model: π, Euler's e, the identity I, time t, learning rates, δ_ij. */
export function isNeutralSymbol(sym: SymNode, eDefined = false): boolean {
  const bare = !sym.accent && !sym.sub && !sym.star && !sym.primes;
  if (bare && (sym.name === 'pi' || sym.name === 't' || sym.name === 'infty' || LEARNING_RATES.has(sym.name))) return true;
  if (isEulerE(sym)) return !eDefined;
  if (sym.name === 'I' && !sym.accent && (!sym.sub || sym.sub.kind === 'label' || sym.sub.items.length === 1)) return true;
  return sym.name === 'delta' && sym.sub?.kind === 'indices' && sym.sub.items.length === 2;
}

/** Names that stand for constants, not variables: π, Euler's e, ∞. */
export const CONSTANT_NAMES: ReadonlySet<string> = new Set(['pi', 'e', 'infty']);

/**
 * A number, or an expression of numbers and constants (`\log 2`, `2\pi`): a value, not a formula in
 * variables. `redefined` names constants the document gave another meaning (`e = (a + b)(b + 1)`).
 */
export function isConstantExpression(node: Node, redefined: ReadonlySet<string> = NONE): boolean {
  return !hasDerivative(node) && symbolUses(node).every(({ sym }) => !sym.sub && !sym.accent && CONSTANT_NAMES.has(sym.name) && !redefined.has(sym.name));
}

const NONE: ReadonlySet<string> = new Set();

/** True if the body has a derivative (then it is a derived quantity, not a step of the forward pass). */
export function hasDerivative(body: Node): boolean {
  return some(body, (n) => n.kind === 'deriv');
}
