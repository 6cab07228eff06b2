// A document check run a piece at a time, so that a caller on an event loop (the language server)
// can interleave other work between pieces. Same results as checkDocument: the pieces are the same
// code, run in the same order.
import type { CheckReport } from './index';
import { DocumentChecker } from './check/document';
import type { CheckOptions } from './check/options';
import { extractComments } from './extract/comments';
import { ExtractionCache } from './extract/chunks';
import { extractLatex } from './extract/latex';
import type { ExtractionProblem } from './extract/latex-macros';
import { withExtractionProblems } from './extract/latex-problems';
import type { Extraction } from './extract/types';
import type { DocumentLanguage } from './languages';
import { LineMap } from './source/location';

export interface CheckJob {
  /**
   * Does the next piece of work: the extraction of one Markdown run (a LaTeX or code document's
   * whole extraction), the parse of one span, the document pass, or the check of one span. Returns
   * false once the check is complete. Never throws (a failing span is a finding, as in checkDocument).
   */
  step(): boolean;
  /** The document offset before which the findings of `report()` are final (the text's length once complete). */
  readonly reached: number;
  readonly done: boolean;
  /** The findings so far (all of them once done), as checkDocument reports them. */
  report(): CheckReport;
}

/** What an extractor found, with the problems a LaTeX extraction reports (plain data: it may come from another thread). */
export type DocumentExtraction = Extraction & { readonly problems?: readonly ExtractionProblem[] };

/** Extracts `text` as `language` at once (Markdown: not through a cache). The same as startCheck's extraction. */
export function extractDocument(text: string, language: DocumentLanguage): DocumentExtraction {
  if (language === 'markdown') return new ExtractionCache().extract(text);
  if (language === 'latex') return extractLatex(text);
  return extractComments(text, language);
}

/**
 * Starts checking `text` as `language`; nothing is done before the first `step()`. `extracted`:
 * the document's extraction when the caller has it already (extractDocument, run elsewhere).
 */
export function startCheck(text: string, language: DocumentLanguage, options: CheckOptions = {}, extracted?: DocumentExtraction): CheckJob {
  const lineMap = new LineMap(text);
  const checker = new DocumentChecker(text, options, lineMap);
  let problems: readonly ExtractionProblem[] = [];
  let reached = 0;
  let done = false;

  function* pieces(): Generator<number | void, void> {
    let extraction: Extraction;
    if (extracted) {
      extraction = extracted;
      problems = extracted.problems ?? [];
    } else if (language === 'markdown') {
      extraction = yield* (options.cache?.extraction ?? new ExtractionCache()).steps(text);
    } else if (language === 'latex') {
      const latex = extractLatex(text);
      problems = latex.problems;
      extraction = latex;
    } else {
      extraction = extractComments(text, language);
    }
    yield 0;
    yield* checker.steps(extraction.spans, extraction.directives, extraction.headings);
  }
  const generator = pieces();

  return {
    step() {
      if (done) return false;
      const next = generator.next();
      if (next.done) {
        done = true;
        reached = text.length;
      } else if (typeof next.value === 'number') {
        reached = next.value;
      }
      return !done;
    },
    get reached() {
      return reached;
    },
    get done() {
      return done;
    },
    report() {
      const findings = checker.findings.slice();
      return {
        findings: language === 'latex' ? withExtractionProblems(findings, problems, text) : findings,
        lineMap,
        blocks: checker.blocks.slice(),
        handle: (finding) => checker.handles.get(finding),
        elapsedMs: (finding) => checker.elapsed.get(finding),
        // Only hovers read it (drawing it mid-check changes nothing: points are seeded and cached by their context).
        get samplePoint() {
          return checker.hoverPointValues();
        },
      };
    },
  };
}
