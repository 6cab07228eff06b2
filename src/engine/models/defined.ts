import type { Node, SymNode } from '../parse/ast';
import { parseExpression } from '../parse/parser';
import type { SourceRange } from '../source/location';
import { hashString, Random } from '../evaluate/random';
import { SIGMOID } from '../evaluate/activations';
import * as T from '../evaluate/tensor';
import { Compiler } from '../semantics/compile';
import { writtenAsScalar } from '../semantics/compile-symbols';
import { Env } from '../semantics/env';
import { EvaluationError } from '../semantics/rules';
import { describeSym } from '../semantics/describe';
import { familyKey, symbolKey, type Compiled, type Scope, type UserDefinition } from '../semantics/scope';
import { some } from '../semantics/walk';
import { makePoint } from './mlp';
import { shapeKeyOf, shapeText, type ShapeSpec } from './shapes';
import { isNeutralSymbol, SIZE_LETTERS, subscriptName, symbolUses } from './symbol-uses';
import type { Model, ModelNode, SamplePoint, SamplingOptions } from '../semantics/model';

/**
 * Models a document builds from its own definitions (issue 4, "user-defined models").
 *
 * `h = \tanh(Wx + c)`, `\hat y = v^\top h`, `L = \frac12(\hat y - y)^2` with
 * `derivcheck: shapes W=3x2 x=2 c=3 v=3` become a computational graph exactly like the built-in
 * MLP's: every symbol a definition uses but nothing defines is a leaf, sampled at random with its
 * declared shape (a scalar when none is declared, a vector of the common size n when it is written
 * with an index, `w_i`); every definition is an intermediate node whose value is its body, compiled
 * by the ordinary Compiler with this model in scope. So ∂F/∂v seeds v (a leaf or an intermediate)
 * and recomputes everything downstream, as for the built-in models.
 */

/** One definition of the document that is a node of its model: `h = \tanh(Wx + c)`. */
export interface CustomDefinition {
  /** The node key: the symbol's key (`hat:y`), or with its numeric subscript (`W_1`). */
  readonly key: string;
  readonly sym: SymNode;
  readonly body: Node;
  /** The definition as written, for hovers and messages. */
  readonly source: string;
  /** Where it is in the document (document offsets). */
  readonly range: SourceRange;
  /** Why it cannot be evaluated (a leaf used as a matrix without a declared shape): claims using it are undecidable. */
  readonly broken?: string;
  /** `\hat y_i = w x_i + b`: the index letter; the node is the vector of the body's values over its range. */
  readonly indexVar?: string;
}

/** What node bodies may refer to besides the model: the document's functions and aliases. */
export interface DefinedModelContext {
  readonly definitions: ReadonlyMap<string, UserDefinition>;
}

/** Leaves that are positive by convention (regularisation weights, stabilisers). */
const POSITIVE_LEAVES = new Set(['lambda', 'epsilon', 'eps']);

// ——— LaTeX for hints ———

const GREEK = new Set([
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi', 'pi', 'rho',
  'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega', 'Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon',
  'Phi', 'Psi', 'Omega', 'ell',
]);

/** LaTeX that parses back to the symbol with this key (checked), for diagnosis hints. */
function latexOf(sym: SymNode, key: string): string | undefined {
  let text = sym.name.length === 1 ? sym.name : GREEK.has(sym.name) ? `\\${sym.name}` : `\\mathrm{${sym.name}}`;
  if (sym.accent) text = `\\${sym.accent}{${text}}`;
  if (sym.sub?.kind === 'label') text += `_{\\text{${sym.sub.text}}}`;
  if (subscriptName(sym) === key) text += `_{${key.slice(key.lastIndexOf('_') + 1)}}`;
  if (sym.star) text += '^*';
  if (sym.primes) text += "'".repeat(sym.primes);
  return shapeKeyOf(text) === key ? text : undefined;
}

// ——— the model ———

interface Quantity {
  readonly key: string;
  readonly sym: SymNode;
  readonly latex: string | undefined;
}

