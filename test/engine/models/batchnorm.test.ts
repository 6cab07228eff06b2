import * as assert from 'node:assert/strict';
import { basename, join } from 'node:path';
import { checkFixture, fixtureFiles } from '../../support/fixtures';
import { checkText } from '../../../src/engine';
import { BATCHNORM, BATCHNORM_MEAN } from '../../../src/engine/models/batchnorm';
import { Random } from '../../../src/engine/evaluate/random';
import { SIGMOID } from '../../../src/engine/evaluate/activations';
import { DocumentChecker } from '../../../src/engine/check/document';
import { ExtractionCache } from '../../../src/engine/extract/chunks';
import { LineMap } from '../../../src/engine/source/location';
import { evidenceOf } from '../../support/evidence';
import { check, directive, last, mismatch, paragraphs, verdicts, verified } from '../../support/claims';
import { FIXTURES } from '../../support/paths';
import { symbolOf } from '../../support/parsed';

/** Each line is a paragraph of Markdown (inline math with `$…$`), after a model directive. */
const doc = (model: string, ...lines: string[]) => paragraphs(directive(`model=${model}`), ...lines);

const BATCH = '$x = (1, 7, 7, 9)$';
const P4 = 'batchnorm-mean';
const UPSTREAM = (j: string) => `\\frac{\\partial L}{\\partial y_${j}}`;

