import * as assert from 'node:assert/strict';
import { Matrix, SingularValueDecomposition, solve } from 'ml-matrix';
import { basename, join } from 'node:path';
import { checkFixture, fixtureFiles } from '../../support/fixtures';
import { checkText } from '../../../src/engine';
import { Random } from '../../../src/engine/evaluate/random';
import { GENERIC_INSTANCES, SIGMOID } from '../../../src/engine/evaluate/activations';
import { matmul, transpose, add, sub, product, fromValues, Tensor } from '../../../src/engine/evaluate/tensor';
import { EvaluationError } from '../../../src/engine/semantics/rules';
import { Env } from '../../../src/engine/semantics/env';
import type { SamplePoint } from '../../../src/engine/semantics/model';
import { RIDGE } from '../../../src/engine/models/ridge';
import type { SymNode } from '../../../src/engine/parse/ast';
import { evidenceOf } from '../../support/evidence';
import { check, directive, displayBlocks, displayMath, mismatch, only, verified } from '../../support/claims';
import { FIXTURES } from '../../support/paths';
import { symbolOf } from '../../support/parsed';

/** Display math (one `$$` block; several lines make an aligned derivation) in the ridge model, after optional settings. */
const doc = (latex: string, settings = '') => displayMath(latex, directive(`model=ridge ${settings}`));

function points(count = 12, dims: Record<string, number> = {}): SamplePoint[] {
  const rng = new Random(5);
  return Array.from({ length: count }, (_, i) => RIDGE.samplePoint(rng, i, { seed: 5, count, dims, sigmas: GENERIC_INSTANCES }));
}

const sym = (name: string, extra: Partial<SymNode> = {}): SymNode => ({ kind: 'sym', name, loc: { start: 0, end: 1 }, ...extra });
const indexed = (name: string, ...items: string[]): SymNode => sym(name, { sub: { kind: 'indices', items: items.map((i) => sym(i)), loc: { start: 0, end: 1 } } });

function maxAbs(t: Tensor): number {
  return Math.max(...Array.from(t.v, Math.abs));
}

describe('ridge model: sampling and quantities', () => {
  it('samples tall, wide and square A in turn, with λ > 0 and well-conditioned A', () => {
    const relations = points(9).map((p) => Math.sign(p.dims.n - p.dims.d));
    assert.deepEqual(relations, [1, -1, 0, 1, -1, 0, 1, -1, 0]);
    for (const p of points(9)) {
      assert.equal(p.dims.r, Math.min(p.dims.n, p.dims.d));
      assert.ok(p.leaves.get('lambda')!.v[0] > 0);
      assert.deepEqual([p.leaves.get('A')!.rows, p.leaves.get('A')!.cols], [p.dims.n, p.dims.d]);
      assert.deepEqual([p.leaves.get('b')!.rows, p.leaves.get('x')!.rows], [p.dims.n, p.dims.d]);
    }
  });

  it('respects pinned sizes, and pins of one size keep the shapes varied', () => {
    for (const p of points(6, { n: 5, d: 3 })) assert.deepEqual([p.dims.n, p.dims.d], [5, 3]);
    const relations = new Set(points(6, { d: 3 }).map((p) => Math.sign(p.dims.n - 3)));
    assert.deepEqual([...relations].sort(), [-1, 0, 1]);
  });

  it('solves for x* numerically: the gradient of f vanishes there, for tall and wide A', () => {
    for (const p of points(6)) {
      const env = new Env(RIDGE, p, new Map());
      const [a, b, lambda, xstar] = ['A', 'b', 'lambda', 'xstar'].map((k) => env.node(k));
      const gradient = add(matmul(transpose(a), sub(matmul(a, xstar), b)), product(lambda, xstar));
      assert.ok(maxAbs(gradient) < 1e-10, `gradient ${maxAbs(gradient)} at n=${p.dims.n}, d=${p.dims.d}`);
    }
  });

  it('gives both SVD conventions: thin U is n×r, full U is n×n, and both rebuild A', () => {
    for (const p of points(3)) {
      const { n, d, r } = p.dims;
      for (const convention of RIDGE.conventions!) {
        const env = new Env(RIDGE, convention.at(p), new Map());
        const [u, s, v] = ['U', 'Sigma', 'V'].map((k) => env.node(k));
        const expected = convention.name === 'thin' ? [n, r, r, r, d, r] : [n, n, n, d, d, d];
        assert.deepEqual([u.rows, u.cols, s.rows, s.cols, v.rows, v.cols], expected);
        const rebuilt = matmul(matmul(u, s), transpose(v));
        assert.ok(maxAbs(sub(rebuilt, env.node('A'))) < 1e-10);
      }
    }
  });

  it('resolves its own symbols and aliases, and nothing of Problem 1', () => {
    const cases: [SymNode, string | undefined][] = [
      [sym('x', { star: true }), 'xstar'],
      [sym('x', { accent: 'hat' }), 'xstar'],
      [sym('x', { sub: { kind: 'label', text: 'ridge', loc: { start: 0, end: 1 } } }), 'xstar'],
      [indexed('x', 'lambda'), 'xstar'],
      [indexed('x', 'L', 'S'), 'xls'],
      [indexed('sigma', 'i'), 'singular'],
      [indexed('u', 'i'), 'u'],
      [sym('Sigma'), 'Sigma'],
      [sym('lambda'), 'lambda'],
      [sym('f'), 'f'],
      [sym('J'), 'f'],
      [sym('sigma'), undefined],
      [sym('u'), undefined],
      [sym('y'), undefined],
      [sym('C'), undefined],
      [sym('z'), undefined],
      [sym('L'), undefined],
      [sym('d'), undefined],
    ];
    for (const [node, key] of cases) assert.equal(RIDGE.resolveSymbol(node), key, JSON.stringify(node));
  });
});

