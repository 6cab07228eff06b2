// Compiling sums `\sum_j` (their range from the sizes the body indexes) and derivatives, by
// forward-mode AD: ∂F/∂v seeds v (an entry, or each entry for a gradient) and recomputes F downstream.
import type { DerivNode, Node, SumNode, SymNode } from '../parse/ast';
import * as T from '../evaluate/tensor';
import { Tensor } from '../evaluate/tensor';
import type { Env } from './env';
import { tick } from './deadline';
import { fail, flatIndex, gradientOf, leibnizOperand, throughIntermediate, valueOfKey } from './rules';
import { describe } from './describe';
import { mentionsSymbol, some } from './walk';
import { definitionOf, definitionUsed, symbolKey, UNBOUNDED_INDEX_RANGE, type Compiled, type Evaluator, type UserDefinition } from './scope';
import { CompileError, type CompilerApi } from './compile-api';
import { reachedKeys, reachesSymbol } from './model-reach';
import { appliedToParameters } from './compile-symbols';
import { numberLiteral } from './literal';
import { hyperEvaluator, type HyperEvaluator } from './compile-second';
import { compileOpaque, opaqueDerivative } from './opaque-functions';

export function sum(c: CompilerApi, node: SumNode): Compiled {
  if ([node.lower, node.upper].some((b) => b?.kind === 'sym' && b.name === 'infty')) throw new CompileError('infinite sums (series) are not supported', node.loc);
  const lower = node.lower ? c.compile(node.lower).run : undefined;
  const upper = node.upper ? c.compile(node.upper).run : undefined;
  c.bound.push(node.index);
  const hintsFor = c.child(c.pure, [...c.bound.filter((b) => b !== node.index)], c.params);
  let body: Evaluator;
  let rangeHints: ((env: Env) => number)[] = [];
  try {
    // Compile once with the index free, only to learn which sizes it ranges over.
    if (!upper) {
      hintsFor.compile(node.body);
      rangeHints = hintsFor.info.freeIndices.get(node.index) ?? [];
    }
    body = c.compile(node.body).run;
  } finally {
    c.bound.pop();
  }
  const model = c.scope.model;
  const index = node.index;
  // Σ_j e^{z_j} over the entries of a vector differentiated by entry: all of them.
  const entries = c.pure && some(node.body, (n) => n.kind === 'sym' && n.sub?.kind === 'indices' && (c.scope.entryVectors?.has(symbolKey(n)) ?? false));
  if (entries && upper) c.info.entryBounds.push((env) => wholeBound(upper(env).v[0], node.upper!));
  return {
    run: (env) => {
      const from = lower ? wholeBound(lower(env).v[0], node.lower!) : 1;
      const to = upper
        ? wholeBound(upper(env).v[0], node.upper!)
        : rangeHints.length > 0
          ? Math.min(...rangeHints.map((h) => h(env)))
          : (env.point.dims[model?.defaultDim ?? ''] ?? (entries ? UNBOUNDED_INDEX_RANGE : fail(`cannot tell the range of ${index}`)));
      const saved = env.indices.get(index);
      let total: Tensor | undefined;
      try {
        for (let j = from; j <= to; j++) {
          // `\sum_{j=1}^{10^9}` runs within one evaluation: the claim's budget must reach it.
          tick();
          env.indices.set(index, j);
          const term = body(env);
          total = total ? T.add(total, term) : term;
        }
      } finally {
        if (saved === undefined) env.indices.delete(index);
        else env.indices.set(index, saved);
      }
      return total ?? T.scalar(0);
    },
  };
}

/**
 * A sum's bound as the whole number it is. A bound that is not one at a sample point (`\sum_{i=1}^{n}`
 * with n a free variable, sampled as any real) is no size the checker knows: the claim is not decided,
 * rather than summed over a range made up by rounding (−1.87 would give the empty sum).
 */
