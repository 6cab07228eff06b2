// The quantities of a model an expression uses, directly or through the bodies of the nodes it uses:
// in the document's own model, `X = QR` reaches Q and R (a built-in model's nodes are code, with no
// body to look into).
import type { Node } from '../parse/ast';
import type { Model } from './model';
import type { SymNode } from '../parse/ast';
import { mentionsSymbol, some } from './walk';

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

/** Whether `node` uses `sym`: as one of the model's quantities it reaches, or written in it or in a body it reaches. */
export function reachesSymbol(model: Model, node: Node, sym: SymNode): boolean {
  const key = model.resolveSymbol(sym);
  const reached = reachedKeys(model, node);
  if (key !== undefined) return reached.has(key);
  return mentionsSymbol(node, sym) || [...reached].some((k) => {
    const body = model.bodyOf?.(k);
    return body !== undefined && mentionsSymbol(body, sym);
  });
}