describe('ridge model: which symbols are ridge’s', () => {
  const resolves = (cases: [string, string | undefined][]) => {
    for (const [latex, key] of cases) assert.equal(RIDGE.resolveSymbol(symbolOf(latex)), key, latex);
  };

  it('x and its entries are the variable; x̄, x̃, ẋ, x′ and x with another label are not', () => {
    resolves([['x', 'x'], ['x_i', 'x'], ['x_{ij}', 'x']]);
    resolves([['\\bar x', undefined], ['\\tilde x', undefined], ['\\dot x', undefined], ["x'", undefined], ['x_{\\text{ml}}', undefined], ['x_{new}', undefined]]);
  });

  it('labels name the solutions, punctuation aside: x_{R.R.} and x_{opt} are x*, x_{l.s.} and x_{OLS} are x_LS', () => {
    resolves([['x_{\\text{R.R.}}', 'xstar'], ['x_{opt}', 'xstar'], ['x_{\\text{l.s.}}', 'xls'], ['x_{\\text{OLS}}', 'xls'], ['x_{LS}', 'xls']]);
  });

  it('A and b only bare or indexed: not decorated, starred, primed or labelled', () => {
    resolves([['A', 'A'], ['A_{ij}', 'A'], ['b_i', 'b']]);
    resolves([['\\hat A', undefined], ['A^*', undefined], ["A'", undefined], ['A_{\\text{new}}', undefined], ['b_\\lambda', undefined], ['b_{LS}', undefined], ["b'", undefined], ['b^*', undefined]]);
  });

  it('λ and f (or J) only bare', () => {
    resolves([['\\lambda', 'lambda'], ['f', 'f'], ['J', 'f']]);
    resolves([['\\lambda_1', undefined], ['\\hat\\lambda', undefined], ['\\lambda^*', undefined], ["\\lambda'", undefined]]);
    resolves([['f_1', undefined], ['\\hat f', undefined], ['f^*', undefined], ["f'", undefined], ['J_2', undefined], ['\\tilde J', undefined]]);
  });

  it('U, Σ, V bare or indexed, never labelled, decorated, starred or primed', () => {
    resolves([['U', 'U'], ['U_i', 'U'], ['V', 'V'], ['\\Sigma_{ii}', 'Sigma']]);
    resolves([['U_{\\text{new}}', undefined], ['\\hat U', undefined], ['U^*', undefined], ["U'", undefined], ["\\Sigma'", undefined], ['\\tilde V', undefined]]);
  });

  it('u_i, v_i with one index only; σ_i, σ_max, σ_min, not σ decorated', () => {
    resolves([['u_i', 'u'], ['v_j', 'v'], ['\\sigma_i', 'singular'], ['\\sigma_{max}', 'sigmaMax'], ['\\sigma_{\\text{min}}', 'sigmaMin']]);
    resolves([['u_{ij}', undefined], ['u_\\lambda', undefined], ['v_{\\text{max}}', undefined], ['\\hat u_i', undefined], ['v_i^*', undefined], ["u_i'", undefined]]);
    resolves([['\\sigma_{mid}', undefined], ['\\sigma_\\lambda', undefined], ['\\sigma_{ij}', undefined], ['\\hat\\sigma_i', undefined], ['\\sigma_i^*', undefined], ["\\sigma_i'", undefined]]);
  });

  it('checks a gradient written entry by entry', () => {
    only(verified(check(doc('\\frac{\\partial f}{\\partial x_i} = 2(A^\\top(Ax-b))_i + 2\\lambda x_i'))));
  });
});

