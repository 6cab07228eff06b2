// The tokens of a math span prepared for the parser: layout-only commands dropped, typography that
// changes nothing unwrapped (`{\\bf x}`, `\\boxed{…}`, a colour frame), notation read as the parser knows it
// (`\\frac{\\delta f}{\\delta z}` as ∂f/∂z, `\\mathbf{x}{[2]}` as a superscript), and numbers split where TeX
// reads one character (`x^23`, `\\frac12`).
import { numberToken, type Token } from './lexer';
import { SINGLE_ARG_COMMANDS } from './commands';
import { ANNOTATIONS, COLORS, SKIPPED, SKIPPED_WITH_ARG } from './commands/spacing';
import { FONT_SWITCHES, FONTS, TEXT_FONTS } from './commands/font-names';
import { RELATIONS } from './commands/operators';
import { lookup } from '../source/own-keys';

/** `\delta` at `k` directly before a name (a letter or a command such as `\theta`), as in `\delta f` or `\delta z`. */
function deltaBefore(raw: readonly Token[], k: number): boolean {
  const next = raw[k + 1];
  return raw[k]?.kind === 'cmd' && raw[k].text === '\\delta' && next !== undefined && (next.kind === 'letter' || (next.kind === 'cmd' && /^\\[A-Za-z]+$/.test(next.text)));
}

/** What makes a note over a relation a limit it holds in, not a label. */
const LIMIT_NOTES: ReadonlySet<string> = new Set(['\\to', '\\rightarrow', '\\infty', '\\lim', '\\searrow', '\\nearrow', '\\downarrow', '\\uparrow']);

