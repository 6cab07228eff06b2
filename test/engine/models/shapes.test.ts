import * as assert from 'node:assert/strict';
import { parseShapeSpec, shapeKeyOf, shapeText } from '../../../src/engine/models/shapes';

describe('shapes: parseShapeSpec', () => {
  it('reads two-digit sizes as numbers, up to 50 in either place', () => {
    assert.deepEqual(parseShapeSpec('12'), { rows: 12, cols: 1 });
    assert.deepEqual(parseShapeSpec('12x3'), { rows: 12, cols: 3 });
    assert.deepEqual(parseShapeSpec('n×12'), { rows: 'n', cols: 12 });
    assert.deepEqual(parseShapeSpec('50'), { rows: 50, cols: 1 });
    assert.deepEqual(parseShapeSpec('50x50'), { rows: 50, cols: 50 });
  });

  it('refuses a size above 50 in either place, even next to a small one', () => {
    for (const bad of ['51x3', '3x51', 'nx99', '99xn']) assert.equal(parseShapeSpec(bad), undefined, bad);
  });

  it('keeps size names as names (a row, a column of a named size)', () => {
    assert.deepEqual(parseShapeSpec('1xk'), { rows: 1, cols: 'k' });
    assert.deepEqual(parseShapeSpec('d'), { rows: 'd', cols: 1 });
  });
});

describe('shapes: shapeText', () => {
  it('writes rows×cols, numbers and size names alike', () => {
    assert.equal(shapeText({ rows: 3, cols: 2 }), '3×2');
    assert.equal(shapeText({ rows: 'n', cols: 1 }), 'n×1');
    assert.equal(shapeText({ rows: 1, cols: 'k', name: 'C' }), '1×k');
  });
});

describe('shapes: shapeKeyOf', () => {
  it('refuses what does not parse, or is not one symbol', () => {
    assert.equal(shapeKeyOf(''), undefined);
    assert.equal(shapeKeyOf('('), undefined);
    assert.equal(shapeKeyOf('a = b'), undefined);
    assert.equal(shapeKeyOf('a+b'), undefined);
    assert.equal(shapeKeyOf('2'), undefined);
  });

  it('refuses a symbol with a prime (a derivative, not a leaf)', () => {
    assert.equal(shapeKeyOf("W'"), undefined);
    assert.equal(shapeKeyOf("W_1'"), undefined);
  });

  it('keys labels, stars and fonts as the math does', () => {
    assert.equal(shapeKeyOf('W_{\\text{in}}'), 'W_in');
    assert.equal(shapeKeyOf('W^*'), 'W*');
    assert.equal(shapeKeyOf('\\mathbf{W}'), 'W');
    assert.equal(shapeKeyOf('W_{12}'), 'W_12');
    assert.equal(shapeKeyOf('\\hat W_2'), 'hat:W_2');
    assert.equal(shapeKeyOf('W_{ij}'), undefined);
  });
});
