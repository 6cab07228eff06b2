import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver/node';
import { BYTES_PER_MB, DIAGNOSTIC_SOURCE } from '../protocol/protocol';

/**
 * UTF-8 takes 1 to 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units), so a
 * text's length bounds its size both ways and most documents are decided without measuring.
 */
const MAX_UTF8_BYTES_PER_UNIT = 3;
/** Code units measured per step: ~1 ms here, so measuring a 50 MB document never blocks the server. */
const CHUNK_UNITS = 256 * 1024;

export const TOO_LARGE_CODE = 'too-large';

/** True when a text of `length` code units is over `limitBytes` whatever its characters. */
export function surelyOver(length: number, limitBytes: number): boolean {
  return length > limitBytes;
}

/** True when a text of `length` code units may be over `limitBytes` (its UTF-8 size decides). */
export function mayBeOver(length: number, limitBytes: number): boolean {
  return length * MAX_UTF8_BYTES_PER_UNIT > limitBytes;
}

/**
 * The UTF-8 size of a text, measured a chunk per `step()` (Buffer.byteLength of 50 MB takes a
 * quarter of a second here: too long for one turn of the server's only thread).
 */
export class Utf8Meter {
  private offset = 0;
  bytes = 0;

  constructor(private readonly text: string) {}

  /** A size already known (the same version was measured before). */
  static measured(bytes: number): Utf8Meter {
    const meter = new Utf8Meter('');
    meter.bytes = bytes;
    return meter;
  }

  /** Measures the next chunk; false once the whole text is measured. */
  step(): boolean {
    const { text } = this;
    if (this.offset >= text.length) return false;
    let end = Math.min(text.length, this.offset + CHUNK_UNITS);
    // A surrogate pair is 4 bytes together but 3 + 3 when cut apart: never cut one.
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
    this.bytes += Buffer.byteLength(text.slice(this.offset, end), 'utf8');
    this.offset = end;
    return this.offset < text.length;
  }
}

/** The one diagnostic of a document that is not checked because of its size. */
export function tooLargeDiagnostic(bytes: number, limitMB: number): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity: DiagnosticSeverity.Information,
    source: DIAGNOSTIC_SOURCE,
    code: TOO_LARGE_CODE,
    message: `Not checked: this document is ${megabytes(bytes)} MB, above the derivcheck.maxFileSizeMB limit of ${limitMB} MB.`,
  };
}

/** "50.0", and for a limit set below 0.1 MB, two digits that still tell the size from the limit ("0.012"). */
function megabytes(bytes: number): string {
  const mb = bytes / BYTES_PER_MB;
  return mb < 0.1 ? mb.toPrecision(2) : mb.toFixed(1);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