/** An environment for a node's body: model nodes come from the evaluation that asked for this node (so seeds propagate). */
class GraphEnv extends Env {
  constructor(
    model: Model,
    point: SamplePoint,
    private readonly get: (key: string) => T.Tensor,
  ) {
    super(model, point, new Map());
  }

  override node(key: string): T.Tensor {
    return this.get(key);
  }
}

/** What the document's own model is, for help texts and pickers. */
export const DEFINED_MODEL_DESCRIPTION = "The document's own model: its definitions, with shapes from a `derivcheck: shapes …` directive.";

export class DefinedModel implements Model {
  readonly name = 'custom';
  readonly description = DEFINED_MODEL_DESCRIPTION;
  readonly nodes = new Map<string, ModelNode>();
  readonly anchors = new Set<string>();
  readonly parameters: string[] = [];
  readonly defaultDim: string;
  readonly sizeNames: string[];
  readonly sigmaOf: Record<string, string> = {};
  /** Identifies this model's content (definitions, shapes, context), for caches. */
  readonly fingerprint: string;
  /** Leaves with their shapes; `declared` when a `shapes` directive gave it. */
  readonly leaves = new Map<string, { readonly shape: ShapeSpec; readonly declared: boolean }>();

  isUndefinedLeaf(key: string): boolean {
    return this.leaves.get(key)?.declared === false;
  }
  /** Keys whose numeric subscript is part of the name (`W_1`), so `W_1` is the whole node. */
  readonly subscriptNames = new Set<string>();
  /** The definition each node came from. */
  readonly definitionOf = new Map<string, CustomDefinition>();
  private readonly quantities: Quantity[] = [];
  private readonly compiled = new Map<string, Compiled | Error>();
  private readonly scope: Scope;
  private probe?: SamplePoint;
  private hints?: { factor: string[]; gradient: string[] };
  readonly answers: { readonly of: string; readonly wrt: Readonly<Record<string, string>> };

