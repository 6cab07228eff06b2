import * as assert from 'node:assert/strict';
import { parseSpan } from '../../../src/engine/parse/equations';
import { MLP } from '../../../src/engine/models/mlp';
import { RIDGE } from '../../../src/engine/models/ridge';
import { BATCHNORM, BATCHNORM_MEAN } from '../../../src/engine/models/batchnorm';
import { DefinedModel } from '../../../src/engine/models/defined';
import { DefinitionBook } from '../../../src/engine/check/book';
import { DocumentSettings } from '../../../src/engine/check/document-settings';
import { ModelChoice } from '../../../src/engine/check/model-choice';
import { SamplePoints } from '../../../src/engine/check/sample-points';
import { ExtractionCache } from '../../../src/engine/extract/chunks';
import type { CheckOptions } from '../../../src/engine/check/options';
import { chainOf } from '../../support/parsed';

function choiceFor(options: CheckOptions = {}): { choice: ModelChoice; settings: DocumentSettings; book: DefinitionBook } {
  const settings = new DocumentSettings(options);
  const book = new DefinitionBook();
  const choice = new ModelChoice(settings, book, new SamplePoints(settings, book, undefined));
  return { choice, settings, book };
}

const MLP_CLAIM = '\\frac{\\partial L}{\\partial C_i} = -2(y - \\hat y)\\sigma(z_i)';
const RIDGE_CLAIM = '\\nabla_x f = 2A^\\top(Ax - b) + 2\\lambda x';
const MEAN_CLAIM = '\\mu = \\frac{1}{m}\\sum_i x_i';
const NEUTRAL = '(a + b)^2 = a^2 + 2ab + b^2';

/** Where the n-th `$…$` of `text` starts (0-based). */
function nthDollar(text: string, n: number): number {
  return [...text.matchAll(/\$[^$]+\$/g)][n].index!;
}

/** A choice that has read the whole document (its sections, and the evidence in each). */
function planned(text: string, options: CheckOptions = {}): ReturnType<typeof choiceFor> {
  const extraction = new ExtractionCache().extract(text);
  const chosen = choiceFor(options);
  const steps = chosen.choice.planDocument(extraction.spans, extraction.spans.map((s) => parseSpan(s.text)), extraction.directives, extraction.headings ?? []);
  let step = steps.next();
  while (!step.done) step = steps.next();
  chosen.choice.plan = step.value;
  return chosen;
}

