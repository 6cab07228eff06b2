import type { Node, SymNode } from '../parse/ast';

/** The direct children of a node, in source order. */
export function children(node: Node): Node[] {
  switch (node.kind) {
    case 'num':
      return [];
    case 'sym':
      return node.sub?.kind === 'indices' ? [...node.sub.items] : [];
    case 'call':
      return node.fnSym ? [node.fnSym, ...node.args] : [...node.args];
    case 'bin':
      return [node.left, node.right];
    case 'neg':
    case 'transpose':
    case 'norm':
      return [node.arg];
    case 'pow':
      return [node.base, node.exp];
    case 'deriv':
      return [...(node.operatorForm ? [node.wrt, node.of] : [node.of, node.wrt]), ...(node.wrt2 ? [node.wrt2] : [])];
    case 'sum':
      return [...(node.lower ? [node.lower] : []), ...(node.upper ? [node.upper] : []), node.body];
    case 'indicator':
      return [node.cond.left, node.cond.right];
    case 'tuple':
      return node.rows.flat();
    case 'index':
      return [node.base, ...node.indices];
    case 'at':
      return [node.body, ...node.bindings.flatMap((b) => [b.name, b.value])];
  }
}

/** True if `test` holds for the node or any descendant. */
export function some(node: Node, test: (n: Node) => boolean): boolean {
  if (test(node)) return true;
  return children(node).some((c) => some(c, test));
}

/** True if `node` mentions the symbol `target` (same name, accent, label and indices). */
export function mentionsSymbol(node: Node, target: SymNode): boolean {
  const same = (n: SymNode) =>
    n.name === target.name && n.accent === target.accent && n.star === target.star && JSON.stringify(stripLocations(n.sub)) === JSON.stringify(stripLocations(target.sub));
  return some(node, (n) => n.kind === 'sym' && same(n));
}

function stripLocations(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value ?? null, (key, v) => (key === 'loc' ? undefined : v)));
}