  constructor(
    readonly definitions: readonly CustomDefinition[],
    readonly shapes: Readonly<Record<string, ShapeSpec>>,
    readonly context: DefinedModelContext,
  ) {
    this.scope = { model: this, sigmas: [SIGMOID], sigmaChosen: true, definitions: context.definitions };
    const defined = new Set(definitions.map((d) => d.key));
    const userDefined = (sym: SymNode) => {
      const key = symbolKey(sym);
      const count = sym.sub?.kind === 'indices' ? sym.sub.items.length : 0;
      return context.definitions.has(key) || (count > 0 && context.definitions.has(familyKey(key, count)));
    };
    const eDefined = context.definitions.has('e') || defined.has('e');

    // Which bases are used whole or with letter indices: then `W_1` is an entry of W, not a layer's W.
    // A family's own index letter (i in ŷ_i = w x_i + b) is no quantity.
    const uses = definitions.flatMap((d) => symbolUses(d.body).filter(({ sym }) => !(d.indexVar && sym.name === d.indexVar && !sym.sub && !sym.accent)));
    const usedWhole = new Set<string>(Object.keys(this.shapes));
    for (const d of definitions) usedWhole.add(symbolKey(d.sym));
    for (const { sym } of uses) if (!subscriptName(sym)) usedWhole.add(symbolKey(sym));
    const keyOf = (sym: SymNode): string => {
      const numbered = subscriptName(sym);
      if (numbered && (defined.has(numbered) || numbered in this.shapes || !usedWhole.has(symbolKey(sym)))) return numbered;
      return symbolKey(sym);
    };
    for (const d of definitions) if (d.key !== symbolKey(d.sym)) this.subscriptNames.add(d.key);
    for (const key of Object.keys(this.shapes)) if (/_\d+$/.test(key)) this.subscriptNames.add(key);

    // Sizes: named in shapes, or written bare in a body.
    const sizes = new Set<string>();
    for (const shape of Object.values(this.shapes)) for (const s of [shape.rows, shape.cols]) if (typeof s === 'string') sizes.add(s);
    for (const { sym } of uses) {
      const bare = !sym.sub && !sym.accent && !sym.star && !sym.primes;
      if (bare && SIZE_LETTERS.has(sym.name) && !defined.has(sym.name) && !(sym.name in this.shapes)) sizes.add(sym.name);
    }
    this.defaultDim = [...sizes].find((s) => SIZE_LETTERS.has(s)) ?? [...sizes][0] ?? 'n';
    this.sizeNames = [...sizes];

    // Leaves: declared ones first, then every symbol a body uses that nothing defines.
    for (const [key, shape] of Object.entries(this.shapes)) if (!defined.has(key)) this.leaves.set(key, { shape, declared: true });
    const leafSyms = new Map<string, SymNode>();
    for (const { sym } of uses) {
      // t in a body is a quantity (a target), not the time of an update rule.
      const time = sym.name === 't' && !sym.sub && !sym.accent;
      if ((isNeutralSymbol(sym, eDefined) && !time) || userDefined(sym)) continue;
      const key = keyOf(sym);
      if (key !== symbolKey(sym)) this.subscriptNames.add(key);
      if (defined.has(key) || sizes.has(key)) continue;
      // Shown without the index it was first written with (w, not w_i).
      if (!leafSyms.has(key)) leafSyms.set(key, key === symbolKey(sym) && sym.sub?.kind === 'indices' ? { ...sym, sub: undefined } : sym);
      if (this.leaves.has(key)) continue;
      // Written with one index (w_i): a vector of the common size; with two (W_ij): a square matrix.
      const indexCount = key === symbolKey(sym) && sym.sub?.kind === 'indices' ? sym.sub.items.length : 0;
      const shape: ShapeSpec = indexCount === 0 ? { rows: 1, cols: 1 } : indexCount === 1 ? { rows: this.defaultDim, cols: 1 } : { rows: this.defaultDim, cols: this.defaultDim };
      if (indexCount > 0 && !this.sizeNames.includes(this.defaultDim)) this.sizeNames.push(this.defaultDim);
      this.leaves.set(key, { shape, declared: false });
    }

    for (const [key, { shape, declared }] of this.leaves) {
      const sym = leafSyms.get(key) ?? parsedSym(key, this.shapes);
      // Data (inputs, labels, targets) is not trained; everything else is a parameter.
      const input = sym !== undefined && /^[xXyYt]$/.test(sym.name);
      this.nodes.set(key, {
        key,
        display: sym ? describeSym(sym) : key,
        role: input ? 'input' : 'parameter',
        definition: `${sym ? describeSym(sym) : key}: ${declared ? shapeText(shape) : shape.rows === 1 && shape.cols === 1 ? 'a scalar (no shape declared)' : `${shapeText(shape)} (from its indices)`}`,
      });
      if (!input) this.parameters.push(key);
      if (declared) this.anchors.add(key);
      if (sym) this.quantities.push({ key, sym, latex: latexOf(sym, key) });
    }
    for (const size of this.sizeNames) {
      // The compiler reads the default size itself; other sizes are nodes.
      if (this.nodes.has(size) || size === this.defaultDim) continue;
      this.nodes.set(size, { key: size, display: size, role: 'input', definition: `${size}: a size`, compute: (_get, point) => T.scalar(point.dims[size] ?? NaN) });
    }

    for (const d of definitions) {
      this.definitionOf.set(d.key, d);
      this.anchors.add(d.key);
      this.quantities.push({ key: d.key, sym: d.sym, latex: latexOf(d.sym, d.key) });
      const sigmaArg = soleSigmaArgument(d.body);
      const argKey = sigmaArg ? this.resolveSymbol(sigmaArg) : undefined;
      if (argKey && sigmaArg && !sigmaArg.sub) {
        // h = σ(z): h is σ of node z, so σ(z) in a claim is h (as σ(z) is node h in the MLP).
        this.sigmaOf[argKey] = d.key;
        this.nodes.set(d.key, { key: d.key, display: describeSym(d.sym), role: 'intermediate', definition: d.source, compute: (get, point) => applySigma(get(argKey), point) });
      } else {
        this.nodes.set(d.key, { key: d.key, display: describeSym(d.sym), role: 'intermediate', definition: d.source, compute: (get, point) => this.evaluateBody(d, get, point) });
      }
    }
    // σ(z) inside a body, for a quantity z: a node of its own, so ∂L/∂σ(z_i) is defined.
    for (const d of definitions) {
      some(d.body, (n) => {
        if (n.kind !== 'call' || n.fn !== 'sigma' || n.primes !== 0 || n.args.length !== 1 || n.args[0].kind !== 'sym' || n.args[0].sub) return false;
        const argKey = this.resolveSymbol(n.args[0]);
        if (!argKey || this.sigmaOf[argKey]) return false;
        const key = `sigma(${argKey})`;
        this.sigmaOf[argKey] = key;
        this.nodes.set(key, { key, display: `σ(${describeSym(n.args[0])})`, role: 'intermediate', definition: `σ(${describeSym(n.args[0])}), elementwise`, compute: (get, point) => applySigma(get(argKey), point) });
        return false;
      });
    }

    const output = outputOf(definitions);
    if (output) {
      const node = this.nodes.get(output)!;
      this.nodes.set(output, { ...node, role: 'output' });
    }
    this.answers = { of: output ?? 'L', wrt: {} };
    this.fingerprint = JSON.stringify([
      definitions.map((d) => [d.key, d.source]),
      this.shapes,
      [...context.definitions.values()].map((d) => [d.key, d.source]),
    ]);
  }