describe('ridge model: sample points and the nodes at them', () => {
  const sample = (count: number, dims: Record<string, number> = {}, given?: Record<string, number[]>) => {
    const rng = new Random(11);
    return Array.from({ length: count }, (_, i) => RIDGE.samplePoint(rng, i, { seed: 11, count, dims, sigmas: [SIGMOID], ...(given ? { given } : {}) }));
  };
  const toMatrix = (t: Tensor) => Matrix.from1DArray(t.rows, t.cols, Array.from(t.v));
  const nodeAt = (point: SamplePoint, key: string) => new Env(RIDGE, point, new Map()).node(key);

  it('draws A with σ_min ≥ σ_max/8 at every point (ml-matrix’s singular values)', () => {
    for (const p of sample(30)) {
      const s = new SingularValueDecomposition(toMatrix(p.leaves.get('A')!), { autoTranspose: true }).diagonal;
      assert.ok(s[s.length - 1] >= s[0] / 8, `σ = ${s.join(', ')} at n=${p.dims.n}, d=${p.dims.d}`);
    }
  });

  it('with n pinned, keeps tall, wide and square A in turn, d within 2..5', () => {
    const points = sample(12, { n: 3 });
    assert.deepEqual(points.map((p) => p.dims.n), Array(12).fill(3));
    assert.deepEqual(points.map((p) => Math.sign(3 - p.dims.d)), [1, -1, 0, 1, -1, 0, 1, -1, 0, 1, -1, 0]);
    for (const p of points) assert.equal(p.dims.r, Math.min(3, p.dims.d));
    assert.deepEqual([...new Set(points.map((p) => p.dims.d))].sort(), [2, 3, 4, 5]);
  });

  it('with d pinned, keeps the shapes in turn, n within 2..6, every size that fits drawn', () => {
    const points = sample(30, { d: 3 });
    assert.deepEqual(points.map((p) => Math.sign(p.dims.n - 3)), Array.from({ length: 30 }, (_, i) => [1, -1, 0][i % 3]));
    assert.deepEqual([...new Set(points.map((p) => p.dims.n))].sort(), [2, 3, 4, 5, 6]);
  });

  it('with a pin no shape can meet, draws any size in range', () => {
    const tall = sample(9, { d: 6 }).filter((_, i) => i % 3 === 0);
    for (const p of tall) assert.ok(p.dims.n >= 2 && p.dims.n <= 6, `n=${p.dims.n}`);
    const wide = sample(9, { n: 5 }).filter((_, i) => i % 3 === 1);
    for (const p of wide) assert.ok(p.dims.d >= 2 && p.dims.d <= 5, `d=${p.dims.d}`);
  });

  it('uses a given λ only when it is a positive number', () => {
    assert.equal(sample(1, {}, { lambda: [0.5] })[0].leaves.get('lambda')!.v[0], 0.5);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      const lambda = sample(1, {}, { lambda: [bad] })[0].leaves.get('lambda')!.v[0];
      assert.ok(lambda >= 0.2 && lambda <= 2.5, `λ = ${lambda} for a given ${bad}`);
    }
  });

  it('the full SVD’s U and V are orthogonal (their completed columns too), the thin ones orthonormal columns', () => {
    for (const p of sample(6)) {
      for (const convention of RIDGE.conventions!) {
        const at = convention.at(p);
        for (const key of ['U', 'V']) {
          const m = nodeAt(at, key);
          const gram = matmul(transpose(m), m);
          const identity = fromValues(m.cols, m.cols, Array.from({ length: m.cols * m.cols }, (_, k) => (k % (m.cols + 1) === 0 ? 1 : 0)));
          assert.ok(maxAbs(sub(gram, identity)) < 1e-10, `${convention.name} ${key}ᵀ${key} = I at n=${p.dims.n}, d=${p.dims.d}`);
        }
      }
    }
  });

  it('σ_max and σ_min are the largest and the smallest of the r singular values', () => {
    for (const p of sample(6)) {
      const s = new SingularValueDecomposition(toMatrix(p.leaves.get('A')!), { autoTranspose: true }).diagonal;
      assert.ok(Math.abs(nodeAt(p, 'sigmaMax').v[0] - s[0]) < 1e-12);
      assert.ok(Math.abs(nodeAt(p, 'sigmaMin').v[0] - s[p.dims.r - 1]) < 1e-12, `σ_min at n=${p.dims.n}, d=${p.dims.d}`);
      assert.equal(nodeAt(p, 'singular').rows, p.dims.r);
    }
  });

  it('gives the shapes of its nodes in size names, by convention (thin when the point names none)', () => {
    const [p] = sample(1);
    const [thin, full] = RIDGE.conventions!.map((c) => c.at(p));
    assert.deepEqual(RIDGE.symbolicShape!('U', thin), ['n', 'r']);
    assert.deepEqual(RIDGE.symbolicShape!('U', full), ['n', 'n']);
    assert.deepEqual(RIDGE.symbolicShape!('Sigma', full), ['n', 'd']);
    assert.deepEqual(RIDGE.symbolicShape!('U', { ...p, svd: undefined } as SamplePoint), ['n', 'r']);
    assert.equal(RIDGE.symbolicShape!('nothing', thin), undefined);
  });

  it('differentiates x* with respect to each entry of A as central differences of ml-matrix’s solution do', () => {
    const xstar = RIDGE.nodes.get('xstar')!.compute!;
    for (const p of sample(3)) {
      const [a, b, lambda] = ['A', 'b', 'lambda'].map((k) => p.leaves.get(k)!);
      const solved = (values: number[]) => {
        const A = Matrix.from1DArray(a.rows, a.cols, values);
        return solve(A.transpose().mmul(A).add(Matrix.eye(a.cols).mul(lambda.v[0])), A.transpose().mmul(Matrix.columnVector(Array.from(b.v)))).to1DArray();
      };
      for (let k = 0; k < a.v.length; k++) {
        const seeded = new Tensor(a.rows, a.cols, a.v, a.v.map((_, j) => (j === k ? 1 : 0)));
        const out = xstar((key) => (key === 'A' ? seeded : key === 'b' ? b : lambda), p);
        const h = 1e-6;
        const up = solved(a.v.map((v, j) => (j === k ? v + h : v)));
        const down = solved(a.v.map((v, j) => (j === k ? v - h : v)));
        out.d.forEach((dv, i) => assert.ok(Math.abs(dv - (up[i] - down[i]) / (2 * h)) < 1e-6, `∂x*_${i + 1}/∂A entry ${k}: ${dv}`));
      }
    }
  });

  it('refuses b that is not a column of n entries, and derivatives of x_LS', () => {
    const [p] = sample(1);
    const [a, b, lambda] = ['A', 'b', 'lambda'].map((k) => p.leaves.get(k)!);
    const wrongB = fromValues(a.rows, 2, Array(a.rows * 2).fill(1));
    const xstar = RIDGE.nodes.get('xstar')!.compute!;
    assert.throws(() => xstar((k) => (k === 'A' ? a : k === 'b' ? wrongB : lambda), p), (e: unknown) => e instanceof EvaluationError && e.message === `b must be a column of ${a.rows} entries`);
    const shortB = fromValues(a.rows + 1, 1, Array(a.rows + 1).fill(1));
    assert.throws(() => xstar((k) => (k === 'A' ? a : k === 'b' ? shortB : lambda), p), EvaluationError);
    const xls = RIDGE.nodes.get('xls')!.compute!;
    const seededB = new Tensor(b.rows, 1, b.v, b.v.map((_, i) => (i === 0 ? 1 : 0)));
    const seededA = new Tensor(a.rows, a.cols, a.v, a.v.map((_, i) => (i === 0 ? 1 : 0)));
    for (const [A, B] of [[a, seededB], [seededA, b]]) {
      assert.throws(() => xls((k) => (k === 'A' ? A : B), p), (e: unknown) => e instanceof EvaluationError && /derivatives of the least-squares solution x_LS are not supported/.test(e.message));
    }
    assert.equal(xls((k) => (k === 'A' ? a : b), p).rows, a.cols);
  });
});

