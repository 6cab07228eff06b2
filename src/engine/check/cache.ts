import type { StepOutcome } from './step-io';
import type { ParsedSegment } from '../parse/equations';
import { ExtractionCache } from '../extract/chunks';

const MAX_ENTRIES = 20_000;

/**
 * Step outcomes keyed by the normalized step text and its model context (model, σ, settings,
 * definitions in scope). Reused across edits of a document, so an edit re-evaluates only the steps
 * whose text or context changed; a changed definition changes the context of every later step.
 */
export class CheckCache {
  private readonly entries = new Map<string, StepOutcome>();
  /** Parsed Markdown runs, so an edit re-parses only the run it touched. */
  readonly extraction = new ExtractionCache();
  /** Parsed math, by the span's text. */
  private readonly parses = new Map<string, ParsedSegment[]>();

  parsed(text: string, parse: (text: string) => ParsedSegment[]): ParsedSegment[] {
    let result = this.parses.get(text);
    if (!result) {
      result = parse(text);
      this.parses.set(text, result);
      if (this.parses.size > MAX_ENTRIES) this.parses.delete(this.parses.keys().next().value!);
    }
    return result;
  }
  hits = 0;
  misses = 0;

  get size(): number {
    return this.entries.size;
  }

  lookup(key: string, compute: () => StepOutcome): StepOutcome {
    const found = this.entries.get(key);
    if (found) {
      this.hits++;
      // Refresh recency: Map iteration order is insertion order, so the oldest entry goes first.
      this.entries.delete(key);
      this.entries.set(key, found);
      return found;
    }
    this.misses++;
    const outcome = compute();
    this.entries.set(key, outcome);
    if (this.entries.size > MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    return outcome;
  }

  clear(): void {
    this.entries.clear();
  }
}

/** Whitespace does not change a claim. */
export function normalizeLatex(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
