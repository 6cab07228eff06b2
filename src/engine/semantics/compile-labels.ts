// Compiling a symbol with a label in its superscript (`W^{(1)}`, `a^{[l]}`, superscript-labels.ts):
// the symbol it names, a member of the family the document defined, or (in an identity) a free
// variable of its own for each value of the label.
import * as T from '../evaluate/tensor';
import { describeSym } from './describe';
import { familyKey, symbolKey, type Compiled } from './scope';
import { CompileError, type CompilerApi } from './compile-api';
import { symbol } from './compile-symbols';
import { familySymbol, namedSymbol, type SuperscriptLabel } from './superscript-labels';

export function labelled(c: CompilerApi, label: SuperscriptLabel): Compiled {
  const family = familySymbol(label);
  const indexCount = family.sub?.kind === 'indices' ? family.sub.items.length : 0;
  const familyDefined = c.scope.definitions.has(familyKey(symbolKey(family), indexCount));
  if (label.label.kind === 'num') {
    // `h^{(0)}`: a definition of its own wins over the family's member 0.
    const named = namedSymbol(label, label.label.value);
    const own = c.scope.definitions.has(symbolKey(named)) || (indexCount > 1 && c.scope.definitions.has(familyKey(symbolKey(named), indexCount - 1)));
    return familyDefined && !own ? symbol(c, family) : symbol(c, named);
  }
  if (familyDefined) return symbol(c, family);
  if (!c.pure || indexCount > 1) throw new CompileError(`unknown symbol ${describeSym(family)}`, label.node.loc);
  // An identity in free variables: `z^{[l]}` is the free variable z^[2] where l = 2.
  c.recordFreeIndexHints([label.label]);
  c.info.constant = false;
  c.info.shapeless.add(describeSym(family));
  const index = c.indexExpr(label.label);
  const keyAt = (value: number) => symbolKey(namedSymbol(label, value));
  return { run: (env) => env.cached(`var:${keyAt(index(env))}`, () => T.scalar(env.point.free(keyAt(index(env))))) };
}
