// Functions the text never defines, of a vector (f(𝐱), ∇f(𝐱 + t𝐯), ∇²f(𝐱)), as in the convergence
// proofs of optimisation notes. Nothing says what f is, so its values, gradients and Hessians at the
// points the claim writes are read as unknowns: a number for f(p), a vector of p's shape for ∇f(p),
// a symmetric matrix for ∇²f(p), one per point as written, drawn afresh at each sample point. An
// identity that holds for all of them holds for every f (check/opaque-function-claims.ts).
import type { CallNode, DerivNode, Node } from '../parse/ast';
import * as T from '../evaluate/tensor';
import { FUNCTION_LETTERS } from '../parse/commands/functions';
import { describe } from './describe';
import type { Compiled, Scope } from './scope';
import type { CompilerApi } from './compile-api';
import { EvaluationError } from './evaluation-error';
import { freeTensor } from './free-shapes';

/** The letters read as unknown functions: those that name functions far more often than factors, h, and the losses' L, J, ℓ. */
const LETTERS: ReadonlySet<string> = new Set([...FUNCTION_LETTERS, 'h', 'J', 'ell', 'l']);

/** `f(p)` of a function the text does not define, one argument, written as a function letter. */
export function opaqueCall(scope: Scope, node: Node): node is CallNode {
  if (node.kind !== 'call' || !node.fnSym || node.args.length !== 1 || node.primes) return false;
  const sym = node.fnSym;
  if (sym.sub?.kind === 'indices' || sym.accent || sym.star || sym.primes) return false;
  return (LETTERS.has(sym.name) || sym.font === 'cal') && !scope.definitions.has(node.fn);
}

/** `∇f(p)` (1) or `∇²f(p)` (2) of such a function, at its argument; undefined for any other derivative. */
export function opaqueDerivative(scope: Scope, node: DerivNode): 1 | 2 | undefined {
  if (!node.operatorForm || node.wrt2 || !opaqueCall(scope, node.of) || describe(node.wrt) !== describe(node.of.args[0])) return undefined;
  if (node.order === 1 && node.style === 'nabla') return 1;
  return node.order === 2 && node.style === 'partial' ? 2 : undefined;
}

/** The unknown at the point: f(p) a number, ∇f(p) of p's shape, ∇²f(p) a symmetric matrix of p's length. */
export function compileOpaque(c: CompilerApi, node: CallNode | DerivNode, order: 0 | 1 | 2): Compiled {
  c.info.constant = false;
  const argument = node.kind === 'call' ? node.args[0] : node.wrt;
  const at = c.compile(argument).run;
  const key = `opaque:${describe(node)}`;
  return {
    run: (env) => {
      const p = at(env);
      if (order === 0) return T.scalar(env.point.free(key));
      if (!p.isScalar && p.cols !== 1) throw new EvaluationError(`${describe(node)}: the point ${describe(argument)} is ${p.shapeText()}, not a vector`);
      // Drawn as a free variable of that shape is (free-shapes.ts).
      const n = p.rows;
      return freeTensor(env.point, key, order === 1 ? { rows: n, cols: 1 } : { rows: n, cols: n, symmetric: true });
    },
  };
}
