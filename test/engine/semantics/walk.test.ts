// Walking expressions (semantics/walk.ts), the entries of a literal vector and the decimals written
// (literal.ts), and the keys of symbols (scope.ts).
import * as assert from 'node:assert/strict';
import type { Node, SymNode } from '../../../src/engine/parse/ast';
import { children, mentionsSymbol, some } from '../../../src/engine/semantics/walk';
import { decimalsIn, literalEntries } from '../../../src/engine/semantics/literal';
import { familyKey, symbolKey } from '../../../src/engine/semantics/scope';
import { describe as describeNode } from '../../../src/engine/semantics/describe';
import { expr } from '../../support/compiled';

const kids = (latex: string) => children(expr(latex)).map(describeNode);
const sym = (latex: string): SymNode => {
  const node = expr(latex);
  assert.equal(node.kind, 'sym', latex);
  return node as SymNode;
};
const loc = { start: 0, end: 1 };

describe('walking expressions', () => {
  it('lists the children of each kind of node in source order', () => {
    assert.deepEqual(kids('2'), []);
    assert.deepEqual(kids('x'), []);
    assert.deepEqual(kids('A_{ij}'), ['i', 'j']);
    assert.deepEqual(kids('\\max(a, b)'), ['a', 'b']);
    assert.deepEqual(kids('f(a)'), ['f', 'a']);
    assert.deepEqual(kids('a + b'), ['a', 'b']);
    assert.deepEqual(kids('-a'), ['a']);
    assert.deepEqual(kids('a^\\top'), ['a']);
    assert.deepEqual(kids('\\|a\\|'), ['a']);
    assert.deepEqual(kids('a^b'), ['a', 'b']);
    assert.deepEqual(kids('\\frac{\\partial L}{\\partial x}'), ['L', 'x']);
    assert.deepEqual(kids('\\frac{\\partial}{\\partial x} L'), ['x', 'L']);
    assert.deepEqual(kids('\\sum_j C_j'), ['C_j']);
    assert.deepEqual(kids('\\sum_{j=1}^{k} C_j'), ['1', 'k', 'C_j']);
    assert.deepEqual(kids('\\mathbb{1}[z > 0]'), ['z', '0']);
    assert.deepEqual(kids('(1, 2)'), ['1', '2']);
    assert.deepEqual(kids('(a + b)_{ij}'), ['a + b', 'i', 'j']);
    assert.deepEqual(kids('\\left. L \\right|_{d=0, x=1}'), ['L', 'd', '0', 'x', '1']);
  });

  it('some() finds a node anywhere below, inside every kind of node', () => {
    const hasQ = (latex: string) => some(expr(latex), (n) => n.kind === 'sym' && n.name === 'q');
    for (const latex of ['\\sum_{j=1}^{q} C_j', '\\mathbb{1}[q > 0]', '\\mathbb{1}[0 < q]', '(a + q)_i', 'L|_{d=q}', 'L|_{q=0}', '\\left. q \\right|_{d=0}']) {
      assert.equal(hasQ(latex), true, latex);
    }
    assert.equal(hasQ('\\sum_{j=1}^{k} C_j + \\mathbb{1}[z > 0] + L|_{d=0}'), false);
  });

  it('mentionsSymbol matches name, accent, star and subscript, wherever the locations are', () => {
    const body = expr('\\hat y + x^* + b_i + y_{pred}');
    assert.equal(mentionsSymbol(body, sym('\\hat y')), true);
    assert.equal(mentionsSymbol(body, sym('y')), false);
    assert.equal(mentionsSymbol(body, sym('x^*')), true);
    assert.equal(mentionsSymbol(body, sym('x')), false);
    assert.equal(mentionsSymbol(body, sym('b_i')), true);
    assert.equal(mentionsSymbol(body, sym('b_j')), false);
    assert.equal(mentionsSymbol(body, sym('b')), false);
    assert.equal(mentionsSymbol(body, sym('y_{pred}')), true);
    assert.equal(mentionsSymbol(body, sym('y_{true}')), false);
    assert.equal(mentionsSymbol(expr('\\bar y'), sym('\\hat y')), false);
    assert.equal(mentionsSymbol(expr('z'), sym('x')), false);
  });
});

describe('literal vectors', () => {
  it('lists the entries of (…), (…)ᵀ and −(…), in the order the value stores them', () => {
    const entries = (latex: string) => literalEntries(expr(latex))?.map(describeNode);
    assert.deepEqual(entries('(1, 7, 7, 9)'), ['1', '7', '7', '9']);
    assert.deepEqual(entries('(1, 2)^\\top'), ['1', '2']);
    assert.deepEqual(entries('-(1, 2)'), ['1', '2']);
    assert.deepEqual(entries('-(1, 2)^T'), ['1', '2']);
    assert.equal(entries('x'), undefined);
    assert.equal(entries('-x'), undefined);
  });

  it('lists a single row or column of a matrix, not a matrix', () => {
    const num = (value: number): Node => ({ kind: 'num', value, decimals: 0, loc });
    const tuple = (rows: number[][]): Node => ({ kind: 'tuple', rows: rows.map((r) => r.map(num)), delim: 'matrix', loc }) as Node;
    assert.deepEqual(literalEntries(tuple([[1, 2, 3]]))?.map(describeNode), ['1', '2', '3']);
    assert.deepEqual(literalEntries(tuple([[1], [2]]))?.map(describeNode), ['1', '2']);
    assert.equal(literalEntries(tuple([[1, 2], [3, 4]])), undefined);
  });

  it('counts the most decimals written anywhere', () => {
    assert.equal(decimalsIn(expr('-1.667')), 3);
    assert.equal(decimalsIn(expr('2 + 0.5 x - 1.25')), 2);
    assert.equal(decimalsIn(expr('x')), 0);
  });
});

describe('symbol keys', () => {
  it('keys a symbol by accent, label, star and primes, not by its index', () => {
    assert.equal(symbolKey(sym('\\hat y')), 'hat:y');
    assert.equal(symbolKey(sym('y_{pred}')), 'y_pred');
    assert.equal(symbolKey(sym('x^*')), 'x*');
    assert.equal(symbolKey(sym("x'")), "x'");
    assert.equal(symbolKey(sym("x''")), "x''");
    assert.equal(symbolKey(sym('b_i')), 'b');
    assert.equal(symbolKey({ kind: 'sym', name: 'sigma', accent: 'hat', sub: { kind: 'label', text: 'B', loc }, star: true, primes: 1, loc }), "hat:sigma_B*'");
  });

  it('keys a family by its number of indices', () => {
    assert.equal(familyKey('delta', 1), 'delta[1]');
    assert.equal(familyKey('a', 2), 'a[2]');
  });
});
