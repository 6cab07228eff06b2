import * as assert from 'node:assert/strict';
import type { UserDefinition } from '../../../src/engine/semantics/scope';
import { SIGMOID, activationNamed } from '../../../src/engine/evaluate/activations';
import { MLP } from '../../../src/engine/models/mlp';
import { RIDGE } from '../../../src/engine/models/ridge';
import { BATCHNORM } from '../../../src/engine/models/batchnorm';
import { DefinedModel, type CustomDefinition } from '../../../src/engine/models/defined';
import { DefinitionBook } from '../../../src/engine/check/book';
import { expressionOf, symbolOf } from '../../support/parsed';

const loc = { start: 0, end: 0 };

function definition(key: string, body: string, modelBound: boolean): UserDefinition {
  return { key, display: key, indexVars: [], params: [], body: expressionOf(body), modelBound, range: loc, source: `${key} = ${body}` };
}

function customDefinition(key: string, body: string): CustomDefinition {
  return { key, sym: symbolOf(key), body: expressionOf(body), source: `${key} = ${body}`, range: loc };
}

describe('the book of definitions and givens', () => {
  it('shows a definition made under no model to every model, and one made under a model to that model only', () => {
    const book = new DefinitionBook();
    book.context('').set('u', definition('u', 'a + b', false));
    book.context('mlp').set('delta', definition('delta', '-2(y - \\hat y)', true));
    assert.deepEqual([...book.visibleDefinitions('mlp').keys()].sort(), ['delta', 'u']);
    assert.deepEqual([...book.visibleDefinitions('ridge').keys()], ['u']);
    assert.deepEqual([...book.visibleDefinitions(undefined).keys()], ['u']);
    assert.equal(book.definedIn('mlp', symbolOf('\\delta')), true);
    assert.equal(book.definedIn('ridge', symbolOf('\\delta')), false);
    assert.equal(book.definedIn('', symbolOf('u')), true);
  });

  it('knows an indexed family by its index count: δ_i is defined, δ_{ij} and δ are not', () => {
    const book = new DefinitionBook();
    book.context('mlp').set('delta[1]', definition('delta[1]', 'C_i', true));
    assert.equal(book.definedIn('mlp', symbolOf('\\delta_i')), true);
    assert.equal(book.definedIn('mlp', symbolOf('\\delta_{ij}')), false);
    assert.equal(book.definedIn('mlp', symbolOf('\\delta')), false);
  });

  it('gives the scope of a model: its σ and the definitions visible under it', () => {
    const book = new DefinitionBook();
    book.context('').set('u', definition('u', 'a + b', false));
    book.context('ridge').set('r', definition('r', 'Ax - b', true));
    const tanh = activationNamed('tanh')!;
    const scope = book.scopeFor(RIDGE, { sigmas: [tanh], sigmaChosen: true });
    assert.equal(scope.model, RIDGE);
    assert.deepEqual(scope.sigmas, [tanh]);
    assert.equal(scope.sigmaChosen, true);
    assert.deepEqual([...scope.definitions.keys()].sort(), ['r', 'u']);
    assert.deepEqual([...book.scopeFor(null, { sigmas: [SIGMOID], sigmaChosen: false }).definitions.keys()], ['u']);
  });

  it('builds the document\'s own model once, and again after a new definition or when dropped', () => {
    const book = new DefinitionBook();
    assert.equal(book.hasOwnModel({}), false);
    assert.equal(book.hasOwnModel({ W: { rows: 3, cols: 2 } }), true);
    book.customDefinitions.push(customDefinition('h', '\\tanh(Wx)'));
    assert.equal(book.hasOwnModel(undefined), true);
    const shapes = { W: { rows: 3, cols: 2 }, x: { rows: 2, cols: 1 } };
    const first = book.custom(shapes);
    assert.ok(first instanceof DefinedModel);
    assert.equal(book.custom(shapes), first, 'the same model while nothing changed');
    assert.equal(book.isCurrentCustom(first), true);
    assert.deepEqual([...first.nodes.keys()].sort(), ['W', 'h', 'x']);
    // A definition made under the document's model changes its context: the model is built again.
    book.context('custom').set('g', definition('g', '2h', true));
    const second = book.custom(shapes);
    assert.notEqual(second, first);
    assert.equal(book.isCurrentCustom(first), false);
    book.dropCustomModel();
    assert.notEqual(book.custom(shapes), second);
  });

  it('keeps the values a document gave, per model, until the model is named again', () => {
    const book = new DefinitionBook();
    assert.equal(book.givenFor(BATCHNORM), undefined);
    book.setGiven(BATCHNORM, { x: { values: [1, 7, 7, 9], whole: true }, 'size:m': { values: [4], whole: true } });
    assert.deepEqual(book.givenFor(BATCHNORM), { x: [1, 7, 7, 9], 'size:m': [4] });
    assert.equal(book.givenFor(MLP), undefined, 'givens are per model');
    assert.equal(book.givenFor(null), undefined);
    // Stated sizes pin sampling; a directive's pins win over them.
    assert.deepEqual(book.dimsFor(BATCHNORM, {}), { m: 4 });
    assert.deepEqual(book.dimsFor(BATCHNORM, { m: 6, k: 3 }), { m: 6, k: 3 });
    assert.deepEqual(book.dimsFor(MLP, { k: 3 }), { k: 3 });
    book.forgetGiven('batchnorm');
    assert.equal(book.givenFor(BATCHNORM), undefined);
    assert.deepEqual(book.dimsFor(BATCHNORM, {}), {});
  });
});
