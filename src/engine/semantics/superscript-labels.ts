// Superscripts in parentheses or brackets on a letter, `W^{(1)}`, `h^{(0)}`, `a^{[l]}`, `z^{[2]}`, are
// labels of the symbol (its layer), like a subscript, not powers (issue 13). `(x)^{(2)}`, `x^{2}` and
// `(a+b)^{2}` stay powers, `e^{(…)}` is the exponential, a label that is no index (`x^{(-1)}`) stays a
// power, and `b^{(t+1)}` of a model's parameter is its time step (compile-operators.ts decides first).
//
// A label makes a symbol of its own: `W^{(1)}` is the symbol named `W^(1)`, its subscripts kept
// (`W^{(1)}_{ij}` is an entry of it); `a^{[l]}` is member l of the family named `a^[·]`, whose
// definition `a^{[l]} = σ(z^{[l]})` binds l, and whose member `a^{[2]}` is `a^[2]` unless the family
// is defined.
import type { Node, SymNode } from '../parse/ast';
import { isEulerE, isTimeExpr } from './rules';
import { children } from './walk';

export interface SuperscriptLabel {
  readonly base: SymNode;
  readonly label: Node;
  readonly delim: '(' | '[';
  /** The superscript written as a whole: `W^{(1)}`. */
  readonly node: Node;
}

/** The label a node is, or undefined when it is a power (or anything else). */
export function superscriptLabel(node: Node): SuperscriptLabel | undefined {
  if (node.kind !== 'pow' || node.groupedBase || (!node.parenExp && !node.bracketExp)) return undefined;
  const base = node.base;
  if (base.kind !== 'sym' || base.sub?.kind === 'label' || base.star || base.primes) return undefined;
  if (isEulerE(base)) return undefined;
  if (!isIndexExpression(node.exp)) return undefined;
  return { base, label: node.exp, delim: node.bracketExp ? '[' : '(', node };
}

/** `1`, `l`, `L`, `l-1`, `t+1`: what an index can be. */
function isIndexExpression(node: Node): boolean {
  if (node.kind === 'num') return Number.isInteger(node.value) && node.value >= 0;
  if (node.kind === 'sym') return !node.sub && !node.accent && !node.primes && !node.star && /^[A-Za-z]$/.test(node.name);
  return node.kind === 'bin' && (node.op === '+' || node.op === '-') && isIndexExpression(node.left) && node.right.kind === 'num';
}

const CLOSE = { '(': ')', '[': ']' } as const;

/** The name of the base labelled with `text`: `W^(1)`, `a^[·]`. */
function labelledName(label: SuperscriptLabel, text: string): string {
  return `${label.base.name}^${label.delim}${text}${CLOSE[label.delim]}`;
}

/** `W^{(1)}` as the symbol W^(1), with the base's subscripts. Only for a number as the label. */
export function namedSymbol(label: SuperscriptLabel, value: number): SymNode {
  return { ...label.base, name: labelledName(label, String(value)), loc: label.node.loc };
}

/** `a^{[l]}` as member l of the family a^[·]: the label is the family's first index, the base's subscripts follow. */
export function familySymbol(label: SuperscriptLabel): SymNode {
  const items = label.base.sub?.kind === 'indices' ? label.base.sub.items : [];
  return { ...label.base, name: labelledName(label, FAMILY), sub: { kind: 'indices', items: [label.label, ...items], loc: label.label.loc }, loc: label.node.loc };
}

/** The symbol a label is written as, without knowing what the document defines: named for a number, a family member otherwise. */
export function labelledSymbol(label: SuperscriptLabel): SymNode {
  return label.label.kind === 'num' ? namedSymbol(label, label.label.value) : familySymbol(label);
}

/** What stands for the label's value in a family's name. */
export const FAMILY = '·';

/**
 * `a^(2)`, a symbol named by a number label, as the family it would be a member of (`a^(·)`, its
 * base's subscripts kept) with that family's count of indices; undefined for any other symbol.
 */
export function familyOfNamed(sym: SymNode): { family: SymNode; indices: number } | undefined {
  const member = /^(.*)\^([([])\d+[)\]]$/.exec(sym.name);
  if (!member) return undefined;
  const open = member[2] as '(' | '[';
  const family = { ...sym, name: `${member[1]}^${open}${FAMILY}${CLOSE[open]}`, sub: undefined };
  return { family, indices: 1 + (sym.sub?.kind === 'indices' ? sym.sub.items.length : 0) };
}

/** A family's symbol shown as written: `a^[·]` with indices (l, i) is `a^[l]_i`; undefined for any other symbol. */
export function familyDisplay(sym: SymNode, show: (n: Node) => string): { head: string; rest: readonly Node[] } | undefined {
  const match = /^(.*)\^([([])·[)\]]$/.exec(sym.name);
  if (!match || sym.sub?.kind !== 'indices' || sym.sub.items.length === 0) return undefined;
  const [, base, open] = match;
  const [label, ...rest] = sym.sub.items;
  return { head: `${base}^${open}${show(label)}${CLOSE[open as '(' | '[']}`, rest };
}

/**
 * `some` over an expression with each label seen as the symbol it makes (never as its base): the
 * `b` of `b^{(1)}` is not the model's b. A time step (`b^{(t+1)}`) is its base's.
 */
export function someSymbol(node: Node, test: (n: Node) => boolean): boolean {
  const label = superscriptLabel(node);
  if (label && !isTimeExpr(label.label)) return someSymbol(labelledSymbol(label), test);
  if (test(node)) return true;
  return children(node).some((c) => someSymbol(c, test));
}