  /** The node a symbol denotes: `W_1` as its own node when its subscript is part of its name, else by its key. */
  resolveSymbol = (sym: SymNode): string | undefined => {
    const numbered = subscriptName(sym);
    if (numbered && this.subscriptNames.has(numbered) && this.nodes.has(numbered)) return numbered;
    const key = symbolKey(sym);
    if (!this.nodes.has(key)) return undefined;
    // `P_{cr}` after `P = \frac{EI}{L}n^2\pi^2`: letters below a quantity written as a scalar name
    // another quantity (the critical load), not an entry of it.
    const items = sym.sub?.kind === 'indices' ? sym.sub.items : [];
    // (`d_k` after `d = D + 1`: with one letter too, where the formula can only be a number.)
    const letters = items.length > 0 && items.every((item) => item.kind === 'sym');
    if (letters && this.bareScalar(key) && (items.length >= 2 || this.scalarFormula(key))) return undefined;
    return key;
  };

  /** A definition whose formula can only be a number: scalar operations on names of which none has a declared shape. */
  private scalarFormula(key: string): boolean {
    const body = this.definitionOf.get(key)?.body;
    const declared = (sym: SymNode) => symbolKey(sym) in this.shapes || this.leaves.get(symbolKey(sym))?.declared === true;
    return body !== undefined && writtenAsScalar(body, declared);
  }

  /** Defined without an index, or a leaf used only bare, and no shape declared: a scalar as the text writes it. */
  private bareScalar(key: string): boolean {
    if (key in this.shapes) return false;
    const definition = this.definitionOf.get(key);
    if (definition) return !definition.sym.sub && definition.indexVar === undefined;
    const leaf = this.leaves.get(key);
    return leaf !== undefined && !leaf.declared && leaf.shape.rows === 1 && leaf.shape.cols === 1;
  }

  bodyOf(key: string): Node | undefined {
    return this.definitionOf.get(key)?.body;
  }

  /** True when the symbol is one of the document's definitions (not a leaf or a size). */
  isDefinition(sym: SymNode): boolean {
    const key = this.resolveSymbol(sym);
    return key !== undefined && this.definitionOf.has(key);
  }

  /** Leaves read as scalars only because no shape was declared (a transpose of one suggests a missing shape). */
  isUndeclaredScalar(key: string): boolean {
    const leaf = this.leaves.get(key);
    return leaf !== undefined && !leaf.declared && leaf.shape.rows === 1 && leaf.shape.cols === 1;
  }

