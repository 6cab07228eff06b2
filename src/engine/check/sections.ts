// The sections of a document, by its headings and their levels: what detection finds in a section
// holds from the heading it was found under to the next heading of the same or a higher level (the
// next problem), and text before the first heading belongs to the whole document.
import type { SourceRange } from '../source/location';
import type { Heading } from '../extract/types';
import { lastAtOrBefore } from '../source/ordered';

export class Sections {
  private readonly headings: readonly Heading[];

  constructor(headings: readonly Heading[]) {
    this.headings = [...headings].sort((a, b) => a.start - b.start);
  }

  /** The section `offset` is in: from its heading to the next heading of the same or a higher level. */
  around(offset: number): SourceRange {
    const index = this.lastAtOrBefore(offset);
    if (index < 0) return { start: 0, end: Infinity };
    const { start, level } = this.headings[index];
    const next = this.headings.slice(index + 1).find((h) => h.level <= level);
    return { start, end: next?.start ?? Infinity };
  }

  /** The section of the heading above the one `offset` is under (the problem of a part), if there is one. */
  parentAround(offset: number): SourceRange | undefined {
    const index = this.lastAtOrBefore(offset);
    if (index < 0) return undefined;
    const level = this.headings[index].level;
    for (let i = index - 1; i >= 0; i--) if (this.headings[i].level < level) return this.around(this.headings[i].start);
    return undefined;
  }

  /**
   * The problem `offset` belongs to: its own section when that is a part of its own (a slide), else
   * the section above its own (its sibling parts too); undefined for the whole document.
   */
  problemAround(offset: number): SourceRange | undefined {
    const index = this.lastAtOrBefore(offset);
    return index >= 0 && this.headings[index].closed ? this.around(offset) : this.parentAround(offset);
  }

  /** How many headings start at or before `offset`. */
  headingsUpTo(offset: number): number {
    return this.lastAtOrBefore(offset) + 1;
  }

  /** Index of the last heading that starts at or before `offset` (-1 for none). */
  private lastAtOrBefore(offset: number): number {
    return lastAtOrBefore(this.headings, offset, (h) => h.start);
  }
}
