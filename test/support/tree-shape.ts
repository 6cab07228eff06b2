// A parse tree's shape up to what does not change its meaning or its rendering: sums and products
// flattened (a + (b − c) is a + b − c), `*`, `\cdot` and juxtaposition one product, fonts dropped.
// Rendered LaTeX read back must give the same shape (test/engine/parse/to-latex.test.ts).
import type { Node } from '../../src/engine/parse/ast';
import { isProduct } from '../../src/engine/parse/nodes';
import { show } from '../../src/engine/parse/print';

export function treeShape(node: Node): string {
  switch (node.kind) {
    case 'bin':
      if (node.op === '+' || node.op === '-') return `(sum ${terms(node, '+').join(' ')})`;
      if (isProduct(node)) return `(product ${factors(node).join(' ')})`;
      return `(${node.op} ${treeShape(node.left)} ${treeShape(node.right)})`;
    case 'sym':
      return show({ ...node, font: undefined });
    case 'call':
      return `(call ${node.fn.toLowerCase()}${"'".repeat(node.primes)} ${node.args.map(treeShape).join(' ')})`;
    case 'tuple':
      return `(tuple ${node.rows.map((row) => `[${row.map(treeShape).join(' ')}]`).join(' ')})`;
    case 'deriv':
      return `(deriv ${node.style} ${node.order} ${treeShape(node.of)} ${treeShape(node.wrt)})`;
    case 'neg':
      return `(neg ${treeShape(node.arg)})`;
    case 'pow':
      return `(^ ${treeShape(node.base)} ${treeShape(node.exp)})`;
    case 'transpose':
      return `(T ${treeShape(node.arg)})`;
    case 'index':
      return `(index ${treeShape(node.base)} ${node.indices.map(treeShape).join(' ')})`;
    case 'sum':
      return `(Σ ${node.index} ${node.lower ? treeShape(node.lower) : '_'} ${node.upper ? treeShape(node.upper) : '_'} ${treeShape(node.body)})`;
    case 'norm':
      return `(${node.abs ? 'abs' : 'norm'} ${treeShape(node.arg)})`;
    case 'at':
      return `(at ${treeShape(node.body)} ${node.bindings.map((b) => `${treeShape(b.name)}=${treeShape(b.value)}`).join(' ')})`;
    default:
      return show(node);
  }
}

function terms(node: Node, sign: '+' | '-'): string[] {
  if (node.kind === 'bin' && node.op === '+') return [...terms(node.left, sign), ...terms(node.right, sign)];
  if (node.kind === 'bin' && node.op === '-') return [...terms(node.left, sign), ...terms(node.right, sign === '+' ? '-' : '+')];
  return [`${sign}${treeShape(node)}`];
}

function factors(node: Node): string[] {
  return isProduct(node) ? [...factors(node.left), ...factors(node.right)] : [treeShape(node)];
}
