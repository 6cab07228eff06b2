// TeX-style tokens and expansion of the macros a .tex file defines (\newcommand, \def, …), keeping
// for every character of the result the document offset it stands for: characters of a macro
// argument keep where the argument was written, characters of a macro body map to the invocation.
import type { SourceRange } from '../source/location';
import type { ExtractionProblem } from './types';

export type TokenKind = 'cs' | 'open' | 'close' | 'param' | 'space' | 'char';

/** One TeX token; `offsets[i]` is the document offset that `text[i]` stands for. */
export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly offsets: readonly number[];
}

const isLetter = (c: string | undefined) => c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
const isSpace = (c: string | undefined) => c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
const range = (start: number, length: number) => Array.from({ length }, (_, i) => start + i);

/** Whether `text[index]` is in a TeX comment: an unescaped `%` before it on its line. */
export function commentedOut(text: string, index: number): boolean {
  return /(^|[^\\])%/.test(text.slice(text.lastIndexOf('\n', index - 1) + 1, index));
}

/**
 * Reads tokens from text[pos, end) on demand. `%` comments are dropped (up to, not including, the
 * line break): a comment is never math.
 */
export class TokenReader {
  constructor(private readonly text: string, public pos: number, private readonly end: number) {}

  next(): Token | undefined {
    const { text, end } = this;
    while (this.pos < end && text[this.pos] === '%') {
      while (this.pos < end && text[this.pos] !== '\n' && text[this.pos] !== '\r') this.pos++;
    }
    if (this.pos >= end) return undefined;
    const start = this.pos;
    const c = text[start];
    let kind: TokenKind = 'char';
    let stop = start + 1;
    if (c === '\\') {
      kind = 'cs';
      if (isLetter(text[stop]) && stop < end) while (stop < end && isLetter(text[stop])) stop++;
      else if (stop < end) stop++;
      else kind = 'char'; // a lone backslash at the very end
    } else if (c === '{') kind = 'open';
    else if (c === '}') kind = 'close';
    else if (c === '#') {
      kind = 'param';
      if (stop < end && (text[stop] === '#' || (text[stop] >= '1' && text[stop] <= '9'))) stop++;
    } else if (isSpace(c)) {
      kind = 'space';
      while (stop < end && isSpace(text[stop])) stop++;
    } else if (c >= '\ud800' && c <= '\udbff' && stop < end) stop++; // keep a surrogate pair whole
    this.pos = stop;
    return { kind, text: text.slice(start, stop), offsets: range(start, stop - start) };
  }

  /** The next token that is not a space. */
  nextNonSpace(): Token | undefined {
    let t = this.next();
    while (t?.kind === 'space') t = this.next();
    return t;
  }

  /** Tokens of a `{…}` group whose opening brace was just read, without the braces; undefined if unclosed. */
  groupBody(): { body: Token[]; close: Token } | undefined {
    const body: Token[] = [];
    let depth = 0;
    for (let t = this.next(); t; t = this.next()) {
      if (t.kind === 'open') depth++;
      else if (t.kind === 'close' && depth-- === 0) return { body, close: t };
      body.push(t);
    }
    return undefined;
  }

  /** Tokens up to the `]` (outside braces) closing an optional argument whose `[` was just read. */
  bracketBody(): Token[] | undefined {
    const body: Token[] = [];
    let depth = 0;
    for (let t = this.next(); t; t = this.next()) {
      if (t.kind === 'open') depth++;
      else if (t.kind === 'close') depth--;
      else if (depth === 0 && t.text === ']') return body;
      body.push(t);
    }
    return undefined;
  }
}

export function tokenize(text: string, start: number, end: number): Token[] {
  const reader = new TokenReader(text, start, end);
  const tokens: Token[] = [];
  for (let t = reader.next(); t; t = reader.next()) tokens.push(t);
  return tokens;
}

export interface MacroDefinition {
  /** With the backslash: `\pd`. */
  readonly name: string;
  readonly params: number;
  /** Default of an optional first argument (`\newcommand{\foo}[2][x]{…}`). */
  readonly optionalDefault?: readonly Token[];
  readonly body: readonly Token[];
}


