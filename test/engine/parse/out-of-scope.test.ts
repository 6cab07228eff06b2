// Well-formed math outside what the checker decides is `unsupported` with its reason; malformed
// math stays a syntax error (src/engine/parse/out-of-scope.ts, the parser's unknown commands).
import assert from 'node:assert/strict';
import { parseChain } from '../../../src/engine/parse/parser';
import { parseSpan } from '../../../src/engine/parse/equations';
import { showChain } from '../../../src/engine/parse/print';

function failure(src: string): { message: string; unsupported: boolean; text: string } {
  const r = parseChain(src);
  if (r.ok) assert.fail(`${JSON.stringify(src)} parsed as ${showChain(r.chain)}`);
  return { message: r.error.message, unsupported: r.error.unsupported === true, text: src.slice(r.error.loc.start, r.error.loc.end) };
}

describe('parser: well-formed math outside what the checker decides', () => {
  const cases: [string, RegExp, string][] = [
    ['P(A \\mid B) = \\frac{P(A, B)}{P(B)}', /probability notation \(a conditional bar/, '(A \\mid B)'],
    ['P(y=i | z) = \\frac{e^{z_i}}{\\sum_{j=1}^{K} e^{z_j}}', /probability notation \(a conditional bar/, '(y=i | z)'],
    ['p(y^{(i)}| x^{(i)}; \\theta) = 0.5', /probability notation \(a conditional bar/, '(y^{(i)}| x^{(i)}; \\theta)'],
    ['P(Z = k) = \\frac{\\lambda^k e^{-\\lambda}}{k!}', /the probability of an event, as in P\(X = k\)/, 'P(Z = k)'],
    ['\\mathbb{P}(X \\le 3) = 0.2', /the probability of an event/, '\\mathbb{P}(X \\le 3)'],
    ['\\Pr(X = 1) = p', /probability notation is not supported/, '\\Pr'],
    ['J(\\theta; x, y) = \\frac{1}{2}(y - \\theta x)^2', /parameters after ";"/, 'J(\\theta; x, y)'],
    ['\\mathbb{E}_{x\\sim p}[f(x)] = \\mu', /expectations and variances/, '\\mathbb{E}'],
    ['\\operatorname{Var}[X] = \\sigma^2 + {', /expectations and variances/, '\\operatorname{Var}'],
    ['E[X^2] = 1', /expectations E\[…\] are not supported/, 'E['],
    ['\\hat\\theta = \\arg\\max_\\theta L(\\theta)', /\\arg is not supported/, '\\arg'],
    ['\\hat\\theta = \\operatorname{argmin}_\\theta L(\\theta)', /a subscript on \\operatorname\{argmin\}/, ''],
    ['\\epsilon = \\min_{f \\in F} L(f)', /over a set|set membership/, ''],
    ['\\mathcal D = \\{(x_i, y_i)\\}_{i=1}^n', /sets \(a collection/, '\\{(x_i, y_i)\\}'],
    ['S = \\{x : x > 0\\}', /sets are not supported/, '\\{x : x > 0\\}'],
    ['p = \\lfloor k/2 \\rfloor', /floor and ceiling/, '\\lfloor'],
    ['{n \\choose k} = 1', /binomial coefficients/, '\\choose'],
    ['i = 1, 2, 3', /a list separated by commas/, ','],
    ['u, N = u + d', /a list separated by commas/, ','],
    ['\\va = \\xv + 1', /unknown command \\va \(if the document defines it/, '\\va'],
  ];
  for (const [src, reason, text] of cases) {
    it(`${JSON.stringify(src)} → unsupported`, () => {
      const f = failure(src);
      assert.ok(f.unsupported, `${f.message} is unsupported`);
      assert.match(f.message, reason);
      if (text) assert.equal(f.text, text, 'located at the construct');
    });
  }

  it('keeps what the checker reads: bars in a call, a function named P, a call with commas', () => {
    for (const src of ['f(|x|) = |x|', 'P(x) = 3x', 'p(x, y) = xy', '(a + b)^2 = a^2 + 2ab + b^2', 'E = mc^2', 'V = \\frac{4}{3}\\pi r^3']) {
      assert.ok(parseChain(src).ok, src);
    }
  });

  it('leaves malformed math a syntax error', () => {
    for (const src of ['\\frac{1}{', '{a', 'x +', '(a + b', '\\left( x', 'x = 2 = +', '\\@', 'f(x,) = 1']) {
      const r = parseChain(src);
      assert.ok(!r.ok && r.error.unsupported !== true, `${src}: ${r.ok ? 'parsed' : r.error.message}`);
    }
  });

  it('a relation inside a subscript does not end the equation (\\min_{f \\in F}, \\sum_{i \\in B})', () => {
    const [segment] = parseSpan('\\tilde g = \\frac{1}{B}\\sum_{i \\in B} g_i');
    assert.ok(segment.parsed, 'an equation');
    const [prose] = parseSpan('x = 2 > 0');
    assert.ok(prose.parsed?.ok, 'the equation ends before a top-level inequality');
  });
});

describe('parser: \\nabla without a subscript', () => {
  it('is the derivative in the argument of a call of one variable', () => {
    const r = parseChain('\\nabla f(x) = 2x');
    assert.ok(r.ok);
    assert.equal(r.chain.members[0].kind, 'deriv');
  });

  it('is the column of partial derivatives in the arguments of a call of several', () => {
    const r = parseChain('\\nabla g(x, y) = [2xy, x^2]^\\top');
    assert.ok(r.ok);
    const left = r.chain.members[0];
    assert.equal(left.kind, 'tuple');
    if (left.kind !== 'tuple') return;
    assert.deepEqual(left.rows.map((row) => row.map((d) => (d.kind === 'deriv' ? [d.style, showChain({ members: [d.wrt], ops: [], opLocs: [], loc: d.loc })] : d.kind))), [[['partial', 'x']], [['partial', 'y']]]);
  });

  it('names no variable otherwise: unsupported, not malformed', () => {
    for (const src of ['\\nabla L = 0', '\\nabla \\hat v(S, \\mathbf w) = \\mathbf x', '\\nabla f(x, x) = 0', '\\nabla^2 L = H']) {
      const f = failure(src);
      assert.ok(f.unsupported, `${src}: ${f.message}`);
    }
  });
});
