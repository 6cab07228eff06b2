// The free names of an expression: what the text has given no value or formula (`x_n`, `t_0`), as the
// checks that read an equation as a condition, or as one to solve, count them.
import type { Node, SymNode } from '../parse/ast';
import { describe } from '../semantics/describe';
import { definitionOf, familyKey, symbolKey, type Scope } from '../semantics/scope';
import { familyOfNamed } from '../semantics/superscript-labels';
import { CONSTANT_NAMES, isNeutralSymbol, SIZE_LETTERS, symbolUses } from '../models/symbol-uses';

/** The free variables of a side, as written (`x_n`, `t_0`): not what the document defines, nor constants (π, e, I, δ_ij) or (unless asked) size letters. */
export function variablesOf(node: Node, scope: Scope, withSizeLetters = false): Set<string> {
  const names = new Set<string>();
  for (const { sym } of symbolUses(node)) {
    const bare = !sym.sub && !sym.accent;
    if (isDefined(sym, scope) || (bare && (CONSTANT_NAMES.has(sym.name) || (!withSizeLetters && SIZE_LETTERS.has(sym.name)))) || (isNeutralSymbol(sym) && (sym.name === 'I' || sym.name === 'delta'))) continue;
    names.add(describe(sym));
  }
  return names;
}

/** Defined by the document: the symbol, its indexed family, or the family of a labelled member (`a^{[2]}` of `a^{[l]} = …`). */
export function isDefined(sym: SymNode, scope: Scope): boolean {
  if (definitionOf(scope, sym)) return true;
  const member = familyOfNamed(sym);
  return member !== undefined && scope.definitions.has(familyKey(symbolKey(member.family), member.indices));
}