function wholeBound(value: number, written: Node): number {
  const whole = Math.round(value);
  if (Math.abs(value - whole) > 1e-9) fail(`the sum's bound ${describe(written)} is not a known size (it is not a whole number here)`);
  return whole;
}

export function derivative(c: CompilerApi, node: DerivNode): Compiled {
  const opaque = c.scope.opaqueFunctions ? opaqueDerivative(c.scope, node) : undefined;
  if (opaque) return compileOpaque(c, node, opaque);
  if (node.order === 2) return secondDerivative(c, node);
  if (node.order !== 1) throw new CompileError('derivatives of order 3 or more are not supported yet', node.loc);
  if (c.derivativeDepth > 0) throw new CompileError('a derivative inside a derivative is not supported yet', node.loc);
  c.info.hasDerivative = true;
  c.info.constant = false;
  // ∂L/∂d of an L that nothing defines (no definition, not the model's) is no derivative of anything:
  // L would be a variable of its own, and every such derivative 0.
  const differentiated = appliedToParameters(c, c.scope.definitions.has('sigma') ? node.of : leibnizOperand(node));
  /** Why the derivative of `sym` is of nothing, if it is. */
  const nothingToDifferentiate = (sym: SymNode): string | undefined => {
    const definition = definitionOf(c.scope, sym);
    // `y = 0` ("is a solution"): a value says nothing of how y changes.
    if (definition) return definition.params.length === 0 && numberLiteral(definition.body) !== undefined ? `${describe(sym)} is given the value ${describe(definition.body)} here` : undefined;
    const key = c.pure ? undefined : c.scope.model?.resolveSymbol(sym);
    if (key !== undefined && !(c.scope.model?.isUndefinedLeaf?.(key) ?? false)) return undefined;
    return `${describe(sym)} is not defined here, and ${c.pure || !c.scope.model ? 'no model applies' : `it is not a quantity of the ${c.scope.model.name} model`}`;
  };
  const nothing = differentiated.kind === 'sym' && !(node.wrt.kind === 'sym' && symbolKey(node.wrt) === symbolKey(differentiated)) ? nothingToDifferentiate(differentiated) : undefined;
  if (nothing) throw new CompileError(`${nothing}, so ${describe(node)} cannot be computed`, differentiated.loc);
  // `a = 2` ("set a = 2"), then ∂e/∂a: the value is where the derivative is taken, but a given value
  // is a constant to the rest of the check, so the derivative would come out 0.
  // In free variables, ∂e/∂𝐚 of an e that nothing makes depend on 𝐚 (defined with a plain a, say) is
  // 0 only by the letter of the notation; far more often it is a slip of notation than a claim of 0.
  if ((c.pure || !c.scope.model) && node.wrt.kind === 'sym' && !definitionOf(c.scope, node.wrt) && !mentionsThroughDefinitions(c, differentiated, node.wrt)) {
    throw new CompileError(`${describe(differentiated)} does not depend on ${describe(node.wrt)} as written (nothing defines ${describe(node.wrt)} or uses it in ${describe(differentiated)}), so ${describe(node)} is not decided`, node.wrt.loc);
  }
  // `f(x, y) = u^2 - v^2` where u and v are defined where the checker does not read them: f's formula
  // does not use y, and ∂f/∂y would be 0 by the letter of the notation, not by what the text means.
  const unused = node.wrt.kind === 'sym' ? unusedParameter(c, differentiated, node.wrt) : undefined;
  if (unused) throw new CompileError(`${unused}'s formula, as the checker read it, does not use ${describe(node.wrt)}, so ${describe(node)} is not decided`, node.wrt.loc);
  const pinned = node.wrt.kind === 'sym' ? definitionOf(c.scope, node.wrt) : undefined;
  if (pinned && pinned.params.length === 0 && numberLiteral(pinned.body) !== undefined) {
    throw new CompileError(`${describe(node.wrt)} is given the value ${describe(pinned.body)} here, so ${describe(node)} at that value is not decided`, node.wrt.loc);
  }
  // In free variables, ∂e/∂c of an e written without the intermediate c = a + b (e = (a + b)(b + 1))
  // depends on what is held fixed: AD would hold a and b, and give 0.
  if (c.pure && pinned && !mentionsThroughDefinitions(c, differentiated, node.wrt as SymNode)) {
    throw new CompileError(`${describe(differentiated)} is not written in terms of ${describe(node.wrt)}, so ${describe(node)} depends on what is held fixed`, node.wrt.loc);
  }
  c.derivativeDepth++;
  let target: Compiled;
  let of: Evaluator;
  try {
    target = c.compile(node.wrt);
    of = c.compile(differentiated).run;
  } finally {
    c.derivativeDepth--;
  }
  if (!target.ref) {
    throw new CompileError(`cannot differentiate with respect to ${describe(node.wrt)}: it is not a variable or a quantity of the model`, node.wrt.loc);
  }
  const ref = target.ref;
  const wholeKey = ref.key;
  const operand = differentiated;
  // In the document's own model, a derivative by what the operand's definitions never reach is 0 only
  // by how forward mode reads the graph:
  // - ∂e/∂c of an e defined without its node c (e = (a + b)(b + 1), c = a + b) depends on what is held
  //   fixed (forward mode would hold a and b);
  // - ∂E_n/∂w of an E_n whose definitions never reach w (a leaf, or a symbol the model does not know)
  //   means a dependence the text wrote and the checker did not read.
  const model = c.pure ? undefined : c.scope.model;
  const nodeKey = wholeKey.startsWith(NODE_PREFIX) ? wholeKey.slice(NODE_PREFIX.length) : undefined;
  if (model?.bodyOf) {
    const intermediate = nodeKey !== undefined && model.bodyOf(nodeKey) !== undefined;
    if (intermediate && !reachedKeys(model, operand).has(nodeKey)) {
      throw new CompileError(`${describe(operand)} is not written in terms of ${ref.display}, so ${describe(node)} depends on what is held fixed`, node.wrt.loc);
    }
    if (!intermediate && node.wrt.kind === 'sym' && !reachesSymbol(model, operand, node.wrt) && !mentionsThroughDefinitions(c, operand, node.wrt)) {
      throw new CompileError(`${describe(operand)} does not depend on ${describe(node.wrt)} through the definitions the checker read, so ${describe(node)} is not decided`, node.wrt.loc);
    }
  }
  if (wholeKey.startsWith('user:') && node.wrt.kind === 'sym' && !mentionsThroughDefinitions(c, operand, node.wrt) && !c.pure) {
    return { run: (env) => throughIntermediate(env, target.run, of, describe(operand), ref.display) };
  }
  const run: Evaluator = (env) => {
    if (ref.entryKey) {
      // One free entry, a variable of its own: seed it.
      const result = of(env.child({ key: ref.entryKey(env), index: 0 }));
      return new Tensor(result.rows, result.cols, result.d, T.zeroArray(result.size));
    }
    if (ref.indices.length > 0) {
      // One entry: seed it and read the tangent of the whole operand.
      const whole = valueOfKey(env, wholeKey, target, ref);
      const flat = flatIndex(whole, ref.indices.map((f) => f(env)));
      const result = of(env.child({ key: wholeKey, index: flat }));
      // The tangent is the derivative (tensors are immutable: the array is shared, not copied).
      return new Tensor(result.rows, result.cols, result.d, T.zeroArray(result.size));
    }
    const whole = target.run(env);
    return gradientOf(env, wholeKey, whole, of);
  };
  // A derivative used as a quantity (the upstream ∂L/∂y_i) is worth showing in a counterexample.
  c.mention(describe(node), (env) => {
    const value = run(env);
    return value.isScalar ? value.v[0] : undefined;
  });
  return { run };
}

