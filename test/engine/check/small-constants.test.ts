// Small constants a document writes without a value (issue 13): ε is small and positive in a claim
// that writes it, never 0, so that √σ² + ε² is told apart from √(σ² + ε); it stays 0 where Problem 3
// fixes it (a given batch, standardized exactly) and where a claim does not write it (a document may
// state batchnorm without ε); a value the document gives is used as given.
import * as assert from 'node:assert/strict';
import { Random } from '../../../src/engine/evaluate/random';
import { SIGMOID } from '../../../src/engine/evaluate/activations';
import { BATCHNORM } from '../../../src/engine/models/batchnorm';
import { MLP } from '../../../src/engine/models/mlp';
import { check, directive, last, mismatch, verified } from '../../support/claims';

const doc = (settings: string, ...lines: string[]) => directive(settings) + lines.join('\n\n') + '\n';
const BATCH = '$x = (1, 7, 7, 9)$, $\\gamma = 1$, $\\beta = 0$';

describe('small constants: ε', () => {
  it('tells √σ² + ε² from √(σ² + ε) when ε is not given (batchnorm over random batches)', () => {
    mismatch(last(check(doc('model=batchnorm', '$\\hat x_i = \\frac{x_i - \\mu}{\\sqrt{\\sigma^2} + \\epsilon^2}$'))));
    mismatch(last(check(doc('model=batchnorm', '$\\hat x_i = \\frac{x_i - \\mu}{\\sqrt{\\sigma^2 + \\varepsilon^2}}$'))));
    // x̂'s own formula would be a definition (no claim): the same relation, written as a result.
    verified(check(doc('model=batchnorm', '$\\hat x_i\\sqrt{\\sigma^2 + \\epsilon} = x_i - \\mu$')), 1);
    verified(check(doc('model=batchnorm', '$\\sigma = \\sqrt{\\sigma^2 + \\epsilon}$')), 1);
    mismatch(last(check(doc('model=batchnorm', '$\\sigma = \\sqrt{\\sigma^2} + \\epsilon$'))));
  });

  it('also without a model directive, as the issue’s example is written', () => {
    const findings = check('$\\hat x = (x-\\mu)/(\\sqrt{\\sigma^2} + \\epsilon^2)$\n');
    mismatch(last(findings));
  });

  it('keeps ε = 0 where a claim does not write it: the normalized batch has variance 1, σ is √σ²', () => {
    verified(check(doc('model=batchnorm', '$\\frac{1}{m}\\sum_i \\hat x_i^2 = 1$', '$\\sigma = \\sqrt{\\sigma^2}$')), 2);
  });

  it('keeps ε = 0 for Problem 3’s given batch, and uses a value the document gives', () => {
    verified(check(doc('model=batchnorm', BATCH, '$\\hat x_1 = \\frac{1 - 6}{\\sqrt{9 + \\epsilon}} = -\\frac{5}{3}$')), 2);
    verified(check(doc('model=batchnorm', '$\\epsilon = 0.01$', '$\\sigma^2 + \\epsilon = \\sigma^2 + 0.01$')), 1);
    mismatch(last(check(doc('model=batchnorm', '$\\epsilon = 0.01$', '$\\sigma^2 + \\epsilon = \\sigma^2 + 0.02$'))));
  });

  it('samples ε of a random batch in (0, 0.1] beside the leaf’s 0, and nothing beside a given batch or ε', () => {
    const point = (given?: Record<string, number[]>) => BATCHNORM.samplePoint(new Random(5), 2, { seed: 5, count: 3, dims: {}, sigmas: [SIGMOID], ...(given ? { given } : {}) });
    const random = point();
    assert.deepEqual(random.leaves.get('eps')!.v, [0]);
    const eps = random.smallConstants?.get('eps')?.v[0];
    assert.ok(eps !== undefined && eps > 0 && eps <= 0.1, String(eps));
    assert.equal(point({ x: [1, 7, 7, 9] }).smallConstants, undefined);
    assert.equal(point({ eps: [0] }).smallConstants, undefined);
  });

  it('does not decide a claim that holds only to first order in ε (as where ε² = 0, for dual numbers)', () => {
    for (const latex of ['$(a + b\\epsilon)^2 = a^2 + 2ab\\epsilon$', '$\\frac{1}{1 - \\epsilon} = 1 + \\epsilon$']) {
      const f = last(check(doc('model=none', latex)));
      assert.equal(f.verdict, 'unsupported', `${latex}: ${f.message}`);
      assert.match(f.message, /agree to first order in ε and differ by about ε²/);
    }
    // A difference of first order stays a mismatch: ε dropped, or ε for ε².
    mismatch(last(check(doc('model=none', '$(a + b\\epsilon)^2 = a^2$'))));
    mismatch(last(check(doc('model=batchnorm', '$\\sigma = \\sqrt{\\sigma^2} + \\epsilon^2$'))));
  });

  it('samples a free ε small and positive in an identity, so √(ε²) = ε holds and ε² = ε does not', () => {
    for (let index = 0; index < 16; index++) {
      const eps = MLP.samplePoint(new Random(index), index, { seed: 7, count: 16, dims: {}, sigmas: [SIGMOID] }).free('epsilon');
      assert.ok(eps >= 0.01 && eps <= 0.1, String(eps));
    }
    verified(check(doc('model=none', '$\\sqrt{\\epsilon^2} = \\epsilon$')), 1);
    mismatch(last(check(doc('model=none', '$\\epsilon^2 = \\epsilon$'))));
    mismatch(last(check(doc('model=none', '$\\sqrt{a^2 + \\epsilon} = \\sqrt{a^2} + \\epsilon^2$'))));
  });
});
