// The quantities of a model an expression uses, directly or through the bodies of the nodes it uses:
// in the document's own model, `X = QR` reaches Q and R (a built-in model's nodes are code, with no
// body to look into).
import type { Node } from '../parse/ast';
import type { Model } from './model';
import { some } from './walk';

/** The keys of the model's quantities `node` uses, and of those their bodies use, transitively. */
export function reachedKeys(model: Model, node: Node | undefined, reached = new Set<string>()): Set<string> {
  if (!node) return reached;
  some(node, (n) => {
    const key = n.kind === 'sym' ? model.resolveSymbol(n) : undefined;
    if (key === undefined || reached.has(key)) return false;
    reached.add(key);
    reachedKeys(model, model.bodyOf?.(key), reached);
    return false;
  });
  return reached;
}