describe('batchnorm (Problem 3): the batch is given by the document', () => {
  it('reads the batch in every notation: (…), \\{…\\}, […], 𝓑 = …, entry by entry', () => {
    for (const batch of ['$x = (1, 7, 7, 9)$', '$x = \\{1,7,7,9\\}$', '$x = [1, 7, 7, 9]$', '$\\mathcal{B} = \\{1, 7, 7, 9\\}$', '$x = (1, 7, 7, 9)^T$', '$x_1 = 1$, $x_2 = 7$, $x_3 = 7$, $x_4 = 9$']) {
      const findings = check(doc('batchnorm', batch, '$\\mu = 6$', '$\\sigma^2 = 9$', '$m = 4$'));
      assert.deepEqual(
        findings.map((f) => f.verdict),
        ['verified', 'verified', 'verified'],
        `${batch}: ${verdicts(findings).join('; ')}`,
      );
    }
  });

  it('gives values without claiming them, and checks a second statement about the same batch', () => {
    const findings = check(doc('batchnorm', BATCH, '$\\gamma = 1$, $\\beta = 0$', '$x = (1, 7, 7, 9)$', '$x = (1, 7, 7, 8)$'));
    assert.deepEqual(findings.map((f) => [f.verdict, f.text]), [
      ['verified', 'x = (1, 7, 7, 9)'],
      ['mismatch', 'x = (1, 7, 7, 8)'],
    ]);
    assert.match(findings[1].message, /entry 4 is 9, not 8/);
    // γ is a scalar: a list for it is not a value it can take.
    mismatch(last(check(doc('batchnorm', '$\\gamma = (1, 2)$'))), 'shape', /left side is a scalar/);
  });

  it('verifies μ, σ², σ, x̂ and y as formulas with μ_B, σ_B², \\bar x and ε', () => {
    verified(check(doc(
      'batchnorm',
      BATCH,
      '$\\mu_B = \\frac{1}{m}\\sum_{i=1}^m x_i = \\frac{1+7+7+9}{4} = 6$',
      '$\\sigma_B^2 = \\frac{1}{m}\\sum_{i=1}^m (x_i - \\mu_B)^2 = \\frac{25+1+1+9}{4} = 9$',
      '$\\bar x = 6$',
      '$\\sigma = \\sqrt{\\sigma^2 + \\epsilon} = 3$',
      '$\\hat x_i = \\frac{x_i - \\mu_B}{\\sqrt{\\sigma_B^2 + \\epsilon}}$',
      '$\\hat x_1 = \\frac{1-6}{3} = -\\frac{5}{3} \\approx -1.667$',
      '$y_i = \\gamma \\hat x_i + \\beta = \\hat x_i$',
      '$\\frac{1}{m}\\sum_i y_i^2 = 1$',
    )));
  });

  it('accepts vector answers to the precision of each entry', () => {
    verified(check(doc('batchnorm', BATCH, '$\\hat x = (-1.667, 0.333, 0.333, 1)$')));
    verified(check(doc('batchnorm', BATCH, '$\\hat x = (-1.667, 0.33, 0.33, 1)$')));
    verified(check(doc('batchnorm', BATCH, '$\\hat x \\approx [-1.67, 0.33, 0.33, 1.0]$')));
    verified(check(doc('batchnorm', BATCH, '$\\hat x = \\left(-\\frac{5}{3}, \\frac13, \\frac13, 1\\right)$')));
    verified(check(doc('batchnorm', BATCH, '$\\hat x = \\begin{pmatrix} -1.667 \\\\ 0.333 \\\\ 0.333 \\\\ 1 \\end{pmatrix}$')));
  });

  it('names the wrong entry of a vector answer, and says when a decimal is cut off instead of rounded', () => {
    const wrong = last(check(doc('batchnorm', BATCH, '$\\hat x = (-1.667, 0.333, 0.333, 1.5)$')));
    mismatch(wrong, 'value', /entry 4 is 1, not 1\.5/);
    const truncated = last(check(doc('batchnorm', BATCH, '$\\hat x = (-1.666, 0.333, 0.333, 1)$')));
    mismatch(truncated, 'value', /entry 1 is −1\.66667; to 3 decimals that is −1\.667, not −1\.666/);
    assert.equal(evidenceOf(truncated, 'value').rounding, true);
    mismatch(last(check(doc('batchnorm', BATCH, '$\\hat x_1 = -1.6$'))), 'value', /to 1 decimal that is −1\.7, not −1\.6/);
    mismatch(last(check(doc('batchnorm', BATCH, '$\\hat x = (-1.667, 0.333, 1)$'))), 'shape', /4×1 column vector .* 3×1 column vector/);
  });

  it('flags the unbiased 1/(m−1) variance, and answers computed with it, with that hint', () => {
    const hint = /unbiased 1\/\(m−1\) variance; batchnorm uses 1\/m/;
    for (const claim of ['$\\sigma^2 = 12$', '$\\sigma_B^2 = \\frac{1}{m-1}\\sum_i (x_i - \\mu)^2$', '$\\sigma = \\sqrt{12}$', '$\\hat x = (-1.443, 0.289, 0.289, 0.866)$', '$\\hat x_1 = \\frac{1 - 6}{\\sqrt{12}}$']) {
      const finding = last(check(doc('batchnorm', BATCH, claim)));
      mismatch(finding, 'slip', hint);
      assert.equal(evidenceOf(finding, 'slip').slip, 'unbiased-variance');
      assert.match(finding.message, /claimed .*, expected /, 'a concrete counterexample');
    }
    mismatch(last(check(doc('batchnorm', BATCH, '$\\sigma^2 = 10$'))), 'value', /the left side is 9, not 10/);
  });

  it('says when an answer only centered the batch, or divided by the variance instead of σ', () => {
    for (const claim of ['$y = (-5, 1, 1, 3)$', '$\\hat x_1 = 1 - 6$', '$\\hat x_i = x_i - \\mu$']) {
      const finding = last(check(doc('batchnorm', BATCH, claim)));
      mismatch(finding, 'slip', /only centers the batch \(x_i − μ\); batchnorm also divides by the standard deviation/);
      assert.equal(evidenceOf(finding, 'slip').slip, 'not-normalized');
    }
    for (const claim of ['$\\hat x = (-0.556, 0.111, 0.111, 0.333)$', '$\\hat x_1 = \\frac{1 - 6}{9}$', '$\\hat x_i = \\frac{x_i - \\mu}{\\sigma^2}$']) {
      const finding = last(check(doc('batchnorm', BATCH, claim)));
      mismatch(finding, 'slip', /divides by the variance σ²; batchnorm divides by the standard deviation/);
      assert.equal(evidenceOf(finding, 'slip').slip, 'divided-by-variance');
    }
    // The mean-only layer of Problem 4 rightly only centers: its own formula, a definition and no claim.
    assert.deepEqual(check(doc(P4, '$\\hat x_i = x_i - \\mu$')), []);
  });

  it('reads a lone set of numbers in the text as the batch, never as a claim', () => {
    const findings = check(doc('batchnorm', 'The activations are $\\{1, 7, 7, 9\\}$ with $\\gamma = 1$.', '$\\mu = 6$', '$y = (-1.667, 0.333, 0.333, 1)$'));
    assert.deepEqual(findings.map((f) => f.verdict), ['verified', 'verified'], verdicts(findings).join('; '));
    // Once the batch is given, a later set is prose, not a second batch.
    const later = check(doc('batchnorm', BATCH, 'and not $\\{1, 2\\}$', '$\\mu = 6$'));
    assert.deepEqual(later.map((f) => f.verdict), ['verified']);
  });

  it('uses given γ, β and ε, and 1 and 0 for γ and β when only the batch is given', () => {
    verified(check(doc('batchnorm', BATCH, '$\\gamma = 2$, $\\beta = 1$', '$y = (-2.333, 1.667, 1.667, 3)$')));
    verified(check(doc('batchnorm', BATCH, '$y = (-1.667, 0.333, 0.333, 1)$')));
    verified(check(doc('batchnorm', BATCH, '$\\epsilon = 0.001$', '$\\hat x_1 = \\frac{1-6}{\\sqrt{9.001}} \\approx -1.6666$')));
    mismatch(last(check(doc('batchnorm', BATCH, '$\\epsilon = 0.001$', '$\\hat x_1 = -\\frac{5}{3}$'))), 'value', /the left side is −1\.6666, not −1\.6667/);
  });

  it('keeps random entries for those of the batch not given', () => {
    verified(check(doc('batchnorm', '$x_1 = 1$, $x_3 = 7$', '$m = 3$', '$x_1 + x_3 = 8$')));
    // x_2 was not given: it is random, so x_2 = x_1 fails; `x_2 = 7` would give it.
    assert.equal(last(check(doc('batchnorm', '$x_1 = 1$, $x_3 = 7$', '$x_2 = x_1$'))).verdict, 'mismatch');
    verified(check(doc('batchnorm', '$x_1 = 1$, $x_3 = 7$', '$x_2 = 7$', '$m = 3$', '$\\mu = 5$')));
  });

  it('forgets the given batch when a model directive starts a new problem', () => {
    const findings = checkText([`<!-- derivcheck: model=batchnorm -->`, '', BATCH, '', '$\\mu = 6$', '', `<!-- derivcheck: model=batchnorm -->`, '', '$\\mu = 6$'].join('\n')).findings;
    assert.deepEqual(findings.map((f) => f.verdict), ['verified', 'unsupported']);
    assert.match(findings[1].message, /does not give the data x/);
  });

  it('without a batch, samples random batches of random size m', () => {
    verified(check(doc(
      'batchnorm',
      '$\\mu = \\frac{1}{m}\\sum_i x_i$',
      '$\\sigma^2 = \\frac{1}{m}\\sum_{i=1}^m x_i^2 - \\mu^2$',
      '$\\sum_i \\hat x_i = 0$',
      '$\\frac{1}{m}\\sum_i \\hat x_i^2 = 1$',
      '$y_i = \\gamma\\hat x_i + \\beta$',
    )));
    // A number for a quantity of the batch cannot be judged against random batches: say what to give.
    for (const claim of ['$\\mu = 6$', '$m = 4$', '$y = (-1.667, 0.333, 0.333, 1)$', '$\\hat x_4 = \\frac{9-6}{3}$', '$\\sum_{i=1}^4 x_i = 24$']) {
      const finding = last(check(doc('batchnorm', '$\\gamma = 1$', claim)));
      assert.equal(finding.verdict, 'unsupported', `${claim}: ${finding.message}`);
      assert.match(finding.message, /does not give the data x it depends on.*give it first, e\.g\. `x = \(1, 7, 7, 9\)`/);
    }
    // …but what is false for every batch stays a mismatch, shown without rounding noise.
    mismatch(last(check(doc('batchnorm', '$\\sum_i \\hat x_i = 1$'))), 'value', /^the left side is 0, not 1$/);
    mismatch(last(check(doc('batchnorm', '$\\gamma = (1, 2)$'))), 'shape', /left side is a scalar/);
    mismatch(last(check(doc('batchnorm', '$\\sigma^2 = \\frac{1}{m-1}\\sum_i (x_i - \\mu)^2$'))), 'slip', /unbiased/);
  });

  it('reads σ as the batch standard deviation, not a nonlinearity', () => {
    verified(check(doc('batchnorm', '$\\sigma = \\sqrt{\\sigma^2}$', '$\\hat x_i = \\frac{x_i - \\mu}{\\sigma}$')));
    const report = checkText(`<!-- derivcheck: model=batchnorm -->\n\n${BATCH}\n`);
    const names = report.samplePoint.map((v) => v.name);
    assert.ok(!names.includes('σ'), `hover values: ${names.join(', ')}`);
    assert.ok(names.includes('x'));
  });

  it('reports malformed math and unknown symbols, never verifies them', () => {
    const broken = check(doc('batchnorm', '$x = (1, 7, 7$'));
    assert.equal(broken.length, 1);
    assert.equal(broken[0].verdict, 'unparsed');
    assert.ok(broken[0].range.start > 0);
    const unknown = last(check(doc('batchnorm', '$x = (1, 7, a, 9)$')));
    assert.equal(unknown.verdict, 'unsupported');
    assert.match(unknown.message, /unknown symbol a/);
  });
});