export const DEFINING_COMMANDS = new Set([
  '\\newcommand', '\\renewcommand', '\\providecommand', '\\DeclareMathOperator', '\\DeclareRobustCommand',
  '\\def', '\\gdef', '\\edef', '\\xdef', '\\let',
]);

/**
 * Reads the definition that starts at `start` (its defining command, e.g. `\newcommand`) and enters
 * it into `macros`. Returns a problem when the definition is malformed or not of a supported kind.
 */
export function readDefinition(text: string, start: number, macros: Map<string, MacroDefinition>): ExtractionProblem | undefined {
  const reader = new TokenReader(text, start, text.length);
  const command = reader.next();
  if (!command || command.kind !== 'cs') return undefined;
  // A problem covers the defining command and the name, not a body that may run to the end of the file.
  let nameEnd = start + command.text.length;
  const fail = (message: string): ExtractionProblem => ({ range: { start, end: nameEnd }, message });
  const star = () => {
    const save = reader.pos;
    const t = reader.nextNonSpace();
    if (t?.text === '*') return true;
    reader.pos = save;
    return false;
  };
  /** `{\name}` or `\name`. */
  const readName = (): string | undefined => {
    const t = reader.nextNonSpace();
    if (t?.kind === 'cs') {
      nameEnd = reader.pos;
      return t.text;
    }
    if (t?.kind !== 'open') return undefined;
    const group = reader.groupBody();
    const inner = group?.body.filter((x) => x.kind !== 'space');
    if (group) nameEnd = reader.pos;
    return inner?.length === 1 && inner[0].kind === 'cs' ? inner[0].text : undefined;
  };
  /** An optional `[…]` argument, or undefined when the next token is something else. */
  const optional = (): Token[] | undefined => {
    const save = reader.pos;
    const t = reader.nextNonSpace();
    if (t?.text === '[') return reader.bracketBody();
    reader.pos = save;
    return undefined;
  };
  const body = (): Token[] | undefined => {
    const t = reader.nextNonSpace();
    return t?.kind === 'open' ? reader.groupBody()?.body : undefined;
  };

  switch (command.text) {
    case '\\newcommand':
    case '\\renewcommand':
    case '\\providecommand':
    case '\\DeclareRobustCommand': {
      star();
      const name = readName();
      if (!name) return fail(`${command.text}: expected the name of the new command, such as {\\foo}`);
      const count = optional();
      const params = count === undefined ? 0 : Number(count.map((t) => t.text).join('').trim());
      if (!Number.isInteger(params) || params < 0 || params > 9) return fail(`${command.text}{${name}}: the number of arguments must be 0 to 9`);
      const optionalDefault = params > 0 ? optional() : undefined;
      const tokens = body();
      if (!tokens) return fail(`${command.text}{${name}}: the definition has no {…} body or it is never closed`);
      if (command.text === '\\providecommand' && macros.has(name)) return undefined;
      macros.set(name, { name, params, optionalDefault, body: tokens });
      return undefined;
    }
    case '\\DeclareMathOperator': {
      const starred = star();
      const name = readName();
      if (!name) return fail('\\DeclareMathOperator: expected the name of the operator, such as {\\diag}');
      const tokens = body();
      if (!tokens) return fail(`\\DeclareMathOperator{${name}}: the operator's {…} text is missing or never closed`);
      const synthetic = (kind: TokenKind, t: string): Token => ({ kind, text: t, offsets: range(start, t.length) });
      const head = [synthetic('cs', '\\operatorname'), ...(starred ? [synthetic('char', '*')] : []), synthetic('open', '{')];
      macros.set(name, { name, params: 0, body: [...head, ...tokens, synthetic('close', '}')] });
      return undefined;
    }
    case '\\let': {
      const name = reader.nextNonSpace();
      let target = reader.nextNonSpace();
      nameEnd = reader.pos;
      if (target?.text === '=') target = reader.nextNonSpace();
      if (name?.kind !== 'cs' || !target) return fail('\\let: expected two commands, such as \\let\\a\\b');
      const existing = macros.get(target.text);
      macros.set(name.text, existing ? { ...existing, name: name.text } : { name: name.text, params: 0, body: [target] });
      return undefined;
    }
    default: {
      // \def and friends: only undelimited parameters #1#2… are supported.
      const name = reader.nextNonSpace();
      if (name?.kind !== 'cs') return fail(`${command.text}: expected the name of the new command, such as \\foo`);
      nameEnd = reader.pos;
      let params = 0;
      for (let t = reader.next(); t; t = reader.next()) {
        if (t.kind === 'open') {
          const group = reader.groupBody();
          if (!group) return fail(`${command.text}${name.text}: the definition's {…} body is never closed`);
          macros.set(name.text, { name: name.text, params, body: group.body });
          return undefined;
        }
        if (t.kind === 'param' && t.text === `#${params + 1}`) params++;
        else return fail(`${command.text}${name.text}: only parameters #1#2… directly before the body are supported, so this macro is not expanded`);
      }
      return fail(`${command.text}${name.text}: the definition has no {…} body`);
    }
  }
}