/**
 * `\frac{d^2}{dx^2}(x^3 + 2x)`, `\frac{\partial^2 f}{\partial x^2}` of a function the text defines: in free
 * variables, by hyper-dual numbers (compile-second.ts). The model's quantities are vectors: not decided.
 */
function secondDerivative(c: CompilerApi, node: DerivNode): Compiled {
  if (c.derivativeDepth > 0) throw new CompileError('a derivative inside a derivative is not supported yet', node.loc);
  const variables = node.wrt2 ? [node.wrt, node.wrt2] : [node.wrt];
  const operand = appliedToParameters(c, leibnizOperand(node));
  for (const wrt of variables) {
    if (wrt.kind !== 'sym' || wrt.sub?.kind === 'indices' || (!c.pure && c.scope.model?.resolveSymbol(wrt) !== undefined)) {
      throw new CompileError(`${describe(node)}: second derivatives are taken in free variables only (not the model's quantities)`, node.loc);
    }
    if (definitionOf(c.scope, wrt)) throw new CompileError(`${describe(node)}: ${describe(wrt)} is defined here, so what is held fixed is not decided`, wrt.loc);
    if (!mentionsThroughDefinitions(c, operand, wrt)) {
      throw new CompileError(`${describe(operand)} does not depend on ${describe(wrt)} as written, so ${describe(node)} is not decided`, wrt.loc);
    }
    const unused = unusedParameter(c, operand, wrt);
    if (unused) throw new CompileError(`${unused}'s formula, as the checker read it, does not use ${describe(wrt)}, so ${describe(node)} is not decided`, wrt.loc);
  }
  // ∂²f/∂x² seeds x on both lanes; ∂²f/∂x∂y x on the first and y on the second.
  const [first, second] = variables.map((v) => symbolKey(v as SymNode));
  const seeds = second === undefined || second === first ? new Map([[first, { first: true, second: true }]]) : new Map([[first, { first: true, second: false }], [second, { first: false, second: true }]]);
  c.info.hasDerivative = true;
  c.info.constant = false;
  c.derivativeDepth++;
  let run: HyperEvaluator;
  try {
    run = hyperEvaluator(c, operand, seeds);
  } finally {
    c.derivativeDepth--;
  }
  return { run: (env) => T.scalar(run(env, new Map()).ab) };
}