  samplePoint(rng: Random, index: number, options: SamplingOptions): SamplePoint {
    // One stream per name: adding a definition (a new leaf) leaves the other leaves' values alone.
    const stream = (name: string) => new Random(hashString(name) ^ Math.imul(options.seed + 1, 2654435761) ^ Math.imul(index + 1, 40503));
    const dims: Record<string, number> = {};
    for (const size of this.sizeNames) dims[size] = options.dims[size] ?? stream(`size:${size}`).integer(2, 5);
    const leaves = new Map<string, T.Tensor>();
    for (const [key, { shape }] of this.leaves) {
      const rows = typeof shape.rows === 'number' ? shape.rows : dims[shape.rows];
      const cols = typeof shape.cols === 'number' ? shape.cols : dims[shape.cols];
      const r = stream(`leaf:${key}`);
      const positive = POSITIVE_LEAVES.has(key);
      const values = Array.from({ length: rows * cols }, () => (positive ? r.uniform(0.2, 2) : r.awayFromZero(0.2, 1.5)));
      leaves.set(key, T.fromValues(rows, cols, values));
    }
    return makePoint(index, dims, leaves, options, rng);
  }

  /** Evaluates one node at a point, errors as they are (to report a broken definition where it is written). */
  evaluateNode(key: string, point: SamplePoint): T.Tensor {
    const node = this.nodes.get(key);
    const leaf = point.leaves.get(key);
    if (leaf) return leaf;
    if (!node?.compute) throw new EvaluationError(`${key} has no value`);
    const env = new Env(this, point, new Map());
    const definition = this.definitionOf.get(key);
    if (definition && this.nodes.get(key)?.compute) {
      const body = this.compiledBody(definition);
      if (body instanceof Error) throw body;
      return body.run(new GraphEnv(this, point, (k) => env.node(k)));
    }
    return env.node(key);
  }

  private compiledBody(definition: CustomDefinition): Compiled | Error {
    let body = this.compiled.get(definition.key);
    if (!body) {
      try {
        body = new Compiler(this.scope, false, definition.indexVar ? [definition.indexVar] : []).compile(definition.body);
        if (definition.indexVar) body = this.family(definition, definition.indexVar, body);
      } catch (error) {
        body = error instanceof Error ? error : new Error(String(error));
      }
      this.compiled.set(definition.key, body);
    }
    return body;
  }

  /** `\hat y_i = w x_i + b`: the column of the body's values for i over the range its indexed quantities give. */
  private family(definition: CustomDefinition, index: string, entry: Compiled): Compiled {
    // Compiled once more with the index free, only to learn the sizes it ranges over (as a sum does).
    let hints: ((env: Env) => number)[] = [];
    try {
      const probe = new Compiler(this.scope, false);
      probe.compile(definition.body);
      hints = probe.info.freeIndices.get(index) ?? [];
    } catch {
      // The index itself is used as a number (z_i = i·w): the default size gives the range.
    }
    const display = describeSym(definition.sym);
    return {
      run: (env) => {
        const size = hints.length > 0 ? Math.min(...hints.map((h) => h(env))) : env.point.dims[this.defaultDim];
        if (!Number.isInteger(size) || size < 1) throw new EvaluationError(`cannot tell the range of ${index} in ${display}`);
        const v = T.zeroArray(size);
        const d = T.zeroArray(size);
        const saved = env.indices.get(index);
        try {
          for (let i = 1; i <= size; i++) {
            env.indices.set(index, i);
            const value = entry.run(env);
            if (!value.isScalar) throw new T.ShapeError(`each entry of ${display} must be a scalar, not ${value.shapeText()}`);
            v[i - 1] = value.v[0];
            d[i - 1] = value.d[0];
          }
        } finally {
          if (saved === undefined) env.indices.delete(index);
          else env.indices.set(index, saved);
        }
        return new T.Tensor(size, 1, v, d);
      },
    };
  }

