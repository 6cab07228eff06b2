// Random and mutated math for fuzzing the engine (test/engine/fuzz.test.ts, scripts/fuzz.ts):
// (a) math from a grammar, rendered in LaTeX, Unicode and ASCII notation; (b) claims taken from the
// fixtures, mutated token by token (deleted, duplicated, swapped, unbalanced braces, stray `\`,
// huge numbers, deep nesting, random Unicode); (c) whole documents (Markdown, LaTeX, code comments)
// built from both. A case that must not parse carries the offset of the character that breaks it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as fc from 'fast-check';
import type { DocumentLanguage } from '../../../../src/engine';
import { FIXTURES } from '../../../support/paths';

export type Notation = 'latex' | 'unicode' | 'ascii';

export interface Claim {
  readonly text: string;
  readonly notation: Notation;
}

export interface FuzzDocument {
  readonly text: string;
  readonly language: DocumentLanguage;
  /**
   * Offsets of characters inserted to break the math they are in (an unclosed `{`): a finding whose
   * range covers one must not be `verified`.
   */
  readonly broken: readonly number[];
}

// ---- (b) claims of the fixtures


function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));
}

function notationOf(text: string): Notation {
  if (/\\[a-zA-Z]/.test(text)) return 'latex';
  return /[^\x00-\x7f]/.test(text) ? 'unicode' : 'ascii';
}

/** Equations as the fixtures write them: `$…$` math, and prose or comment lines with `=` in plain notation. */
export function fixtureClaims(): Claim[] {
  const claims = new Map<string, Claim>();
  const add = (raw: string) => {
    const text = raw.trim();
    if (text.includes('=') && text.length <= 400 && !claims.has(text)) claims.set(text, { text, notation: notationOf(text) });
  };
  for (const path of filesUnder(FIXTURES)) {
    let text = readFileSync(path, 'utf8');
    if (path.endsWith('.ipynb')) text = (JSON.parse(text).cells as { source: string[] | string }[]).map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source)).join('\n');
    for (const m of text.matchAll(/\$\$([^$]+)\$\$|\$([^$\n]+)\$|\\\[([\s\S]+?)\\\]/g)) add(m[1] ?? m[2] ?? m[3]);
    for (const m of text.matchAll(/\\begin\{(align|equation|gather)\*?\}([\s\S]+?)\\end\{\1\*?\}/g)) for (const row of m[2].split('\\\\')) add(row.replace(/&/g, ''));
    for (const line of text.split('\n')) {
      const plain = line.replace(/^\s*(?:#|\/\/|%|\*|-)+\s*/, '');
      if (!plain.includes('$') && !plain.includes('\\') && /(?:∂|d)\w*\s*\/\s*(?:∂|d)\w*.*=/.test(plain)) add(plain);
    }
  }
  return [...claims.values()];
}

// ---- mutations

/** LaTeX commands, escaped characters, numbers, single characters (a grapheme at a time). */
const TOKEN = /\\[a-zA-Z]+|\\.|\d+(?:\.\d+)?|\s+|[\s\S]/gu;

