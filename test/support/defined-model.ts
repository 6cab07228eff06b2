// The document's own model as the engine builds it from a Markdown document: its definitions and
// `shapes` directives, after the whole document is checked.
import { DocumentChecker } from '../../src/engine/check/document';
import type { DefinedModel } from '../../src/engine/models/defined';
import { extractDocument } from '../../src/engine/pipeline/extract';
import type { Finding } from '../../src/engine';

/** The model the document defines, and its findings. */
export function definedModelOf(markdown: string): { model: DefinedModel; findings: Finding[] } {
  const checker = new DocumentChecker(markdown, {});
  const findings = checker.run(extractDocument(markdown, 'markdown'));
  return { model: checker.book.custom(checker.settings.values.shapes), findings };
}
