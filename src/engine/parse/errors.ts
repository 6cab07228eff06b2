import type { SourceRange } from '../source/location';

/** How a parse error names where a bracket was opened: by its offset in the parsed math, which the checker turns into a place (placesIn). */
export function openedAt(offset: number): string {
  return `opened at offset ${offset}`;
}

const OPENED_AT = /opened at offset (\d+)/g;

/** `message` with each place openedAt wrote named by `place` ("line 3, column 17"). */
export function placesIn(message: string, place: (offset: number) => string): string {
  return message.replace(OPENED_AT, (_, offset: string) => `opened at ${place(Number(offset))}`);
}

/** Thrown inside the parser and turned into a ParseFailure by parseChain; never escapes it. */
export class ParseError {
  /** `unsupported`: a recognised construct the checker cannot evaluate (see ParseFailure). */
  constructor(readonly message: string, readonly loc: SourceRange, readonly unsupported = false) {}
}

/** A command the parser does not know (`\\va`): a macro the document may define where the checker cannot see it. */
export class UnknownCommand extends ParseError {}
