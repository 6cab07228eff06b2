// The pipeline: a document goes extract -> check here, for every kind, one piece at a time or at
// once. The CLI, the language server (its sliced checks and hovers), the extraction worker (the
// extract half, ./extract.ts) and the public API all go through it.
import type { DocumentKindId } from '../extract/kinds';
import { cellAt, type NotebookDocument } from '../extract/notebook';
import type { Extraction } from '../extract/types';
import { LineMap, type LineColumn } from '../source/location';
import { DocumentChecker, type Block } from '../check/document';
import type { Finding } from '../check/finding';
import type { ClaimHandle, NamedValue } from '../check/handle';
import type { CheckOptions } from '../check/options';
import { documentText, extractionSteps } from './extract';

/** A document offset's place: 1-based line and column, and in a notebook the (0-based) index of its cell. */
export interface Location extends LineColumn {
  readonly cell?: number;
}

export interface CheckReport {
  readonly findings: Finding[];
  /** The line map of the text the findings' offsets refer to (a notebook's joined cells). */
  readonly lineMap: LineMap;
  /** Blocks that hold at least one finding, in document order. */
  readonly blocks: Block[];
  /** Live access to a step's values (hover, report panel); undefined for unparsed findings. */
  handle(finding: Finding): ClaimHandle | undefined;
  /** The finding's math as LaTeX that KaTeX renders, from its parse (the step as checked, where there is one); undefined where it did not parse. */
  latex(finding: Finding): string | undefined;
  /** The time a claim's check took in ms (what CheckOptions.claimBudgetMs limits); undefined for math that did not parse. */
  elapsedMs?(finding: Finding): number | undefined;
  /** The point hovers evaluate at (after `derivcheck: at …` pins and the hover seed). */
  readonly samplePoint: NamedValue[];
  /** Where a finding's offset is: line and column (in a notebook, within its cell). */
  locate(offset: number): Location;
}

export interface CheckJob {
  /**
   * Does the next piece of work: the extraction of one Markdown run (a LaTeX or code document's
   * whole extraction), the parse of one span, the document pass, or the check of one span. Returns
   * false once the check is complete. Never throws (a failing span is a finding).
   */
  step(): boolean;
  /**
   * The document offset before which the findings of `report()` are final (the text's length once
   * complete), but for the last pass over the whole document, which may put the mismatches of a
   * doubted reading in doubt (check/doubted-readings.ts).
   */
  readonly reached: number;
  readonly done: boolean;
  /** The findings so far (all of them once done). */
  report(): CheckReport;
}

/**
 * Starts checking `text` as a document of `kind`; nothing is done before the first `step()`.
 * `extracted`: the document's extraction when the caller has it already (extractDocument, run
 * elsewhere). Throws NotebookError for a notebook that is not one.
 */
export function startCheck(text: string, kind: DocumentKindId, options: CheckOptions = {}, extracted?: Extraction): CheckJob {
  const { text: checked, notebook } = documentText(text, kind);
  const lineMap = new LineMap(checked);
  const locate = (offset: number): Location => {
    const cell = notebook && cellAt(notebook, offset);
    if (!cell) return lineMap.position(offset);
    return { ...cellLineMap(notebook, cell.index).position(cell.offset), cell: cell.index };
  };
  const checker = new DocumentChecker(checked, options, lineMap, locate);
  let reached = 0;
  let done = false;

  function* pieces(): Generator<number | void, void> {
    const extraction = extracted ?? (yield* extractionSteps(checked, kind, options.cache?.extraction, options.companions));
    yield 0;
    yield* checker.steps(extraction);
  }
  const generator = pieces();

  return {
    step() {
      if (done) return false;
      const next = generator.next();
      if (next.done) {
        done = true;
        reached = checked.length;
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
      return {
        findings: checker.reported(),
        lineMap,
        blocks: checker.blocks.slice(),
        handle: (finding) => checker.handles.get(finding),
        latex: (finding) => (finding.verdict === 'unparsed' ? undefined : (checker.handles.get(finding)?.latex ?? checker.latexOf(finding))),
        elapsedMs: (finding) => checker.elapsed.get(finding),
        // Only hovers read it (drawing it mid-check changes nothing: points are seeded and cached by their context).
        get samplePoint() {
          return checker.hoverPointValues();
        },
        locate,
      };
    },
  };
}

/** Checks a document of `kind` at once. Never throws, but for a notebook that is not one (NotebookError). */
export function checkDocument(text: string, kind: DocumentKindId, options: CheckOptions = {}): CheckReport {
  return runToEnd(startCheck(text, kind, options));
}

/** Checks what an extractor found in `text` (spans, directives, headings, problems). */
export function checkExtraction(text: string, extraction: Extraction, options: CheckOptions = {}): CheckReport {
  return runToEnd(startCheck(text, 'markdown', options, extraction));
}

/** Check a Markdown document: every step of every equation, in document order. Never throws. */
export function checkText(text: string, options: CheckOptions = {}): CheckReport {
  return checkDocument(text, 'markdown', options);
}

/**
 * Check a LaTeX (.tex) document: its math (`$…$`, `\[…\]`, align, …) with the macros it defines
 * expanded; `% derivcheck: …` comments are directives. Never throws.
 */
export function checkLatex(text: string, options: CheckOptions = {}): CheckReport {
  return checkDocument(text, 'latex', options);
}

function runToEnd(job: CheckJob): CheckReport {
  while (job.step());
  return job.report();
}

const CELL_LINE_MAPS = new WeakMap<NotebookDocument, Map<number, LineMap>>();

/** The line map of one notebook cell's text (made once per cell). */
function cellLineMap(notebook: NotebookDocument, index: number): LineMap {
  let maps = CELL_LINE_MAPS.get(notebook);
  if (!maps) CELL_LINE_MAPS.set(notebook, (maps = new Map()));
  let map = maps.get(index);
  if (!map) {
    const bounds = notebook.cells.find((c) => c.index === index)!;
    maps.set(index, (map = new LineMap(notebook.text.slice(bounds.start, bounds.end))));
  }
  return map;
}
