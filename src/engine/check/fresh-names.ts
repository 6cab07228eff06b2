// A name the prose introduces afresh ("Let the $x$ term be a constant, $a$"): a worked example's second
// part reuses a letter its first part set (`a = z^3`), and from here on the letter is a new constant, not
// what it was set to.
import { loneSymbolKey } from './value-sets';

/** Prose that ends by introducing the math after it as a new constant or variable: "be a constant, $a$". */
const FRESH_BEFORE = /\b(?:a|an|new|some)\s+(?:constant|variable|parameter|scalar)[\s,:*_]*$/i;

/** "Let $x$ term be a constant, $a$": the key of the symbol a span writes alone, when the prose just before introduces it afresh. */
export function freshName(before: string, latex: string): string | undefined {
  const key = loneSymbolKey(latex);
  return key && FRESH_BEFORE.test(before) ? key : undefined;
}