  private evaluateBody(definition: CustomDefinition, get: (key: string) => T.Tensor, point: SamplePoint): T.Tensor {
    const body = this.compiledBody(definition);
    const display = describeSym(definition.sym);
    // A broken definition makes claims that use it undecidable, never wrong.
    if (definition.broken) throw new EvaluationError(`the definition of ${display} cannot be evaluated: ${definition.broken}`);
    if (body instanceof Error) throw new EvaluationError(`the definition of ${display} cannot be evaluated: ${body.message}`);
    try {
      return body.run(new GraphEnv(this, point, get));
    } catch (error) {
      if (error instanceof EvaluationError && error.message.startsWith('the definition of ')) throw error;
      const message = error instanceof Error ? error.message : String(error);
      throw new EvaluationError(`the definition of ${display} cannot be evaluated: ${message}`);
    }
  }

  /** The scope node bodies compile in. */
  get ownScope(): Scope {
    return this.scope;
  }

  /** One fixed sample point, for questions about shapes. */
  probePoint(): SamplePoint {
    this.probe ??= this.samplePoint(new Random(1), 0, { seed: 1, count: 1, dims: {}, sigmas: [SIGMOID] });
    return this.probe;
  }

  get factorHints(): readonly string[] {
    return this.computeHints().factor;
  }

  get gradientHints(): readonly string[] {
    return this.computeHints().gradient;
  }

  /** Quantities that may explain a wrong claim: every scalar (or entry `_i` of a vector), and ∂L/∂q for scalar nodes. */
  private computeHints(): { factor: string[]; gradient: string[] } {
    if (this.hints) return this.hints;
    // A size is a factor too: a mean written as a sum is off by n.
    const factor = ['2', ...this.sizeNames.filter((n) => /^[A-Za-z]$/.test(n))];
    const gradient: string[] = [];
    const point = this.probePoint();
    const output = this.quantities.find((q) => q.key === this.answers.of);
    const outputLatex = output?.latex;
    for (const q of this.quantities) {
      if (!q.latex) continue;
      let value: T.Tensor;
      try {
        value = this.evaluateNode(q.key, point);
      } catch {
        continue;
      }
      const indexed = value.isVector ? `${q.latex}_i` : undefined;
      if (value.isScalar) factor.push(q.latex);
      else if (indexed && !q.latex.includes('_')) factor.push(indexed);
      if (!outputLatex || q.key === this.answers.of) continue;
      gradient.push(`\\frac{\\partial ${outputLatex}}{\\partial ${q.latex}}`);
      if (indexed && !q.latex.includes('_')) gradient.push(`\\frac{\\partial ${outputLatex}}{\\partial ${indexed}}`);
      if (value.isScalar && this.definitionOf.has(q.key)) factor.push(`\\frac{\\partial ${outputLatex}}{\\partial ${q.latex}}`);
    }
    factor.push(...this.localDerivativeHints(point));
    this.hints = { factor, gradient };
    return this.hints;
  }

  /**
   * ∂q/∂u for a scalar definition q and each scalar quantity u its body uses: one link of the chain
   * rule, so that a claim with a link too many or too few (`(p − y)p(1 − p)` for ∂ℓ/∂s with p = σ(s))
   * is explained by that link rather than by a coincidental ratio of two gradients.
   */
  private localDerivativeHints(point: SamplePoint): string[] {
    const scalar = (key: string) => {
      try {
        return this.evaluateNode(key, point).isScalar;
      } catch {
        return false;
      }
    };
    const latexOfKey = new Map(this.quantities.filter((q) => q.latex).map((q) => [q.key, q.latex!]));
    const hints: string[] = [];
    for (const [key, definition] of this.definitionOf) {
      const of = latexOfKey.get(key);
      if (!of || !scalar(key)) continue;
      const used = new Set(symbolUses(definition.body).map(({ sym }) => subscriptName(sym) ?? symbolKey(sym)));
      for (const u of used) {
        const wrt = latexOfKey.get(u);
        if (wrt && u !== key && scalar(u)) hints.push(`\\frac{\\partial ${of}}{\\partial ${wrt}}`);
      }
    }
    return hints;
  }
}