describe('batchnorm-mean (Problem 4): ∂L/∂x_i with arbitrary upstream gradients', () => {
  const correct = `\\gamma\\left(${UPSTREAM('i')} - \\frac{1}{m}\\sum_{j=1}^m ${UPSTREAM('j')}\\right)`;

  it('verifies the answer, with δ_ij, 𝟙[i=j], inferred sum bounds and ∂y_j/∂x_i', () => {
    verified(check(doc(
      P4,
      `$\\frac{\\partial L}{\\partial x_i} = ${correct}$`,
      `$\\frac{\\partial L}{\\partial x_i} = \\gamma ${UPSTREAM('i')} - \\frac{\\gamma}{m}\\sum_j ${UPSTREAM('j')}$`,
      `$\\frac{\\partial L}{\\partial x_i} = \\sum_j ${UPSTREAM('j')}\\gamma(\\delta_{ij} - \\frac1m)$`,
      `$\\frac{\\partial L}{\\partial x_i} = \\sum_{j=1}^m ${UPSTREAM('j')}\\,\\gamma\\left(\\mathbb{1}[i = j] - \\frac{1}{m}\\right)$`,
      '$\\frac{\\partial y_j}{\\partial x_i} = \\gamma\\left(\\delta_{ij} - \\frac{1}{m}\\right)$',
      '$\\frac{\\partial \\hat x_j}{\\partial x_i} = \\delta_{ij} - \\frac{1}{m}$',
      '$\\frac{\\partial \\mu}{\\partial x_i} = \\frac{1}{m}$',
      `$\\frac{\\partial L}{\\partial x_i} = \\sum_{j=1}^m ${UPSTREAM('j')}\\frac{\\partial y_j}{\\partial \\hat x_j}\\frac{\\partial \\hat x_j}{\\partial x_i}$`,
      `$\\frac{\\partial L}{\\partial x} = \\gamma\\left(\\frac{\\partial L}{\\partial y} - \\frac{1}{m}\\sum_j ${UPSTREAM('j')}\\right)$`,
      `$\\frac{\\partial L}{\\partial \\gamma} = \\sum_j ${UPSTREAM('j')}\\hat x_j$`,
      `$\\frac{\\partial L}{\\partial \\beta} = \\sum_{j=1}^m ${UPSTREAM('j')}$`,
      '$\\sum_i \\frac{\\partial L}{\\partial x_i} = 0$',
    )));
  });

  it('checks Jacobians in matrix form, with the ones vector 𝟏 sized by the batch', () => {
    verified(check(doc(
      P4,
      '$\\frac{\\partial y}{\\partial x} = \\gamma\\left(I - \\frac{1}{m}\\mathbf{1}\\mathbf{1}^T\\right)$',
      '$\\frac{\\partial L}{\\partial x} = \\gamma\\left(I - \\frac{1}{m}\\mathbf{1}\\mathbf{1}^\\top\\right)\\frac{\\partial L}{\\partial y}$',
      '$\\mathbf{1}^T \\hat x = 0$',
    )));
    mismatch(last(check(doc(P4, '$\\frac{\\partial y}{\\partial x} = \\gamma I$'))), 'slip', /missing the mean term/);
    verified(check(doc('batchnorm', '$\\frac{\\partial \\hat x}{\\partial x} = \\frac{1}{\\sigma}\\left(I - \\frac{1}{m}\\mathbf{1}\\mathbf{1}^T - \\frac{1}{m}\\hat x \\hat x^T\\right)$')));
  });

  it('takes the sum bounds from the batch: a sum over fewer terms is wrong', () => {
    const short = last(check(doc(P4, `$\\frac{\\partial L}{\\partial x_i} = \\gamma\\left(${UPSTREAM('i')} - \\frac{1}{m}\\sum_{j=2}^m ${UPSTREAM('j')}\\right)$`)));
    assert.equal(short.verdict, 'mismatch');
  });

  it('flags the missing mean term with a hint and a counterexample', () => {
    const finding = last(check(doc(P4, `$\\frac{\\partial L}{\\partial x_i} = \\gamma ${UPSTREAM('i')}$`)));
    mismatch(finding, 'slip', /missing the mean term/);
    assert.equal(evidenceOf(finding, 'slip').slip, 'constant-mean');
    assert.match(finding.message, /e\.g\. at m=\d, i=\d, γ=[^,]+, ∂L\/∂y_i=[^:]+: claimed [^,]+, expected /);
  });

  it('flags a sign error, a missing γ and 1/(m−1)', () => {
    mismatch(last(check(doc(P4, `$\\frac{\\partial L}{\\partial x_i} = -${correct}$`))), 'sign', /^sign error/);
    mismatch(last(check(doc(P4, `$\\frac{\\partial L}{\\partial x_i} = ${UPSTREAM('i')} - \\frac{1}{m}\\sum_j ${UPSTREAM('j')}$`))), 'missing-factor', /missing a factor γ/);
    const unbiased = last(check(doc(P4, `$\\frac{\\partial L}{\\partial x_i} = \\gamma\\left(${UPSTREAM('i')} - \\frac{1}{m-1}\\sum_j ${UPSTREAM('j')}\\right)$`)));
    mismatch(unbiased, 'slip', /divides by m − 1/);
    mismatch(last(check(doc(P4, '$\\frac{\\partial y_j}{\\partial x_i} = \\gamma\\delta_{ij}$'))), 'slip', /missing the mean term/);
  });

  it('samples the upstream gradients and the batch size, so neither is a constant', () => {
    mismatch(last(check(doc(P4, `$${UPSTREAM('i')} = 1$`))), 'constant', /varies/);
    assert.equal(last(check(doc(P4, '$m = 3$'))).verdict, 'unsupported');
    verified(check(doc(P4, `$${UPSTREAM('i')} = ${UPSTREAM('i')}$`)));
  });

  it('knows no σ: the mean-only layer does not divide by it', () => {
    const finding = last(check(doc(P4, '$\\sigma^2 = \\frac{1}{m}\\sum_i \\hat x_i^2$')));
    assert.equal(finding.verdict, 'unsupported');
  });
});

