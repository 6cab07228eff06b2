import { parseShapeSpec, shapeKeyOf, type ShapeSpec } from '../models/shapes';
import { MODEL_ALIASES, MODEL_CHOICES } from '../models/registry';
import { SIGMA_CHOICES } from '../evaluate/activations';
import type { AllowedValues } from '../semantics/scope';

/** Settings a `derivcheck:` directive can change, from its line on. */
export interface Settings {
  model: string;
  sigma: string;
  dims: Record<string, number>;
  seed: number;
  samples: number;
  tol: number;
  /** Shapes of the leaves of the document's own model (`shapes W=3x2 x=2`), by symbol key. */
  shapes?: Record<string, ShapeSpec>;
  /** Shapes the text declares where it is checked (`A \in \mathbb{R}^{m \times n}`; declarations.ts); a directive's win. */
  declared?: Record<string, ShapeSpec>;
  /** Values the text restricts a symbol to where it is checked (`y \in \{-1, +1\}`; value-sets.ts), by symbol key. */
  valueSets?: Record<string, AllowedValues>;
  /** Variables the prose around the span being checked sends to 0 (check/limits.ts). */
  limits?: readonly string[];
}

const MODEL_NAMES = MODEL_CHOICES.map((c) => c.name);
const SIGMA_NAMES = SIGMA_CHOICES.map((c) => c.name);

export type DirectiveEffect =
  | { kind: 'settings'; apply: (settings: Settings) => void }
  | { kind: 'pins'; pins: Record<string, number> }
  | { kind: 'ignore-next-line' }
  /** The whole file is not checked (an exported report, which quotes math as it was written). */
  | { kind: 'ignore-file' }
  /** `let \ell = L`: a name of the document bound to an expression in the model's (or its own) symbols. */
  | { kind: 'let'; name: string; body: string }
  | { kind: 'error'; message: string; /** The offending word, to locate the error inside the directive. */ word?: string };

/**
 * Parses what follows `derivcheck:`: `model=mlp sigma=tanh k=3 seed=7 samples=32 tol=1e-8`,
 * `ignore-next-line`, `ignore-file`, `at x=0.5`, or `let f = L`. Unknown keys and bad values are reported, never silently ignored.
 */
export function parseDirective(text: string): DirectiveEffect[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words[0] === 'ignore-next-line') return [{ kind: 'ignore-next-line' }];
  if (words.length === 1 && words[0] === 'ignore-file') return [{ kind: 'ignore-file' }];
  if (words[0] === 'at') return [parsePins(words.slice(1))];
  if (words[0] === 'let') return [parseLet(text.trim().slice('let'.length))];
  const effects: DirectiveEffect[] = [];
  // `shapes` takes the rest of the directive: `model=custom shapes W=3x2 x=2`.
  // Settings that cannot name a symbol (`sigma=relu`) may still follow it.
  const shapesAt = words.indexOf('shapes');
  const isSetting = (word: string) => /^(?:model|sigma|seed|samples|tol)=/.test(word);
  if (shapesAt >= 0) effects.push(...parseShapes(words.slice(shapesAt + 1).filter((w) => !isSetting(w))));
  for (const word of shapesAt >= 0 ? [...words.slice(0, shapesAt), ...words.slice(shapesAt + 1).filter(isSetting)] : words) {
    const match = /^([a-z-]+)=(.+)$/.exec(word);
    if (!match) {
      effects.push({ kind: 'error', message: `derivcheck directive: expected key=value or ignore-next-line, found '${word}'` });
      continue;
    }
    const [, key, value] = match;
    effects.push(settingEffect(key, value));
  }
  return effects;
}