/** Bounds that make a recursive or exploding macro a reported problem instead of a hang. */
const MAX_EXPANSIONS = 5_000;
const MAX_TOKENS = 100_000;

type Expansion = { ok: true; tokens: Token[]; problems: ExtractionProblem[] } | { ok: false; macro: string; offset: number; message: string };

/**
 * Expands every defined macro in `tokens` (repeatedly, like TeX: a body may use other macros, and a
 * body's last macro may take arguments from the text after the invocation). Macros in `blocked`
 * stay as written; so does an invocation whose arguments are missing (a problem). Running out of
 * the expansion budget fails the whole pass, naming the macro that was being expanded.
 */
function expandOnce(input: readonly Token[], macros: ReadonlyMap<string, MacroDefinition>, blocked: ReadonlySet<string>, text: string): Expansion {
  const pending = [...input].reverse(); // a stack: the next token is the last element
  const out: Token[] = [];
  const problems: ExtractionProblem[] = [];
  let expansions = 0;
  while (pending.length) {
    const token = pending.pop()!;
    const macro = token.kind === 'cs' && !blocked.has(token.text) ? macros.get(token.text) : undefined;
    if (!macro) {
      out.push(token);
      continue;
    }
    if (++expansions > MAX_EXPANSIONS || pending.length + out.length > MAX_TOKENS) {
      return { ok: false, macro: token.text, offset: token.offsets[0], message: `the macro ${token.text} keeps expanding (is it defined in terms of itself?), so it is not expanded` };
    }
    const args = readArguments(pending, macro, token);
    if (typeof args === 'string') {
      problems.push({ range: commandRangeAt(text, token.offsets[0]), message: args });
      out.push(token);
      continue;
    }
    const last = args.length ? args[args.length - 1].end : token.offsets[token.offsets.length - 1];
    const replacement = substitute(macro, args, token.offsets[0], last);
    for (let i = replacement.length - 1; i >= 0; i--) pending.push(replacement[i]);
  }
  return { ok: true, tokens: out, problems };
}

interface Argument {
  readonly tokens: Token[];
  /** Document offset of the argument's last character (its closing brace when braced). */
  readonly end: number;
}

/** Index (in the stack) of the next token that is not a space, or -1. */
function nextNonSpace(pending: readonly Token[]): number {
  let i = pending.length - 1;
  while (i >= 0 && pending[i].kind === 'space') i--;
  return i;
}

/**
 * Pops the invocation's arguments off the stack, or leaves the stack as it was and says what is
 * wrong. Like TeX, spaces before an argument are skipped and an unbraced argument is one token.
 */
