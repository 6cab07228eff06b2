// Layer indices (issue 13): a superscript in parentheses or brackets on a letter, `W^{(1)}`, `a^{[l]}`,
// `h^{(0)}`, `z^{[2]}`, is a label of the symbol (like a subscript), not a power. Where the same letter
// also appears without it, the claim is not decided either way: `W^{(2)} = W^2` is never verified,
// by the numbers or by the prover. `(x)^{(2)}`, `(a+b)^{2}` and `x^{2}` stay powers.
import * as assert from 'node:assert/strict';
import { superscriptLabel, labelledSymbol } from '../../../src/engine/semantics/superscript-labels';
import { describe as describeNode } from '../../../src/engine/semantics/describe';
import { symbolKey } from '../../../src/engine/semantics/scope';
import { check, directive, displayMath, last, mismatch, only, verified } from '../../support/claims';
import { expressionOf } from '../../support/parsed';

const free = (latex: string) => only(check(displayMath(latex, directive('model=none'))));
const label = (latex: string) => superscriptLabel(expressionOf(latex));

describe('superscript labels: which superscripts are labels', () => {
  it('reads parentheses and brackets on a letter as a label, and names the symbol it makes', () => {
    for (const [latex, key, shown] of [
      ['W^{(1)}', 'W^(1)', 'W^(1)'],
      ['h^{(0)}', 'h^(0)', 'h^(0)'],
      ['z^{[2]}', 'z^[2]', 'z^[2]'],
      ['\\hat y^{(2)}', 'hat:y^(2)', 'y\u0302^(2)'],
      ['\\sigma^{[1]}', 'sigma^[1]', 'σ^[1]'],
      ['a^{[l]}', 'a^[·]', 'a^[l]'],
      ['a^{[l-1]}', 'a^[·]', 'a^[l−1]'],
      ['W^{(l)}_{ij}', 'W^(·)', 'W^(l)_{ij}'],
    ]) {
      const found = label(latex);
      assert.ok(found, latex);
      const sym = labelledSymbol(found);
      assert.equal(symbolKey(sym), key, latex);
      assert.equal(describeNode(sym), shown, latex);
    }
  });

  it('keeps powers powers: a plain exponent, a base in parentheses, e, a negative or non-index exponent', () => {
    for (const latex of ['x^{2}', 'x^2', '(x)^{(2)}', '\\left(x\\right)^{(2)}', '(a+b)^{2}', '(a+b)^{(2)}', 'e^{(x)}', 'x^{(-1)}', 'x^{(1/2)}', 'x^{(a b)}', '2^{(3)}']) {
      assert.equal(label(latex), undefined, latex);
    }
  });
});

describe('superscript labels: claims', () => {
  it('does not verify W^{(2)} = W^2 (numerically or symbolically), nor x^{(2)} = x \\cdot x', () => {
    for (const latex of ['W^{(2)} = W^2', 'W^2 = W^{(2)}', 'x^{(2)} = x \\cdot x', 'z^{[2]} = z^2', 'W^{(1)} = W']) {
      const f = free(latex);
      assert.equal(f.verdict, 'unsupported', `${latex}: ${f.message}`);
      assert.match(f.message, /a superscript in parentheses or brackets on a letter is read as an index \(a layer\), but [Wxz] also appears without it/);
      assert.equal(f.evidence.symbolic, undefined);
    }
    // The same in a model's context, as the issue found it.
    const f = only(check('$W^{(2)} = W^2$\n'));
    assert.equal(f.verdict, 'unsupported', f.message);
  });

  it('keeps the powers written as powers', () => {
    verified([free('(x)^{(2)} = x^2')]);
    verified([free('(a+b)^{2} = a^2 + 2ab + b^2')]);
    verified([free('x^{2} = x \\cdot x')]);
    mismatch(free('(x)^{(2)} = x^3'));
  });

  it('reads labels as symbols of their own: each layer its own variable', () => {
    verified([free('W^{(1)} + W^{(2)} = W^{(2)} + W^{(1)}')]);
    mismatch(free('W^{(1)} + W^{(2)} = 2W^{(1)}'));
    verified([free('h^{[1]} h^{[2]} = h^{[2]} h^{[1]}')]);
  });

  it('reads a^{[l]} = σ(z^{[l]}) as the definition of the family a^{[l]}, used at each layer', () => {
    const text = `${directive('model=none')}$a^{[l]} = \\sigma(z^{[l]})$\n\n$$a^{[2]} = \\sigma(z^{[2]})$$\n\n$$a^{[2]} = \\sigma(z^{[1]})$$\n\n$$a^{[3]} = \\frac{1}{1 + e^{-z^{[3]}}}$$\n`;
    const findings = check(text);
    assert.deepEqual(findings.map((f) => [f.text, f.verdict]), [
      ['a^{[2]} = \\sigma(z^{[2]})', 'verified'],
      ['a^{[2]} = \\sigma(z^{[1]})', 'mismatch'],
      ['a^{[3]} = \\frac{1}{1 + e^{-z^{[3]}}}', 'verified'],
    ]);
  });

  it('reads h^{(0)} = x as the definition of h^{(0)}, beside a family', () => {
    const text = `${directive('model=none')}$h^{(0)} = x$, $g^{(l)} = l^2 + 1$\n\n$$h^{(0)} + g^{(3)} = x + 10$$\n\n$$g^{(3)} = 9$$\n`;
    const findings = check(text);
    assert.deepEqual(findings.map((f) => f.verdict), ['verified', 'mismatch'], JSON.stringify(findings.map((f) => f.message)));
  });

  it('is not the model’s symbol: b^{(1)} in the MLP is not b', () => {
    const f = last(check(displayMath('b^{(1)} = b', directive('model=mlp'))));
    assert.equal(f.verdict, 'unsupported');
    // …while b^{(t+1)} stays b's time step.
    verified(check(displayMath('b^{(t+1)} = b^{(t)} - \\alpha \\nabla_b L', directive('model=mlp'))));
  });

  it('differentiates with respect to a label of the document’s own model', () => {
    const header = '<!-- derivcheck: shapes W^{(1)}=3x2 x=2 v=3 -->\n\n';
    const model = `${header}$h = \\tanh(W^{(1)} x)$, $\\hat y = v^\\top h$\n\n`;
    // ŷ = vᵀ tanh(W x): ∂ŷ/∂W = (v ⊙ (1 − h²)) xᵀ, a 3×2 matrix.
    verified(check(`${model}$$\\frac{\\partial \\hat y}{\\partial W^{(1)}} = (v \\odot (1 - h \\odot h)) x^\\top$$\n`), 1);
    mismatch(last(check(`${model}$$\\frac{\\partial \\hat y}{\\partial W^{(1)}} = v x^\\top$$\n`)));
  });
});
