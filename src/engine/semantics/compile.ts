// Compiles AST nodes to evaluators once, so a claim is evaluated at every sample point without
// re-walking the tree: the dispatch over node kinds, and the helpers every family of nodes shares.
// Each family is compiled in a file of its own (compile-symbols, -operators, -calls, -calculus).
import type { Node, SymNode } from '../parse/ast';
import * as T from '../evaluate/tensor';
import { spectralNorm } from '../evaluate/matrix-functions';
import { Tensor } from '../evaluate/tensor';
import { axisLength, COMPARE, constant, fail, flatIndex, isEulerE } from './rules';
import { describe, describeSym } from './describe';
import { symbolKey, type Compiled, type Evaluator, type Scope } from './scope';
import { some } from './walk';
import type { Env } from './env';
import { CompileError, newInfo, type CompileInfo, type CompilerApi } from './compile-api';
import { component, evaluationBar, indicatorSide, symbol } from './compile-symbols';
import { binary, power } from './compile-operators';
import { call, postfixOnProduct } from './compile-calls';
import { derivative, sum } from './compile-calculus';

export { CompileError, type CompileInfo, type Mention } from './compile-api';
export { matrixPower } from './compile-operators';

/**
 * The compiler of one expression (or one side of a claim). `pure` compiles a claim without model
 * anchors as an identity in free scalar variables.
 */
export class Compiler implements CompilerApi {
  readonly info: CompileInfo = newInfo();
  /** Index letters bound by enclosing sums or by the definition being compiled. */
  readonly bound: string[] = [];
  readonly params: string[] = [];
  derivativeDepth = 0;
  barDepth = 0;

  constructor(
    readonly scope: Scope,
    readonly pure: boolean,
    boundIndices: readonly string[] = [],
    params: readonly string[] = [],
  ) {
    this.bound.push(...boundIndices);
    this.params.push(...params);
  }

  child(pure: boolean, boundIndices: readonly string[] = [], params: readonly string[] = []): Compiler {
    return new Compiler(this.scope, pure, boundIndices, params);
  }

  compile(node: Node): Compiled {
    switch (node.kind) {
      case 'num':
        this.info.decimals = Math.max(this.info.decimals, node.decimals);
        return constant(node.value);
      case 'sym':
        return symbol(this, node);
      case 'call':
        return call(this, node);
      case 'bin':
        return binary(this, node.op, this.compile(node.left), this.compile(node.right), node.loc);
      case 'neg': {
        const arg = this.compile(node.arg).run;
        return { run: (env) => T.neg(arg(env)) };
      }
      case 'pow':
        return postfixOnProduct(this, node) ?? power(this, node);
      case 'transpose': {
        const split = postfixOnProduct(this, node);
        if (split) return split;
        const arg = this.compile(node.arg).run;
        return { run: (env) => T.transpose(arg(env)) };
      }
      case 'deriv':
        return derivative(this, node);
      case 'sum':
        return sum(this, node);
      case 'indicator': {
        const left = indicatorSide(this, node.cond.left);
        const right = indicatorSide(this, node.cond.right);
        const test = COMPARE[node.cond.op];
        return {
          run: (env) => {
            const a = left(env);
            const b = right(env);
            const n = Math.max(a.size, b.size);
            const v = Array.from({ length: n }, (_, i) => (test(a.v[a.isScalar ? 0 : i], b.v[b.isScalar ? 0 : i]) ? 1 : 0));
            const shape = a.isScalar ? b : a;
            return T.fromValues(shape.rows, shape.cols, v);
          },
        };
      }
      case 'tuple': {
        const cols = node.rows[0]?.length ?? 0;
        if (node.rows.some((r) => r.length !== cols)) throw new CompileError('the rows of this matrix have different lengths', node.loc);
        const items = node.rows.flat().map((n) => this.compile(n).run);
        return {
          run: (env) => {
            const values = items.map((f) => f(env));
            if (values.some((v) => !v.isScalar)) throw new T.ShapeError('a literal vector must hold scalars');
            return new Tensor(node.rows.length, cols, values.map((v) => v.v[0]), values.map((v) => v.d[0]));
          },
        };
      }
      case 'index':
        return component(this, node);
      case 'at':
        return evaluationBar(this, node);
      case 'norm': {
        // `\|e\|_2 = 1` (an embedding named e): a norm is taken of a vector, not of Euler's number.
        if (isEulerE(node.arg) && !this.scope.definitions.has('e')) throw new CompileError('‖e‖ takes the norm of a vector named e, not of Euler’s number, and no shape is declared for it', node.loc);
        // `|V|` of a free capital, whose shape nothing gives: its determinant as often as its absolute value.
        const capital = node.abs && this.pure ? freeCapitalIn(this.scope, node.arg) : undefined;
        if (capital) throw new CompileError(`|${describe(node.arg)}| of ${capital}, a capital whose shape is not declared, may be its determinant or its absolute value`, node.loc);
        const arg = this.compile(node.arg).run;
        return {
          run: (env) => {
            const a = arg(env);
            if (node.abs && a.isScalar) return T.map(a, Math.abs, Math.sign);
            // `\frac{1}{|x|}\sum_i …` of a vector: its size as often as its length, so neither is assumed.
            if (node.abs) fail(`|${describe(node.arg)}| of the ${a.shapeText()} ${describe(node.arg)} is ambiguous (its number of entries, or its length ‖·‖)`);
            // ‖A‖ of a matrix may be the spectral or the Frobenius norm: only ‖A‖₂ or ‖A‖_F says which.
            const matrix = !a.isScalar && !a.isVector;
            if (matrix && node.p === 2) return spectralNorm(a);
            if (matrix && node.p !== 'F') fail(`the norm of the ${a.shapeText()} matrix ${describe(node.arg)} is ambiguous (spectral ‖·‖₂ or Frobenius ‖·‖_F)`);
            if (node.p === 1) return T.sum(T.map(a, Math.abs, Math.sign));
            if (node.p === 'inf') return maxAbs(a);
            const squares = T.sum(T.hadamard(a, a));
            return T.map(squares, Math.sqrt, (x) => 0.5 / Math.sqrt(x));
          },
        };
      }
    }
  }

