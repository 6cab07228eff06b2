// Every function and operator the checker knows uses its arguments (issue 13): over the tables
// (the elementary functions of semantics/rules.ts, the activations of evaluate/activations.ts, σ,
// max, min, diag, and every name the parser knows as a function), changing one argument at a generic
// point changes the value, and `f(a) = f(b)` with a ≠ b is never verified. A name the checker cannot
// evaluate is refused, never read as a constant.
import * as assert from 'node:assert/strict';
import { WHOLE_FUNCTIONS } from '../../../src/engine/semantics/compile-calls';
import { ELEMENTARY, isBuiltinFunction } from '../../../src/engine/semantics/rules';
import { ACTIVATIONS, SIGMOID } from '../../../src/engine/evaluate/activations';
import { KNOWN_FUNCTIONS } from '../../../src/engine/parse/commands/functions';
import { CompileError } from '../../../src/engine/semantics/compile';
import { MLP } from '../../../src/engine/models/mlp';
import type { Tensor } from '../../../src/engine/evaluate/tensor';
import { freePoint, mlpValue, scopeWith, valueOf } from '../../support/compiled';
import { check, directive, displayMath, only, verified } from '../../support/claims';

interface Operator {
  readonly name: string;
  /** The call written in LaTeX with these arguments. */
  readonly latex: (args: readonly string[]) => string;
  /** Generic arguments, and another generic value for each position. */
  readonly args: readonly string[];
  readonly others: readonly string[];
}

const named = (name: string) => (args: readonly string[]) => `\\operatorname{${name}}(${args.join(', ')})`;
const unary = (name: string, latex = named(name)): Operator => ({ name, latex, args: ['0.7'], others: ['0.3'] });

/** What the checker evaluates: every entry of the tables, by the name a document writes. */
const EVALUATED: readonly Operator[] = [
  ...Object.keys(ELEMENTARY).map((name) => unary(name, name === 'sqrt' ? ([a]) => `\\sqrt{${a}}` : named(name))),
  ...ACTIVATIONS.map((a) => unary(a.name)),
  unary('sigma', ([a]) => `\\sigma(${a})`),
  { name: 'max', latex: named('max'), args: ['0.7', '0.2'], others: ['0.9', '0.8'] },
  { name: 'min', latex: named('min'), args: ['0.7', '0.2'], others: ['0.1', '0.8'] },
  // diag(3, 4): the diagonal matrix of its arguments, as diag((3, 4)).
  { name: 'diag', latex: named('diag'), args: ['3', '4'], others: ['1', '2'] },
  { name: 'diag (of a vector)', latex: ([a]) => `\\operatorname{diag}(${a})`, args: ['(3, 4)'], others: ['(1, 4)'] },
  // Of a number as of a 1×1 matrix.
  ...['tr', 'det', 'logdet'].map((name) => unary(name)),
  // Of a whole vector.
  ...['softmax', 'logsumexp', 'lse'].map((name) => ({ name, latex: named(name), args: ['(1, 2)'], others: ['(1, 3)'] })),
];

/** Derivatives the tables define (σ′, log′, …), where not piecewise constant (ReLU′ is 1 for every positive z). */
const PRIMED: readonly Operator[] = [
  ...Object.entries(ELEMENTARY).flatMap(([name, rules]) => rules.slice(1).map((_, i) => unary(name, ([a]) => `\\operatorname{${name}}${"'".repeat(i + 1)}(${a})`))),
  ...[1, 2].map((order) => unary(`sigma${"'".repeat(order)}`, ([a]) => `\\sigma${"'".repeat(order)}(${a})`)),
];

const pureValue = (latex: string): Tensor => valueOf(latex, scopeWith(null), freePoint({}), {}, true);
const differ = (a: Tensor, b: Tensor) => a.rows !== b.rows || a.cols !== b.cols || a.v.some((x, i) => Math.abs(x - b.v[i]) > 1e-12);

