// Differentials, as matrix-calculus notes write them: `d(x^\top x) = 2x^\top dx`, `d(A^3) = dA\,A^2 +
// A\,dA\,A + A^2\,dA`, `du = 6x\,dx` after `u = 3x^2`. `d` before a variable is its differential, a
// direction of the variable's shape; `d` before a group, or before a quantity the text defines, is the
// derivative of it along those directions. Read so, the claim is checked as an identity in the
// variables and their directions, by forward-mode AD (a derivative in a fresh parameter at 0):
// d(E) = d/dτ E(x + τ dx, A + τ dA, …) at τ = 0 (τ: DIFFERENTIAL_STEP).
import type { Node, SymNode } from '../parse/ast';
import { bin, mapChildren, sym } from '../parse/nodes';
import { describe } from '../semantics/describe';
import { some } from '../semantics/walk';
import { definitionOf, DIFFERENTIAL_STEP, symbolKey, type FreeShape, type Scope } from '../semantics/scope';

/** Whether `node` is the letter d alone, as a differential's operator is written. */
function isD(node: Node): node is SymNode {
  // `\mathbf{d}` is a vector named d; `\mathrm{d}` is the upright d of differentials.
  return node.kind === 'sym' && node.name === 'd' && !node.sub && !node.accent && !node.primes && !node.star && (!node.font || node.font === 'rm');
}

/** The factors of a product written without an operator (`2 x^\top d x` → 2, xᵀ, d, x). */
function factorsOf(node: Node): Node[] {
  return node.kind === 'bin' && node.op === 'juxt' ? [...factorsOf(node.left), ...factorsOf(node.right)] : [node];
}

/** What a text's `d` applies to in one claim. */
interface Differentials {
  /** The variables written with a differential (`dx`: x), by key. */
  readonly directions: Map<string, SymNode>;
  /** Whether some `d` takes a derivative (of a group, or of a defined quantity), not only names a direction. */
  derivative: boolean;
  /** Each `d` and what it applies to, as written (`dZ^{[l]}`). */
  readonly written: string[];
}

/** The body the text gives a quantity (its definition, or its own model's formula), if any. */
function bodyOf(scope: Scope, s: SymNode): Node | undefined {
  const definition = definitionOf(scope, s);
  if (definition) return definition.params.length === 0 ? definition.body : undefined;
  const key = scope.model?.resolveSymbol(s);
  return key === undefined ? undefined : scope.model?.bodyOf?.(key);
}

/** `node` with each defined quantity replaced by its body, so that a direction reaches what it depends on. */
function inlined(node: Node, scope: Scope, seen: ReadonlySet<string> = new Set()): Node {
  if (node.kind === 'sym') {
    const key = symbolKey(node);
    const body = seen.has(key) ? undefined : bodyOf(scope, node);
    return body ? inlined(body, scope, new Set([...seen, key])) : node;
  }
  // What a derivative is taken by, and the names an evaluation bar binds, stay as written.
  if (node.kind === 'deriv') return { ...node, of: inlined(node.of, scope, seen) };
  if (node.kind === 'at') return { ...node, body: inlined(node.body, scope, seen) };
  return mapChildren(node, (child) => inlined(child, scope, seen));
}

/** The direction of the variable `x`: the symbol `dx`, with x's subscript. */
function directionOf(x: SymNode): SymNode {
  return { ...x, name: `d${describe({ ...x, sub: undefined })}`, accent: undefined, font: undefined };
}

