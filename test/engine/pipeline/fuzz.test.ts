// Property-based fuzzing (fast-check, fixed seed: a failure prints the seed and the shrunk case):
// grammar-made math in three notations, mutated fixture claims, and whole documents built from them.
// `npm run fuzz` runs the same properties 100,000+ times (scripts/fuzz.ts).
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { fixtureClaims, fuzzDocument, grammarClaim, mutatedClaim, type FuzzDocument } from './fuzz/generators';
import { examine } from './fuzz/properties';
import { checkDocument, checkText, type Finding } from '../../../src/engine';
import { matrixPower } from '../../../src/engine/semantics/compile';
import { fromValues, matmul } from '../../../src/engine/evaluate/tensor';

const SEED = 20261127;
/** Symbolic proofs are off: they are extra evidence and never the verdict, and would dominate the run time. */
const OPTIONS = { symbolicTimeoutMs: 0, samples: 4, claimBudgetMs: 200 };

function property(name: string, documents: fc.Arbitrary<FuzzDocument>, runs: number, sliced = false): void {
  it(`${name} (${runs} cases)`, () => {
    let cases = 0;
    fc.assert(
      fc.property(documents, (doc) => {
        cases++;
        const { violations } = examine(doc, OPTIONS, sliced);
        assert.deepEqual(violations, [], JSON.stringify(doc.text.slice(0, 2000)));
      }),
      { seed: SEED, numRuns: runs, endOnFailure: false },
    );
    assert.equal(cases >= runs, true);
  });
}

describe('fuzzing: hostile and broken math never breaks the engine', function () {
  this.timeout(180_000);
  const claims = fixtureClaims();

  it('takes claims in every notation from the fixtures', () => {
    const notations = new Set(claims.map((c) => c.notation));
    assert.deepEqual([...notations].sort(), ['ascii', 'latex', 'unicode']);
    assert.ok(claims.length > 200, `${claims.length} claims`);
  });

  // Single claims in Markdown and code comments (cheap to check), then whole documents in every language.
  const single = { maxPieces: 1, languages: ['markdown', 'python', 'javascript'] } as const;
  property('grammar-made math in LaTeX, Unicode and ASCII', fuzzDocument(grammarClaim, single), 1800);
  property('mutated fixture claims', fuzzDocument(mutatedClaim(claims), single), 2200);
  property('documents (Markdown, LaTeX, code) mixing both, checked by the sliced job of the language server', fuzzDocument(fc.oneof(grammarClaim, mutatedClaim(claims), fc.constantFrom(...claims))), 1000, true);

  it('an unclosed brace really breaks the math it is put in (the property above is not vacuous)', () => {
    const doc = '$\\frac{\\partial L}{\\partial d} = -2(y - \\hat{y}{)$\n';
    const [finding] = checkText(doc, OPTIONS).findings;
    assert.equal(finding.verdict, 'unparsed');
  });
});

