// `W^{(2)} = W^2`: a superscript in parentheses or brackets on a letter is read as a label (the
// layer, superscript-labels.ts), but where the same letter also appears without it, the document may
// mean a power: the claim is then not decided either way (issue 13: never a false verified). A
// time step (`b^{(t+1)} = b^{(t)} − α∇_b L`) is no such label.
import type { Node } from '../parse/ast';
import type { SourceRange } from '../source/location';
import { describeSym } from '../semantics/describe';
import { isTimeExpr } from '../semantics/rules';
import { labelledSymbol, superscriptLabel, type SuperscriptLabel } from '../semantics/superscript-labels';
import { children } from '../semantics/walk';

export function ambiguousSuperscript(sides: readonly Node[]): { message: string; loc: SourceRange } | undefined {
  const labels = new Map<string, SuperscriptLabel>();
  const plain = new Set<string>();
  const base = (name: string, accent: string | undefined) => `${accent ?? ''}:${name}`;
  const visit = (node: Node) => {
    const label = superscriptLabel(node);
    if (label && !isTimeExpr(label.label)) {
      const key = base(label.base.name, label.base.accent);
      if (!labels.has(key)) labels.set(key, label);
      // The base's own subscripts and the label are indices, not uses of a symbol.
      return;
    }
    if (node.kind === 'sym') plain.add(base(node.name, node.accent));
    for (const child of children(node)) visit(child);
  };
  for (const side of sides) visit(side);
  for (const [key, label] of labels) {
    if (!plain.has(key)) continue;
    const written = describeSym(labelledSymbol(label));
    const letter = describeSym({ ...label.base, sub: undefined });
    return {
      message: `${written}: a superscript in parentheses or brackets on a letter is read as an index (a layer), but ${letter} also appears without it, so ${written} may be a power; not decided (for a power write ${letter}^2 or (${letter})^{(2)})`,
      loc: label.node.loc,
    };
  }
  return undefined;
}