describe('ridge: the gradient', () => {
  it('verifies the gradient in column, row and expanded forms, in every notation', () => {
    only(verified(check(doc('\\nabla_x f = 2A^\\top(Ax-b) + 2\\lambda x'))));
    only(verified(check(doc('\\frac{\\partial f}{\\partial x} = 2A^T A x - 2A^T b + 2\\lambda x'))));
    only(verified(check(doc('\\nabla_x f = 2(Ax-b)^\\top A + 2\\lambda x^\\top'))));
    only(verified(check(doc('\\nabla_{\\mathbf{x}} J = 2\\mathbf{A}^\\top(\\mathbf{A}\\mathbf{x}-\\mathbf{b}) + 2\\lambda\\mathbf{x}'))));
    // f's formula written first is its definition, no claim (model-restatements.ts); written after it, a result.
    assert.deepEqual(check(doc('f(x) = (Ax-b)^\\top(Ax-b) + \\lambda x^\\top x')), []);
    only(verified(check(displayBlocks(directive('model=ridge'), 'f(x) = \\|Ax-b\\|^2 + \\lambda\\|x\\|^2', 'f(x) = (Ax-b)^\\top(Ax-b) + \\lambda x^\\top x'))));
  });

  it('names the missing factor on λx', () => {
    const f = mismatch(only(check(doc('\\nabla_x f = 2A^\\top(Ax-b) + \\lambda x'))), undefined, /the gradient of λ‖x‖² is 2λx, not λx/);
    assert.equal(f.evidence.diagnosis, 'wrong-form');
    assert.match(f.message, /claimed \(.*\)ᵀ, expected \(.*\)ᵀ/);
  });

  it('flags a missing regularizer, a sign error and an overall factor', () => {
    mismatch(only(check(doc('\\nabla_x f = 2A^\\top(Ax-b)'))), undefined, /2λx, is missing/);
    mismatch(only(check(doc('\\nabla_x f = 2A^\\top(b-Ax) + 2\\lambda x'))), undefined, /sign error in the data term/);
    mismatch(only(check(doc('\\nabla_x f = -2A^\\top(Ax-b) - 2\\lambda x'))), undefined, /^sign error: the right side is the negative/);
    mismatch(only(check(doc('\\nabla_x f = A^\\top(Ax-b) + \\lambda x'))), undefined, /off by a factor of 2: the right side is half/);
  });

  it('names the shapes when a transpose is on the wrong factor or the layouts are mixed', () => {
    const f = mismatch(only(check(doc('\\nabla_x f = 2A(Ax-b) + 2\\lambda x'))), undefined, /A\(Ax − b\) multiplies n×d by n×1/);
    assert.match(f.message, /\(at n=\d, d=\d, r=\d: \d×\d by \d×1\)/);
    assert.equal(f.evidence.diagnosis, 'shape');
    mismatch(only(check(doc('\\nabla_x f = 2(Ax-b)^\\top A + 2\\lambda x'))), undefined, /adds 1×d and d×1/);
  });
});

