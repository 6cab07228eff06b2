// Matrix operations on free variables of unknown shape (issue 13). An identity in free variables
// samples each as a scalar unless a `shapes` directive declares it, and scalars commute: AB = BA,
// (AB)ᵀ = AᵀBᵀ and (AB)⁻¹ = A⁻¹B⁻¹ would all be verified. So the check asks which such variables a
// claim (or a definition it uses) transposes, inverts (a capital one), multiplies by another capital
// one, takes the norm, ⊙ or diag of, or writes in bold: a claim that holds for them as scalars is not
// verified but unsupported, naming them and the directive to add. One that fails for scalars fails
// for 1×1 matrices too, and stays a mismatch (check/step.ts).
import { isProduct } from '../parse/nodes';
import type { Node, SymNode } from '../parse/ast';
import type { CompilerApi } from './compile-api';
import { describeSym } from './describe';
import { definitionOf, DIFFERENTIAL_STEP, symbolKey, visitThroughDefinitions, type Scope, type UserDefinition } from './scope';
import { children } from './walk';
import { labelledSymbol, superscriptLabel } from './superscript-labels';
import { opaqueCall } from './opaque-functions';

/** What the walk reads of a compiler: the scope, and the letters bound where a node is compiled. */
type Context = Pick<CompilerApi, 'scope' | 'params' | 'bound'>;

/** The free variables of unknown shape that the sides, or the definitions they use, treat as matrices or vectors, in order. */
export function matrixUsesIn(scope: Scope, sides: readonly Node[]): string[] {
  const c: Context = { scope, params: [], bound: [] };
  const names: string[] = [];
  visitThroughDefinitions(scope, sides, (n) => names.push(...matrixUse(c, n)));
  return unique(names);
}

export function unknownShapesMessage(names: readonly string[]): string {
  // A differential (dA) takes the shape of its variable: only the variable is declared.
  const declarable = names.filter((n) => !(/^d./.test(n) && names.includes(n.slice(1))));
  const example = declarable.map((n) => `${n.replace(/[^A-Za-z0-9_]/g, '') || 'v'}=${/^[A-Z]/.test(n) ? '3x3' : '3'}`).join(' ');
  return `shapes unknown: ${names.join(', ')} (sampled as scalars, which commute; declare them with a shapes directive, e.g. <!-- derivcheck: shapes ${example} -->)`;
}

function matrixUse(c: Context, node: Node): string[] {
  switch (node.kind) {
    case 'transpose':
      return shapeless(c, node.arg);
    case 'norm':
      // `|V|` of a capital is its determinant as often as an absolute value.
      return node.abs ? capitals(shapeless(c, node.arg)) : shapeless(c, node.arg);
    case 'pow':
      return isNegative(node.exp) ? capitals(shapeless(c, node.base)) : [];
    case 'bin': {
      if (node.op === 'odot') return unique([...shapeless(c, node.left), ...shapeless(c, node.right)]);
      if (!isProduct(node)) return [];
      const left = capitals(shapeless(c, node.left));
      const right = capitals(shapeless(c, node.right));
      const both = unique([...left, ...right]);
      // N(N + 1) is a product in one variable, which commutes with itself even as a matrix.
      return left.length > 0 && right.length > 0 && both.length > 1 ? both : [];
    }
    case 'sym':
      return node.font === 'bf' ? shapeless(c, node) : [];
    case 'call':
      return node.fn === 'diag' && node.args.length === 1 ? shapeless(c, node.args[0]) : [];
    default:
      return [];
  }
}

const isNegative = (n: Node): boolean => (n.kind === 'neg' && n.arg.kind === 'num') || (n.kind === 'num' && n.value < 0);
/** A capital, or the differential dA of one (check/differentials.ts names directions so): a matrix as likely as a number. */
const isCapital = (name: string) => /^d?[A-Z]/.test(name);
const capitals = (names: readonly string[]) => names.filter(isCapital);
const unique = (names: readonly string[]) => [...new Set(names)];

/** What `shapeless` found under each node, per compiler: products nest, and each asks about its factors. */
const FOUND = new WeakMap<Context, WeakMap<Node, readonly string[]>>();
/** Definitions being looked through (a = b, b = a is reported where it is compiled, not looped on here). */
const VISITING = new Set<UserDefinition>();

/** The free variables of unknown shape in `node` (through the document's definitions), in order. */
function shapeless(c: Context, node: Node, bound: readonly string[] = []): string[] {
  let memo = FOUND.get(c);
  if (!memo) FOUND.set(c, (memo = new WeakMap()));
  const known = bound.length === 0 ? memo.get(node) : undefined;
  if (known) return [...known];
  let found: string[] = [];
  const label = superscriptLabel(node);
  if (label) {
    // `W^{(1)}` is a symbol of its own (superscript-labels.ts), not a power of W.
    const sym = labelledSymbol(label);
    const definition = definitionOf(c.scope, sym);
    const named = label.label.kind === 'num' ? sym : undefined;
    if (definition) found = shapeless(c, sym, bound);
    else if (named ? isShapelessFree(c, named, bound) : !c.scope.freeShapes?.has(symbolKey(sym))) found = [describeSym(sym)];
  } else if (node.kind === 'sym') {
    const definition = definitionOf(c.scope, node);
    if (definition) {
      if (definition.params.length === 0 && !VISITING.has(definition)) {
        VISITING.add(definition);
        try {
          found = shapeless(c, definition.body, definition.indexVars);
        } finally {
          VISITING.delete(definition);
        }
      }
    } else if (isShapelessFree(c, node, bound)) found = [describeSym(node)];
  } else {
    const inner = node.kind === 'sum' ? [...bound, node.index] : bound;
    // f(p) of an unknown function (opaque-functions.ts): its letter is no variable.
    const parts = c.scope.opaqueFunctions && opaqueCall(c.scope, node) ? node.args : children(node);
    found = unique(parts.flatMap((child) => shapeless(c, child, inner)));
  }
  if (bound.length === 0) memo.set(node, found);
  return found;
}


/** A symbol that compiles to a free variable sampled as a scalar (compile-symbols.ts): no index, no meaning of its own, no declared shape. */
function isShapelessFree(c: Context, sym: SymNode, bound: readonly string[]): boolean {
  if (sym.sub?.kind === 'indices') return false;
  const bare = !sym.accent && !sym.sub && !sym.star && !sym.primes;
  if (bare && (c.params.includes(sym.name) || c.bound.includes(sym.name) || bound.includes(sym.name))) return false;
  if (bare && ['pi', 'e', DIFFERENTIAL_STEP].includes(sym.name)) return false;
  if (sym.name === 'I' && !sym.accent) return false;
  return !c.scope.freeShapes?.has(symbolKey(sym));
}
