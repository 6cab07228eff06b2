// Accents (`\hat y`), math fonts (`\mathbf{x}`, `\mathcal{L}`, `\mathbb{1}`) and text-like commands
// whose content is a name (`\mathrm{d}`, `\text{pred}`, `\operatorname{ReLU}`).
import type { Node, SymNode } from '../ast';
import type { Atom, AtomHandler } from '../parser-api';
import { at, mapSyms, sym } from '../nodes';
import { canonicalFunction } from './functions';
import { indicatorFollows, parseIndicator } from './delimiters';
import { trySlashDerivative } from './calculus';
import { ACCENTS, FONTS, TEXT_FONTS } from './font-names';

const plainHead = (s: SymNode): Atom['head'] => (s.sub ? undefined : { kind: 'plain', fn: s.name, display: s.name });

const accent: AtomHandler = (p, t) => {
  p.next();
  const arg = p.parseArg(`expected a symbol after ${t.text}`, t.loc);
  const loc = at(t.loc.start, p.lastEnd);
  // `\vec{0}`: the zero vector, which `… = 0` of any shape already reads.
  if (arg.kind === 'num' && arg.value === 0 && t.text === '\\vec') return { node: { ...arg, loc } };
  if (arg.kind !== 'sym') return p.fail(`${t.text} can only be applied to a single symbol`, loc);
  if (arg.accent) p.unsupported(`two accents on one symbol are not supported`, loc);
  const node: SymNode = { ...arg, accent: ACCENTS[t.text], loc };
  return { node, head: plainHead(node) };
};

const font: AtomHandler = (p, t) => {
  p.next();
  const name = FONTS[t.text];
  // (`\mathit{scale}` is a name in italics, not an operator.)
  const word = name === 'bf' ? operatorWord(p, t) : undefined;
  if (word) return word;
  const arg = p.parseArg(`expected an argument after ${t.text}`, t.loc);
  const loc = at(t.loc.start, p.lastEnd);
  if (arg.kind === 'num' && arg.value === 1 && arg.decimals === 0 && (name === 'bb' || name === 'bf')) {
    if (indicatorFollows(p)) return { node: parseIndicator(p, t.loc.start) };
    return { node: sym('1', loc, { font: name }) };
  }
  const node = mapSyms(arg, (s) => (s.font ? s : { ...s, font: name }));
  if (node.kind !== 'sym') return { node };
  const s = { ...node, loc };
  return { node: s, head: plainHead(s) };
};

/**
 * `\mathbf{rank}~A`, `\mathbf{tr}(X)`: an operator's name set in a math font, not a product of bold
 * letters (a known function, or a lower-case word of three letters or more). Undefined, with nothing
 * read, otherwise.
 */
function operatorWord(p: Parameters<AtomHandler>[0], t: Parameters<AtomHandler>[1]): Atom | undefined {
  if (!p.is('{')) return undefined;
  const start = p.pos;
  const raw = p.readRaw(t).text.trim();
  const known = /^[A-Za-z]+$/.test(raw) ? canonicalFunction(raw) : undefined;
  if (!known && !/^[a-z]{3,}$/.test(raw)) {
    p.seek(start);
    return undefined;
  }
  const loc = at(t.loc.start, p.lastEnd);
  const display = `${t.text}{${raw}}`;
  if (known) return { node: sym(known.fn, loc), head: { kind: 'fn', fn: known.fn, display, bare: known.bare, parenRequired: known.parenRequired, needsCall: true } };
  return { node: sym(raw, loc), head: { kind: 'fn', fn: raw, display, bare: true, needsCall: true } };
}

const text: AtomHandler = (p, t) => {
  const slash = trySlashDerivative(p);
  if (slash) return { node: slash, done: true };
  p.next();
  if (t.text === '\\operatorname') p.eat('*');
  const kind = TEXT_FONTS[t.text];
  const openPos = p.pos;
  // `\operatorname*{arg\,min}`: thin spaces inside an operator's name are typography, not math.
  const raw = kind === 'op' ? p.readRaw(t).text.replace(/\\[,;:! ]|~/g, '').trim() : p.readRaw(t).text.trim();
  const loc = at(t.loc.start, p.lastEnd);
  const display = `${t.text}{${raw}}`;
  if (/^[A-Za-z]+$/.test(raw)) {
    const known = canonicalFunction(raw);
    if (known) return { node: sym(known.fn, loc), head: { kind: 'fn', fn: known.fn, display, bare: known.bare, parenRequired: known.parenRequired, needsCall: true } };
    if (kind === 'op') return { node: sym(raw, loc), head: { kind: 'fn', fn: raw, display, bare: true, needsCall: true } };
    const s = sym(raw, loc, { font: kind });
    if (raw.length === 1) return { node: s, head: plainHead(s) };
    return { node: s, head: { kind: 'fn', fn: raw, display } };
  }
  if (raw === '') p.fail(`empty ${t.text}{}`, loc);
  if (kind === 'text' && !/^[\d.\s]+$/.test(raw)) p.fail(`cannot read ${display} as math`, loc);
  // \mathrm{x_1}, \text{2}: read the content as math.
  p.seek(openPos);
  const node: Node = mapSyms(p.parseBraceGroup(), (s) => (s.font ? s : { ...s, font: kind }));
  return { node };
};

export const FONT_COMMANDS: Readonly<Record<string, AtomHandler>> = (() => {
  const t: Record<string, AtomHandler> = {};
  for (const k of Object.keys(ACCENTS)) t[k] = accent;
  for (const k of Object.keys(FONTS)) t[k] = font;
  for (const k of Object.keys(TEXT_FONTS)) t[k] = text;
  return t;
})();