export function tokens(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

const NOISE = ['{', '}', '\\', '\\left(', '\\right)', '(', ')', '[', ']', '^', '_', '&', '\\\\', '$', '=', '-', '+', "'", '′', '|', '\\|', '\\frac', '\\sqrt', '\\sum', '\\partial', '∂', '∑', 'σ', '·', '\u0301', '\u200b', '\ufeff', '\t', '\r\n', '𝔼', '🙂', '\\begin{pmatrix}', '\\end{pmatrix}', '%', '#', '\\text{', '\\mathbb{1}', '\\delta_{ij}'];
const HUGE = ['1e400', '1e-400', '9'.repeat(400), '0.' + '0'.repeat(300) + '1', '123456789012345678901234567890', 'NaN', 'Infinity', '-0'];

type Mutation = (toks: string[]) => string[];

/** Array.prototype.toSpliced (ES2023, beyond the project's lib). */
function spliced(t: readonly string[], at: number, remove: number, insert: string): string[] {
  const out = t.slice();
  out.splice(at, remove, insert);
  return out;
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  // delete a token
  fc.nat().map((i) => (t: string[]) => t.filter((_, k) => k !== i % Math.max(1, t.length))),
  // duplicate a token
  fc.nat().map((i) => (t: string[]) => t.flatMap((x, k) => (k === i % Math.max(1, t.length) ? [x, x] : [x]))),
  // swap two tokens
  fc.tuple(fc.nat(), fc.nat()).map(([i, j]) => (t: string[]) => {
    const out = t.slice();
    const a = i % Math.max(1, t.length);
    const b = j % Math.max(1, t.length);
    [out[a], out[b]] = [out[b], out[a]];
    return out;
  }),
  // insert noise: braces, stray `\`, delimiters, Unicode
  fc.tuple(fc.nat(), fc.constantFrom(...NOISE)).map(([i, x]) => (t: string[]) => spliced(t, i % (t.length + 1), 0, x)),
  // a huge number in place of a token
  fc.tuple(fc.nat(), fc.constantFrom(...HUGE)).map(([i, x]) => (t: string[]) => spliced(t, i % Math.max(1, t.length), 1, x)),
  // random Unicode
  fc.tuple(fc.nat(), fc.string({ unit: 'grapheme', maxLength: 4 })).map(([i, x]) => (t: string[]) => spliced(t, i % (t.length + 1), 0, x)),
  // wrap a token in deep nesting
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 400 }), fc.constantFrom(['(', ')'], ['{', '}'], ['\\frac{', '}{2}'], ['\\left(', '\\right)'], ['\\sqrt{', '}'], ['[', ']'])).map(
    ([i, depth, [open, close]]) =>
      (t: string[]) => t.flatMap((x, k) => (k === i % Math.max(1, t.length) ? [open.repeat(depth), x, close.repeat(depth)] : [x])),
  ),
);

/** A claim with 1–4 mutations applied. */
export function mutatedClaim(claims: readonly Claim[]): fc.Arbitrary<Claim> {
  return fc.tuple(fc.constantFrom(...claims), fc.array(mutation, { minLength: 1, maxLength: 4 })).map(([claim, mutations]) => ({
    text: mutations.reduce((t, m) => m(t), tokens(claim.text)).join(''),
    notation: claim.notation,
  }));
}

// ---- (a) math from a grammar, in three notations

interface Rendered {
  readonly latex: string;
  readonly unicode: string;
  readonly ascii: string;
}

const r = (latex: string, unicode: string, ascii: string): Rendered => ({ latex, unicode, ascii });

const LEAVES: readonly Rendered[] = [
  r('x', 'x', 'x'),
  r('d', 'd', 'd'),
  r('b_i', 'b_i', 'b_i'),
  r('C_i', 'C_i', 'C_i'),
  r('A_i', 'A_i', 'A_i'),
  r('z_i', 'z_i', 'z_i'),
  r('y', 'y', 'y_true'),
  r('\\hat y', 'ŷ', 'y_pred'),
  r('\\sigma(z_i)', 'σ(z_i)', 'sigmoid(z_i)'),
  r("\\sigma'(z_i)", 'σ′(z_i)', "sigmoid'(z_i)"),
  r('\\lambda', 'λ', 'lambda'),
  r('\\alpha', 'α', 'alpha'),
  r('\\mu', 'μ', 'mu'),
  r('\\gamma', 'γ', 'gamma'),
  r('a', 'a', 'a'),
  r('b', 'b', 'b'),
  r('2', '2', '2'),
  r('1', '1', '1'),
  r('0.5', '0.5', '0.5'),
  r('1e400', '1e400', '1e400'),
  r('A', 'A', 'A'),
  r('C', 'C', 'C'),
  r('\\delta_{ij}', 'δ_ij', 'delta_ij'),
];

const TARGETS: readonly Rendered[] = [
  r('\\frac{\\partial L}{\\partial d}', '∂L/∂d', 'dL/dd'),
  r('\\frac{\\partial L}{\\partial C_i}', '∂L/∂C_i', 'dL/dC_i'),
  r('\\frac{\\partial L}{\\partial b_i}', '∂L/∂b_i', 'dL/db_i'),
  r('\\frac{\\partial L}{\\partial A_i}', '∂L/∂A_i', 'dL/dA_i'),
  r('\\frac{\\partial L}{\\partial \\hat y}', '∂L/∂ŷ', 'dL/dy_pred'),
  r('\\frac{d}{dz}\\sigma(z)', 'dσ/dz', 'dsigmoid/dz'),
  r('\\nabla_b L', '∇_b L', 'grad_b L'),
  r('\\nabla_x f', '∇_x f', 'grad_x f'),
  r('\\frac{\\partial L}{\\partial x_i}', '∂L/∂x_i', 'dL/dx_i'),
  r('(a+b)^2', '(a+b)²', '(a+b)**2'),
];