describe('ridge: sizes stated in the document and shape messages', () => {
  const findings = (markdown: string) => checkText(`<!-- derivcheck: model=ridge -->\n\n${markdown}\n`).findings;

  it('reads `$n = 3$`, `$d = 5$` as the sizes (no claim), and samples only those sizes', () => {
    const all = findings('Take $n = 3$ and $d = 5$.\n\n$$x^* = A^\\top(AA^\\top + \\lambda I_n)^{-1}b$$');
    assert.deepEqual(all.map((f) => f.verdict), ['verified']);
    // Wide A at every point: AᵀA (5×5, rank 3) has no inverse.
    const singular = findings('Take $n = 3$ and $d = 5$.\n\n$$x^* = (A^\\top A)^{-1}A^\\top b$$');
    assert.equal(singular.length, 1);
    assert.equal(singular[0].verdict, 'mismatch');
    assert.match(singular[0].message, /singular.*\(at n=3, d=5, r=3\)/);
  });

  it('checks a second statement of a size, and r = min(n, d), as claims about the sizes; another value is another case', () => {
    const all = findings('Take $d = 4$, $n = 2$, so $r = \\min(n, d) = 2$ and $d = 4$ again; with $d = 3$ instead, …');
    assert.deepEqual(all.map((f) => [f.text, f.verdict, f.evidence.reason]), [
      ['r = \\min(n, d)', 'verified', undefined],
      ['\\min(n, d) = 2', 'verified', undefined],
      ['d = 4', 'verified', undefined],
      ['d = 3', 'unsupported', 'redefinition'],
    ]);
  });

  it('sums up to r after r = min(n, d) is stated, instead of reading r as a new quantity', () => {
    const all = findings('Let $r=\\min(n,d)$.\n\n$$\\hat x = \\sum_{i=1}^{r} \\frac{\\sigma_i}{\\sigma_i^2 + \\lambda}v_i u_i^\\top b$$');
    assert.deepEqual(all.map((f) => f.verdict), ['verified', 'verified']);
  });

  it('names the product that fails inside a longer one, and why a product needs matching inner sizes', () => {
    const f = mismatch(only(check(doc('x^* = A^\\top(A^\\top A + \\lambda I)^{-1}b', 'n=5 d=3'))), undefined, /\(AᵀA \+ λI\)⁻¹b \(in Aᵀ\(AᵀA \+ λI\)⁻¹b\) multiplies d×d by n×1/);
    assert.match(f.message, /as many columns on the left \(d\) as rows on the right \(n\)/);
    // Scalars around the failing product are not worth an "in …".
    mismatch(only(check(doc('\\nabla_x f = 2A^\\top A x - 2Ab + 2\\lambda x', 'n=5 d=3'))), undefined, /: 2Ab multiplies n×d by n×1: A is n×d but b is n×1/);
  });

  it('keeps a parenthesized product as the student grouped it', () => {
    mismatch(only(check(doc('x^* = \\sum_{i=1}^{r} \\frac{\\sigma_i}{\\sigma_i^2+\\lambda} (v_i^\\top b) u_i', 'n=5 d=3'))), undefined, /: v_iᵀb multiplies 1×d by n×1: v_iᵀ is 1×d but b is n×1/);
  });

  it('reads \\operatorname*{arg\\,min} as one operator name, not as the letters a, r, g', () => {
    const f = only(check(doc('\\hat x = \\operatorname*{arg\\,min}_x f(x)')));
    assert.equal(f.verdict, 'unsupported');
    assert.match(f.message, /argmin/);
  });
});

