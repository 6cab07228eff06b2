// What ties an equation to a built-in model: several of its distinctive symbols together, or one of
// them among four of its quantities; never generic letters alone.
import * as assert from 'node:assert/strict';
import { builtinCandidate } from '../../../src/engine/check/detect';
import { equationEvidence } from '../../../src/engine/check/model-evidence';
import { BATCHNORM } from '../../../src/engine/models/batchnorm';
import { MLP } from '../../../src/engine/models/mlp';
import { RIDGE } from '../../../src/engine/models/ridge';
import type { Model } from '../../../src/engine/semantics/model';
import { chainOf } from '../../support/parsed';
import { check, directive, only } from '../../support/claims';

/** What `latex` says about `model`, read as auto-detection reads it, in a document that defined `g`. */
function evidence(model: Model, latex: string) {
  const candidate = builtinCandidate(model.name, model, () => false, (sym) => sym.name === 'g');
  const found = equationEvidence(model, (sym) => candidate.read(sym) !== 'unknown', chainOf(latex));
  return found && { distinctive: [...found.distinctive.values()], signature: found.signature };
}

describe('evidence of a built-in model in an equation', () => {
  it('takes several distinctive symbols together as the signature: C_i, ŷ and z_i; y_true with y_pred; λ with x*', () => {
    assert.equal(evidence(MLP, '\\frac{\\partial L}{\\partial C_i} = -2(y - \\hat y)\\sigma(z_i)')?.signature, 'C_i, y\u0302, z_i');
    assert.equal(evidence(MLP, '\\frac{\\partial L}{\\partial d} = -2(y_{true} - y_{pred})')?.signature, 'y_true, y_pred');
    assert.equal(evidence(RIDGE, 'x^* = (A^\\top A + \\lambda I)^{-1}A^\\top b')?.signature, 'x*, λ');
    assert.ok(evidence(BATCHNORM, '\\hat x_i = \\frac{x_i - \\mu}{\\sqrt{\\sigma^2 + \\epsilon}}')?.signature);
  });

  it('takes one distinctive symbol among four of the model’s quantities: ∇f = 2Aᵀ(Ax − b) + 2λx, ŷ = Cσ(Ax+b)+d', () => {
    assert.equal(evidence(RIDGE, '\\nabla_x f = 2A^\\top(Ax - b) + 2\\lambda x')?.signature, 'f, x, A, b, λ');
    assert.equal(evidence(MLP, '\\hat y = C\\sigma(Ax + b) + d')?.signature, 'y\u0302, C, A, x, b, d');
  });

  it('keeps a lone distinctive symbol for its section to count, without a signature', () => {
    assert.deepEqual(evidence(BATCHNORM, '\\mu = 6'), { distinctive: ['μ'], signature: undefined });
    assert.deepEqual(evidence(MLP, 'L = (y - \\hat y)^2'), { distinctive: ['y\u0302'], signature: undefined });
    assert.deepEqual(evidence(MLP, '\\hat y = \\sigma(z)'), { distinctive: ['y\u0302'], signature: undefined }, 'logistic regression is not the MLP');
  });

  it('never takes generic letters for evidence, whichever model knows them', () => {
    for (const latex of ['f(x) = 3x^2 - 4x', 'y = 2x - 3', 'z = Ax + b', 'L = \\max(0, 1 - y)', '\\frac{\\partial L}{\\partial d} = 2d']) {
      for (const model of [MLP, RIDGE, BATCHNORM]) assert.equal(evidence(model, latex), undefined, `${latex} in ${model.name}`);
    }
  });

  it('takes an index on one of the model’s scalars for other notation: y_n = β_0 + β_1 x_n + ε_n is no batchnorm', () => {
    assert.equal(evidence(BATCHNORM, 'y_n = \\beta_0 + \\beta_1 x_n + \\epsilon_n'), undefined);
    assert.ok(evidence(BATCHNORM, 'y_i = \\gamma \\hat x_i + \\beta')?.signature, 'x̂_i and y_i are its entries');
  });

  it('says nothing when the equation writes a symbol the model does not know', () => {
    assert.equal(evidence(MLP, '\\frac{\\partial L}{\\partial C_i} = -2(y - \\hat y)\\sigma(z_i) w'), undefined);
    assert.equal(evidence(MLP, '\\frac{\\partial L}{\\partial d} = g + 0\\cdot\\hat y z_i')?.signature, 'L, d, y\u0302, z_i', 'what the document defines (g) is known');
  });

  it('takes ŷ and z_1, which every network writes, for the MLP only with one of its parameters or another of its symbols', () => {
    assert.equal(evidence(MLP, '\\frac{\\partial L}{\\partial x} = \\frac{\\partial L}{\\partial \\hat y} \\frac{\\partial \\hat y}{\\partial z_1} \\frac{\\partial z_1}{\\partial x}')?.signature, undefined);
    assert.equal(evidence(MLP, '\\hat y = \\sigma(z_1)')?.signature, undefined);
    assert.ok(evidence(MLP, '\\frac{\\partial L}{\\partial C_i} = -2(y - \\hat y)\\sigma(z_i)')?.signature);
  });

  it('reads no evidence in a continued row or a lone expression', () => {
    assert.equal(equationEvidence(MLP, () => true, chainOf('= -2(y_{true} - y_{pred})')), undefined);
    assert.equal(equationEvidence(MLP, () => true, chainOf('\\hat y + z_i')), undefined);
  });
});