export const expression: fc.Arbitrary<Rendered> = fc.letrec<{ e: Rendered }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...LEAVES),
    fc.tuple(tie('e'), fc.constantFrom('+', '-'), tie('e')).map(([a, op, b]) => r(`${a.latex} ${op} ${b.latex}`, `${a.unicode} ${op === '-' ? '−' : '+'} ${b.unicode}`, `${a.ascii} ${op} ${b.ascii}`)),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => r(`${a.latex} \\cdot ${b.latex}`, `${a.unicode} · ${b.unicode}`, `${a.ascii} * ${b.ascii}`)),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => r(`${a.latex}${b.latex}`, `${a.unicode}${b.unicode}`, `${a.ascii}*${b.ascii}`)),
    fc.tuple(tie('e'), tie('e')).map(([a, b]) => r(`\\frac{${a.latex}}{${b.latex}}`, `(${a.unicode})/(${b.unicode})`, `(${a.ascii})/(${b.ascii})`)),
    fc.tuple(tie('e'), fc.constantFrom('2', '-1', 'T', '3')).map(([a, p]) =>
      p === 'T' ? r(`(${a.latex})^\\top`, `(${a.unicode})ᵀ`, `(${a.ascii}).T`) : r(`(${a.latex})^{${p}}`, `(${a.unicode})${p === '2' ? '²' : p === '3' ? '³' : '⁻¹'}`, `(${a.ascii})**${p === '-1' ? '(-1)' : p}`),
    ),
    tie('e').map((a) => r(`\\left(${a.latex}\\right)`, `(${a.unicode})`, `(${a.ascii})`)),
    tie('e').map((a) => r(`-${a.latex}`, `−${a.unicode}`, `-${a.ascii}`)),
    tie('e').map((a) => r(`\\sigma(${a.latex})`, `σ(${a.unicode})`, `sigmoid(${a.ascii})`)),
    tie('e').map((a) => r(`\\exp(${a.latex})`, `exp(${a.unicode})`, `np.exp(${a.ascii})`)),
    tie('e').map((a) => r(`\\sum_j ${a.latex}`, `∑_j ${a.unicode}`, `sum_j ${a.ascii}`)),
    tie('e').map((a) => r(`\\|${a.latex}\\|^2`, `‖${a.unicode}‖²`, `norm(${a.ascii})**2`)),
    tie('e').map((a) => r(`\\sqrt{${a.latex}}`, `√(${a.unicode})`, `sqrt(${a.ascii})`)),
    fc.tuple(tie('e'), tie('e'), tie('e'), tie('e')).map(([a, b, c, d]) =>
      r(`\\begin{pmatrix} ${a.latex} & ${b.latex} \\\\ ${c.latex} & ${d.latex} \\end{pmatrix}`, `[[${a.unicode}, ${b.unicode}], [${c.unicode}, ${d.unicode}]]`, `np.array([[${a.ascii}, ${b.ascii}], [${c.ascii}, ${d.ascii}]])`),
    ),
    tie('e').map((a) => r(`${a.latex} \\odot \\sigma'(z)`, `${a.unicode} ⊙ σ′(z)`, `${a.ascii} * sigmoid'(z)`)),
  ),
})).e;

/** `target = e₁ (= e₂)` in one notation. */
export const grammarClaim: fc.Arbitrary<Claim> = fc
  .tuple(fc.constantFrom(...TARGETS), expression, fc.option(expression, { nil: undefined }), fc.constantFrom<Notation>('latex', 'unicode', 'ascii'))
  .map(([target, first, second, notation]) => {
    const op = notation === 'latex' ? ' = ' : ' = ';
    return { text: [target, first, ...(second ? [second] : [])].map((part) => part[notation]).join(op), notation };
  });