describe('batchnorm: the full backward pass (model=batchnorm)', () => {
  it('verifies the standard closed form and the step-by-step derivation against AD', () => {
    verified(check(doc(
      'batchnorm',
      `$\\frac{\\partial L}{\\partial x_i} = \\frac{\\gamma}{m\\sigma}\\left(m${UPSTREAM('i')} - \\sum_j ${UPSTREAM('j')} - \\hat x_i\\sum_j ${UPSTREAM('j')}\\hat x_j\\right)$`,
      `$\\frac{\\partial L}{\\partial \\hat x_i} = \\gamma ${UPSTREAM('i')}$`,
      '$\\frac{\\partial L}{\\partial \\sigma^2} = \\sum_i \\frac{\\partial L}{\\partial \\hat x_i}(x_i - \\mu)\\left(-\\frac12\\right)(\\sigma^2 + \\epsilon)^{-3/2}$',
      '$\\frac{\\partial L}{\\partial \\mu} = -\\sum_i \\frac{\\partial L}{\\partial \\hat x_i}\\frac{1}{\\sqrt{\\sigma^2+\\epsilon}}$',
      '$\\frac{\\partial L}{\\partial x_i} = \\frac{\\partial L}{\\partial \\hat x_i}\\frac{1}{\\sigma} + \\frac{\\partial L}{\\partial \\sigma^2}\\frac{2(x_i - \\mu)}{m} + \\frac{\\partial L}{\\partial \\mu}\\frac{1}{m}$',
      '$\\frac{\\partial \\hat x_j}{\\partial x_i} = \\frac{1}{\\sigma}\\left(\\delta_{ij} - \\frac1m - \\frac{\\hat x_i\\hat x_j}{m}\\right)$',
    )));
  });

  it('holds with a given ε too', () => {
    verified(check(doc('batchnorm', '$\\epsilon = 0.01$', `$\\frac{\\partial L}{\\partial x_i} = \\frac{\\gamma}{m\\sigma}\\left(m${UPSTREAM('i')} - \\sum_j ${UPSTREAM('j')} - \\hat x_i\\sum_j ${UPSTREAM('j')}\\hat x_j\\right)$`)));
  });

  it('does not decide ∂x̂_i/∂x_i written as the local partial where the derivation also takes derivatives by μ and σ² (a computational graph)', () => {
    const local = '$\\frac{\\partial \\hat x_i}{\\partial x_i} = \\frac{1}{\\sqrt{\\sigma^2 + \\epsilon}}$';
    const graph = '$\\frac{\\partial \\hat x_i}{\\partial \\mu} = -\\frac{1}{\\sqrt{\\sigma^2 + \\epsilon}}$';
    const [first] = check(doc('batchnorm', local, graph));
    assert.equal(first.verdict, 'unsupported');
    assert.equal(first.evidence.reason, 'local partial');
    assert.match(first.message, /^not decided: this is ∂x̂_i\/∂x_i as a local partial \(μ and σ² held fixed\)/);
    // Alone it is the total derivative, and the slip; a value that is neither stays a mismatch.
    mismatch(last(check(doc('batchnorm', local))), 'slip', /missing the mean and variance terms/);
    mismatch(check(doc('batchnorm', '$\\frac{\\partial \\hat x_i}{\\partial x_i} = \\frac{2}{\\sqrt{\\sigma^2 + \\epsilon}}$', graph))[0]);
  });

  it('names the path a wrong gradient dropped, and catches a sign on one term', () => {
    const noVariance = last(check(doc('batchnorm', `$\\frac{\\partial L}{\\partial x_i} = \\frac{\\gamma}{\\sigma}\\left(${UPSTREAM('i')} - \\frac{1}{m}\\sum_j ${UPSTREAM('j')}\\right)$`)));
    mismatch(noVariance, 'slip', /missing the variance term/);
    mismatch(last(check(doc('batchnorm', `$\\frac{\\partial L}{\\partial x_i} = \\frac{\\gamma}{\\sigma}${UPSTREAM('i')}$`))), 'slip', /missing the mean and variance terms/);
    const oneSign = last(check(doc('batchnorm', `$\\frac{\\partial L}{\\partial x_i} = \\frac{\\gamma}{m\\sigma}\\left(m${UPSTREAM('i')} - \\sum_j ${UPSTREAM('j')} + \\hat x_i\\sum_j ${UPSTREAM('j')}\\hat x_j\\right)$`)));
    assert.equal(oneSign.verdict, 'mismatch');
    mismatch(last(check(doc('batchnorm', `$\\frac{\\partial L}{\\partial x_i} = \\frac{1}{m\\sigma}\\left(m${UPSTREAM('i')} - \\sum_j ${UPSTREAM('j')} - \\hat x_i\\sum_j ${UPSTREAM('j')}\\hat x_j\\right)$`))), 'missing-factor', /missing a factor γ/);
  });

  it("has correct reference answers (each one is verified against the model's AD)", () => {
    const symbolOf: Record<string, string> = { x: 'x_{i}', xhat: '\\hat x_{i}', y: 'y_{i}', gamma: '\\gamma', beta: '\\beta' };
    for (const model of [BATCHNORM, BATCHNORM_MEAN]) {
      for (const [key, answer] of Object.entries(model.answers.wrt)) {
        verified(check(doc(model.name, `$\\frac{\\partial L}{\\partial ${symbolOf[key]}} = ${answer.replace(/\{i\}/g, '{i}')}$`)));
      }
    }
  });
});