describe('functions and operators use their arguments', () => {
  it('the table covers every built-in function', () => {
    const covered = new Set(EVALUATED.map((o) => o.name));
    for (const name of [...Object.keys(ELEMENTARY), ...Object.keys(WHOLE_FUNCTIONS), ...ACTIVATIONS.map((a) => a.name), 'max', 'min', 'diag', 'sigmoid']) {
      assert.ok(isBuiltinFunction(name), name);
      assert.ok(covered.has(name), `${name} is not in the test's table`);
    }
  });

  for (const op of [...EVALUATED, ...PRIMED]) {
    it(`${op.name}: another value in any argument gives another value`, () => {
      const base = pureValue(op.latex(op.args));
      assert.ok(base.v.every(Number.isFinite), `${op.latex(op.args)} = ${base.v}`);
      op.args.forEach((_, position) => {
        const changed = op.args.map((a, i) => (i === position ? op.others[i] : a));
        assert.ok(differ(base, pureValue(op.latex(changed))), `${op.latex(op.args)} and ${op.latex(changed)} have the same value`);
      });
    });
  }

  it('diag(3, 4) is the diagonal matrix with 3 and 4, as diag((3, 4)) is', () => {
    const m = pureValue('\\operatorname{diag}(3, 4)');
    assert.deepEqual([m.rows, m.cols, m.v], [2, 2, [3, 0, 0, 4]]);
  });

  it('never verifies f(a) = f(b) for a ≠ b, and decides it where f is known', () => {
    const claim = (latex: string) => only(check(displayMath(latex, directive('model=none'))));
    for (const op of [...EVALUATED, ...PRIMED]) {
      op.args.forEach((_, position) => {
        const changed = op.args.map((a, i) => (i === position ? op.others[i] : a));
        const f = claim(`${op.latex(op.args)} = ${op.latex(changed)}`);
        assert.equal(f.verdict, 'mismatch', `${f.text}: ${f.message}`);
      });
    }
  });

  it('refuses a function name it cannot evaluate instead of reading it as a value', () => {
    const known = new Set(EVALUATED.map((o) => o.name));
    for (const name of KNOWN_FUNCTIONS) {
      if (known.has(name)) continue;
      const f = only(check(displayMath(`\\operatorname{${name}}(0.7) = \\operatorname{${name}}(0.3)`, directive('model=none'))));
      assert.equal(f.verdict, 'unsupported', `${f.text}: ${f.message}`);
    }
  });

  it('reads the model’s loss with arguments only when they are the model’s own quantities (else one argument is a factor)', () => {
    const loss = mlpValue('L');
    assert.deepEqual(mlpValue('L(y, \\hat y)').v, loss.v);
    assert.deepEqual(mlpValue('L(\\hat y)').v, loss.v);
    assert.deepEqual(mlpValue('L(3)').v, [3 * loss.v[0]]);
    for (const latex of ['L(1, 2)', 'L(y, 0.5)']) {
      assert.throws(() => mlpValue(latex), (e: unknown) => e instanceof CompileError && /L\(.*\): the model’s output at arguments other than its own quantities is not supported/.test(e.message), latex);
    }
    const f = only(check(displayMath('L(1, 2) = L(3, 4)', directive('model=mlp'))));
    assert.equal(f.verdict, 'unsupported', f.message);
  });

  it('has a σ of its arguments in the model too', () => {
    assert.ok(differ(valueOf('\\sigma(0.7)', scopeWith(MLP), freePoint({}, { sigma: SIGMOID })), valueOf('\\sigma(0.3)', scopeWith(MLP), freePoint({}, { sigma: SIGMOID }))));
  });
});

describe('a superscript in letters on a vector', () => {
  it('is not read as a power: it may be an index (x^{t+1} of a sequence of vectors)', () => {
    const [f] = check('Let $x = (1, 2, 3)$ and $y = (1, 4, 9)$.\n\n$$x^{t+1} = y^{t}$$\n');
    assert.equal(f.verdict, 'unsupported', f.message);
    assert.match(f.message, /may be an index \(a time step, a layer\) as well as a power/);
    verified(check('Let $x = (1, 2, 3)$ and $y = (1, 4, 9)$.\n\n$$x^{2} = y$$\n'), 1);
  });
});
