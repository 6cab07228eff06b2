import type { SourceRange } from '../source/location';

/** Thrown inside the parser and turned into a ParseFailure by parseChain; never escapes it. */
export class ParseError {
  /** `unsupported`: a recognised construct the checker cannot evaluate (see ParseFailure). */
  constructor(readonly message: string, readonly loc: SourceRange, readonly unsupported = false) {}
}