/** The symbol a `shapes` directive declared, parsed from its name as written. */
function parsedSym(key: string, shapes: Readonly<Record<string, ShapeSpec>>): SymNode | undefined {
  const name = shapes[key]?.name;
  if (!name) return undefined;
  const node = parseExpression(name);
  return node?.kind === 'sym' ? node : undefined;
}

function applySigma(z: T.Tensor, point: SamplePoint): T.Tensor {
  const s = point.sigma;
  return T.map(z, (t) => s.derivative(0, t), (t) => s.derivative(1, t));
}

/** `σ(z)` as the whole body: its argument symbol. */
function soleSigmaArgument(body: Node): SymNode | undefined {
  if (body.kind !== 'call' || body.fn !== 'sigma' || body.primes !== 0 || body.args.length !== 1) return undefined;
  return body.args[0].kind === 'sym' ? body.args[0] : undefined;
}

/** The loss: the last definition no other definition uses. */
function outputOf(definitions: readonly CustomDefinition[]): string | undefined {
  const used = new Set<string>();
  for (const d of definitions) {
    for (const { sym } of symbolUses(d.body)) {
      used.add(symbolKey(sym));
      const numbered = subscriptName(sym);
      if (numbered) used.add(numbered);
    }
  }
  for (let i = definitions.length - 1; i >= 0; i--) if (!used.has(definitions[i].key)) return definitions[i].key;
  return definitions[definitions.length - 1]?.key;
}

/**
 * The definitions a new one would close a cycle through (a = b + 1, then b = 2a), or undefined:
 * the keys from `key` back to itself, following what each definition's body uses.
 */
export function definitionCycle(key: string, body: Node, definitions: readonly CustomDefinition[]): string[] | undefined {
  const byKey = new Map(definitions.map((d) => [d.key, d]));
  const usedBy = (n: Node) => symbolUses(n).flatMap(({ sym }) => [subscriptName(sym), symbolKey(sym)].filter((k): k is string => k !== undefined && (k === key || byKey.has(k))));
  const seen = new Set<string>();
  const walk = (keys: string[], path: string[]): string[] | undefined => {
    for (const k of keys) {
      if (k === key) return path;
      if (seen.has(k)) continue;
      seen.add(k);
      const found = walk(usedBy(byKey.get(k)!.body), [...path, k]);
      if (found) return found;
    }
    return undefined;
  };
  return walk(usedBy(body), []);
}

/**
 * Symbols treated as vectors or matrices that are scalars only because no shape was declared: a
 * transpose, a norm or a ⊙ whose operand comes out a scalar although it uses such a symbol (`w^\top x`
 * with w and x shapeless). Scalar semantics would decide such a claim wrongly, so it is not decided.
 */
export function undeclaredMatrixUses(node: Node, model: DefinedModel): SymNode[] {
  const found = new Map<string, SymNode>();
  const point = model.probePoint();
  const scalarValued = (n: Node) => {
    try {
      return new Compiler(model.ownScope, false).compile(n).run(new Env(model, point, new Map())).isScalar;
    } catch {
      return false;
    }
  };
  const collect = (n: Node) => {
    const shapeless = symbolUses(n).filter(({ sym }) => {
      const key = model.resolveSymbol(sym);
      return key !== undefined && model.isUndeclaredScalar(key);
    });
    if (shapeless.length === 0 || !scalarValued(n)) return;
    for (const { sym } of shapeless) if (!found.has(model.resolveSymbol(sym)!)) found.set(model.resolveSymbol(sym)!, sym);
  };
  some(node, (n) => {
    if (n.kind === 'transpose' || (n.kind === 'norm' && !n.abs)) collect(n.arg);
    else if (n.kind === 'bin' && n.op === 'odot' && scalarValued(n.left) && scalarValued(n.right)) collect(n);
    return false;
  });
  return [...found.values()];
}