function readArguments(pending: Token[], macro: MacroDefinition, token: Token): Argument[] | string {
  const args: Argument[] = [];
  const popped: Token[] = [];
  const giveBack = (message: string) => {
    while (popped.length) pending.push(popped.pop()!);
    return message;
  };
  const take = (index: number) => {
    while (pending.length > index) popped.push(pending.pop()!);
  };
  for (let k = 0; k < macro.params; k++) {
    const at = nextNonSpace(pending);
    if (k === 0 && macro.optionalDefault) {
      const close = at >= 0 && pending[at].text === '[' ? matching(pending, at, (t) => t.text === ']') : -1;
      if (close < 0) {
        args.push({ tokens: [...macro.optionalDefault], end: token.offsets[token.offsets.length - 1] });
        continue;
      }
      args.push({ tokens: pending.slice(close + 1, at).reverse(), end: pending[close].offsets[0] });
      take(close);
      continue;
    }
    const what = `the macro ${token.text} takes ${macro.params} argument${macro.params === 1 ? '' : 's'}`;
    if (at < 0 || pending[at].kind === 'close') return giveBack(`${what}, but ${k === 0 ? 'none follows' : `only ${k} follow${k === 1 ? 's' : ''}`}`);
    if (pending[at].kind === 'open') {
      const close = matching(pending, at, (t) => t.kind === 'close');
      if (close < 0) return giveBack(`an argument of ${token.text} is never closed`);
      args.push({ tokens: pending.slice(close + 1, at).reverse(), end: pending[close].offsets[0] });
      take(close);
    } else {
      const t = pending[at];
      args.push({ tokens: [t], end: t.offsets[t.offsets.length - 1] });
      take(at);
    }
  }
  return args;
}

/** Index of the token closing the group or bracket opened at `open` (braces nest), or -1. */
function matching(pending: readonly Token[], open: number, isClose: (t: Token) => boolean): number {
  let depth = 0;
  for (let i = open - 1; i >= 0; i--) {
    const t = pending[i];
    if (depth === 0 && isClose(t)) return i;
    if (t.kind === 'open') depth++;
    else if (t.kind === 'close' && --depth < 0) return -1;
  }
  return -1;
}

/**
 * The body with #n replaced by the arguments. Argument tokens keep their offsets. Body characters
 * map into the invocation: before any argument to its first character, between arguments to the
 * end of the argument before them, and after the last argument to its last character, so that a
 * range over the expansion maps onto the whole invocation. Without arguments, the first token maps
 * to the first character and the rest to the last.
 */
function substitute(macro: MacroDefinition, args: readonly Argument[], first: number, last: number): Token[] {
  const out: Token[] = [];
  const isArgument = (t: Token) => t.kind === 'param' && /^#[1-9]$/.test(t.text) && Number(t.text[1]) <= args.length;
  const lastParam = macro.body.reduce((at, t, i) => (isArgument(t) ? i : at), -1);
  let anchor = first;
  macro.body.forEach((t, i) => {
    if (isArgument(t)) {
      const arg = args[Number(t.text[1]) - 1];
      out.push(...arg.tokens);
      anchor = Math.max(anchor, arg.end);
      return;
    }
    const at = i > lastParam && i > 0 ? last : anchor;
    const text = t.text === '##' ? '#' : t.text;
    out.push({ kind: t.kind, text, offsets: text.split('').map(() => at) });
  });
  return out;
}

/**
 * Expands the macros of `tokens`. A macro that cannot be expanded (recursive, missing arguments) is
 * left as written, which the math parser then reports, and described in `problems`.
 */
export function expandMacros(tokens: readonly Token[], macros: ReadonlyMap<string, MacroDefinition>, text: string, problems: ExtractionProblem[]): Token[] {
  if (macros.size === 0) return [...tokens];
  const blocked = new Set<string>();
  for (;;) {
    const result = expandOnce(tokens, macros, blocked, text);
    if (result.ok) {
      problems.push(...result.problems);
      return result.tokens;
    }
    blocked.add(result.macro);
    problems.push({ range: commandRangeAt(text, result.offset), message: result.message });
  }
}

/** The range of the control sequence written at `offset` (one character if there is none). */
function commandRangeAt(text: string, offset: number): SourceRange {
  let end = offset + 1;
  if (text[offset] === '\\') while (end < text.length && isLetter(text[end])) end++;
  return { start: offset, end: Math.min(end, text.length) };
}