  /** A model node or a user quantity, whole or one entry (`A_i`, `A_{ij}`). */
  nodeReference(key: string, sym: SymNode | undefined, indices: readonly Node[], whole: Evaluator, display?: string): Compiled {
    const indexFns = indices.map((i) => this.indexExpr(i));
    const text = display ?? (sym ? describeSym(sym) : key);
    indices.forEach((item, position) => {
      if (item.kind === 'sym' && !this.bound.includes(item.name)) {
        const hints = this.info.freeIndices.get(item.name) ?? [];
        hints.push((env) => axisLength(whole(env), indices.length, position));
        this.info.freeIndices.set(item.name, hints);
      }
    });
    const run: Evaluator =
      indexFns.length === 0
        ? whole
        : (env) => {
            const value = whole(env);
            return T.entry(value, flatIndex(value, indexFns.map((f) => f(env))));
          };
    if (!key.startsWith('step:')) {
      this.mention(text, (env) => {
        const value = run(env);
        return value.isScalar ? value.v[0] : undefined;
      });
    }
    return { run, ref: { key, indices: indexFns, display: text } };
  }

  /** Free index letters used as the indices of a family take their range from the family's body. */
  recordFreeIndexHints(indices: readonly Node[]): void {
    for (const item of indices) {
      if (item.kind === 'sym' && !this.bound.includes(item.name) && !this.info.freeIndices.has(item.name)) {
        this.info.freeIndices.set(item.name, []);
      }
    }
  }

  /** An index expression (`i`, `j`, `1`, `i+1`) evaluated to a 1-based integer. */
  indexExpr(node: Node): (env: Env) => number {
    if (node.kind === 'num') return () => node.value;
    if (node.kind === 'sym' && !node.sub && !node.accent) {
      const name = node.name;
      return (env) => env.indices.get(name) ?? fail(`index ${name} is unbound`);
    }
    if (node.kind === 'bin' && (node.op === '+' || node.op === '-')) {
      const a = this.indexExpr(node.left);
      const b = this.indexExpr(node.right);
      return node.op === '+' ? (env) => a(env) + b(env) : (env) => a(env) - b(env);
    }
    throw new CompileError(`unsupported index ${describe(node)}`, node.loc);
  }

  /** Records a quantity for counterexamples; those inside a derivative (L in ∂L/∂b) say little, and those under an evaluation bar are read elsewhere. */
  mention(text: string, read: (env: Env) => number | undefined): void {
    if (this.derivativeDepth === 0 && this.barDepth === 0 && !this.info.mentions.has(text)) this.info.mentions.set(text, { text, read });
  }
}

/** A capital letter in `node` that is a free variable of no declared shape (`V` of `|\sigma^2 V|`). */
function freeCapitalIn(scope: Scope, node: Node): string | undefined {
  let found: string | undefined;
  some(node, (n) => {
    if (n.kind !== 'sym' || !/^[A-Z]$/.test(n.name) || n.name === 'I' || n.accent || scope.definitions.has(symbolKey(n)) || scope.freeShapes?.has(symbolKey(n))) return false;
    found = describeSym(n);
    return true;
  });
  return found;
}

/** ‖a‖_∞: the largest |a_i|, with that entry's tangent. */
function maxAbs(a: Tensor): Tensor {
  let at = 0;
  for (let i = 1; i < a.size; i++) if (Math.abs(a.v[i]) > Math.abs(a.v[at])) at = i;
  return T.scalar(Math.abs(a.v[at]), Math.sign(a.v[at]) * a.d[at]);
}
