import * as assert from 'node:assert/strict';
import { show } from '../../../src/engine/parse/print';
import { hasDerivative, isNeutralSymbol, SIZE_LETTERS, subscriptName, symbolUses } from '../../../src/engine/models/symbol-uses';
import { expressionOf, symbolOf } from '../../support/parsed';

/** The uses, printed (`hat(y)`, `w_i`), with `!` on those inside a derivative. */
const uses = (latex: string) => symbolUses(expressionOf(latex)).map((u) => `${show(u.sym)}${u.target ? '!' : ''}`);

describe('symbolUses', () => {
  it('counts the symbol before a parenthesised argument, which may be a product: C(y − ŷ)', () => {
    assert.deepEqual(uses('C(y - \\hat y)'), ['C', 'y', 'hat(y)']);
    assert.deepEqual(uses('g(x)'), ['g', 'x']);
  });

  it('counts a one-letter function of several arguments as the quantity: L(y, ŷ) is L', () => {
    assert.deepEqual(uses('L(y, \\hat y)'), ['L', 'y', 'hat(y)']);
    assert.deepEqual(uses('F(a, b)'), ['F', 'a', 'b']);
  });

  it('does not count function names: σ, tanh, max, a derivative f′', () => {
    assert.deepEqual(uses('\\tanh(a)'), ['a']);
    assert.deepEqual(uses('\\max(a, b)'), ['a', 'b']);
    assert.deepEqual(uses('\\sigma(z)'), ['z']);
    assert.deepEqual(uses("f'(x, y)"), ['x', 'y']);
    assert.deepEqual(uses("f'(x)"), ['x']);
  });

  it('reads a sum’s bounds, and not its bare index letter', () => {
    assert.deepEqual(uses('\\sum_{i=k}^{n} w_i x_i i'), ['k', 'n', 'w_i', 'x_i']);
    assert.deepEqual(uses('\\sum_{j=1}^{m} j'), ['m']);
  });

  it('counts a symbol named like the index when it is decorated or subscripted', () => {
    assert.deepEqual(uses('\\sum_j \\hat j j_2 C_j'), ['hat(j)', 'j_2', 'C_j']);
  });

  it('marks what a derivative is about as targets, and nothing else', () => {
    assert.deepEqual(uses('\\frac{\\partial L}{\\partial w} + v'), ['L!', 'w!', 'v']);
    assert.deepEqual(uses('v \\nabla_b L'), ['v', 'L!', 'b!']);
  });

  it('reads the base of a component, not its index letters: (Ax + b)_i', () => {
    assert.deepEqual(uses('(Ax+b)_i'), ['A', 'x', 'b']);
  });
});

describe('subscriptName', () => {
  it('names a layer by its one integer subscript', () => {
    assert.equal(subscriptName(symbolOf('W_1')), 'W_1');
    assert.equal(subscriptName(symbolOf('W_{12}')), 'W_12');
    assert.equal(subscriptName(symbolOf('\\hat W_2')), 'hat:W_2');
  });

  it('refuses letters, decimals, two indices, and labels', () => {
    for (const latex of ['W', 'W_i', 'W_{1.0}', 'W_{1.5}', 'W_{1,2}', 'W_{1j}', 'W_{\\text{in}}']) assert.equal(subscriptName(symbolOf(latex)), undefined, latex);
  });
});

describe('isNeutralSymbol', () => {
  const neutral = (latex: string, eDefined = false) => isNeutralSymbol(symbolOf(latex), eDefined);

  it('π, ∞, time t and the learning rates α, η mean the same in every model', () => {
    for (const latex of ['\\pi', '\\infty', 't', '\\alpha', '\\eta']) assert.equal(neutral(latex), true, latex);
  });

  it('but not when decorated or subscripted', () => {
    for (const latex of ["\\pi'", 't_1', '\\hat t', '\\alpha_1', 'e^*', 'x']) assert.equal(neutral(latex), false, latex);
  });

  it('e is Euler’s number unless the document defines e', () => {
    assert.equal(neutral('e'), true);
    assert.equal(neutral('e', true), false);
  });

  it('I is the identity, bare, with a size or a label, not with two indices or an accent', () => {
    for (const latex of ['I', 'I_n', 'I_{\\text{d}}']) assert.equal(neutral(latex), true, latex);
    for (const latex of ['I_{nd}', '\\hat I']) assert.equal(neutral(latex), false, latex);
  });

  it('δ is Kronecker’s only with two indices', () => {
    assert.equal(neutral('\\delta_{ij}'), true);
    for (const latex of ['\\delta', '\\delta_i', '\\delta_{\\text{ab}}']) assert.equal(neutral(latex), false, latex);
  });
});

describe('hasDerivative and the size letters', () => {
  it('finds a derivative anywhere in a body, and none in a plain one', () => {
    assert.equal(hasDerivative(expressionOf('2 + 3\\frac{\\partial L}{\\partial w}')), true);
    assert.equal(hasDerivative(expressionOf('2w + \\sigma(z)')), false);
  });

  it('n, m, k and their capitals are sizes', () => {
    assert.deepEqual([...SIZE_LETTERS].sort(), ['K', 'M', 'N', 'k', 'm', 'n']);
  });
});