describe('batchnorm models: which symbols they read', () => {
  it('recognises its quantities and their aliases, and nothing else', () => {
    const expected: [string, string | undefined][] = [
      ['x_i', 'x'],
      ['\\hat x_i', 'xhat'],
      ['\\hat{x}', 'xhat'],
      ['\\bar x', 'mu'],
      ['\\mu_B', 'mu'],
      ['\\sigma', 'sigma'],
      ['\\gamma', 'gamma'],
      ['\\beta', 'beta'],
      ['\\epsilon', 'eps'],
      ['\\varepsilon', 'eps'],
      ['y_j', 'y'],
      ['\\ell', 'L'],
      ['\\mathcal{B}', 'x'],
      ['\\mathbf{1}', 'ones'],
      ['\\hat y', undefined],
      ['y_{pred}', undefined],
      ['z', undefined],
      ['A', undefined],
      ['\\delta_{ij}', undefined],
      ['g_j', undefined],
    ];
    for (const [latex, key] of expected) assert.equal(BATCHNORM.resolveSymbol(symbolOf(latex)), key, latex);
    assert.equal(BATCHNORM_MEAN.resolveSymbol(symbolOf('\\sigma')), undefined);
    assert.equal(BATCHNORM_MEAN.resolveSymbol(symbolOf('\\hat x_i')), 'xhat');
  });

  it('reads x̂ and x̄ only: x̃, ẋ and x with other accents are not the batch', () => {
    for (const latex of ['\\tilde x', '\\dot x_i', '\\vec x']) assert.equal(BATCHNORM.resolveSymbol(symbolOf(latex)), undefined, latex);
  });
});