describe('model choice', () => {
  it('reads every equation in the model the options or a directive name', () => {
    for (const [name, model] of [['ridge', RIDGE], ['mlp', MLP], ['batchnorm', BATCHNORM], ['batchnorm-mean', BATCHNORM_MEAN]] as const) {
      const { choice } = choiceFor({ model: name });
      assert.equal(choice.model, model);
      assert.equal(choice.select(chainOf(MLP_CLAIM), 0), model, `${name} is named, whatever the symbols`);
    }
    assert.equal(choiceFor({ model: 'none' }).choice.select(chainOf(RIDGE_CLAIM), 0), null);
    assert.ok(choiceFor({ model: 'custom' }).choice.model instanceof DefinedModel);
  });

  it('in auto mode, goes to a built-in model only on evidence: its signature or a defining equation, never a generic letter', () => {
    const { choice } = choiceFor();
    assert.equal(choice.model, null, 'before any equation: no model (free variables)');
    assert.equal(choice.select(chainOf(RIDGE_CLAIM), 0), RIDGE, 'λ among four of ridge’s quantities');
    assert.equal(choice.select(chainOf(MLP_CLAIM), 10), MLP, 'C_i, ŷ and z_i together');
    assert.equal(choice.select(chainOf('\\hat x_i = \\frac{x_i - \\mu}{\\sqrt{\\sigma^2 + \\epsilon}}'), 30), BATCHNORM);
    assert.equal(choice.select(chainOf('\\hat y = C\\sigma(Ax + b) + d'), 40), MLP, 'the MLP’s defining equation: ŷ among five more of its quantities');
    for (const generic of [MEAN_CLAIM, 'f(x) = 3x^2 - 4x', 'y = 2x - 3', '\\hat y = \\sigma(z)', 'L = (y - \\hat y)^2', 'z = Ax + b', 'Ax = \\lambda x']) {
      assert.equal(choice.select(chainOf(generic), 50), null, `${generic}: no model`);
      assert.equal(choice.detectedBecause, undefined);
    }
  });

  it('says why detection chose a model', () => {
    const { choice } = choiceFor();
    choice.select(chainOf(MLP_CLAIM), 0);
    assert.deepEqual(choice.detectedBecause, { model: 'mlp', offset: 0, because: 'C_i, y\u0302, z_i' });
    choice.select(chainOf('\\hat y = C\\sigma(Ax + b) + d'), 5);
    assert.deepEqual(choice.detectedBecause, { model: 'mlp', offset: 5, because: 'y\u0302, C, A, x, b, d' });
    assert.equal(choiceFor({ model: 'mlp' }).choice.select(chainOf(MLP_CLAIM), 0), MLP);
  });

  it('keeps what it found for the section, sticky between the models that apply there, and nothing past the next heading of its level', () => {
    const text = ['# Problem 2', '', `$${RIDGE_CLAIM}$`, '', `$${NEUTRAL}$`, '', '# Other', '', `$${NEUTRAL}$`, ''].join('\n');
    const { choice } = planned(text);
    const [ridge, inSection, outside] = [RIDGE_CLAIM, NEUTRAL, NEUTRAL].map((_, i) => nthDollar(text, i));
    assert.equal(choice.select(chainOf(RIDGE_CLAIM), ridge), RIDGE);
    assert.equal(choice.sticky, 'ridge');
    assert.equal(choice.select(chainOf(NEUTRAL), inSection), RIDGE, 'a pure identity in the ridge section stays in ridge');
    choice.reset();
    assert.equal(choice.sticky, undefined);
    assert.equal(choice.current, undefined);
    assert.equal(choice.select(chainOf(NEUTRAL), outside), null, 'the next section is about nothing');
  });

  it('lets the parts of a problem share what one part shows, for derivatives in the model’s own symbols', () => {
    const text = ['# Problem 1', '', '## (b)', '', '$\\frac{\\partial L}{\\partial d} = -2(y_{true} - y_{pred})$', '', '## (f)', '', '$b_{t+1} = b_t - \\alpha \\nabla_b L$', '', '$y = 2x - 3$', ''].join('\n');
    const { choice } = planned(text);
    assert.equal(choice.select(chainOf('b_{t+1} = b_t - \\alpha \\nabla_b L'), nthDollar(text, 1)), MLP);
    assert.equal(choice.select(chainOf('y = 2x - 3'), nthDollar(text, 2)), null, 'no derivative: not inherited');
  });

  it("counts a symbol the document defined under a model as that model's", () => {
    // A section where both the MLP and ridge apply: an equation in q alone goes to the first of them…
    const text = ['# Notes', '', `$${MLP_CLAIM}$`, '', `$${RIDGE_CLAIM}$`, '', '$\\frac{1}{2} q^2 = \\frac{q \\cdot q}{2}$', ''].join('\n');
    const { choice, book } = planned(text);
    const claim = chainOf('\\frac{1}{2} q^2 = \\frac{q \\cdot q}{2}');
    assert.equal(choice.select(claim, nthDollar(text, 2)), MLP);
    // …but once the document defined q under ridge, it goes to ridge.
    book.context('ridge').set('q', { key: 'q', display: 'q', indexVars: [], params: [], body: chainOf('q = Ax - b').members[1], modelBound: true, range: { start: 0, end: 0 }, source: 'q = Ax - b' });
    assert.equal(choice.select(claim, nthDollar(text, 2)), RIDGE);
  });

  it('reads the whole document first: a section most of whose equations fit a model breaks a tie towards it', () => {
    const text = ['# Problem 3', '', `$${MEAN_CLAIM}$`, '', '$\\sigma^2 = \\frac{1}{m}\\sum_i (x_i - \\mu)^2$', '', '$y_i = \\gamma \\hat x_i + \\beta$', ''].join('\n');
    const extraction = new ExtractionCache().extract(text);
    const { choice } = choiceFor();
    const steps = choice.planDocument(extraction.spans, extraction.spans.map((s) => parseSpan(s.text)), extraction.directives, [{ start: 0, end: 11, level: 1 }]);
    let step = steps.next();
    while (!step.done) step = steps.next();
    choice.plan = step.value;
    const scores = choice.plan.sectionScores(text.indexOf('$'));
    assert.ok((scores.get('batchnorm') ?? 0) >= 2, `the section fits batchnorm: ${JSON.stringify([...scores])}`);
    assert.equal(choice.plan.customKeys.size, 0, 'no definition of a model of its own');
  });
});
