// Compiling operators: sums, products (matrix or elementwise, as the shapes say), quotients and
// powers (`M^{-1}`, `M^k`, `e^x`, a parameter at a time step, a model's square node).
import type { PowNode } from '../parse/ast';
import type { SourceRange } from '../source/location';
import * as T from '../evaluate/tensor';
import { fail, isEulerE, isTimeExpr, splitIndices } from './rules';
import { describe } from './describe';
import { symbolKey, type Compiled } from './scope';
import { CompileError, type CompilerApi } from './compile-api';
import { timeStep, withoutLabels } from './compile-symbols';
import { labelled } from './compile-labels';
import { superscriptLabel } from './superscript-labels';
import { some } from './walk';
import { EvaluationError } from './evaluation-error';

export function binary(c: CompilerApi, op: string, left: Compiled, right: Compiled, loc: SourceRange): Compiled {
  const a = left.run;
  const b = right.run;
  switch (op) {
    case '+':
      return { run: (env) => T.add(a(env), b(env)) };
    case '-':
      return { run: (env) => T.sub(a(env), b(env)) };
    case 'odot':
      return { run: (env) => T.hadamard(a(env), b(env)) };
    case '/':
      return {
        run: (env) => {
          const denominator = b(env);
          if (!denominator.isScalar && !denominator.isVector) throw new T.ShapeError(`cannot divide by ${denominator.shapeText()}`);
          return T.divide(a(env), denominator);
        },
      };
    // `\cdot` between same-shape vectors is elementwise, as in σ(z)·(1 − σ(z)).
    case '*':
    case 'cdot':
    case 'juxt':
    case 'times':
      return { run: (env) => T.product(a(env), b(env)) };
  }
  throw new CompileError(`unsupported operator ${op}`, loc);
}

export function power(c: CompilerApi, node: PowNode): Compiled {
  if (!c.pure && c.scope.model && node.base.kind === 'sym' && isTimeExpr(node.exp)) {
    const modelKey = c.scope.model.resolveSymbol(node.base);
    if (modelKey) {
      c.info.constant = false;
      const indices = node.base.sub?.kind === 'indices' ? node.base.sub.items : [];
      return timeStep(c, modelKey, node.base, indices, node.exp);
    }
  }
  // `W^{(1)}`, `a^{[l]}`: a label of the symbol (its layer), not a power.
  const label = superscriptLabel(node);
  if (label) return labelled(c, label);
  const square = modelSquare(c, node);
  if (square) return square;
  const userE = c.scope.definitions.has('e') && node.exp.kind === 'num';
  if (isEulerE(node.base) && !userE) {
    const exponent = c.compile(node.exp).run;
    return {
      run: (env) => {
        const value = exponent(env);
        // `e^{A}` of a matrix is the matrix exponential in linear algebra, entrywise in many notes: not guessed.
        if (!value.isScalar && !value.isVector) fail(`e^{${describe(node.exp)}} of the ${value.shapeText()} matrix ${describe(node.exp)} may be the matrix exponential or entrywise, which the text does not say`);
        return T.map(value, Math.exp, Math.exp);
      },
    };
  }
  const base = c.compile(node.base).run;
  if (node.exp.kind === 'num' && node.exp.value === -1) {
    return {
      run: (env) => {
        const value = base(env);
        return value.isScalar || value.isVector ? T.power(value, T.scalar(-1)) : T.inverse(value);
      },
    };
  }
  const exponent = c.compile(node.exp).run;
  // `x^{t+1}` of a vector x: a superscript in letters on a vector or matrix is an index (a time step, a layer) as often as a power.
  const lettered = some(node.exp, (n) => n.kind === 'sym');
  return {
    run: (env) => {
      const value = base(env);
      const p = exponent(env);
      if (!p.isScalar) throw new T.ShapeError(`an exponent must be a scalar, not ${p.shapeText()}`);
      if (lettered && !value.isScalar) throw new EvaluationError(`the ${value.shapeText()} ${describe(node.base)} with the superscript ${describe(node.exp)}, which may be an index (a time step, a layer) as well as a power`);
      if (!value.isScalar && !value.isVector) {
        if (!Number.isInteger(p.v[0]) || p.v[0] === 0) throw new T.ShapeError(`cannot raise a ${value.shapeText()} matrix to ${p.v[0]}`);
        // M^{-k} (written `^{-1}` it parses as a negated exponent) is (M⁻¹)^k.
        const factor = p.v[0] < 0 ? T.inverse(value) : value;
        return matrixPower(factor, Math.abs(p.v[0]));
      }
      return T.power(value, p);
    },
  };
}

/** `σ^2` where the model has the variance as a node of its own: that node, so ∂L/∂σ² is defined. */
function modelSquare(c: CompilerApi, node: PowNode): Compiled | undefined {
  const model = c.scope.model;
  if (c.pure || !model?.squareOf || node.base.kind !== 'sym' || node.exp.kind !== 'num' || node.exp.value !== 2) return undefined;
  const base = node.base;
  const key = model.resolveSymbol(base);
  const squareKey = key && model.squareOf[key];
  if (!squareKey || c.scope.definitions.has(symbolKey(base))) return undefined;
  const indices = withoutLabels(c, base.sub?.kind === 'indices' ? splitIndices(base.sub.items) : []);
  if (indices.length > 0) return undefined;
  c.info.constant = false;
  return c.nodeReference(`node:${squareKey}`, undefined, [], (env) => env.node(squareKey), describe(node));
}

/**
 * M^k for an integer k ≥ 1 by repeated squaring: k multiplications one by one would run for ever on
 * `M^{123456789012345678901234567890}` (found by fuzzing), and no claim's budget is read inside one evaluation.
 */
export function matrixPower(m: T.Tensor, k: number): T.Tensor {
  let result: T.Tensor | undefined;
  let square = m;
  for (let rest = k; ; ) {
    if (rest % 2 === 1) result = result ? T.matmul(result, square) : square;
    rest = Math.floor(rest / 2);
    if (rest === 0) return result!;
    square = T.matmul(square, square);
  }
}
