// Functions of a vector that the text never defines (issue 15): ∇f(x), ∇²f(x) and f(y) at the points
// written are read as unknowns, so that the algebra of optimisation notes is checked for every f. A
// claim that holds for all of them is verified "for any f"; one that fails may still hold for the f
// meant, and is not decided; a derivative taken through them is not read this way.
import * as assert from 'node:assert/strict';
import { check, directive, displayMath, only, verified } from '../../support/claims';
import { parseChain } from '../../../src/engine/parse/parser';
import { showChain } from '../../../src/engine/parse/print';

const free = (latex: string) => only(check(displayMath(latex, directive('model=none'))));

describe('gradients of functions nothing defines', () => {
  it('parses ∇f(p) as the gradient at p, with a transpose after the call its own', () => {
    const shown = (src: string) => {
      const r = parseChain(src);
      assert.ok(r.ok, src);
      return showChain(r.chain);
    };
    assert.match(shown('\\nabla f(x)^T v'), /^\(juxt \(T \(deriv nabla op \(call\? f x\) x\)\) v\)$/);
    assert.match(shown('\\nabla f(x + t v)'), /^\(deriv nabla op \(call\? f/);
    assert.match(shown('\\nabla^2 f(\\mathbf x)(y - x)'), /^\(juxt \(deriv partial\^2 op/);
  });

  it('verifies the algebra of a convergence proof for any f', () => {
    const f = verified([free('\\nabla f(x)^T (-t \\nabla f(x)) = -t \\|\\nabla f(x)\\|_2^2')])[0];
    assert.match(f.message, /^verified for any f: the text does not define f/);
    assert.deepEqual(f.evidence.standIns, ['f']);
    verified([free('\\nabla f(\\mathbf{x})^\\top \\mathbf{v} + \\mathbf{v}^\\top\\nabla f(\\mathbf{x}) = 2\\mathbf{v}^\\top\\nabla f(\\mathbf{x})')]);
    verified([free('\\frac{1}{2}(\\mathbf y - \\mathbf x)^\\top\\nabla^2 f(\\mathbf x)(\\mathbf y - \\mathbf x) = \\frac{1}{2}(\\mathbf x - \\mathbf y)^\\top\\nabla^2 f(\\mathbf x)(\\mathbf x - \\mathbf y)')]);
  });

  it('does not call a claim wrong that fails for some unknowns: it may hold for the f meant', () => {
    const wrong = free('\\nabla f(\\mathbf x)^\\top (-t \\nabla f(\\mathbf x)) = -2t \\|\\nabla f(\\mathbf x)\\|_2^2');
    assert.equal(wrong.verdict, 'unsupported', wrong.message);
    // Two points written differently are two unknowns: ∇f(x + h) is not ∇f(x).
    const points = free('\\nabla f(\\mathbf x + \\mathbf h)^\\top \\mathbf h = \\nabla f(\\mathbf x)^\\top \\mathbf h');
    assert.equal(points.verdict, 'unsupported', points.message);
  });

  it('reads no unknowns where a derivative is taken through them, or inside a sum', () => {
    const through = free('\\frac{\\partial}{\\partial t} \\nabla f(\\mathbf x + t\\mathbf v) = 0');
    assert.equal(through.verdict, 'unsupported', through.message);
    const summed = free('\\sum_{i=1}^{n} \\nabla f(\\mathbf x_i) = n \\nabla f(\\mathbf x_1)');
    assert.equal(summed.verdict, 'unsupported', summed.message);
  });
});
