/**
 * Text whose every character remembers the document offset it came from: `offsets[i]` is the
 * document offset of `text[i]`, and `offsets[text.length]` is the offset just after the end (the
 * same convention as MathSpan, so a translated claim is a MathSpan as it stands).
 */
export interface Located {
  readonly text: string;
  readonly offsets: readonly number[];
}

/** Builds a Located piece by piece; offsets never decrease, so ranges map back in order. */
export class LocatedBuilder {
  private readonly chars: string[] = [];
  private readonly offs: number[] = [];

  /** Appends `text`, all of it standing for the source character at `offset`. */
  push(text: string, offset: number): void {
    for (let k = 0; k < text.length; k++) {
      this.chars.push(text[k]);
      this.offs.push(offset);
    }
  }

  /**
   * Appends `text` standing for the source range [start, end): the last character maps to the last
   * source character, so a range over the output covers the whole source range.
   */
  pushOver(text: string, start: number, end: number): void {
    const n = text.length;
    for (let k = 0; k < n; k++) {
      this.chars.push(text[k]);
      this.offs.push(k === n - 1 ? Math.max(start, end - 1) : start);
    }
  }

  /** Copies source characters [from, to) of `source` unchanged. */
  copy(source: Located, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      this.chars.push(source.text[i]);
      this.offs.push(source.offsets[i]);
    }
  }

  lastOffset(): number | undefined {
    return this.offs.length ? this.offs[this.offs.length - 1] : undefined;
  }

  build(endOffset?: number): Located {
    const end = endOffset ?? (this.offs.length ? this.offs[this.offs.length - 1] + 1 : 0);
    return { text: this.chars.join(''), offsets: [...this.offs, end] };
  }
}