// ---- (c) documents

interface Piece {
  readonly claim: Claim;
  /** Break it: insert an unclosed `{` at this fraction of its length (LaTeX in `$…$` only). */
  readonly breakAt?: number;
}

const piece = (claims: fc.Arbitrary<Claim>): fc.Arbitrary<Piece> =>
  // One piece in four is broken on purpose.
  fc.tuple(claims, fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: fc.double({ min: 0, max: 1, noNaN: true }), weight: 1 })).map(([claim, breakAt]) => ({ claim, ...(breakAt !== undefined ? { breakAt } : {}) }));

const PROSE = ['Hence', 'So we get', '## Part (b)', '**(c)**', 'The gradient is', '<!-- derivcheck: model=mlp -->', '<!-- derivcheck: sigma=generic -->', '<!-- derivcheck: samples=3 -->', '```python\nx = 1\n```', '> quote $a=b$', '- item', '$x = (1, 7, 7, 9)$', ''];

/** Inserts an unclosed `{` into LaTeX math (never after a `\`, where `\{` would be a set brace): the offset within `text`. */
function breakLatex(text: string, fraction: number): { text: string; at: number } {
  let at = Math.floor(fraction * text.length);
  while (at > 0 && text[at - 1] === '\\') at--;
  return { text: `${text.slice(0, at)}{${text.slice(at)}`, at };
}

type Container = 'markdown' | 'latex' | 'python' | 'javascript';

/**
 * A document of 1–`maxPieces` pieces (a claim after a line of prose, a heading or a directive) in
 * one of `languages`, with the offsets of the breaks made.
 */
export function fuzzDocument(claims: fc.Arbitrary<Claim>, { maxPieces = 3, languages = ['markdown', 'markdown', 'latex', 'python', 'javascript'] }: { maxPieces?: number; languages?: readonly Container[] } = {}): fc.Arbitrary<FuzzDocument> {
  return fc
    .tuple(fc.constantFrom(...languages), fc.array(fc.tuple(piece(claims), fc.constantFrom(...PROSE), fc.nat(3)), { minLength: 1, maxLength: maxPieces }), fc.constantFrom('\n', '\r\n'), fc.boolean())
    .map(([language, pieces, eol, bom]) => {
      let text = bom ? '\ufeff' : '';
      if (language === 'latex') text += '\\documentclass{article}\n\\begin{document}\n';
      const broken: number[] = [];
      for (const [{ claim, breakAt }, prose, style] of pieces) {
        const latex = claim.notation === 'latex';
        let body = claim.text;
        let breakOffset: number | undefined;
        if (breakAt !== undefined && latex) {
          const b = breakLatex(body, breakAt);
          body = b.text;
          breakOffset = b.at;
        }
        let before: string;
        let after: string;
        if (language === 'markdown') {
          [before, after] = latex ? (style % 2 ? ['$$', '$$'] : ['$', '$']) : ['', ''];
          text += `${prose}${eol}${eol}`;
        } else if (language === 'latex') {
          [before, after] = latex ? (style === 0 ? ['\\[', '\\]'] : style === 1 ? ['\\begin{align}', '\\end{align}'] : ['$', '$']) : ['% ', ''];
          text += `${prose.replace(/[#*<>`!-]/g, '')}${eol}`;
        } else {
          const comment = language === 'python' ? '# ' : '// ';
          [before, after] = [comment, ''];
          body = body.replace(/\r?\n/g, `${eol}${comment}`);
          text += `${comment}${prose.replace(/\n/g, ' ')}${eol}`;
        }
        // A break counts only where the math is read as LaTeX between its delimiters.
        if (breakOffset !== undefined && latex && before !== '' && !before.startsWith('%') && !before.startsWith('#') && !before.startsWith('//') && !body.includes('$')) broken.push(text.length + before.length + breakOffset);
        text += `${before}${body}${after}${eol}`;
      }
      if (language === 'latex') text += '\\end{document}\n';
      const ext: Record<Container, DocumentLanguage> = { markdown: 'markdown', latex: 'latex', python: 'python', javascript: 'javascript' };
      return { text, language: ext[language], broken };
    });
}