describe('the evidence of a finding says why detection chose its model', () => {
  it('names the symbols that tie the section to the model, and nothing when a directive named it', () => {
    const claim = '$\\frac{\\partial L}{\\partial C_i} = -2(y - \\hat y)\\sigma(z_i)$\n';
    const detected = only(check(claim));
    assert.deepEqual([detected.evidence.model, detected.evidence.detectedFrom], ['mlp', 'C_i, y\u0302, z_i']);
    const named = only(check(directive('model=mlp') + claim));
    assert.deepEqual([named.evidence.model, named.evidence.detectedFrom], ['mlp', undefined]);
  });

  it('reads no model into a Lagrange-multiplier example: λ with an entry x_m is not ridge', () => {
    const findings = check('$2 = \\lambda 2 x_m$ and $1 = \\lambda 2 y_m$\n');
    assert.ok(findings.every((f) => f.evidence.model === 'none' || f.evidence.model === undefined), JSON.stringify(findings.map((f) => f.evidence.model)));
    assert.ok(findings.every((f) => f.verdict !== 'mismatch'), JSON.stringify(findings.map((f) => f.message)));
  });
});

describe('a directive turns detection off for what follows', () => {
  it('reads model=free (model=none) claims in free variables, even among the MLP’s symbols', () => {
    const claim = '$\\frac{\\partial L}{\\partial C_i} = -2(y - \\hat y)\\sigma(z_i)$\n';
    for (const name of ['free', 'none']) {
      const finding = only(check(directive(`model=${name}`) + claim));
      assert.deepEqual([finding.evidence.model, finding.verdict], ['none', 'unsupported'], name);
    }
    const [misspelt, detected] = check(directive('model=freee') + claim);
    assert.match(misspelt.message, /model must be auto\|mlp\|.*\|none, not 'freee'/, 'a misspelt name is reported with the choices');
    assert.equal(detected.evidence.model, 'mlp', 'and detection goes on');
  });
});

describe('weak evidence', () => {
  it('reads a regression model y_i = x_iᵀβ + ε as no batchnorm: β and ε are everyone’s letters', () => {
    assert.equal(evidence(BATCHNORM, 'y_i = x_i^T \\beta + \\epsilon')?.signature, undefined);
    assert.ok(evidence(BATCHNORM, 'y_i = \\gamma \\hat x_i + \\beta')?.signature);
  });
});
