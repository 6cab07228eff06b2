// Small constructors for AST nodes, so that handlers stay short.
import type { BinNode, CallNode, Node, NumNode, SymNode } from './ast';
import type { SourceRange } from '../source/location';

export const at = (start: number, end: number): SourceRange => ({ start, end });

export function sym(name: string, loc: SourceRange, extra: Partial<Omit<SymNode, 'kind' | 'name' | 'loc'>> = {}): SymNode {
  return { kind: 'sym', name, loc, ...extra };
}

export function num(value: number, decimals: number, loc: SourceRange): NumNode {
  return { kind: 'num', value, decimals, loc };
}

export function bin(op: BinNode['op'], left: Node, right: Node, loc: SourceRange): BinNode {
  return { kind: 'bin', op, left, right, loc };
}

/** The same node with another location (parentheses widen the node they wrap). */
export function relocate<T extends Node>(node: T, loc: SourceRange): T {
  return { ...node, loc };
}

/** A product, however it is written: `ab`, `a \cdot b`, `a \times b`, `a * b` (not `\odot`, which is elementwise). */
export function isProduct(n: Node): n is BinNode & { readonly op: 'juxt' | 'cdot' | 'times' | '*' } {
  return n.kind === 'bin' && (n.op === 'juxt' || n.op === 'cdot' || n.op === 'times' || n.op === '*');
}

/** A plain symbol: no subscript, accent, primes or star (fonts allowed). */
export function isPlainSym(n: Node): n is SymNode {
  return n.kind === 'sym' && !n.sub && !n.accent && !n.primes && !n.star;
}

/** Apply `f` to every symbol in `node` (used by `\mathbf{Ax + b}`). Depth is bounded by the parser. */
export function mapSyms(node: Node, f: (s: SymNode) => SymNode): Node {
  return mapLeaves(node, f, (n) => n);
}

/** `node` with each plain letter of `from` (no subscript, no accent) written as the matching name of `to`, in subscripts too (`x_j` → `x_i`). */
export function renameLetters(node: Node, from: readonly string[], to: readonly string[]): Node {
  const rename = (s: SymNode): SymNode => {
    const at = !s.sub && !s.accent ? from.indexOf(s.name) : -1;
    const renamed = at >= 0 ? { ...s, name: to[at] } : s;
    return renamed.sub?.kind === 'indices' ? { ...renamed, sub: { ...renamed.sub, items: renamed.sub.items.map((item) => mapSyms(item, rename)) } } : renamed;
  };
  return mapSyms(node, rename);
}

/** Apply `f` to every number written in `node` (the rounded inputs of a computation). */
export function mapNums(node: Node, f: (n: NumNode) => NumNode): Node {
  return mapLeaves(node, (s) => s, f);
}

/** Apply `f` to every function applied in `node`, its arguments mapped first (`\log x` read in another base). */
export function mapCalls(node: Node, f: (n: CallNode) => Node): Node {
  return mapLeaves(node, (s) => s, (n) => n, f);
}

/** `node` rebuilt with each symbol, number and function application mapped (an application after its arguments). */
function mapLeaves(node: Node, sym: (s: SymNode) => SymNode, num: (n: NumNode) => NumNode, call: (n: CallNode) => Node = (n) => n): Node {
  const m = (n: Node) => mapLeaves(n, sym, num, call);
  switch (node.kind) {
    case 'sym': return sym(node);
    case 'num': return num(node);
    case 'call': return call({ ...node, args: node.args.map(m), fnSym: node.fnSym && sym(node.fnSym) });
    case 'index': return { ...node, base: m(node.base) }; // indices keep their font, as a symbol's subscript does
    default: return mapChildren(node, m);
  }
}

/** `node` with each direct child expression mapped by `f` (subscripts, a symbol's own, are left as they are). */
export function mapChildren(node: Node, f: (child: Node) => Node): Node {
  switch (node.kind) {
    case 'sym': case 'num': return node;
    case 'call': return { ...node, args: node.args.map(f) };
    case 'bin': return { ...node, left: f(node.left), right: f(node.right) };
    case 'neg': case 'transpose': case 'norm': return { ...node, arg: f(node.arg) };
    case 'pow': return { ...node, base: f(node.base), exp: f(node.exp) };
    case 'deriv': return { ...node, of: f(node.of), wrt: f(node.wrt), ...(node.wrt2 ? { wrt2: f(node.wrt2) } : {}) };
    case 'sum': return { ...node, body: f(node.body), lower: node.lower && f(node.lower), upper: node.upper && f(node.upper) };
    case 'indicator': return { ...node, cond: { ...node.cond, left: f(node.cond.left), right: f(node.cond.right) } };
    case 'tuple': return { ...node, rows: node.rows.map((r) => r.map(f)) };
    case 'index': return { ...node, base: f(node.base), indices: node.indices.map(f) };
    case 'at': return { ...node, body: f(node.body), bindings: node.bindings.map((b) => ({ name: f(b.name), value: f(b.value) })) };
  }
}
