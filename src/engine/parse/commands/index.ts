// The atom table: every command or character that can start an atom maps to a handler. Families
// live in their own files; this file assembles them and handles letters, numbers and refusals.
import type { Node } from '../ast';
import type { Token } from '../lexer';
import type { Parser } from '../parser';
import { num, sym } from '../nodes';
import { LETTER_COMMANDS } from './greek';
import { FUNCTION_COMMANDS } from './functions';
import { ACCENTS, FONTS, FONT_COMMANDS } from './fonts';
import { DELIMITER_COMMANDS, indicatorFollows, parseIndicator } from './delimiters';
import { CALCULUS_COMMANDS, trySlashDerivative } from './calculus';
import { ELLIPSES, NEEDS_SPLIT, UNSUPPORTED_ATOM } from './operators';

/** How a name reads a following argument list. */
export interface Head {
  /** 'fn': a function name (never ambiguous); 'plain': a symbol that may be applied (`f(x)`). */
  readonly kind: 'fn' | 'plain';
  readonly fn: string;
  /** The name as written, for messages. */
  readonly display: string;
  /** Without parentheses, the next atom is the argument (`\log x`). */
  readonly bare?: boolean;
  readonly parenRequired?: boolean;
  /** Not a symbol on its own: an argument must follow. */
  readonly needsCall?: boolean;
}

export interface Atom {
  readonly node: Node;
  /** Already complete (operators that took the rest of the term): no scripts follow. */
  readonly done?: boolean;
  readonly head?: Head;
  /** What a following subscript means besides a component: a norm's `_2`, or the bindings of `\left. … \right|_{z=0}`. */
  readonly subKind?: 'norm' | 'evalbar';
  /** Wrapped in visible delimiters: `(x)_i` and `(x)'` are not scripts on the symbol x. */
  readonly grouped?: boolean;
}

export type AtomHandler = (p: Parser, t: Token) => Atom;

/** Commands taking exactly one argument, which TeX reads as a single token when unbraced. */
export const SINGLE_ARG_COMMANDS: ReadonlySet<string> = new Set([...Object.keys(ACCENTS), ...Object.keys(FONTS), '\\sqrt']);

export function letterAtom(p: Parser, t: Token): Atom {
  if (t.text === 'd') {
    const slash = trySlashDerivative(p);
    if (slash) return { node: slash, done: true };
  }
  p.next();
  return { node: sym(t.text, t.loc), head: { kind: 'plain', fn: t.text, display: t.text } };
}

export function numberAtom(p: Parser, t: Token): Atom {
  p.next();
  if (t.text === '1' && p.is('_') && indicatorFollows(p)) return { node: parseIndicator(p, t.loc.start) };
  return { node: num(t.value ?? 0, t.decimals ?? 0, t.loc) };
}

const letterCommand: AtomHandler = (p, t) => {
  p.next();
  const name = LETTER_COMMANDS[t.text];
  const node = sym(name, t.loc);
  if (name === 'sigma') return { node, head: { kind: 'fn', fn: 'sigma', display: t.text } };
  return name === 'infty' ? { node } : { node, head: { kind: 'plain', fn: name, display: t.text } };
};

const functionCommand: AtomHandler = (p, t) => {
  p.next();
  const f = FUNCTION_COMMANDS[t.text];
  return { node: sym(f.fn, t.loc), head: { kind: 'fn', fn: f.fn, display: t.text, bare: f.bare, parenRequired: f.parenRequired, needsCall: true } };
};

const table = (keys: Iterable<string>, h: AtomHandler) => Object.fromEntries([...keys].map((k) => [k, h]));

export const ATOMS: Readonly<Record<string, AtomHandler>> = {
  ...table(Object.keys(LETTER_COMMANDS), letterCommand),
  ...table(Object.keys(FUNCTION_COMMANDS), functionCommand),
  ...FONT_COMMANDS,
  ...DELIMITER_COMMANDS,
  ...CALCULUS_COMMANDS,
  ...table(ELLIPSES, (p, t) => p.unsupported(`ellipsis ${t.text} cannot be checked`, t.loc)),
  ...table(Object.keys(UNSUPPORTED_ATOM), (p, t) =>
    NEEDS_SPLIT.has(t.text) ? p.fail(UNSUPPORTED_ATOM[t.text], t.loc) : p.unsupported(UNSUPPORTED_ATOM[t.text], t.loc)),
  ...table(['\\top', '\\intercal', '\\prime'], (p, t) => p.fail(`${t.text} can only be used in a superscript`, t.loc)),
};
