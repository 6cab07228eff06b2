// Pathological documents (issue 6): each kind, in Markdown, LaTeX and a Python file's comments, gets
// what a user would expect: no exception, findings located exactly (or none), a clear message for
// what cannot be read, and the rest of the document still checked. The CLI's side (reading bytes:
// size limit, binary files, invalid UTF-8, a BOM) is in test/cli/pathological.test.ts.
import * as assert from 'node:assert/strict';
import { checkDocument, type CheckReport, type DocumentLanguage, type Finding } from '../../../src/engine';
import { extractLatex, latexPieces } from '../../../src/engine/extract/latex';
import { shutdownProver } from '../../../src/engine/symbolic/prover';

type Language = Extract<DocumentLanguage, 'markdown' | 'latex' | 'python'>;
const LANGUAGES: readonly Language[] = ['markdown', 'latex', 'python'];

/** A claim that holds and one with a sign error, as each language writes them. */
const GOOD: Record<Language, string> = {
  markdown: '\\frac{\\partial L}{\\partial d} = -2(y - \\hat y)',
  latex: '\\frac{\\partial L}{\\partial d} = -2(y - \\hat y)',
  python: 'dL/dd = -2*(y - y_hat)',
};
const BAD: Record<Language, string> = {
  markdown: '\\frac{\\partial L}{\\partial d} = 2(y - \\hat y)',
  latex: '\\frac{\\partial L}{\\partial d} = 2(y - \\hat y)',
  python: 'dL/dd = 2*(y - y_hat)',
};

/** One line holding a claim: math in Markdown and LaTeX, a comment in Python. */
function line(language: Language, claim: string): string {
  return language === 'python' ? `# ${claim}` : `$${claim}$`;
}

/** What every report must satisfy: ranges inside the document, a message, and the claim's own text. */
function assertSane(text: string, report: CheckReport, label: string): void {
  for (const f of report.findings) {
    assert.ok(f.range.start >= 0 && f.range.start <= f.range.end && f.range.end <= text.length, `${label}: range ${f.range.start}-${f.range.end} inside 0-${text.length}`);
    assert.ok(f.message.length > 0, `${label}: a message`);
  }
}

/** The finding whose range starts exactly where `claim` is written (the n-th occurrence from `from`). */
function findingAt(text: string, report: CheckReport, claim: string, from = 0): Finding {
  const start = text.indexOf(claim, from);
  assert.ok(start >= 0, `the document holds ${claim}`);
  const found = report.findings.find((f) => f.range.start === start && f.range.end === start + claim.length);
  assert.ok(found, `a finding on ${start}-${start + claim.length}; got ${JSON.stringify(report.findings.map((f) => [f.verdict, f.range.start, f.range.end, f.message.slice(0, 60)]))}`);
  return found;
}

function check(text: string, language: Language, label: string): CheckReport {
  const report = checkDocument(text, language);
  assertSane(text, report, label);
  return report;
}