describe('batchnorm models: sample points', () => {
  const leaves = (model: typeof BATCHNORM, given?: Record<string, number[]>) =>
    model.samplePoint(new Random(3), 0, { seed: 3, count: 1, dims: {}, sigmas: [SIGMOID], ...(given ? { given } : {}) }).leaves;

  it('the full layer has ε = 0 unless given; the mean-only layer has no ε at all', () => {
    assert.deepEqual([...leaves(BATCHNORM).keys()].sort(), ['beta', 'eps', 'g', 'gamma', 'x']);
    assert.deepEqual(Array.from(leaves(BATCHNORM).get('eps')!.v), [0]);
    assert.deepEqual(Array.from(leaves(BATCHNORM, { eps: [0.01] }).get('eps')!.v), [0.01]);
    assert.deepEqual([...leaves(BATCHNORM_MEAN).keys()].sort(), ['beta', 'g', 'gamma', 'x']);
  });
});

describe('batchnorm models: auto-detection between the full and the mean-only layer', () => {
  it('reads a Problem 3 section in the full layer and a Problem 4 section in the mean-only one, each with its own batch', () => {
    const text = [
      '## Problem 3',
      '',
      'The batch is $x = \\{1, 7, 7, 9\\}$.',
      '',
      '$\\mu = 6$ and $\\sigma^2 = 9$, so $\\hat x = \\frac{x - \\mu}{\\sigma} = (-1.667, 0.333, 0.333, 1)$',
      '',
      '## Problem 4',
      '',
      '$\\hat x_i = x_i - \\mu$',
      '',
      `$\\frac{\\partial L}{\\partial x_i} = \\gamma\\left(${UPSTREAM('i')} - \\frac{1}{m}\\sum_j ${UPSTREAM('j')}\\right)$`,
      '',
      `$\\frac{\\partial L}{\\partial x_i} = ${UPSTREAM('i')} - \\frac{1}{m}\\sum_j ${UPSTREAM('j')}$`,
    ].join('\n');
    // Headings as the Markdown extractor reports them (each starts a section for auto-detection).
    const { spans, directives } = new ExtractionCache().extract(text);
    const headings = [...text.matchAll(/^(#{1,6}) .*$/gm)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, level: m[1].length }));
    const lines = new LineMap(text);
    const findings = new DocumentChecker(text, {}).run({ spans, directives, headings });
    assert.deepEqual(
      findings.map((f) => `${lines.position(f.range.start).line}: ${String(f.evidence.model)} ${f.verdict}`),
      // x̂ = (x − μ)/σ on line 5 and x̂_i = x_i − μ on line 9 are the layers' own formulas: definitions, no claims.
      ['5: batchnorm verified', '5: batchnorm verified', '5: batchnorm verified', '11: batchnorm-mean verified', '13: batchnorm-mean mismatch'],
    );
    // Problem 4 samples its own batches (γ is not Problem 3's γ = 1), so a missing γ is caught.
    assert.match(findings[findings.length - 1].message, /missing a factor γ/);
  });
});

describe('solutions of Problems 3 and 4 and the full backward pass (fixtures)', () => {
  for (const path of fixtureFiles(join(FIXTURES, 'batchnorm'), '.md')) {
    it(`${basename(path)}: every mistake flagged, everything else verified`, () => {
      const { findings, problems } = checkFixture(path);
      assert.ok(findings.length >= 5, `${basename(path)}: only ${findings.length} claims found`);
      assert.deepEqual(problems, []);
    });
  }
});