function settingEffect(key: string, value: string): DirectiveEffect {
  const bad = (expected: string): DirectiveEffect => ({ kind: 'error', message: `derivcheck directive: ${key} must be ${expected}, not '${value}'` });
  const positiveInteger = (lo: number, hi: number) => {
    const n = Number(value);
    return Number.isInteger(n) && n >= lo && n <= hi ? n : undefined;
  };
  switch (key) {
    case 'model': {
      const name = MODEL_ALIASES[value] ?? value;
      return MODEL_NAMES.includes(name) ? { kind: 'settings', apply: (s) => (s.model = name) } : bad(MODEL_NAMES.join('|'));
    }
    case 'sigma':
      return SIGMA_NAMES.includes(value) ? { kind: 'settings', apply: (s) => (s.sigma = value) } : bad(SIGMA_NAMES.join('|'));
    case 'seed': {
      const n = positiveInteger(0, 2 ** 31);
      return n === undefined ? bad('a non-negative integer') : { kind: 'settings', apply: (s) => (s.seed = n) };
    }
    case 'samples': {
      const n = positiveInteger(1, 1000);
      return n === undefined ? bad('an integer from 1 to 1000') : { kind: 'settings', apply: (s) => (s.samples = n) };
    }
    case 'tol': {
      const n = Number(value);
      return n > 0 && n < 1 ? { kind: 'settings', apply: (s) => (s.tol = n) } : bad('a number between 0 and 1');
    }
    case 'k':
    case 'm':
    case 'n':
    case 'd': {
      const n = positiveInteger(1, 50);
      return n === undefined ? bad('an integer from 1 to 50') : { kind: 'settings', apply: (s) => (s.dims = { ...s.dims, [key]: n }) };
    }
    case 'shapes':
      return { kind: 'error', message: `derivcheck directive: write shapes followed by name=shape pairs, e.g. shapes W=3x2 x=2, not shapes=${value}` };
    default:
      return { kind: 'error', message: `derivcheck directive: unknown setting '${key}' (known: model, sigma, k, seed, samples, tol, shapes)` };
  }
}

/**
 * `shapes W=3x2 x=2 c=3 v=1x3 A=nxd`: the shapes of leaves of the document's own model. A single
 * size is a column vector; a letter is a size name sampled per point (pinned by `n=3`). Each bad pair
 * is reported on its own; the good ones still apply.
 */
function parseShapes(words: string[]): DirectiveEffect[] {
  if (words.length === 0) return [{ kind: 'error', message: 'derivcheck directive: shapes expects name=shape pairs, e.g. shapes W=3x2 x=2' }];
  const effects: DirectiveEffect[] = [];
  const shapes: Record<string, ShapeSpec> = {};
  for (const word of words) {
    const match = /^([^=]+)=([^=]*)$/.exec(word);
    if (!match) {
      effects.push({ kind: 'error', message: `derivcheck directive: shapes expects name=shape pairs like W=3x2, found '${word}'`, word });
      continue;
    }
    const [, name, value] = match;
    const key = shapeKeyOf(name);
    const shape = parseShapeSpec(value);
    if (!key) effects.push({ kind: 'error', message: `derivcheck directive: shapes: '${name}' is not a symbol (write W, x, W_1, \\beta or \\hat{y})`, word });
    else if (!shape) effects.push({ kind: 'error', message: `derivcheck directive: shapes: the shape of ${name} must be like 3, 3x2, 3×2 or nxd (sizes up to 50), not '${value}'`, word });
    else shapes[key] = { ...shape, name };
  }
  if (Object.keys(shapes).length > 0) effects.push({ kind: 'settings', apply: (s) => (s.shapes = { ...s.shapes, ...shapes }) });
  return effects;
}

/** `at x=0.5 y_true=1 k=3 i=2`: values the hover point uses instead of random ones. */
function parsePins(words: string[]): DirectiveEffect {
  const pins: Record<string, number> = {};
  for (const word of words) {
    const match = /^([^=\s]+)=(-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?)$/.exec(word);
    if (!match) return { kind: 'error', message: `derivcheck directive: 'at' expects name=number pairs, found '${word}'` };
    pins[match[1]] = Number(match[2]);
  }
  if (words.length === 0) return { kind: 'error', message: "derivcheck directive: 'at' expects name=number pairs, e.g. at x=0.5 k=3" };
  return { kind: 'pins', pins };
}

/** `let f = L`, `let \ell = \frac12(y - \hat y)^2`: the name and the LaTeX it stands for. */
function parseLet(rest: string): DirectiveEffect {
  const equals = rest.indexOf('=');
  const [name, body] = equals < 0 ? ['', ''] : [rest.slice(0, equals).trim(), rest.slice(equals + 1).trim()];
  if (!name || !body) return { kind: 'error', message: "derivcheck directive: let expects name = expression, e.g. let f = L" };
  return { kind: 'let', name, body };
}