describe('ridge: the minimizer', () => {
  it('verifies x* and its aliases against the numerically solved minimizer, with I sized by context', () => {
    only(verified(check(doc('x^* = (A^\\top A + \\lambda I)^{-1}A^\\top b'))));
    only(verified(check(doc('\\hat{x} = (A^\\top A + \\lambda I_d)^{-1}A^\\top b'))));
    only(verified(check(doc('x_{\\text{ridge}} = (A^TA + \\lambda I)^{-1}A^Tb'))));
    only(verified(check(doc('x_\\lambda = (A^\\top A + \\lambda I)^{-1}A^\\top b'))));
  });

  it('verifies the push-through form, for tall and for wide A', () => {
    only(verified(check(doc('x^* = A^\\top(AA^\\top + \\lambda I)^{-1} b'))));
    only(verified(check(doc('x^* = A^\\top(AA^\\top + \\lambda I_n)^{-1} b', 'n=2 d=5'))));
    only(verified(check(doc('x^* = A^\\top(AA^\\top + \\lambda I_n)^{-1} b', 'n=6 d=2'))));
    only(verified(check(doc('(A^\\top A + \\lambda I)A^\\top = A^\\top(AA^\\top + \\lambda I)'))));
  });

  it('says (AAᵀ + λI)⁻¹Aᵀb multiplies n×n by d×1, with the sampled sizes', () => {
    const f = mismatch(only(check(doc('x^* = (AA^\\top + \\lambda I)^{-1}A^\\top b', 'n=5 d=3'))), undefined, /the shapes do not fit: \(AAᵀ \+ λI\)⁻¹Aᵀb multiplies n×n by d×1/);
    assert.match(f.message, /\(at n=5, d=3, r=3: 5×5 by 3×1\)/);
    assert.deepEqual(evidenceOf(f, 'shape').sizes, { n: 5, d: 3, r: 3 });
  });

  it('flags an identity of the wrong size', () => {
    mismatch(only(check(doc('x^* = (A^\\top A + \\lambda I_n)^{-1}A^\\top b', 'n=5 d=3'))), undefined, /AᵀA \+ λI_n adds d×d and n×n/);
  });

  it('flags λ missing, as the least-squares solution, and says AᵀA is singular for wide A', () => {
    const f = mismatch(only(check(doc('x^* = (A^\\top A)^{-1}A^\\top b'))), undefined, /unregularized least-squares solution: λI is missing/);
    assert.match(f.message, /AᵀA \(d×d\) is singular, so its inverse does not exist \(at n=\d, d=\d/);
    mismatch(only(check(doc('x^* = (A^\\top A + \\lambda)^{-1}A^\\top b'))), undefined, /adds it to every entry of AᵀA/);
  });

  it('leaves undecided a formula that holds only where AᵀA is invertible', () => {
    const f = only(check(doc('x_{LS} = (A^\\top A)^{-1}A^\\top b')));
    assert.equal(f.verdict, 'unsupported');
    assert.match(f.message, /holds wherever the inverse exists, but AᵀA \(d×d\) is singular/);
    only(verified(check(doc('x_{LS} = (A^\\top A)^{-1}A^\\top b', 'n=6 d=3'))));
  });

  it('differentiates x* (implicitly) with respect to b', () => {
    only(verified(check(doc('\\frac{\\partial x^*}{\\partial b} = (A^\\top A + \\lambda I)^{-1}A^\\top'))));
    mismatch(only(check(doc('\\frac{\\partial x^*}{\\partial b} = (A^\\top A)^{-1}A^\\top', 'n=6 d=3'))), undefined, /./);
  });
});

describe('ridge: how the minimizer moves with λ', () => {
  const LEFT = '\\frac{\\partial x^*}{\\partial \\lambda}';

  /** The derivative of x* in λ at a point, by central differences of x*(λ) = (AᵀA + λI)⁻¹Aᵀb, solved by ml-matrix (not the engine). */
  function finiteDifference(point: SamplePoint, h = 1e-5): number[] {
    const [a, b] = ['A', 'b'].map((k) => point.leaves.get(k)!);
    const lambda = point.leaves.get('lambda')!.v[0];
    const A = new Matrix(a.rows, a.cols);
    for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) A.set(i, j, a.v[i * a.cols + j]);
    const Atb = A.transpose().mmul(Matrix.columnVector(Array.from(b.v)));
    const solved = (l: number) => solve(A.transpose().mmul(A).add(Matrix.eye(a.cols).mul(l)), Atb).to1DArray();
    const [up, down] = [solved(lambda + h), solved(lambda - h)];
    return up.map((u, i) => (u - down[i]) / (2 * h));
  }

  it('verifies ∂x*/∂λ = −(AᵀA + λI)⁻¹x*, and the same written through b', () => {
    only(verified(check(doc(`${LEFT} = -(A^\\top A + \\lambda I)^{-1} x^*`))));
    only(verified(check(doc(`${LEFT} = -(A^\\top A + \\lambda I)^{-1}(A^\\top A + \\lambda I)^{-1} A^\\top b`))));
  });

  it('calls the sign-flipped form a sign error, with the values of finite differences', () => {
    const f = mismatch(only(check(doc(`${LEFT} = (A^\\top A + \\lambda I)^{-1} x^*`))), 'sign');
    // The counterexample is the check's first sample point (seed 1), drawn here as the checker draws it.
    const point = RIDGE.samplePoint(new Random(1 * 7919 + 17), 0, { seed: 1, count: 16, dims: {}, sigmas: [SIGMOID] });
    const { values, expected, claimed } = f.evidence.counterexample!;
    assert.equal(values['λ'], point.leaves.get('lambda')!.v[0]);
    const oracle = finiteDifference(point);
    assert.equal(expected.length, oracle.length);
    expected.forEach((e, i) => assert.ok(Math.abs(e - oracle[i]) < 1e-7, `∂x*_${i + 1}/∂λ: ${e}, by finite differences ${oracle[i]}`));
    claimed.forEach((c, i) => assert.ok(Math.abs(c + oracle[i]) < 1e-7, `claimed ${c}, minus the finite difference ${-oracle[i]}`));
  });

  it('is not fooled by the derivative with respect to b, or by x for x*', () => {
    mismatch(only(check(doc(`${LEFT} = (A^\\top A + \\lambda I)^{-1}A^\\top`))));
    mismatch(only(check(doc(`${LEFT} = -(A^\\top A + \\lambda I)^{-1} x`))));
  });
});