/** `node` with its differentials marked: `d x` → the direction dx, `d(E)` and `d u` (u defined) → a pending derivative of E. */
function marked(node: Node, scope: Scope, found: Differentials): Node {
  if (node.kind === 'call' && node.fn === 'd' && node.ambiguous && node.args.length === 1) {
    found.derivative = true;
    found.written.push(describe(node));
    return derivativeOf(marked(node.args[0], scope, found), node.loc);
  }
  if (node.kind === 'bin' && node.op === 'juxt') {
    const factors = factorsOf(node).map((f) => (isD(f) ? f : marked(f, scope, found)));
    const out: Node[] = [];
    for (let i = 0; i < factors.length; i++) {
      const [factor, next] = [factors[i], factors[i + 1]];
      if (!isD(factor) || next === undefined) {
        out.push(factor);
        continue;
      }
      i++;
      found.written.push(`d${describe(next)}`);
      if (next.kind === 'sym' && !bodyOf(scope, next)) {
        found.directions.set(symbolKey(next), next);
        out.push(directionOf(next));
      } else {
        found.derivative = true;
        out.push(derivativeOf(next, { start: factor.loc.start, end: next.loc.end }));
      }
    }
    return out.slice(1).reduce((product, factor) => bin('juxt', product, factor, { start: product.loc.start, end: factor.loc.end }), out[0]);
  }
  return mapChildren(node, (child) => marked(child, scope, found));
}

/** A derivative of `of` still to be taken along the directions (filled in by `taken`). */
function derivativeOf(of: Node, loc: Node['loc']): Node {
  return { kind: 'call', fn: 'd', primes: 0, args: [of], loc, fnLoc: loc };
}

/** The pending derivatives of `node` taken: d/dτ of E with each variable x moved to x + τ dx, at τ = 0. */
function taken(node: Node, scope: Scope, directions: ReadonlyMap<string, SymNode>): Node {
  if (node.kind === 'call' && node.fn === 'd' && !node.ambiguous) {
    const loc = node.loc;
    const step = sym(DIFFERENTIAL_STEP, loc);
    const moved = moveAlong(inlined(node.args[0], scope), directions, step);
    const derivative: Node = { kind: 'deriv', style: 'd', of: moved, wrt: step, order: 1, operatorForm: true, loc };
    return { kind: 'at', body: derivative, bindings: [{ name: step, value: { kind: 'num', value: 0, decimals: 0, loc } }], loc };
  }
  return mapChildren(node, (child) => taken(child, scope, directions));
}

/** `node` with each variable x of `directions` replaced by x + τ dx. */
function moveAlong(node: Node, directions: ReadonlyMap<string, SymNode>, step: SymNode): Node {
  if (node.kind === 'sym') {
    const x = directions.get(symbolKey(node));
    return x ? bin('+', node, bin('juxt', step, directionOf(x), node.loc), node.loc) : node;
  }
  return mapChildren(node, (child) => moveAlong(child, directions, step));
}

/** The claim read with differentials, and the shapes of their directions, or undefined when it writes none to take. */
export function readDifferentials(left: Node, right: Node, scope: Scope): { left: Node; right: Node; scope: Scope } | { gradientNames: string } | undefined {
  // A text that defines a function d, or a model whose d is a quantity (the MLP's bias), means that d.
  if (scope.definitions.has('d') || scope.model?.resolveSymbol(sym('d', left.loc)) !== undefined) return undefined;
  // Most claims write no d: they are not copied to find out.
  const writesD = (n: Node) => isD(n) || (n.kind === 'call' && n.fn === 'd');
  if (!some(left, writesD) && !some(right, writesD)) return undefined;
  const found: Differentials = { directions: new Map(), derivative: false, written: [] };
  const [l, r] = [marked(left, scope, found), marked(right, scope, found)];
  // `dW = X^\top dZ` (backprop's names for gradients) takes no derivative: not read as differentials, nor
  // as d times W.
  // `dZ^{[l]} = dA^{[l]} \odot g'(Z^{[l]})`: d before quantities, and no direction to take derivatives along.
  if (found.written.length > 0 && (!found.derivative || found.directions.size === 0)) return { gradientNames: [...new Set(found.written)].join(', ') };
  if (found.directions.size === 0) return undefined;
  const shapes = new Map<string, FreeShape>(scope.freeShapes ?? []);
  for (const [key, x] of found.directions) {
    const shape = scope.freeShapes?.get(key);
    if (shape) shapes.set(symbolKey(directionOf(x)), shape);
  }
  return { left: taken(l, scope, found.directions), right: taken(r, scope, found.directions), scope: shapes.size > 0 ? { ...scope, freeShapes: shapes } : scope };
}