/** Drop layout-only tokens; split multi-digit numbers where TeX reads one character (`x^23`, `\frac12`). */
export function prepareTokens(raw: readonly Token[]): Token[] {
  const toks: Token[] = [];
  const isChar = (k: number, text: string) => raw[k]?.kind === 'char' && raw[k].text === text;
  const rawGroupEnd = groupEnds(raw);
  // Closing braces of frames whose content stays (`\boxed{x^* = …}` holds a whole equation).
  const unwrapped = new Set<number>();
  // The `\\delta`s of a fraction that are differentials (`\\frac{\\delta f}{\\delta z}`), read as `\\partial`.
  const partials = new Set<number>();
  const overs = infixFractions(raw);
  for (let i = 0; i < raw.length; i++) {
    const t = partials.has(i) ? { ...raw[i], text: '\\partial' } : raw[i];
    if (unwrapped.has(i)) continue;
    // `{a \over b}`: TeX's infix fraction, read as `\frac{a}{b}`.
    if (overs.groups.has(i)) toks.push({ kind: 'cmd', text: '\\frac', loc: { start: t.loc.start, end: t.loc.start } });
    if (overs.overs.has(i)) {
      toks.push({ kind: 'char', text: '}', loc: { start: t.loc.start, end: t.loc.start } }, { kind: 'char', text: '{', loc: { start: t.loc.end, end: t.loc.end } });
      continue;
    }
    // `x_1, ..., x_n`: three periods typed for an ellipsis are \ldots (as `…` is).
    if (isChar(i, '.') && isChar(i + 1, '.') && isChar(i + 2, '.') && raw[i + 1].loc.start === t.loc.end && raw[i + 2].loc.start === raw[i + 1].loc.end) {
      toks.push({ kind: 'cmd', text: '\\ldots', loc: { start: t.loc.start, end: raw[i + 2].loc.end } });
      i += 2;
      continue;
    }
    // An empty script (`x^{}`, what `\newcommand{\pd}[3][]{…^{#1}…}` leaves) typesets as nothing.
    if ((isChar(i, '^') || isChar(i, '_')) && isChar(i + 1, '{') && isChar(i + 2, '}')) {
      i += 2;
      continue;
    }
    // `\frac{\delta f(x, z)}{\delta z}`: δ written for ∂ in both parts of a fraction, each time before a
    // name (not `\frac{\delta_j}{\delta_k}`, a ratio of two δ's), is the partial derivative.
    if (t.kind === 'cmd' && t.text === '\\frac' && isChar(i + 1, '{') && deltaBefore(raw, i + 2) && isChar(rawGroupEnd(i + 1) + 1, '{') && deltaBefore(raw, rawGroupEnd(i + 1) + 2)) {
      toks.push(t);
      partials.add(i + 2).add(rawGroupEnd(i + 1) + 2);
      continue;
    }
    // `\frac{d^2y}{{dx}^2}`: braces around a differential are typography (`dx^2`).
    if (isChar(i, '{') && raw[i + 1]?.kind === 'letter' && raw[i + 1].text === 'd' && raw[i + 2]?.kind === 'letter' && isChar(i + 3, '}') && isChar(i + 4, '^')) {
      toks.push(raw[i + 1], raw[i + 2]);
      i += 3;
      continue;
    }
    // `\mathbf{x}{[2]}`: a bracketed label in braces right after a symbol is the superscript `x^{[2]}`
    // written without its `^` (never a product with the list [2]).
    if (isChar(i, '{') && isChar(i + 1, '[') && isChar(rawGroupEnd(i) - 1, ']') && followsSymbol(raw, i, rawGroupEnd)) {
      toks.push({ kind: 'char', text: '^', loc: { start: t.loc.start, end: t.loc.start } });
    }
    // `{\varsigma}'(z)`: braces around a lone symbol before a prime or an argument list are typography
    // (not a command's argument, `\operatorname{relu}(x)`, nor a script's).
    if (isChar(i, '{') && raw[i - 1]?.kind !== 'cmd' && !isChar(i - 1, '^') && !isChar(i - 1, '_') && (raw[i + 1]?.kind === 'letter' || raw[i + 1]?.kind === 'cmd') && isChar(i + 2, '}') && (isChar(i + 3, "'") || isChar(i + 3, '('))) {
      toks.push({ ...raw[i + 1], loc: { start: t.loc.start, end: raw[i + 2].loc.end } });
      i += 2;
      continue;
    }
    // `{\bf x}`: a font switch at the start of a group is the font command on the group (`\mathbf{x}`).
    if (isChar(i, '{') && raw[i + 1]?.kind === 'cmd' && FONT_SWITCHES[raw[i + 1].text] !== undefined) {
      const after = raw[i + 1].loc.end;
      toks.push({ ...raw[i + 1], text: FONT_SWITCHES[raw[i + 1].text], loc: { start: t.loc.start, end: after } }, { ...t, loc: { start: after, end: after } });
      i++;
      continue;
    }
    // (Only a closed frame: unwrapping an unclosed one would drop the end of the input.)
    if (t.kind === 'cmd' && t.text === '\\boxed' && isChar(i + 1, '{') && isChar(rawGroupEnd(i + 1), '}')) {
      unwrapped.add(rawGroupEnd(i + 1));
      i++;
      continue;
    }
    if (t.kind === 'cmd' && COLORS.has(t.text)) {
      const frame = colouredFrame(raw, i, rawGroupEnd);
      if (frame !== undefined) {
        unwrapped.add(rawGroupEnd(frame));
        i = frame;
        continue;
      }
    }
    if (t.kind === 'cmd' && Object.prototype.hasOwnProperty.call(TEXT_FONTS, t.text) && isChar(i + 1, '{')) {
      const close = rawGroupEnd(i + 1);
      const inside = isChar(close, '}') ? raw.slice(i + 2, close) : undefined;
      // `x \text{ mod } 5`: the operator `\bmod` typed as text.
      if (inside?.map((s) => s.text).join('') === 'mod') {
        toks.push({ kind: 'cmd', text: '\\bmod', loc: { start: t.loc.start, end: raw[close].loc.end } });
        i = close;
        continue;
      }
      // `\text{ }`, `\mbox{~}`: a space typed as text, which typesets as nothing more.
      if (inside?.every((s) => SKIPPED.has(s.text))) {
        i = close;
        continue;
      }
    }
    // `25\%`: a number in hundredths, 25/100; not before an operand (`2 % x`, a remainder in code).
    const operandAfter = raw[i + 1] !== undefined && (raw[i + 1].kind === 'letter' || raw[i + 1].kind === 'num' || raw[i + 1].text === '(' || raw[i + 1].text === '{');
    if (t.kind === 'cmd' && t.text === '\\%' && toks[toks.length - 1]?.kind === 'num' && !operandAfter) {
      toks.push({ kind: 'char', text: '/', loc: t.loc }, { ...numberToken('100', t.loc.start), loc: t.loc });
      continue;
    }
    // `{} C(S, L) = …`, `a{}b`: an empty group that is no argument typesets as nothing.
    if (isChar(i, '{') && isChar(i + 1, '}')) {
      const before = toks[toks.length - 1];
      if (!before || !(before.kind === 'cmd' || before.text === '^' || before.text === '_')) {
        i++;
        continue;
      }
    }
    if (t.kind === 'cmd' || t.kind === 'char') {
      if (SKIPPED.has(t.text)) continue;
      if (ANNOTATIONS.has(t.text) && raw[i + 1]?.text === '{') {
        // `\overset{!}{=}`, `\stackrel{(a)}{=}`: a note over a relation is dropped, the relation stays.
        // Not one that takes a limit (`\underset{n \to \infty}{=}`), nor a note over anything else.
        const noteEnd = rawGroupEnd(i + 1);
        const end = raw[noteEnd + 1]?.text === '{' ? rawGroupEnd(noteEnd + 1) : -1;
        const inner = end > 0 ? raw.slice(noteEnd + 2, end) : [];
        const relation = inner.length === 1 && (inner[0].text === '=' || lookup(RELATIONS, inner[0].text) !== undefined);
        if (relation && !raw.slice(i + 2, noteEnd).some((x) => LIMIT_NOTES.has(x.text))) {
          toks.push(inner[0]);
          i = end;
          continue;
        }
      }
      if (SKIPPED_WITH_ARG.has(t.text)) {
        if (raw[i + 1]?.text === '*') i++;
        if (raw[i + 1]?.text === '{') i = Math.min(rawGroupEnd(i + 1), raw.length - 2);
        continue;
      }
    }
    toks.push(t);
  }
  const groupEnd = groupEnds(toks);
  // How many leading digits of a number token are single-character arguments.
  const peel = new Map<number, number>();
  const single = (i: number, n = 1) => {
    const t = toks[i];
    const digits = t?.kind === 'num' ? (t.text + '.').indexOf('.') : 0;
    if (digits > 0) peel.set(i, Math.max(peel.get(i) ?? 0, Math.min(n, digits, t.text.length - 1)));
  };
  for (let i = 0; i < toks.length; i++) {
    const x = toks[i].kind === 'num' ? '' : toks[i].text;
    if (x === '^' || x === '_' || SINGLE_ARG_COMMANDS.has(x)) single(i + 1);
    else if (x === '\\frac' || x === '\\dfrac' || x === '\\tfrac' || x === '\\cfrac') {
      if (toks[i + 1]?.kind === 'num') single(i + 1, 2); // \frac123: 1 over 2, times 3
      else single(toks[i + 1]?.text === '{' ? groupEnd(i + 1) + 1 : i + 2);
    }
  }
  if (peel.size === 0) return toks;
  const out: Token[] = [];
  toks.forEach((t, i) => {
    const n = peel.get(i) ?? 0;
    for (let k = 0; k < n; k++) out.push(numberToken(t.text[k], t.loc.start + k));
    out.push(n ? numberToken(t.text.slice(n), t.loc.start + n) : t);
  });
  return out;
}

