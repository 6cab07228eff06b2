/** A half-open range [start, end) of UTF-16 offsets into some text. */
export interface SourceRange {
  readonly start: number;
  readonly end: number;
}

/** 1-based line and column (column counts UTF-16 code units, as editors do). */
export interface LineColumn {
  readonly line: number;
  readonly column: number;
}

/** Maps document offsets to 1-based line/column. Handles \n, \r\n and lone \r. */
export class LineMap {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (ch === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.lineStarts.push(i + 1);
      } else if (ch === 10) {
        this.lineStarts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** Offset of the first character of a 1-based line. */
  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line - 1, this.lineStarts.length - 1))];
  }

  position(offset: number): LineColumn {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: clamped - this.lineStarts[lo] + 1 };
  }

  offset(pos: LineColumn): number {
    return Math.min(this.lineStart(pos.line) + pos.column - 1, this.text.length);
  }
}
