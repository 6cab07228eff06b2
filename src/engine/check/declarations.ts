// Shapes the text declares (issue 13, section 4: "what the document declares wins"):
// `A \in \mathbb{R}^{m \times n}`, `\mathbf x, \mathbf y \in \mathbb{R}^d`, `\lambda \in \mathbb R`.
// They give the document's own symbols their shapes, as a `shapes` directive does, within the part of
// the document they are written in; a built-in model's symbols keep the model's shapes.
import { parseShapeSpec, shapeKeyOf, type ShapeSpec } from '../models/shapes';

/** A declared shape, with the symbol as written (for messages) and where the declaration is. */
export interface Declaration {
  readonly key: string;
  readonly shape: ShapeSpec;
  readonly offset: number;
}

/** An exponent of ℝ: `^n`, `^{m \times n}`. */
const EXPONENT = String.raw`\s*\^\s*(\{[^{}]*\}|\\?[A-Za-z0-9])`;
/** `\in` and the real numbers, with an optional exponent after them or inside the braces (`\mathbb{R^{n \times 1}}`). */
const REALS = new RegExp(String.raw`\\in\s*(?:\\mathbb\s*\{\s*R(?:${EXPONENT})?\s*\}|\\mathbb\s+R\b|\\R\b|\u211d)(?:${EXPONENT})?`, 'g');
/** Where the list of declared names starts, scanning back from `\in`. */
const LIST_START = /(?:\$|\\quad|\\qquad|\\,|\\;|\\text\s*\{[^{}]*\}|\\forall|\\exists|\\\\|&|:|;|(?<!\{)\(|(?<!\{)\[|\b(?:for|all|any|each|every|and|with|where|let|Let)\b)/g;

/** The shapes `latex` (one span of math) declares; `at` maps a span offset to the document's. */
export function declarationsIn(latex: string, at: (offset: number) => number): Declaration[] {
  const found: Declaration[] = [];
  for (const match of latex.matchAll(REALS)) {
    const shape = shapeOf(match[1] ?? match[2]);
    if (!shape) continue;
    const before = latex.slice(0, match.index);
    let start = 0;
    for (const boundary of before.matchAll(LIST_START)) start = boundary.index! + boundary[0].length;
    const names = before.slice(start).split(',').map((name) => name.trim());
    // The names that end the list, each a symbol the shapes directive could name: `x_i` of a family is not one.
    for (let i = names.length - 1; i >= 0; i--) {
      const key = names[i] && !/_\s*\{?\s*[a-z]\s*\}?\s*$/.test(names[i]) ? shapeKeyOf(names[i]) : undefined;
      if (!key) break;
      found.push({ key, shape: { ...shape, name: names[i] }, offset: at(match.index!) });
    }
  }
  return found;
}

/** `{m \times n}` as the directive's `mxn`; none is a scalar. */
function shapeOf(exponent: string | undefined): ShapeSpec | undefined {
  if (exponent === undefined) return parseShapeSpec('1');
  const sizes = exponent
    .replace(/^\{|\}$/g, '')
    .replace(/\\times|\\cdot|\u00d7|\*/g, 'x')
    .replace(/\s+/g, '');
  return parseShapeSpec(sizes);
}