describe('ridge: optimality conditions', () => {
  it('verifies equations that hold at the minimizer, and says so', () => {
    const f = only(verified(check(doc('2A^\\top(Ax-b) + 2\\lambda x = 0'))));
    assert.match(f.message, /optimality condition: it holds at the minimizer x\* of f/);
    assert.equal(f.evidence.atOptimum, 'xstar');
    only(verified(check(doc('(A^\\top A + \\lambda I)x = A^\\top b'))));
    only(verified(check(doc('x = (A^\\top A + \\lambda I)^{-1}A^\\top b'))));
    only(verified(check(doc('\\nabla_x f = 0'))));
  });

  it('does not rescue a wrong condition, a wrong gradient, or a gradient-ascent update', () => {
    mismatch(only(check(doc('2A^\\top(Ax-b) + \\lambda x = 0'))), undefined, /even at the minimizer/);
    mismatch(only(check(doc('x = (A^\\top A + 2\\lambda I)^{-1}A^\\top b'))), undefined, /even at the minimizer/);
    // A gradient off by a factor also vanishes at x*: it must hold for every x.
    mismatch(only(check(doc('\\nabla_x f = A^\\top(Ax-b) + \\lambda x'))), undefined, /factor of 2/);
    mismatch(only(check(doc('x_{t+1} = x_t + \\alpha \\nabla_x f'))), undefined, /gradient ascent/);
    // Both sides vanish at x*, but they are not equal: only a side written as 0 makes it a condition.
    mismatch(only(check(doc('2A^\\top(Ax-b) + 2\\lambda x = A^\\top(Ax-b) + \\lambda x'))), undefined, /factor of 2/);
    // With x* itself in the step, setting x = x* would make it hold trivially.
    mismatch(only(check(doc('f(x) = f(x^*) + 2(x - x^*)^\\top(A^\\top A + \\lambda I)(x - x^*)'))), undefined, /./);
    only(verified(check(doc('f(x) = f(x^*) + (x - x^*)^\\top(A^\\top A + \\lambda I)(x - x^*)'))));
    only(verified(check(doc('f(0) = \\|b\\|^2'))));
    only(verified(check(doc('x_{t+1} = x_t - 2\\alpha(A^\\top(Ax_t - b) + \\lambda x_t)'))));
  });
});

