// Second derivatives (f''(x), \frac{d^2}{dx^2}(…), ∂²f/∂x²) by hyper-dual numbers
// (evaluate/hyper-dual.ts): the part of an expression that depends on the variables differentiated by
// is evaluated on hyper-duals, the rest by the ordinary evaluator as a constant. Scalars only, in the
// notation a calculus text uses: numbers, the variables, + − · / and powers, the elementary functions
// and activations, and the text's own functions and quantities. Anything else is not decided.
import type { CallNode, Node, SymNode } from '../parse/ast';
import * as H from '../evaluate/hyper-dual';
import type { HyperDual } from '../evaluate/hyper-dual';
import type { Env } from './env';
import { definitionOf, symbolKey, type UserDefinition } from './scope';
import { CompileError, type CompilerApi } from './compile-api';
import { describe } from './describe';
import { children } from './walk';
import { EvaluationError } from './evaluation-error';
import { ELEMENTARY } from './rules';
import { activationNamed } from '../evaluate/activations';

/** Values of a function's parameters while its body is evaluated. */
type Bound = ReadonlyMap<string, HyperDual>;
export type HyperEvaluator = (env: Env, bound: Bound) => HyperDual;

/** Which lanes each seeded free variable (by symbol key) is seeded on. */
export type Seeds = ReadonlyMap<string, { readonly first: boolean; readonly second: boolean }>;

/** An evaluator of `node` on hyper-duals, the variables of `seeds` seeded; `params` are the names bound by an enclosing function of the text. */
export function hyperEvaluator(c: CompilerApi, node: Node, seeds: Seeds, params: ReadonlySet<string> = new Set()): HyperEvaluator {
  const again = (n: Node) => hyperEvaluator(c, n, seeds, params);
  if (!depends(c, node, seeds, params)) {
    const run = c.compile(node).run;
    return (env) => {
      const value = run(env);
      if (!value.isScalar) throw new EvaluationError(`${describe(node)} is ${value.shapeText()}: second derivatives are taken of numbers only`);
      return H.constant(value.v[0]);
    };
  }
  switch (node.kind) {
    case 'sym': {
      if (isParam(node, params)) return (_env, bound) => bound.get(node.name)!;
      const seed = seeds.get(symbolKey(node));
      if (seed) {
        const run = c.compile(node).run;
        return (env) => H.seeded(run(env).v[0], seed.first, seed.second);
      }
      const definition = definitionOf(c.scope, node);
      if (definition && definition.params.length === 0 && definition.indexVars.length === 0) return hyperEvaluator(c, definition.body, seeds);
      break;
    }
    case 'neg': {
      const arg = again(node.arg);
      return (env, bound) => H.neg(arg(env, bound));
    }
    case 'bin': {
      const op = node.op === '+' ? H.add : node.op === '-' ? H.sub : node.op === '/' ? H.div : node.op === 'odot' ? undefined : H.mul;
      if (!op) break;
      const left = again(node.left);
      const right = again(node.right);
      return (env, bound) => op(left(env, bound), right(env, bound));
    }
    case 'pow': {
      if (node.parenExp || node.bracketExp) break;
      const base = again(node.base);
      const exp = again(node.exp);
      return (env, bound) => H.pow(base(env, bound), exp(env, bound));
    }
    case 'call':
      return callEvaluator(c, node, seeds, params);
    default:
      break;
  }
  throw new CompileError(`${describe(node)} is not supported in a second derivative`, node.loc);
}

function callEvaluator(c: CompilerApi, node: CallNode, seeds: Seeds, params: ReadonlySet<string>): HyperEvaluator {
  if (node.primes > 0) throw new CompileError(`${describe(node)}: a derivative inside a second derivative is not supported`, node.loc);
  const args = node.args.map((arg) => hyperEvaluator(c, arg, seeds, params));
  const definition = c.scope.definitions.get(node.fn);
  if (definition && definition.params.length > 0) {
    if (definition.params.length !== args.length) throw new CompileError(`${definition.display} takes ${definition.params.length} argument(s)`, node.loc);
    const body = functionBody(c, definition, seeds);
    return (env, bound) => {
      const values = new Map(definition.params.map((param, i) => [param, args[i](env, bound)]));
      return body(env, values);
    };
  }
  const twice = node.fn === 'sigma' ? undefined : twiceDifferentiable(node.fn);
  if (args.length !== 1 || (!twice && node.fn !== 'sigma')) throw new CompileError(`${describe(node)} is not supported in a second derivative`, node.loc);
  const [arg] = args;
  return (env, bound) => {
    const x = arg(env, bound);
    if (twice) {
      const [g0, g1, g2] = twice(x.v);
      return H.apply(x, g0, g1, g2);
    }
    const sigma = env.point.sigma;
    if (sigma.maxOrder < 3) throw new EvaluationError(`the second derivative of ${sigma.display} is not supported`);
    return H.apply(x, sigma.derivative(0, x.v), sigma.derivative(1, x.v), sigma.derivative(2, x.v));
  };
}

/** The text's function's body on hyper-duals: its parameters are its own names, not the free variables. */
function functionBody(c: CompilerApi, definition: UserDefinition, seeds: Seeds): HyperEvaluator {
  const own = new Map([...seeds].filter(([key]) => !definition.params.includes(key)));
  return hyperEvaluator(c, definition.body, own, new Set(definition.params));
}

/** A function of one number with its first two derivatives. */
type Twice = (x: number) => readonly [number, number, number];

/** The named function (`exp`, `sin`, an activation such as `tanh`) with its first two derivatives, if the tables have them. */
export function twiceDifferentiable(name: string): Twice | undefined {
  const table = Object.hasOwn(ELEMENTARY, name) ? ELEMENTARY[name] : undefined;
  const second = table?.[0].f2 ?? table?.[1]?.f1;
  if (table && second) return (x) => [table[0].f(x), table[0].f1(x), second(x)];
  const activation = activationNamed(name);
  return activation && activation.maxOrder >= 3 ? (x) => [activation.derivative(0, x), activation.derivative(1, x), activation.derivative(2, x)] : undefined;
}

function isParam(node: SymNode, params: ReadonlySet<string>): boolean {
  return params.has(node.name) && !node.sub && !node.accent && !node.primes && !node.star;
}

/** Whether `node` reads a seeded variable or a parameter, itself or through the definitions it uses. */
function depends(c: CompilerApi, node: Node, seeds: Seeds, params: ReadonlySet<string>, seen = new Set<UserDefinition>()): boolean {
  if (node.kind === 'sym') {
    if (isParam(node, params) || seeds.has(symbolKey(node))) return true;
    const definition = definitionOf(c.scope, node);
    if (definition && !seen.has(definition)) {
      seen.add(definition);
      if (depends(c, definition.body, seeds, new Set(), seen)) return true;
    }
  }
  if (node.kind === 'call') {
    const definition = c.scope.definitions.get(node.fn);
    if (definition && !seen.has(definition)) {
      seen.add(definition);
      const own = new Map([...seeds].filter(([key]) => !definition.params.includes(key)));
      if (depends(c, definition.body, own, new Set(), seen)) return true;
    }
  }
  return children(node).some((child) => depends(c, child, seeds, params, seen));
}
