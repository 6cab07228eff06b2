// Expressions compiled and evaluated on their own, below the checker: a LaTeX expression parsed,
// compiled by the semantics' Compiler in a scope (a model, the document's definitions so far), and
// run at a sample point whose values the test chose, so a test can compare with numbers it computed
// by hand or by finite differences.
import * as assert from 'node:assert/strict';
import type { Node } from '../../src/engine/parse/ast';
import { chainOf, expressionOf } from './parsed';
import { SIGMOID, type Nonlinearity } from '../../src/engine/evaluate/activations';
import * as T from '../../src/engine/evaluate/tensor';
import { Compiler } from '../../src/engine/semantics/compile';
import { Env } from '../../src/engine/semantics/env';
import type { Model, SamplePoint } from '../../src/engine/semantics/model';
import type { Compiled, Scope, UserDefinition } from '../../src/engine/semantics/scope';
import { defineSymbol, definitionCandidate } from '../../src/engine/check/definitions';
import { MLP } from '../../src/engine/models/mlp';

/** The one expression of `latex` (fails on a parse error or a relation). */
export const expr = expressionOf;

/** Both sides of `lhs = rhs`. */
function sides(latex: string): [Node, Node] {
  const { members } = chainOf(latex);
  assert.equal(members.length, 2, `${latex} is not one equation`);
  return [members[0], members[1]];
}

/** A scope in `model` (none: pure identities) with σ and the definitions `f(x) = x^2`, `a_i = …` in order. */
export function scopeWith(model: Model | null, definitions: readonly string[] = [], sigmas: readonly Nonlinearity[] = [SIGMOID]): Scope {
  const map = new Map<string, UserDefinition>();
  let scope: Scope = { model, sigmas, sigmaChosen: false, definitions: map };
  for (const latex of definitions) {
    const [left, body] = sides(latex);
    const candidate = definitionCandidate(left);
    assert.ok(candidate, `${latex} defines nothing`);
    const outcome = defineSymbol(candidate, body, scope, { start: 0, end: latex.length }, latex);
    assert.equal(outcome.kind, 'definition', latex);
    if (outcome.kind === 'definition') map.set(outcome.definition.key, outcome.definition);
    scope = { ...scope, definitions: map };
  }
  return scope;
}

/** A compiler of `latex` in `scope` (pure: as an identity in free variables). */
export function compiled(latex: string, scope: Scope, pure = scope.model === null): { compiler: Compiler; run: Compiled['run']; ref: Compiled['ref'] } {
  const compiler = new Compiler(scope, pure);
  const result = compiler.compile(expr(latex));
  return { compiler, run: result.run, ref: result.ref };
}

/** A point with the given free-variable values (pure identities); other names are a test error. */
export function freePoint(values: Readonly<Record<string, number>>, extra: Partial<SamplePoint> = {}): SamplePoint {
  return {
    index: 0,
    dims: {},
    leaves: new Map(),
    sigma: SIGMOID,
    learningRate: 0.25,
    free(name: string) {
      const v = values[name];
      if (v === undefined) throw new Error(`no value for the free variable ${name}`);
      return v;
    },
    ...extra,
  };
}

/** The MLP's leaves at a point chosen by hand (k = A.length), as plain numbers. */
export interface MlpValues {
  readonly x: number;
  readonly y: number;
  readonly A: readonly number[];
  readonly b: readonly number[];
  readonly C: readonly number[];
  readonly d: number;
}

export const MLP_VALUES: MlpValues = { x: 0.7, y: -0.4, A: [0.5, -1.2, 0.9], b: [0.3, 0.8, -0.6], C: [1.1, -0.7, 0.4], d: 0.2 };

/** An MLP sample point with these leaves, σ and learning rate. */
export function mlpPoint(values: MlpValues = MLP_VALUES, sigma: Nonlinearity = SIGMOID, learningRate = 0.25): SamplePoint {
  const k = values.A.length;
  return {
    index: 0,
    dims: { k },
    leaves: new Map([
      ['x', T.scalar(values.x)],
      ['y', T.scalar(values.y)],
      ['A', T.fromValues(k, 1, values.A)],
      ['b', T.fromValues(k, 1, values.b)],
      ['C', T.fromValues(1, k, values.C)],
      ['d', T.scalar(values.d)],
    ]),
    sigma,
    learningRate,
    free(name: string) {
      throw new Error(`no free variable ${name} in the MLP`);
    },
  };
}

/** The MLP's quantities at those values, computed by hand in plain numbers. */
export function mlpByHand(values: MlpValues = MLP_VALUES, sigma: (z: number) => number = (z) => 1 / (1 + Math.exp(-z))) {
  const z = values.A.map((a, i) => a * values.x + values.b[i]);
  const h = z.map(sigma);
  const yhat = h.reduce((s, hi, i) => s + values.C[i] * hi, 0) + values.d;
  const loss = (values.y - yhat) ** 2;
  return { z, h, yhat, loss };
}

/** The value of `latex` in `scope` at `point` with these index bindings. */
export function valueOf(latex: string, scope: Scope, point: SamplePoint, indices: Readonly<Record<string, number>> = {}, pure?: boolean): T.Tensor {
  const { run } = compiled(latex, scope, pure);
  return run(new Env(scope.model, point, new Map(Object.entries(indices))));
}

/** valueOf in the MLP at MLP_VALUES. */
export function mlpValue(latex: string, indices: Readonly<Record<string, number>> = {}, definitions: readonly string[] = []): T.Tensor {
  return valueOf(latex, scopeWith(MLP, definitions), mlpPoint(), indices);
}

/** |a − b| ≤ tol·max(1, |b|), with a message naming both. */
export function near(actual: number, expected: number, tol = 1e-9, what = ''): void {
  assert.ok(Math.abs(actual - expected) <= tol * Math.max(1, Math.abs(expected)), `${what}${what ? ': ' : ''}${actual} is not ${expected}`);
}

/** Every value of `t` near `expected` (row-major), and its shape. */
export function nearTensor(t: T.Tensor, rows: number, cols: number, expected: readonly number[], tol = 1e-9): void {
  assert.deepEqual([t.rows, t.cols], [rows, cols], `shape ${t.rows}×${t.cols}`);
  expected.forEach((e, i) => near(t.v[i], e, tol, `entry ${i}`));
}

/** Central finite difference of f at x. */
export function finiteDifference(f: (x: number) => number, x: number, h = 1e-6): number {
  return (f(x + h) - f(x - h)) / (2 * h);
}
