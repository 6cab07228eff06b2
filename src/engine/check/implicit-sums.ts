// Index notation with implicit sums (Einstein's convention): `\mathbf 1_j e^{x_j}` means Σ_j e^{x_j}
// in texts that say they use it. The checker reads indices as free, one value at a time, so such a
// step would be compared entry by entry with a sum: a false alarm. A step where one product has an
// index in two of its factors, and the other side never writes that index, is not checked (issue 13).
// An index twice in one factor is no sum: `\frac{\partial z_i}{\partial A_i}`, `\mathrm{diag}(\sigma_i / \sigma_i^2)`;
// twice in one symbol's subscript it is (`\delta_{ii} = n`, a trace), unless the other side writes it (a diagonal entry).
import type { Node } from '../parse/ast';
import { children, some } from '../semantics/walk';

const PRODUCTS = new Set(['*', 'cdot', 'times', 'juxt', 'odot']);

/** Index letters written anywhere in `node` (`x_{t+1}` uses t), except those an explicit Σ binds. */
function indexLetters(node: Node, bound: readonly string[] = [], found = new Set<string>()): Set<string> {
  if (node.kind === 'sum') {
    for (const limit of [node.lower, node.upper]) if (limit) indexLetters(limit, bound, found);
    indexLetters(node.body, [...bound, node.index], found);
    return found;
  }
  const items = node.kind === 'sym' && node.sub?.kind === 'indices' ? node.sub.items : node.kind === 'index' ? node.indices : [];
  for (const item of items) {
    some(item, (n) => (n.kind === 'sym' && !n.sub && /^[a-z]$/.test(n.name) && !bound.includes(n.name) && found.add(n.name), false));
  }
  for (const child of children(node)) if (!items.includes(child)) indexLetters(child, bound, found);
  return found;
}

/** The factors of a product, flattened (`a b c` → [a, b, c]). */
function factors(node: Node): Node[] {
  return node.kind === 'bin' && PRODUCTS.has(node.op) ? [...factors(node.left), ...factors(node.right)] : [node];
}

/** Indices some product in `node` writes in two of its factors, or one symbol twice in its subscript (`\delta_{ii}`, a trace), outside an explicit Σ over them. */
function repeatedInProducts(node: Node, bound: readonly string[] = [], found = new Set<string>()): Set<string> {
  if (node.kind === 'sum') {
    repeatedInProducts(node.body, [...bound, node.index], found);
    return found;
  }
  if (node.kind === 'sym' && node.sub?.kind === 'indices') {
    const letters = node.sub.items.flatMap((item) => (item.kind === 'sym' && !item.sub && /^[a-z]$/.test(item.name) && !bound.includes(item.name) ? [item.name] : []));
    letters.forEach((letter, k) => letters.indexOf(letter) !== k && found.add(letter));
  }
  if (node.kind === 'bin' && PRODUCTS.has(node.op)) {
    const seen = new Set<string>();
    for (const factor of factors(node)) {
      for (const letter of indexLetters(factor, bound)) (seen.has(letter) ? found : seen).add(letter);
      repeatedInProducts(factor, bound, found);
    }
    return found;
  }
  for (const child of children(node)) repeatedInProducts(child, bound, found);
  return found;
}

/** The index a step sums over implicitly (in two factors of a product on one side, absent from the other), if any. */
export function implicitSumIndex(left: Node, right: Node): string | undefined {
  for (const [side, other] of [[left, right], [right, left]]) {
    const written = indexLetters(other);
    for (const letter of repeatedInProducts(side)) if (!written.has(letter)) return letter;
  }
  return undefined;
}