// Found while fuzzing and probing: unbounded recursion (a stack overflow in whatever reads a 3,000-term
// sum) and quadratic work (10,000 nested \frac); each now has a located message.
describe('deep and huge input', () => {
  const NESTED = 'could not parse this math: nested more than 200 levels deep';
  const only = (findings: readonly Finding[]) => {
    assert.equal(findings.length, 1);
    return findings[0];
  };

  it('10,000 nested parentheses, in LaTeX, Unicode and ASCII: nested too deep, at the 201st', () => {
    const prefix = '$\\frac{\\partial L}{\\partial d} = ';
    const latex = only(checkText(`${prefix}${'('.repeat(10_000)}y${')'.repeat(10_000)}$`, OPTIONS).findings);
    assert.equal(latex.verdict, 'unparsed');
    assert.equal(latex.message, NESTED);
    assert.deepEqual(latex.range, { start: prefix.length + 200, end: prefix.length + 201 });
    const unicode = only(checkText(`∂L/∂d = ${'('.repeat(10_000)}−2(y − ŷ)${')'.repeat(10_000)}\n`, OPTIONS).findings);
    assert.equal(unicode.verdict, 'unparsed');
    assert.equal(unicode.message, NESTED);
    const ascii = only(checkDocument(`# dL/dd = ${'('.repeat(10_000)}-2*(y - y_pred)${')'.repeat(10_000)}\n`, 'python', OPTIONS).findings);
    assert.equal(ascii.verdict, 'unparsed');
    assert.equal(ascii.message, NESTED);
  });

  it('\\frac nested 5,000 deep and 10,000 nested braces: nested too deep', () => {
    for (const math of [`x = ${'\\frac{'.repeat(5000)}1${'}{2}'.repeat(5000)}`, `x = ${'{'.repeat(10_000)}a${'}'.repeat(10_000)}`]) {
      const finding = only(checkText(`$${math}$`, OPTIONS).findings);
      assert.equal(finding.verdict, 'unparsed');
      assert.equal(finding.message, NESTED);
    }
  });

  it('200 levels are still checked', () => {
    for (const [open, close] of [['(', ')'], ['\\left(', '\\right)'], ['{', '}']]) {
      const math = `\\frac{\\partial L}{\\partial d} = ${open.repeat(199)}-2(y-\\hat y)${close.repeat(199)}`;
      assert.equal(only(checkText(`$${math}$`, OPTIONS).findings).verdict, 'verified', open);
    }
    const fractions = `(a+b)^2 = ${'\\frac{'.repeat(199)}(a+b)^2${'}{1}'.repeat(199)}`;
    assert.equal(only(checkText(`$${fractions}$`, OPTIONS).findings).verdict, 'verified');
  });

  it('a sum of 3,000 terms is too long to check (it overflowed the stack of the compiler)', () => {
    const finding = only(checkText(`$(a+b)^2 = ${Array.from({ length: 3000 }, () => 'a').join(' + ')}$`, OPTIONS).findings);
    assert.equal(finding.verdict, 'unparsed');
    assert.match(finding.message, /^could not parse this math: too long to check: more than 1000 terms, factors or nested operations in a row$/);
    const fine = only(checkText(`$(a+b)^2 = ${Array.from({ length: 300 }, () => 'a').join(' + ')}$`, OPTIONS).findings);
    assert.equal(fine.verdict, 'mismatch');
  });

  it('huge numbers are never verified and never an internal error', () => {
    for (const math of ['a = 1e400 a', `a = ${'9'.repeat(5000)} + a`, `\\frac{\\partial L}{\\partial d} = ${'9'.repeat(5000)}(y - \\hat y)`, 'x = 1e-400 + x']) {
      const finding = only(checkText(`$${math}$`, OPTIONS).findings);
      assert.notEqual(finding.verdict, 'verified', math);
      assert.notEqual(finding.code, 'internal-error', math);
    }
    // A value given (no model applies to x): recorded, not a claim, and no error.
    assert.deepEqual(checkText('$x = 1e-400$', OPTIONS).findings, []);
  });

  it('a matrix to a 31-digit power is computed by squaring (fuzzing found it looping for ever)', () => {
    const finding = only(checkText('$x^* = (A^TA + \\lambda I)^{1234567890123456789012345678901}A^Tb$', OPTIONS).findings);
    assert.notEqual(finding.verdict, 'verified');
    assert.equal(finding.code, undefined, finding.message);
    const m = fromValues(2, 2, [1, 1, 1, 0]);
    let product = m;
    for (let i = 1; i < 11; i++) product = matmul(product, m);
    assert.deepEqual([...matrixPower(m, 11).v], [...product.v]);
    assert.deepEqual([...matrixPower(m, 11).v], [144, 89, 89, 55]);
  });

  it('a sum up to 10⁹ is stopped by the claim budget, not run for minutes', () => {
    const finding = only(checkText('$a = \\sum_{j=1}^{1000000000} a$', OPTIONS).findings);
    assert.equal(finding.code, 'too-complex');
    assert.equal(finding.message, 'too complex to check in time (over 200 ms)');
  });

  it('10,000 dollar signs and an empty document: nothing to check', () => {
    assert.deepEqual(checkText('$'.repeat(10_000), OPTIONS).findings, []);
    assert.deepEqual(checkText('', OPTIONS).findings, []);
  });
});
