// The bindings of free indices a claim is checked at (issue 13): all of them when they are few, a
// seeded subset with the ends of each range and equal and different indices when they are many, and
// the evidence says so. Claims wrong only at the last index or only off the diagonal are caught.
import * as assert from 'node:assert/strict';
import { chooseBindings, MAX_INDEX_BINDINGS } from '../../../src/engine/check/index-bindings';
import { check, directive, displayMath, mismatch, only, verified } from '../../support/claims';

const doc = (latex: string, settings: string) => displayMath(latex, directive(settings));
const key = (b: Map<string, number>) => [...b.values()].join(',');

describe('the bindings of free indices', () => {
  it('lists every binding when there are few, in order', () => {
    const { bindings, total } = chooseBindings([{ name: 'i', size: 2 }, { name: 'j', size: 3 }], 0);
    assert.equal(total, 6);
    assert.deepEqual(bindings.map(key), ['1,1', '1,2', '1,3', '2,1', '2,2', '2,3']);
    assert.deepEqual([...bindings[5].keys()], ['i', 'j']);
  });

  it('lists all 100 bindings of two indices of size 10 (the old cap of 36 missed i = j = 9)', () => {
    const { bindings, total } = chooseBindings([{ name: 'i', size: 10 }, { name: 'j', size: 10 }], 0);
    assert.equal(total, 100);
    assert.equal(new Set(bindings.map(key)).size, 100);
  });

  it('past the limit, chooses a subset that holds both ends, equal and different indices, seeded by the point', () => {
    const ranges = [{ name: 'i', size: 20 }, { name: 'j', size: 20 }, { name: 'l', size: 7 }];
    const { bindings, total } = chooseBindings(ranges, 3);
    assert.equal(total, 20 * 20 * 7);
    assert.equal(bindings.length, MAX_INDEX_BINDINGS);
    const keys = new Set(bindings.map(key));
    assert.equal(keys.size, MAX_INDEX_BINDINGS, 'no binding twice');
    for (const wanted of ['1,1,1', '20,20,7', '1,20,7', '20,1,7', '20,20,7', '1,2,7', '7,20,7', '20,7,7', '20,20,1', '20,1,7']) assert.ok(keys.has(wanted), wanted);
    assert.ok(bindings.some((b) => b.get('i') === b.get('j')) && bindings.some((b) => b.get('i') !== b.get('j')));
    for (const b of bindings) {
      assert.ok(b.get('i')! >= 1 && b.get('i')! <= 20 && b.get('l')! >= 1 && b.get('l')! <= 7);
    }
    assert.deepEqual(chooseBindings(ranges, 3).bindings.map(key), bindings.map(key), 'the same point, the same subset');
    assert.notDeepEqual(chooseBindings(ranges, 4).bindings.map(key), bindings.map(key), 'another point, another subset');
  });
});

describe('claims with free indices', () => {
  it('catches a claim wrong only at i = j = 9 with k = 10, and verifies the right one at all 100 bindings', () => {
    mismatch(only(check(doc('\\frac{\\partial z_i}{\\partial b_j} = \\delta_{ij} + \\delta_{i9}\\delta_{j9}', 'model=mlp k=10'))));
    const [f] = verified(check(doc('\\frac{\\partial z_i}{\\partial b_j} = \\delta_{ij}', 'model=mlp k=10 samples=4')), 1);
    assert.equal(f.evidence.evaluations, 4 * 100);
    assert.equal(f.evidence.indexBindings, undefined);
  });

  it('checks a subset when the bindings are many, says so, and still tries the last index and the corners', () => {
    const [f] = verified(check(doc('\\frac{\\partial z_i}{\\partial b_j} = \\delta_{ij}', 'model=mlp k=20 samples=4')), 1);
    assert.equal(f.evidence.evaluations, 4 * MAX_INDEX_BINDINGS);
    assert.deepEqual(f.evidence.indexBindings, { checked: MAX_INDEX_BINDINGS, total: 400 });
    assert.match(f.message, /100 of the 400 bindings of the free indices at a point, chosen at random with the first and last indices/);
    mismatch(only(check(doc('\\frac{\\partial z_i}{\\partial b_j} = \\delta_{ij} + \\delta_{i,20}\\delta_{j,20}', 'model=mlp k=20 samples=2'))));
    mismatch(only(check(doc('\\frac{\\partial z_i}{\\partial b_j} = \\delta_{ij} + \\delta_{i,1}\\delta_{j,20}', 'model=mlp k=20 samples=2'))));
  });

  it('ranges a free index over several values without a model, so indices that differ are tried', () => {
    // δ_ij is δ_i1 only where j = 1: at i = 1, j = 2 it is 0, not 1.
    mismatch(only(check(doc('\\delta_{ij} = \\delta_{i1}', 'model=none'))));
    verified(check(doc('\\delta_{ij}\\delta_{j1} = \\delta_{i1}\\delta_{j1}', 'model=none')), 1);
    // With j in two factors and not on the right, index notation would sum over j: not checked.
    assert.equal(only(check(doc('\\delta_{ij}\\delta_{j1} = \\delta_{i1}', 'model=none'))).evidence.reason, 'implicit sum');
  });

  it('catches swapped indices in derivatives of a matrix product', () => {
    // z = Wx with W 3×2: ∂z_i/∂W_{jk} = δ_ij x_k, and ∂z_i/∂x_j = W_ij.
    const header = '<!-- derivcheck: shapes W=3x2 x=2 -->\n\n$z = Wx$\n\n';
    const claim = (latex: string) => only(check(`${header}$$${latex}$$\n`));
    verified([claim('\\frac{\\partial z_i}{\\partial W_{ij}} = x_j')]);
    mismatch(claim('\\frac{\\partial z_i}{\\partial W_{ij}} = x_i'));
    verified([claim('\\frac{\\partial z_i}{\\partial W_{jk}} = \\delta_{ij} x_k')]);
    mismatch(claim('\\frac{\\partial z_i}{\\partial W_{jk}} = \\delta_{ik} x_j'));
    verified([claim('\\frac{\\partial z_i}{\\partial x_j} = W_{ij}')]);
    mismatch(claim('\\frac{\\partial z_i}{\\partial x_j} = W_{ji}'));
  });
});
