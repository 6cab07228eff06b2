// A claim that is the text's own definitions restated: `\frac{e^{z_i}}{\sum_k e^{z_k}} = p_i`, or
// `\log p_j = \log\frac{e^{z_j}}{\sum_k e^{z_k}}`, after `p_j = \frac{e^{z_j}}{\sum_k e^{z_k}}`. With each
// symbol the text defines written out as its definition (at the claim's index), the two sides are one
// expression: the claim holds by the definition, and checking it would only confirm the checker's
// reading of it. It is reported as not checked, not as verified.
import type { Node, SymNode } from '../parse/ast';
import { mapChildren, renameLetters } from '../parse/nodes';
import { definitionOf, type Scope, type UserDefinition } from '../semantics/scope';
import { some } from '../semantics/walk';
import { sameExpression } from './same-expression';

/** How deep definitions that use definitions are written out. */
const DEPTH = 3;

/** The definitions (as displayed) that make the sides one expression, when written out; undefined when they do not. */
export function restatedDefinitions(left: Node, right: Node, scope: Scope): string[] | undefined {
  const used = new Set<UserDefinition>();
  const expand = (node: Node, depth: number): Node => {
    if (node.kind === 'sym') {
      const definition = definitionOf(scope, node);
      const body = definition && depth < DEPTH && definition.params.length === 0 && !definition.modelBound ? atIndices(definition, node) : undefined;
      if (!body || !definition) return node;
      used.add(definition);
      return expand(body, depth + 1);
    }
    return mapChildren(node, (child) => expand(child, depth));
  };
  const [l, r] = [expand(left, 0), expand(right, 0)];
  return used.size > 0 && sameExpression(l, r) ? [...used].map((d) => d.display) : undefined;
}

/** The body of a family's definition (`p_j = …`) at the symbol's indices (`p_i`): its index letters renamed; undefined where a sum in it binds the new letter. */
function atIndices(definition: UserDefinition, sym: SymNode): Node | undefined {
  const items = sym.sub?.kind === 'indices' ? sym.sub.items : [];
  if (definition.indexVars.length === 0) return items.length === 0 ? definition.body : undefined;
  if (items.length !== definition.indexVars.length) return undefined;
  const to = items.map((item) => (item.kind === 'sym' && !item.sub && !item.accent ? item.name : undefined));
  if (to.some((name) => name === undefined)) return undefined;
  if (some(definition.body, (n) => n.kind === 'sum' && to.includes(n.index))) return undefined;
  return renameLetters(definition.body, definition.indexVars, to as string[]);
}
