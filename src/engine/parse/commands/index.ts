// The atom table: every command or character that can start an atom maps to a handler. Families
// live in their own files; this file assembles them and handles letters, numbers and refusals.
import type { Token } from '../lexer';
import type { Atom, AtomHandler, ParserApi } from '../parser-api';
import { num, sym } from '../nodes';
import { LETTER_COMMANDS } from './greek';
import { FUNCTION_COMMANDS } from './functions';
import { FONT_COMMANDS } from './fonts';
import { ACCENTS, FONTS } from './font-names';
import { DELIMITER_COMMANDS, indicatorFollows, parseIndicator } from './delimiters';
import { CALCULUS_COMMANDS, trySlashDerivative } from './calculus';
import { ELLIPSES, NEEDS_SPLIT, UNSUPPORTED_ATOM } from './operators';

/** Commands taking exactly one argument, which TeX reads as a single token when unbraced. */
export const SINGLE_ARG_COMMANDS: ReadonlySet<string> = new Set([...Object.keys(ACCENTS), ...Object.keys(FONTS), '\\sqrt']);

export function letterAtom(p: ParserApi, t: Token): Atom {
  if (t.text === 'd') {
    const slash = trySlashDerivative(p);
    if (slash) return { node: slash, done: true };
  }
  p.next();
  return { node: sym(t.text, t.loc), head: { kind: 'plain', fn: t.text, display: t.text } };
}

export function numberAtom(p: ParserApi, t: Token): Atom {
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
