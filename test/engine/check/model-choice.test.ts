import * as assert from 'node:assert/strict';
import { parseChain } from '../../../src/engine/parse/parser';
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

  it('in auto mode, goes to the model that knows the symbols, and falls back to the MLP', () => {
    const { choice } = choiceFor();
    assert.equal(choice.model, MLP, 'before any equation: the fallback');
    assert.equal(choice.select(chainOf(RIDGE_CLAIM), 0), RIDGE);
    assert.equal(choice.select(chainOf(MLP_CLAIM), 10), MLP);
    assert.equal(choice.select(chainOf(MEAN_CLAIM), 20), BATCHNORM_MEAN, 'a mean over the batch: the simpler batchnorm model on a tie');
    assert.equal(choice.select(chainOf('\\hat x_i = \\frac{x_i - \\mu}{\\sqrt{\\sigma^2 + \\epsilon}}'), 30), BATCHNORM);
  });

  it('keeps the model a decided equation chose for the equations that do not decide (sticky), until reset', () => {
    const { choice } = choiceFor();
    assert.equal(choice.select(chainOf(RIDGE_CLAIM), 0), RIDGE);
    assert.equal(choice.sticky, 'ridge');
    assert.equal(choice.select(chainOf(NEUTRAL), 10), RIDGE, 'a pure identity stays in the sticky model');
    choice.reset();
    assert.equal(choice.sticky, undefined);
    assert.equal(choice.current, undefined);
    assert.equal(choice.select(chainOf(NEUTRAL), 20), MLP, 'after a reset (a heading, a model directive): the fallback');
  });

  it("counts a symbol the document defined under a model as that model's", () => {
    const { choice, book } = choiceFor();
    // `q` alone is no model's symbol: an equation in q alone falls back to the MLP…
    const claim = chainOf('\\frac{1}{2} q^2 = \\frac{q \\cdot q}{2}');
    assert.equal(choice.select(claim, 0), MLP);
    // …but once the document defined q under ridge, it goes to ridge.
    const parsed = parseChain('q = Ax - b');
    assert.ok(parsed.ok);
    book.context('ridge').set('q', { key: 'q', display: 'q', indexVars: [], params: [], body: parsed.chain.members[1], modelBound: true, range: { start: 0, end: 0 }, source: 'q = Ax - b' });
    assert.equal(choice.select(claim, 10), RIDGE);
  });

  it('reads the whole document first: a section most of whose equations fit a model breaks a tie towards it', () => {
    const text = ['# Problem 3', '', `$${MEAN_CLAIM}$`, '', '$\\sigma^2 = \\frac{1}{m}\\sum_i (x_i - \\mu)^2$', '', '$y_i = \\gamma \\hat x_i + \\beta$', ''].join('\n');
    const extraction = new ExtractionCache().extract(text);
    const { choice } = choiceFor();
    const steps = choice.planDocument(extraction.spans, extraction.spans.map((s) => parseSpan(s.text)), extraction.directives, [0]);
    let step = steps.next();
    while (!step.done) step = steps.next();
    choice.plan = step.value;
    const scores = choice.plan.sectionScores(text.indexOf('$'));
    assert.ok((scores.get('batchnorm') ?? 0) >= 2, `the section fits batchnorm: ${JSON.stringify([...scores])}`);
    assert.equal(choice.plan.customKeys.size, 0, 'no definition of a model of its own');
  });
});
