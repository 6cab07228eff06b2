// Long LaTeX documents are parsed a piece at a time (extract/latex.ts, latexPieces). Cutting must
// never change what is extracted: each document here is extracted with a cut at every safe blank
// line and as one piece, and the two must be identical.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractLatex, latexPieces } from '../../../src/engine/extract/latex';
import { generateCorpus } from '../../../bench/generator';

const WHOLE = Number.POSITIVE_INFINITY;

/** Paragraphs that open something across a blank line, or that a naive cut would split wrongly. */
const TRICKY = [
  String.raw`\newcommand{\pd}[2]{\frac{\partial #1}{\partial #2}}
\DeclareMathOperator{\diag}{diag}`,
  String.raw`$\pd{L}{d} = 2(\hat y - y)$ and $\diag(x)$.`,
  String.raw`\begin{verbatim}
{ unbalanced $ and \begin{align}

still verbatim }
\end{verbatim}`,
  String.raw`\iffalse
$\pd{L}{d} = 5$

still dead
\fi`,
  String.raw`\newif\ifsolutions
\ifsolutions
$\pd{L}{C_i} = 1$

\else
$\pd{L}{C_i} = 2(\hat y - y)\sigma(z_i)$
\fi`,
  String.raw`Text with \verb|{| and \verb+$+ and \lstinline!}! inline.`,
  String.raw`% a comment with { and $ and \begin{align}

after the comment $x = 1$`,
  String.raw`\begin{align}
\pd{L}{b_i} &= -2(y-\hat y) C_i \sigma'(z_i)
\end{align}`,
  String.raw`{\bf a group

that spans a blank line $y = 2$}`,
  String.raw`\[ \pd{L}{d} = 2(\hat y - y) \]

\( x = 1 \) then $$ \pd{L}{d} = -2(y - \hat y) $$`,
  String.raw`\renewcommand{\pd}[2]{\partial #1 / \partial #2}
$\pd{L}{d} = 2(\hat y - y)$`,
  String.raw`\section{Ridge}
% derivcheck: model=ridge n=4 d=2
$\nabla_x f = 2A^T(Ax - b) + 2\lambda x$`,
  String.raw`a lone $ opens math here

and this paragraph`,
  String.raw`\begin{align}
unclosed \pd{L}{d} = 1

\end{itemize}`,
  String.raw`\begin{itemize}\item $z = 1$

\item $\pd{L}{d} = 2$ \end{itemize}`,
];

function corpusOfTricky(): string {
  // Each paragraph several times, in different orders, so cuts fall before, inside and after each.
  const out: string[] = [];
  for (let round = 0; round < 4; round++) for (let i = 0; i < TRICKY.length; i++) out.push(TRICKY[(i * (round + 1) + round) % TRICKY.length]);
  return out.join('\n\n');
}

function assertSameExtraction(text: string, label: string): number {
  const pieces = latexPieces(text, 1);
  assert.equal(pieces[0].start, 0);
  assert.equal(pieces[pieces.length - 1].end, text.length);
  for (let i = 1; i < pieces.length; i++) assert.equal(pieces[i].start, pieces[i - 1].end, `${label}: pieces are contiguous`);
  assert.deepEqual(extractLatex(text, 1), extractLatex(text, WHOLE), label);
  return pieces.length;
}

describe('LaTeX documents parsed in pieces', function () {
  this.timeout(120_000);

  it('extracts the same spans, directives, headings and problems as the whole document (tricky paragraphs)', () => {
    const text = corpusOfTricky();
    const pieces = assertSameExtraction(text, 'tricky');
    assert.ok(pieces >= 10, `the document was cut (${pieces} pieces)`);
    // A CRLF copy of it too.
    assertSameExtraction(text.replace(/\n/g, '\r\n'), 'tricky, CRLF');
  });

  it('never cuts inside a group, environment, conditional, verbatim or math', () => {
    const text = corpusOfTricky();
    for (const piece of latexPieces(text, 1).slice(0, -1)) {
      const before = text.slice(0, piece.end);
      const opened = (re: RegExp) => (before.match(re) ?? []).length;
      assert.equal(opened(/\\begin\{verbatim\}/g), opened(/\\end\{verbatim\}/g), `verbatim closed before ${piece.end}`);
      assert.equal(opened(/\\iffalse|(?<!newif)\\ifsolutions\n/g), opened(/\\fi\b/g), `conditionals closed before ${piece.end}`);
    }
  });

  it('cuts inside \\begin{document} … \\end{document}', () => {
    const text = `\\begin{document}\n${corpusOfTricky()}\n\\end{document}\n`;
    assert.ok(assertSameExtraction(text, 'document') >= 10);
  });

  it('extracts the same from every .tex fixture and from generated long documents', () => {
    const dirs = ['test/engine/fixtures/solutions', 'test/integration/fixtures/workspace'];
    for (const dir of dirs) {
      for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.tex'))) {
        const text = fs.readFileSync(path.join(dir, name), 'utf8');
        assertSameExtraction(text, name);
      }
    }
    for (const seed of [1, 2]) {
      const tex = generateCorpus(200, seed).files.find((f) => f.name.endsWith('.tex'))!;
      assert.ok(assertSameExtraction(tex.text, `corpus ${seed}`) >= 5);
    }
  });

  it('parses a short document whole', () => {
    assert.deepEqual(latexPieces('$x = 1$\n\n$y = 2$', 16_000), [{ start: 0, end: 16 }]);
  });
});