describe('pathological documents (engine)', function () {
  this.timeout(60_000);
  after(() => shutdownProver());

  for (const language of LANGUAGES) {
    describe(language, () => {
      it('an empty document, one of only whitespace, one of only a BOM: no findings', () => {
        for (const text of ['', '\n\n\t  \r\n', '\uFEFF']) assert.deepEqual(check(text, language, JSON.stringify(text)).findings, []);
      });

      it('10,000 nested parentheses: one unparsed finding that says why, and the next claim is still checked', () => {
        const open = '('.repeat(10_000);
        const close = ')'.repeat(10_000);
        const nested = language === 'python' ? `dL/dd = ${open}-2*(y - y_hat)${close}` : `\\frac{\\partial L}{\\partial d} = ${open}-2(y - \\hat y)${close}`;
        const text = `${line(language, nested)}\n\n${line(language, BAD[language])}\n`;
        const report = check(text, language, 'nested');
        const first = report.findings.find((f) => f.range.start < text.indexOf('\n'));
        assert.ok(first, 'a finding on the nested claim');
        assert.equal(first.verdict, 'unparsed');
        assert.match(first.message, /too long|nested more than \d+ levels/);
        assert.equal(findingAt(text, report, BAD[language]).verdict, 'mismatch');
      });

      it('10,000 $ signs: nothing verified, no exception, and a claim after them is checked where it is', () => {
        const dollars = '$'.repeat(10_000);
        const text = `${language === 'python' ? `# ${dollars}` : dollars}\n\n${line(language, BAD[language])}\n`;
        const report = check(text, language, 'dollars');
        assert.equal(findingAt(text, report, BAD[language]).verdict, 'mismatch');
        assert.ok(report.findings.every((f) => f.verdict !== 'verified'));
      });

      it('a 1 MB single line: the claims at its start and its end are found at their exact offsets', () => {
        const prose = 'lorem ipsum dolor sit amet, '.repeat(36_000); // 1,008,000 characters
        const text = language === 'python'
          ? `x = 1  # ${BAD.python}; ${prose} so ${BAD.python}\n`
          : `${line(language, GOOD[language])} ${prose} ${line(language, BAD[language])}`;
        assert.ok(text.length > 1_000_000 && !text.trimEnd().includes('\n'));
        const report = check(text, language, '1 MB line');
        const head = language === 'python' ? findingAt(text, report, BAD.python) : findingAt(text, report, GOOD[language]);
        assert.equal(head.verdict, language === 'python' ? 'mismatch' : 'verified');
        const tail = findingAt(text, report, BAD[language], text.length - 200);
        assert.equal(tail.verdict, 'mismatch');
        assert.equal(report.findings.length, 2);
      });

      it('CRLF line ends: the same findings, at the same lines and columns, as with LF', () => {
        const lf = [
          language === 'python' ? '# Problem 1' : 'Problem 1',
          '',
          `${line(language, GOOD[language])}`,
          language === 'python' ? '# then' : 'then',
          '',
          `  ${line(language, BAD[language])}`,
          '',
        ].join('\n');
        const crlf = lf.replace(/\n/g, '\r\n');
        const positions = (text: string) => {
          const report = check(text, language, 'line ends');
          return report.findings.map((f) => ({ verdict: f.verdict, start: report.lineMap.position(f.range.start), end: report.lineMap.position(f.range.end), text: text.slice(f.range.start, f.range.end) }));
        };
        const expected = positions(lf);
        assert.deepEqual(expected.map((p) => p.verdict), ['verified', 'mismatch']);
        assert.deepEqual(positions(crlf), expected);
      });

      it('a BOM before the first claim: the claim is found where it is written', () => {
        const text = `\uFEFF${line(language, BAD[language])}\n`;
        assert.equal(findingAt(text, check(text, language, 'BOM'), BAD[language]).verdict, 'mismatch');
      });

      it('combining characters: ŷ written as y + U+0302 reads as ŷ, located on the text written', () => {
        const claim = language === 'python' ? 'dL/dd = 2*(y - y\u0302)' : '\\frac{\\partial L}{\\partial d} = 2(y - y\u0302)';
        const text = `${line(language, claim)}\n`;
        assert.equal(findingAt(text, check(text, language, 'combining'), claim).verdict, 'mismatch');
      });

      it('a U+FFFD (what invalid UTF-8 decodes to) or a NUL in math: unparsed, at that character', () => {
        for (const bad of ['\uFFFD', '\u0000']) {
          const claim = language === 'python' ? `dL/dd = 2*(y - y_hat)${bad}` : `\\frac{\\partial L}{\\partial d} = 2(y - \\hat y)${bad}`;
          const text = `${line(language, claim)}\n`;
          const report = check(text, language, JSON.stringify(bad));
          const at = text.indexOf(bad);
          const finding = report.findings.find((f) => f.range.start <= at && at < f.range.end);
          assert.ok(finding, `a finding covers ${JSON.stringify(bad)}: ${JSON.stringify(report.findings.map((f) => [f.verdict, f.range]))}`);
          assert.equal(finding.verdict, 'unparsed');
          assert.ok(report.findings.every((f) => f.verdict !== 'verified'));
        }
      });

      it('binary junk (every byte value, decoded as UTF-8 with replacement): no exception, ranges inside', () => {
        // A deterministic byte soup with claims' characters in it, so extractors get past their cheap tests.
        let state = 7;
        const bytes = Buffer.alloc(16 * 1024);
        for (let i = 0; i < bytes.length; i++) bytes[i] = (state = (state * 1103515245 + 12345) >>> 0) >>> 24;
        const junk = bytes.toString('utf8');
        const text = `${junk}\n${line(language, BAD[language])}\n${junk}`;
        const report = check(text, language, 'junk');
        assert.ok(report.findings.every((f) => f.verdict !== 'verified' || !/[\uFFFD\u0000]/.test(f.text)), 'nothing with junk in it is verified');
      });
    });
  }

  it('Markdown: tabs inside a line are spacing; a tab-indented line is an indented code block, not math', () => {
    const inline = 'Since\t$\\frac{\\partial L}{\\partial d}\t=\t2(y - \\hat y)$\n';
    assert.equal(findingAt(inline, check(inline, 'markdown', 'tab'), '\\frac{\\partial L}{\\partial d}\t=\t2(y - \\hat y)').verdict, 'mismatch');
    const indented = `Text\n\n\t$${BAD.markdown}$\n`;
    assert.deepEqual(check(indented, 'markdown', 'indented').findings, []);
  });

  it('LaTeX and Python: a tab-indented claim with tabs in it is found where it is written', () => {
    const tex = `\t$\\frac{\\partial L}{\\partial d}\t=\t2(y - \\hat y)$\n`;
    assert.equal(findingAt(tex, check(tex, 'latex', 'tab'), '\\frac{\\partial L}{\\partial d}\t=\t2(y - \\hat y)').verdict, 'mismatch');
    const py = 'def f():\n\t# dL/dd\t=\t2*(y - y_hat)\n\treturn 0\n';
    assert.equal(findingAt(py, check(py, 'python', 'tab'), 'dL/dd\t=\t2*(y - y_hat)').verdict, 'mismatch');
  });

  it('LaTeX: groups nested 10,000 deep (more than the parser\'s stack) are named where they start; other paragraphs are still checked', () => {
    for (const nested of ['{'.repeat(10_000) + 'x' + '}'.repeat(10_000), '\\frac{1}{'.repeat(2_000) + 'x' + '}'.repeat(2_000)]) {
      const text = `${line('latex', GOOD.latex)}\n\n$a = ${nested}$\n\n${line('latex', BAD.latex)}\n`;
      const report = check(text, 'latex', 'deep groups');
      assert.equal(findingAt(text, report, GOOD.latex).verdict, 'verified');
      assert.equal(findingAt(text, report, BAD.latex).verdict, 'mismatch');
      const deep = report.findings.filter((f) => f.range.start > text.indexOf('$a = ') && f.range.start < text.lastIndexOf('$a = ') + nested.length);
      assert.equal(deep.length, 1, JSON.stringify(deep.map((f) => f.message)));
      assert.equal(deep[0].verdict, 'unparsed');
      assert.match(deep[0].message, /nested more than 200 levels deep/);
    }
  });

  it('LaTeX: long runs of plain text are not parsed, and the extraction is the same as parsing everything', () => {
    const prose = (n: number) => 'word and more words. '.repeat(n);
    const text = [
      '\\newcommand{\\pd}[2]{\\frac{\\partial #1}{\\partial #2}}',
      `\\section{Long} ${prose(300)}`,
      `$\\pd{L}{d} = 2(\\hat y - y)$ ${prose(400)} % derivcheck: model=mlp`,
      `{\\bf ${prose(300)}} \\textbf ${prose(300)}`,
      `\\begin{align}\n\\pd{L}{b_i} &= -2(y-\\hat y) C_i \\sigma'(z_i)\n\\end{align} ${prose(400)}`,
    ].join('\n');
    const pieces = latexPieces(text, 1);
    const plain = pieces.filter((p) => !/[\\$%{}]/.test(text.slice(p.start, p.end)) && p.end - p.start >= 4096);
    assert.ok(plain.length >= 3, `long plain runs are pieces of their own (${plain.length})`);
    assert.deepEqual(extractLatex(text), extractLatex(text, Number.POSITIVE_INFINITY));
  });
});
