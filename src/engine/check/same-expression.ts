// Whether two expressions are the same as read: their trees without locations, each sum's index
// named by its depth (`\sum_l w_l x_l` and `\sum_i w_i x_i` are one sum).
import type { Node } from '../parse/ast';
import { mapChildren, renameLetters } from '../parse/nodes';

/** Whether two expressions are the same as read, wherever they are written (their trees without locations). */
export function sameExpression(a: Node, b: Node): boolean {
  // `\frac{\partial y}{\partial x}` and `\frac{\partial}{\partial x} y` are one derivative.
  const tree = (n: Node) => JSON.stringify(boundIndicesNamed(n), (key, value) => (key === 'loc' || key === 'fnLoc' || key === 'indexLoc' || key === 'opLoc' || key === 'operatorForm' ? undefined : value));
  return tree(a) === tree(b);
}

/** `node` with each sum's index renamed by its depth (`\sum_l w_l x_l` and `\sum_i w_i x_i` are one sum). */
function boundIndicesNamed(node: Node, depth = 0): Node {
  if (node.kind === 'sum') {
    const name = `#${depth}`;
    return { ...node, index: name, body: boundIndicesNamed(renameLetters(node.body, [node.index], [name]), depth + 1) };
  }
  return mapChildren(node, (child) => boundIndicesNamed(child, depth));
}
