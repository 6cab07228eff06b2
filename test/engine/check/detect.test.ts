import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkText, type Finding } from '../../../src/engine';
import { DocumentChecker } from '../../../src/engine/check/document';
import { ExtractionCache } from '../../../src/engine/extract/chunks';
import { MODELS } from '../../../src/engine/models/registry';
import { LineMap } from '../../../src/engine/source/location';
import type { Heading } from '../../../src/engine/extract/types';
import { checkFixtureText } from '../../support/fixtures';
import { FIXTURES } from '../../support/paths';

/** Checks a document with its Markdown headings (`# …` lines) given to the checker or not, whatever the extractor reports. */
function checkWithHeadings(text: string, withHeadings = true): Finding[] {
  const { spans, directives } = new ExtractionCache().extract(text);
  const headings: Heading[] = [...text.matchAll(/^(#{1,6}) .*$/gm)].map((m) => ({ start: m.index!, end: m.index! + m[0].length, level: m[1].length }));
  return new DocumentChecker(text, {}).run({ spans, directives, headings: withHeadings ? headings : [] });
}

/** `line: model verdict` for every finding, to compare with what a reader expects. */
function readings(text: string, findings: Finding[]): string[] {
  const lines = new LineMap(text);
  return findings.map((f) => `${lines.position(f.range.start).line}: ${String(f.evidence.model)} ${f.verdict}`);
}

const OWN_MODEL = 'Let $J = (q - t)^2$ where $q = ux$.\n\n';

describe('model auto-detection', () => {
  it('keeps the MLP when nothing distinguishes, and records the model in every finding', () => {
    const text = [
      '$\\frac{\\partial L}{\\partial d} = -2(y - \\hat y)$',
      "$\\frac{\\partial L}{\\partial b_i} = -2(y - \\hat y)C_i\\sigma'(z_i)$",
      '$(a+b)^2 = a^2 + 2ab + b^2$',
      '$\\sigma(1) \\approx 0.731$',
    ].join('\n\n');
    assert.deepEqual(readings(text, checkText(text).findings), ['1: mlp verified', '3: mlp verified', '5: mlp verified', '7: mlp verified']);
  });

  it('reads definitions over the MLP (δ = −2(y − ŷ)) as aliases in the MLP, not a model of their own', () => {
    const text = '$\\delta = -2(y - \\hat y)$, so $\\frac{\\partial L}{\\partial C_i} = \\delta\\,\\sigma(z_i)$';
    assert.deepEqual(readings(text, checkText(text).findings), ['1: mlp verified']);
  });

  it('finds the document’s own model from symbols no built-in model knows, next to MLP claims', () => {
    const text = `${OWN_MODEL}$\\frac{\\partial J}{\\partial u} = 2(q - t)x$\n\n$\\frac{\\partial L}{\\partial d} = -2(y - \\hat y)$\n\n$\\frac{\\partial J}{\\partial x} = 2(q - t)$\n`;
    assert.deepEqual(readings(text, checkText(text).findings), ['3: custom verified', '5: mlp verified', '7: custom mismatch']);
  });

  it('lets a document redefine a built-in symbol: L defined through its own ŷ is no longer the MLP’s L', () => {
    const text = 'Let $\\hat y = wx$ and $L = (y - \\hat y)^2$.\n\n$\\frac{\\partial L}{\\partial w} = -2(y - \\hat y)x$\n\n$\\frac{\\partial L}{\\partial \\hat y} = -2(y - \\hat y)$\n';
    assert.deepEqual(readings(text, checkText(text).findings), ['3: custom verified', '5: custom verified']);
  });

  it('takes a definition written before the quantities it uses as a definition, not a claim about the MLP', () => {
    const text = 'We minimise $L = \\frac12(\\hat y - y)^2$ where $\\hat y = wx + c$.\n\n$\\frac{\\partial L}{\\partial w} = (\\hat y - y)x$\n';
    assert.deepEqual(readings(text, checkText(text).findings), ['3: custom verified']);
  });

  it('keeps the model of the previous equation on a tie, until a heading', () => {
    const text = `${OWN_MODEL}# One\n\n$\\frac{\\partial L}{\\partial d} = -2(y - \\hat y)$\n\n$x^2 = x \\cdot x$\n\n# Two\n\n$x^2 = x \\cdot x$\n\n$\\frac{\\partial J}{\\partial u} = 2(q - t)x$\n`;
    // Without headings the tie keeps the MLP of line 5; with them, line 11 goes with the rest of its section.
    assert.deepEqual(readings(text, checkWithHeadings(text, false)), ['5: mlp verified', '7: mlp verified', '11: mlp verified', '13: custom verified']);
    assert.deepEqual(readings(text, checkWithHeadings(text)), ['5: mlp verified', '7: mlp verified', '11: custom verified', '13: custom verified']);
  });

  it('lets a model directive win over detection, and model=auto return to it', () => {
    const text = `${OWN_MODEL}<!-- derivcheck: model=mlp -->\n\n$\\frac{\\partial J}{\\partial u} = 2(q - t)x$\n\n<!-- derivcheck: model=auto -->\n\n$\\frac{\\partial J}{\\partial u} = 2(q - t)x$\n`;
    const findings = checkText(text).findings;
    assert.deepEqual(readings(text, findings), ['5: mlp unsupported', '9: custom verified']);
    assert.match(findings[0].message, /^J is not defined here, and it is not a quantity of the mlp model, so ∂J\/∂u cannot be computed$/);
  });

  it('never lets a model choice turn an undecidable claim into a verified one', () => {
    for (const claim of ['\\frac{\\partial L}{\\partial w} = -2(y - \\hat y)x', '\\frac{\\partial z}{\\partial w} = 0']) {
      const [f] = checkText(`$${claim}$`).findings;
      assert.equal(f.verdict, 'unsupported', claim);
    }
  });
});

describe('model auto-detection across the review’s models', () => {
  before(() => {
    // A model missing from the registry is a broken build, not a reason to skip these.
    for (const model of ['mlp', 'ridge', 'batchnorm', 'batchnorm-mean']) assert.ok(MODELS[model], `model ${model} is registered`);
  });

  const REVIEW = [
    '# Problem 1',
    '',
    '$\\frac{\\partial L}{\\partial d} = -2(y - \\hat y)$',
    '',
    '# Problem 2',
    '',
    '$\\nabla_x f = 2A^\\top(Ax - b) + 2\\lambda x$',
    '',
    '$x^* = A^\\top(AA^\\top + \\lambda I)^{-1} b$',
    '',
    '# Problem 3',
    '',
    'The batch is $x = (1, 7, 7, 9)$ with $\\gamma = 1$ and $\\beta = 0$.',
    '',
    '$\\mu = 6$',
    '',
    '$\\sigma^2 = 9$',
    '',
    '# Problem 4',
    '',
    '$\\frac{\\partial y_j}{\\partial x_i} = \\gamma(\\delta_{ij} - \\frac{1}{m})$',
    '',
  ].join('\n');

  it('reads each problem of a whole review solution in its own model', () => {
    assert.deepEqual(readings(REVIEW, checkWithHeadings(REVIEW)), [
      '3: mlp verified',
      '7: ridge verified',
      '9: ridge verified',
      '15: batchnorm verified',
      '17: batchnorm verified',
      '21: batchnorm-mean verified',
    ]);
  });

  it('follows a document from Problem 3 to Problem 4 without a heading: a redefined x̂ switches to the mean-only layer', () => {
    const text = [
      'The batch is $x = (1, 7, 7, 9)$ with $\\gamma = 1$, $\\beta = 0$, so $\\sigma^2 = 9$.',
      '',
      'Now the mean-only layer: $\\hat x_i = x_i - \\mu$ and $y_i = \\gamma\\hat x_i + \\beta$.',
      '',
      '$\\frac{\\partial L}{\\partial x_i} = \\gamma\\frac{\\partial L}{\\partial y_i} - \\frac{\\gamma}{m}\\sum_{j=1}^m \\frac{\\partial L}{\\partial y_j}$',
      '',
      '$\\frac{\\partial L}{\\partial x_i} = \\gamma\\frac{\\partial L}{\\partial y_i}$',
    ].join('\n');
    // Line 3 writes the mean-only layer's own formulas: definitions (model-restatements.ts), no claims, but they choose the layer.
    assert.deepEqual(readings(text, checkText(text).findings), ['1: batchnorm verified', '5: batchnorm-mean verified', '7: batchnorm-mean mismatch']);
  });

  it('keeps the full layer when a slip in x̂ is followed by equations only the full layer knows', () => {
    const text = [
      'The batch is $x = (1, 7, 7, 9)$ with $\\gamma = 1$, $\\beta = 0$.',
      '',
      '$\\hat x_i = x_i - \\mu$',
      '',
      '$\\sigma^2 = 9$',
    ].join('\n');
    assert.deepEqual(readings(text, checkText(text).findings), ['3: batchnorm mismatch', '5: batchnorm verified']);
  });

  it('takes a set of numbers standing alone as the batch of the layer the section is about', () => {
    const text = 'For the batch $\\{1, 7, 7, 9\\}$: $\\mu = 6$ and $\\sigma^2 = 9$.\n\n$\\hat x_1 = -\\frac{5}{3}$\n\n$\\hat x_4 = \\frac{1}{3}$\n';
    assert.deepEqual(readings(text, checkText(text).findings), ['1: batchnorm verified', '1: batchnorm verified', '3: batchnorm verified', '5: batchnorm mismatch']);
    // A set that is not a list of numbers is not a batch: μ = 6 is then a value given, not a claim.
    const symbolic = 'For the batch $\\{a, b\\}$: $\\mu = 6$.';
    assert.deepEqual(readings(symbolic, checkText(symbolic).findings), [], 'μ alone ties nothing to batchnorm: a value given in free variables');
  });

  it('reads an equation between two sizes (`n = d`) as a case, not a claim', () => {
    const text = '$\\nabla_x f = 2A^\\top(Ax - b) + 2\\lambda x$, and when $n = d$ and $A$ is invertible nothing changes.';
    assert.deepEqual(readings(text, checkText(text).findings), ['1: ridge verified']);
  });

  it('gives a stated batch to the batchnorm layer, not to a model that merely knows x', () => {
    const findings = checkText(REVIEW).findings;
    const stated = findings.find((f) => f.text.startsWith('x = '));
    assert.equal(stated, undefined, 'x = (1, 7, 7, 9) is a given, not a claim');
    const mu = findings.find((f) => f.text === '\\mu = 6')!;
    assert.equal(mu.verdict, 'verified', mu.message);
  });
});

describe('auto-detection on the solutions written for each model', () => {
  // Each fixture names its model in a directive; without it, detection must reach the same verdicts,
  // and those are the verdicts, diagnoses and claim count its markers state by hand.
  const sets: [string, string[]][] = [
    ['students', ['mlp']],
    ['ridge', ['ridge']],
    ['batchnorm', ['batchnorm', 'batchnorm-mean']],
  ];
  for (const [folder, models] of sets) {
    const dir = join(FIXTURES, folder);
    it(`${folder}: the same verdicts without the model directive, as the fixtures' markers state`, function () {
      assert.ok(existsSync(dir), `${dir} exists`);
      for (const model of models) assert.ok(MODELS[model], `model ${model} is registered`);
      this.timeout(120_000);
      const names = readdirSync(dir).filter((f) => f.endsWith('.md') && f !== 'README.md').sort();
      assert.ok(names.length >= 5, `${folder} holds its fixtures`);
      const problems: string[] = [];
      for (const name of names) {
        const text = readFileSync(join(dir, name), 'utf8');
        const undirected = text.replace(/\bmodel=[a-z-]+\s*/g, '');
        const named = checkText(text).findings.map((f) => `${f.text} → ${f.verdict}`);
        const detected = checkText(undirected).findings.map((f) => `${f.text} → ${f.verdict} (${String(f.evidence.model)})`);
        const differing = detected.filter((d) => !named.includes(d.replace(/ \([^)]*\)$/, '')));
        if (differing.length > 0 || detected.length !== named.length) problems.push(`${folder}/${name}: ${differing.join('; ') || 'a different number of findings'}`);
        const { findings, problems: unmarked } = checkFixtureText(name, undirected);
        problems.push(...unmarked.map((p) => `${folder}/${p} (detected)`));
        // A claim the parser refuses has no model; every other is read in the folder's, or in none: a
        // part with no evidence of a model (σ′ = σ(1 − σ) under its own heading) is read in free
        // variables, with the verdict the directive gives (held above).
        for (const f of findings) if (f.evidence.model !== undefined && ![...models, 'none'].includes(String(f.evidence.model))) problems.push(`${folder}/${name}: ${f.text} read in ${String(f.evidence.model)}`);
      }
      assert.deepEqual(problems, []);
    });
  }
});
