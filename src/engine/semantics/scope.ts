import type { Model } from './model';
import type { Nonlinearity } from '../evaluate/activations';
import type { Tensor } from '../evaluate/tensor';
import type { SourceRange } from '../source/location';
import type { Node, SymNode } from '../parse/ast';
import type { Env } from './env';
import { children } from './walk';

export type Evaluator = (env: Env) => Tensor;

/** A compiled expression; `ref` is set when it is exactly a model node (or one entry of it). */
export interface Compiled {
  readonly run: Evaluator;
  readonly ref?: NodeRef;
}

export interface NodeRef {
  /** The memo key: 'node:z', 'user:delta', 'var:z'. */
  readonly key: string;
  /** The 1-based indices, evaluated in the environment; empty for the whole quantity. */
  readonly indices: readonly ((env: Env) => number)[];
  readonly display: string;
  /** An entry of a free vector at a free index (z_k of ∂/∂z_k): the memo key of the entry at the bound indices, seeded itself. */
  readonly entryKey?: (env: Env) => string;
}

/** Values a free index ranges over when neither the model nor the claim bounds it: several, so that i ≠ j is tried; the length of a free vector written by its entries. */
export const UNBOUNDED_INDEX_RANGE = 3;

/** Something the document defined: `\delta = -2(y-\hat y)`, `a_i = \sigma(z_i)`, `f(x) = x^2`. */
export interface UserDefinition {
  readonly key: string;
  readonly display: string;
  readonly indexVars: readonly string[];
  readonly params: readonly string[];
  readonly body: Node;
  /** Compiled lazily, in the scope as it was when defined. */
  compiled?: Compiled;
  readonly modelBound: boolean;
  /** Where it was defined (document offsets), for related information. */
  readonly range: SourceRange;
  readonly source: string;
  /** The definition of the same name that this one replaced (the text defined it anew: φ(x) = tanh x after the sigmoid). */
  readonly replaces?: UserDefinition;
}

/** The context a claim is checked in: model, σ, definitions so far, sampling options. */
export interface Scope {
  readonly model: Model | null;
  /** The σ instances sample points cycle through (one, unless σ is generic). */
  readonly sigmas: readonly Nonlinearity[];
  /** True once a directive or a definition chose σ (a later `σ(z) = …` is then a claim). */
  readonly sigmaChosen: boolean;
  readonly definitions: ReadonlyMap<string, UserDefinition>;
  /**
   * Shapes a `shapes` directive gives free variables (`A=2x2`, `x=n`), by symbol key: an identity in
   * free variables samples them as such (free-shapes.ts). Without one a free variable is a scalar.
   */
  readonly freeShapes?: ReadonlyMap<string, FreeShape>;
  /** Symbols (by key) whose shape only the text declares (`X \in \mathbb{R}^{N \times D}`), no directive. */
  readonly shapesFromText?: ReadonlySet<string>;
  /** The document's names for the model's sizes (`m` for the ridge model's n), from the shapes it declares (check/size-aliases.ts). */
  readonly sizeAliases?: ReadonlyMap<string, string>;
  /** Sizes pinned by directives (`n=3`), for the size names of free shapes. */
  readonly pinnedSizes?: Readonly<Record<string, number>>;
  /** Values the text restricts free variables to (`y \in \{-1, +1\}`), by symbol key (check/value-sets.ts). */
  readonly valueSets?: Readonly<Record<string, AllowedValues>>;
  /** Variables the text sends to 0 around the math being checked (`h \to 0`), by symbol key (check/limits.ts). */
  readonly limits?: readonly string[];
  /**
   * Set while a claim is checked with stand-ins for the functions the text names but never defines
   * (f, g: evaluate/generic-functions.ts); only agreement then decides (check/generic-function-claims.ts).
   */
  readonly genericFunctions?: true;
  /** Set while undefined functions of a vector are read as unknowns at the points written (opaque-functions.ts). */
  readonly opaqueFunctions?: true;
  /** Free vectors a derivative of the claim is taken by entry in (∂/∂z_k of Σ_j e^{z_j}), by key: their entries at free indices are variables (compile-symbols.ts). */
  readonly entryVectors?: ReadonlySet<string>;
  /** Set while a claim is checked in one reading of its free variables' shapes from notation (check/shapes-from-notation.ts). */
  readonly shapesFromNotation?: true;
}

/** The values the text allows a symbol: those it lists, or the positive numbers (check/value-sets.ts). */
export type AllowedValues = readonly number[] | 'positive';

/** A declared shape: sizes are numbers or size names (`n`), sampled per point unless pinned. */
/** The scalar parameter a differential's derivative is taken in (check/differentials.ts): a name no text writes. */
export const DIFFERENTIAL_STEP = 'differential-step';

export interface FreeShape {
  readonly rows: number | string;
  readonly cols: number | string;
  /** Sampled symmetric (a square matrix the text may take to be: the A of ∇(½xᵀAx) = Ax). */
  readonly symmetric?: true;
}

/** A symbol's identity apart from its index: `\hat y` → 'hat:y', `y_{pred}` → 'y_pred', `x^*` → 'x*'. */
export function symbolKey(sym: SymNode): string {
  let key = sym.name;
  if (sym.accent) key = `${sym.accent}:${key}`;
  if (sym.sub?.kind === 'label') key += `_${sym.sub.text}`;
  if (sym.star) key += '*';
  if (sym.primes) key += "'".repeat(sym.primes);
  return key;
}

/** The key of an indexed family `δ_i = …` (distinct from a plain `δ = …`). */
export function familyKey(key: string, indexCount: number): string {
  return `${key}[${indexCount}]`;
}

/** The definition a symbol refers to: its indexed family's (`h_i` of `h_i = \tanh(z_i)`) or its own. */
export function definitionOf(scope: Pick<Scope, 'definitions'>, sym: SymNode): UserDefinition | undefined {
  const key = symbolKey(sym);
  const count = sym.sub?.kind === 'indices' ? sym.sub.items.length : 0;
  return (count > 0 ? scope.definitions.get(familyKey(key, count)) : undefined) ?? scope.definitions.get(key);
}

/** The definition a node uses itself: a symbol's (definitionOf), or the function an application applies. */
export function definitionUsed(scope: Pick<Scope, 'definitions'>, node: Node): UserDefinition | undefined {
  return node.kind === 'sym' ? definitionOf(scope, node) : node.kind === 'call' ? scope.definitions.get(node.fn) : undefined;
}

/**
 * Visits every node of `nodes` and of the bodies of the definitions they use, each definition once:
 * a node, then the body of its definition, then its children.
 */
export function visitThroughDefinitions(scope: Pick<Scope, 'definitions'>, nodes: readonly Node[], visit: (node: Node) => void): void {
  const seen = new Set<UserDefinition>();
  const walk = (node: Node): void => {
    visit(node);
    const definition = definitionUsed(scope, node);
    if (definition && !seen.has(definition)) {
      seen.add(definition);
      walk(definition.body);
    }
    children(node).forEach(walk);
  };
  nodes.forEach(walk);
}
