// `e^{i\theta} = \cos\theta + i\sin\theta` where "$i$ denotes the imaginary unit": the checker samples
// real numbers only, so with i a real variable a true identity of complex numbers fails. A document
// that declares i imaginary (in words, or `i^2 = -1`, `i = \sqrt{-1}`) has its claims in i, or in a
// symbol defined through i (`z = x + iy`), not checked.
import type { Node } from '../parse/ast';
import { definitionOf, symbolKey, type Scope } from '../semantics/scope';
import { symbolUses } from '../models/symbol-uses';

/** Words or math that make i the imaginary unit. */
const DECLARES_IMAGINARY = /imaginary unit|unidade imaginária|unidad imaginaria|unité imaginaire|\bi\s*\^\s*\{?\s*2\s*\}?\s*=\s*-\s*1\b|\bi\s*=\s*\\sqrt\s*\{\s*-\s*1\s*\}/i;

/** The answer for each document being checked (its check context), found once. */
const declared = new WeakMap<object, boolean>();

/** Whether the document of `check` (its context: the text) declares i the imaginary unit. */
export function declaresImaginaryUnit(check: { readonly text: string }): boolean {
  let found = declared.get(check);
  if (found === undefined) {
    found = DECLARES_IMAGINARY.test(check.text);
    declared.set(check, found);
  }
  return found;
}

/** Whether `sides` use i, a free symbol of that bare name, directly or through the definitions of `scope`. */
export function usesImaginaryUnit(sides: readonly Node[], scope: Scope): boolean {
  const seen = new Set<string>();
  const visit = (node: Node): boolean =>
    symbolUses(node).some(({ sym }) => {
      if (sym.name === 'i' && !sym.sub && !sym.accent && !sym.primes) return definitionOf(scope, sym) === undefined;
      const key = symbolKey(sym);
      if (seen.has(key)) return false;
      seen.add(key);
      const definition = definitionOf(scope, sym);
      return definition !== undefined && visit(definition.body);
    });
  return sides.some(visit);
}