/** The function `operand` calls, when the text defines it with a parameter at `wrt`'s place that its formula never uses. */
function unusedParameter(c: CompilerApi, operand: Node, wrt: SymNode): string | undefined {
  if (operand.kind !== 'call') return undefined;
  const definition = c.scope.definitions.get(operand.fn);
  if (!definition || definition.params.length !== operand.args.length) return undefined;
  const at = operand.args.findIndex((arg) => arg.kind === 'sym' && symbolKey(arg) === symbolKey(wrt));
  if (at < 0) return undefined;
  const param: SymNode = { kind: 'sym', name: definition.params[at], loc: wrt.loc };
  return mentionsThroughDefinitions(c, definition.body, param) ? undefined : definition.display;
}

/** True if `node` mentions `target`, directly or inside the definitions it uses. */
/** How an environment names a model's node (compile-symbols.ts). */
const NODE_PREFIX = 'node:';


function mentionsThroughDefinitions(c: CompilerApi, node: Node, target: SymNode, seen = new Set<UserDefinition>()): boolean {
  if (mentionsSymbol(node, target)) return true;
  // ∂/∂z_k of Σ_j e^{z_j}: another entry of the same vector, which may be the one at k.
  const entries = target.sub?.kind === 'indices' && (c.scope.entryVectors?.has(symbolKey(target)) ?? false);
  if (entries && some(node, (n) => n.kind === 'sym' && n.sub?.kind === 'indices' && symbolKey(n) === symbolKey(target) && n.font === target.font)) return true;
  return some(node, (n) => {
    const definition = definitionUsed(c.scope, n);
    if (!definition || seen.has(definition)) return false;
    seen.add(definition);
    return mentionsThroughDefinitions(c, definition.body, target, seen);
  });
}