describe('ridge: the SVD', () => {
  it('verifies x* through the SVD, in matrix and in sum form', () => {
    only(verified(check(doc('x^* = V(\\Sigma^\\top\\Sigma + \\lambda I)^{-1}\\Sigma^\\top U^\\top b'))));
    only(verified(check(doc('x^* = V(\\Sigma^2 + \\lambda I)^{-1}\\Sigma U^\\top b'))));
    only(verified(check(doc('x^* = \\sum_i \\frac{\\sigma_i}{\\sigma_i^2+\\lambda} v_i u_i^\\top b'))));
    only(verified(check(doc('x^* = \\sum_{i=1}^{r} \\frac{\\sigma_i^2}{\\sigma_i^2+\\lambda}\\frac{u_i^\\top b}{\\sigma_i} v_i'))));
    only(verified(check(doc('x^* = V\\,\\mathrm{diag}\\left(\\frac{\\sigma_i}{\\sigma_i^2+\\lambda}\\right)U^\\top b'))));
    only(verified(check(doc('A = \\sum_{i=1}^{\\min(n,d)} \\sigma_i u_i v_i^\\top'))));
  });

  it('reads σ_i as a singular value, not a nonlinearity', () => {
    only(verified(check(doc('A v_i = \\sigma_i u_i'))));
    only(verified(check(doc('\\sigma_{max} = \\sigma_1'))));
  });

  it('accepts a claim under the convention whose shapes fit, and says which', () => {
    const thin = only(verified(check(doc('U^\\top U = I'))));
    assert.equal(thin.evidence.convention, 'thin');
    assert.match(thin.message, /with the thin SVD/);
    const full = only(verified(check(doc('UU^\\top = I'))));
    assert.equal(full.evidence.convention, 'full');
    assert.match(full.message, /with the full SVD \(U n×n, Σ n×d, V d×d\)/);
    assert.equal(only(verified(check(doc('VV^\\top = I')))).evidence.convention, 'full');
    // Σ is n×d only in the full SVD; the wrong-orientation Σ fits neither.
    assert.equal(only(verified(check(doc('A^\\top A = V\\Sigma^\\top\\Sigma V^\\top')))).verdict, 'verified');
    const neither = mismatch(only(check(doc('A = V\\Sigma U^\\top'))), undefined, /./);
    assert.ok(neither.evidence.conventions, 'the evidence lists what each convention gave');
  });

  it('flags transposes swapped in the sum, with the shapes named', () => {
    mismatch(only(check(doc('x^* = \\sum_i \\frac{\\sigma_i}{\\sigma_i^2+\\lambda} u_i v_i^\\top b'))), undefined, /multiplies 1×d by n×1: v_iᵀ is 1×d but b is n×1/);
  });

  it('flags the unregularized and wrongly shrunk coefficients', () => {
    mismatch(only(check(doc('x^* = \\sum_i \\frac{1}{\\sigma_i} v_i u_i^\\top b'))), undefined, /least-squares solution A⁺b without regularization/);
    mismatch(only(check(doc('x^* = \\sum_i \\frac{\\sigma_i^2}{\\sigma_i^2+\\lambda} v_i u_i^\\top b'))), undefined, /shrinkage factor σ_i²\/\(σ_i² \+ λ\) multiplies the least-squares coefficient/);
  });

  it('checks the shrinkage factor against the least-squares solution along each v_i', () => {
    only(verified(check(doc('v_i^\\top x^* = \\frac{\\sigma_i^2}{\\sigma_i^2+\\lambda} v_i^\\top x_{LS}'))));
    only(verified(check(doc('Ax^* = \\sum_i \\frac{\\sigma_i^2}{\\sigma_i^2+\\lambda} u_i u_i^\\top b'))));
    mismatch(only(check(doc('v_i^\\top x^* = \\frac{\\sigma_i}{\\sigma_i^2+\\lambda} v_i^\\top x_{LS}'))), undefined, /./);
  });

  it('infers a sum’s range from σ_i, and names the bound when an explicit one overruns it', () => {
    const f = mismatch(only(check(doc('x^* = \\sum_{i=1}^{d} \\frac{\\sigma_i}{\\sigma_i^2+\\lambda} v_i u_i^\\top b'))), undefined, /the sum runs up to i = d = \d, but σ_i only exists for i ≤ r = \d/);
    assert.equal(f.evidence.diagnosis, 'shape');
    only(verified(check(doc('x^* = \\sum_{i=1}^{d} \\frac{\\sigma_i}{\\sigma_i^2+\\lambda} v_i u_i^\\top b', 'n=6 d=3'))));
  });
});

describe('ridge: what is not decided', () => {
  it('leaves approximations between expressions unchecked rather than wrong', () => {
    const f = only(check(doc('\\frac{\\sigma_i}{\\sigma_i^2+\\lambda} \\approx \\frac{1}{\\sigma_i}')));
    assert.equal(f.verdict, 'unsupported');
  });

  it('does not guess which norm of a matrix is meant', () => {
    const f = only(check(doc('\\|A\\| = \\sigma_{max}')));
    assert.equal(f.verdict, 'unsupported');
    assert.match(f.message, /ambiguous \(spectral/);
  });

  it('refuses derivatives through the SVD', () => {
    assert.equal(only(check(doc('\\frac{\\partial \\sigma_1}{\\partial A_{11}} = 1'))).verdict, 'unsupported');
    const f = only(check(doc('\\frac{\\partial \\sigma_{max}}{\\partial A} = u_1 v_1^\\top')));
    assert.deepEqual([f.verdict, f.message], ['unsupported', 'derivatives through the SVD of A are not supported']);
  });

  it('uses a λ the document gives', () => {
    const findings = checkText('<!-- derivcheck: model=ridge -->\n\nLet $\\lambda = 0.5$. Then $\\nabla_x f = 2A^\\top(Ax-b) + x$.').findings;
    assert.deepEqual(findings.map((f) => f.verdict), ['verified']);
  });
});

describe('student solutions of Problem 2 (ridge fixtures)', () => {
  for (const path of fixtureFiles(join(FIXTURES, 'ridge')).filter((p) => /ridge-\d+\.md$/.test(p))) {
    it(`${basename(path)}: every mistake flagged, everything else verified`, () => {
      assert.deepEqual(checkFixture(path).problems, []);
    });
  }
});