/** The groups `{… \over …}` with one `\over` at their top level: the indices of their `{` and of the `\over`s. */
function infixFractions(raw: readonly Token[]): { groups: Set<number>; overs: Set<number> } {
  const groups = new Set<number>();
  const overs = new Set<number>();
  const open: { at: number; overs: number[] }[] = [];
  raw.forEach((t, i) => {
    if (t.kind === 'char' && t.text === '{') open.push({ at: i, overs: [] });
    else if (t.kind === 'char' && t.text === '}') {
      const group = open.pop();
      if (group && group.overs.length === 1) {
        groups.add(group.at);
        overs.add(group.overs[0]);
      }
    } else if (t.kind === 'cmd' && t.text === '\\over') open[open.length - 1]?.overs.push(i);
  });
  return { groups, overs };
}

/** Whether the token before index i ends a symbol: a letter, or the group of a font command (`\mathbf{x}`). */
function followsSymbol(raw: readonly Token[], i: number, groupEnd: (i: number) => number): boolean {
  const before = raw[i - 1];
  if (before?.kind === 'letter') return true;
  if (before?.kind !== 'char' || before.text !== '}') return false;
  for (let open = i - 2; open >= 1; open--) {
    if (raw[open].kind === 'char' && raw[open].text === '{' && groupEnd(open) === i - 1) return raw[open - 1].kind === 'cmd' && Object.prototype.hasOwnProperty.call(FONTS, raw[open - 1].text);
  }
  return false;
}

/**
 * For a colour command at index i (`\color[rgb]{1,0,0}{a = b}`), the index of the `{` of the group it
 * colours when that group holds a relation at its top level; undefined otherwise.
 */
function colouredFrame(raw: readonly Token[], i: number, groupEnd: (i: number) => number): number | undefined {
  const isChar = (k: number, text: string) => raw[k]?.kind === 'char' && raw[k].text === text;
  let j = i + 1;
  if (isChar(j, '[')) {
    while (j < raw.length && !isChar(j, ']')) j++;
    j++;
  }
  if (!isChar(j, '{')) return undefined;
  j = groupEnd(j) + 1;
  if (!isChar(j, '{')) return undefined;
  const close = groupEnd(j);
  if (!isChar(close, '}')) return undefined;
  // Open groups inside; a \boxed group's content is at the level of the \boxed (it is unwrapped too).
  const open: boolean[] = [];
  for (let k = j + 1; k < close; k++) {
    const t = raw[k];
    if (t.kind === 'char' && (t.text === '{' || t.text === '(' || t.text === '[')) open.push(t.text === '{' && raw[k - 1]?.text === '\\boxed');
    else if (t.kind === 'char' && (t.text === '}' || t.text === ')' || t.text === ']')) open.pop();
    else if (open.every((boxed) => boxed) && t.kind !== 'num' && lookup(RELATIONS, t.text)) return j;
  }
  return undefined;
}

/**
 * For the `{` at index i, the index of its matching `}` (the last index when unclosed). Matched in one
 * pass: scanning forward from each `{` is quadratic in nested input (`\frac{\frac{…`).
 */
function groupEnds(toks: readonly Token[]): (i: number) => number {
  const ends = new Map<number, number>();
  const open: number[] = [];
  toks.forEach((t, j) => {
    if (t.kind !== 'char') return;
    if (t.text === '{') open.push(j);
    else if (t.text === '}' && open.length > 0) ends.set(open.pop()!, j);
  });
  return (i) => ends.get(i) ?? toks.length - 1;
}
