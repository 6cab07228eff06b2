import type { Chain, Node, SymNode } from '../parse/ast';
import type { Model } from '../semantics/model';
import type { DefinedModel } from '../models/defined';
import { hasDerivative, isNeutralSymbol, SIZE_LETTERS, subscriptName, symbolUses, type SymbolUse } from '../models/symbol-uses';
import { symbolKey } from '../semantics/scope';
import { isGivableSize } from './given';
import { equationEvidence, type EquationEvidence } from './model-evidence';
import type { Sections } from './sections';

/**
 * Model auto-detection. Each equation is read by every candidate model: a model that knows all of
 * its symbols beats one that does not; then the one that knows more of them wins (the quantities a
 * derivative is about count double, a stated value for a leaf more). Ties keep the model of the
 * previous decided equation (sticky, until a heading), then the model most of the section's
 * equations fit, then the one for which more of the symbols are anchors (a loss, a parameter), then
 * the MLP.
 */

/** How a candidate model reads one symbol. */
export type Reading = 'neutral' | 'unknown' | 'known' | 'anchor';

export interface Candidate {
  readonly id: string;
  read(sym: SymNode): Reading;
  /** True when the equation gives one of the model's leaves its value (`x = (1, 7, 7, 9)`). */
  gives?(left: Node, right: Node): boolean;
}

export interface Fit {
  readonly unknown: number;
  readonly score: number;
  /** Known symbols that are the model's anchors. */
  readonly anchors: number;
}

export interface Preferences {
  readonly sticky?: string;
  /** How many equations of the current section each candidate fits best. */
  readonly section?: ReadonlyMap<string, number>;
  /**
   * For an equation that restates a model quantity (`\hat x_i = x_i - \mu`): whether it holds in each
   * candidate tied on symbols. A candidate where it holds beats the sticky one where it fails: a
   * document that redefines x̂ without σ has moved on from the full batchnorm to the mean-only layer.
   */
  readonly restates?: ReadonlyMap<string, boolean>;
  readonly fallback: string;
}

/** Chains are immutable and cached by span text across checks (CheckCache.parsed): what is read off one is kept with it. */
const usesOfChain = new WeakMap<Chain, SymbolUse[]>();

/** Every symbol the members of a chain use, in order. */
export function chainUses(chain: Chain): SymbolUse[] {
  let uses = usesOfChain.get(chain);
  if (!uses) usesOfChain.set(chain, (uses = chain.members.flatMap(symbolUses)));
  return uses;
}

/**
 * The built-in models' fits of a chain in a document without a model of its own (nothing shadows
 * their symbols), which depend on the chain alone: a re-check of an edited document reuses them.
 */
const builtinFitsOfChain = new WeakMap<Chain, { readonly models: readonly Model[]; readonly fits: readonly Fit[] }>();

const GIVES_BONUS = 3;

export function fitOf(candidate: Candidate, chain: Chain, uses: readonly SymbolUse[] = chainUses(chain)): Fit {
  let unknown = 0;
  let score = 0;
  let anchors = 0;
  const seen = new Set<string>();
  for (const { sym, target } of uses) {
    const id = `${symbolKey(sym)}|${subscriptName(sym) ?? ''}|${target}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const reading = candidate.read(sym);
    if (reading === 'unknown') unknown++;
    else if (reading !== 'neutral') {
      score += 1 + (target ? 1 : 0);
      if (reading === 'anchor') anchors++;
    }
  }
  const [left, right] = chain.members;
  if (candidate.gives && !chain.leadingOp && left && right && chain.ops[0] === '=' && candidate.gives(left, right)) score += GIVES_BONUS;
  return { unknown, score, anchors };
}

/**
 * The best candidate, and whether it should become the sticky choice: when the symbols alone
 * decided it, or when the sticky model was not even among the tied best (a new topic).
 */
export function choose(candidates: readonly Candidate[], fits: readonly Fit[], preferences: Preferences): { id: string; decisive: boolean; sticks: boolean } {
  const order = candidates.map((c, i) => i);
  const compareStrength = (a: number, b: number) => compareFits(fits[a], fits[b]);
  const preference = (i: number): number[] => {
    const id = candidates[i].id;
    return [preferences.restates?.get(id) ? 1 : 0, id === preferences.sticky ? 1 : 0, preferences.section?.get(id) ?? 0, fits[i].anchors, id === preferences.fallback ? 1 : 0];
  };
  order.sort((a, b) => {
    const byStrength = compareStrength(a, b);
    if (byStrength !== 0) return byStrength;
    const [x, y] = [preference(a), preference(b)];
    for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return y[k] - x[k];
    return a - b;
  });
  const best = order[0];
  const decisive = fits[best].score > 0 && (order.length === 1 || compareStrength(best, order[1]) !== 0);
  const stickyTied = order.some((i) => candidates[i].id === preferences.sticky && compareStrength(best, i) === 0);
  const restated = preferences.restates?.get(candidates[best].id) === true && preferences.sticky !== undefined && preferences.restates.get(preferences.sticky) === false;
  return { id: candidates[best].id, decisive, sticks: decisive || restated || (fits[best].score > 0 && fits[best].unknown === 0 && !stickyTied) };
}

/** Orders fits by strength, best first: knowing every symbol, then score, then fewer unknowns. */
function compareFits(a: Fit, b: Fit): number {
  const strength = (f: Fit): [number, number, number] => [f.unknown === 0 ? 1 : 0, f.score, -f.unknown];
  const [x, y] = [strength(a), strength(b)];
  for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return y[k] - x[k];
  return 0;
}

/** Indices of the candidates whose fit is the strongest (several on a tie). */
export function strongest(fits: readonly Fit[]): number[] {
  if (fits.length === 0) return [];
  const best = fits.reduce((b, f) => (compareFits(f, b) < 0 ? f : b));
  return fits.flatMap((f, i) => (compareFits(f, best) === 0 ? [i] : []));
}

/** A built-in model as a candidate; symbols the document redefined for its own model are not the built-in ones. */
export function builtinCandidate(id: string, model: Model, shadowed: (sym: SymNode) => boolean, knownByContext: (sym: SymNode) => boolean): Candidate {
  return {
    id,
    read(sym) {
      if (shadowed(sym)) return 'unknown';
      const key = model.resolveSymbol(sym);
      if (key !== undefined) return model.anchors.has(key) ? 'anchor' : 'known';
      if (knownByContext(sym)) return 'known';
      const bare = !sym.sub && !sym.accent && !sym.star && !sym.primes;
      if (bare && (sym.name === model.defaultDim || model.sizeNames?.includes(sym.name))) return 'neutral';
      return isNeutralSymbol(sym) ? 'neutral' : 'unknown';
    },
    gives(left, right) {
      if (!model.givable || left.kind !== 'sym') return false;
      if (isGivableSize(left, model)) return symbolUses(right).length === 0;
      const key = model.resolveSymbol(left);
      return key !== undefined && model.givable.has(key) && symbolUses(right).length === 0;
    },
  };
}

/** The document's own model as a candidate: its definitions and declared shapes are anchors, other leaves known. */
export function definedCandidate(model: DefinedModel, knownByContext: (sym: SymNode) => boolean): Candidate {
  return {
    id: model.name,
    read(sym) {
      const key = model.resolveSymbol(sym);
      if (key !== undefined) return model.anchors.has(key) ? 'anchor' : model.sizeNames.includes(key) ? 'neutral' : 'known';
      if (knownByContext(sym)) return 'known';
      return isNeutralSymbol(sym) ? 'neutral' : 'unknown';
    },
  };
}

// ——— the whole-document pass ———

/** An equation `X = body` whose left side could be a definition of a plain quantity. */
interface DefinitionShape {
  readonly key: string;
  readonly uses: readonly SymbolUse[];
  readonly offset: number;
}

export interface PlannedEquation {
  readonly chain: Chain;
  /** Document offset of the equation (for sections). */
  readonly offset: number;
}

export interface DocumentPlan {
  /** Quantities the document defines for a model of its own (in auto mode, these are never claims about a built-in model). */
  readonly customKeys: ReadonlySet<string>;
  /** Symbols the document's own model would take as leaves. */
  readonly customLeaves: ReadonlySet<string>;
  /** For the section holding an offset: how many equations each candidate fits best. */
  sectionScores(offset: number): ReadonlyMap<string, number>;
  /** The model that the first equation after `offset` in its section decides by its symbols alone (one candidate fits it best), if any. */
  nextDecisive(offset: number): string | undefined;
  /** What each equation says about each built-in model: its signature, or distinctive symbols that count with the rest of its section. */
  readonly evidence: readonly PlannedEvidence[];
}

/** An equation's evidence for a built-in model (model-evidence.ts). */
export interface PlannedEvidence extends EquationEvidence {
  readonly model: Model;
  readonly offset: number;
}

/** The key a symbol has as a quantity of the document: `W_1` keeps its numeric subscript, `w_i` is w. */
export function quantityKey(sym: SymNode): string {
  return subscriptName(sym) ?? symbolKey(sym);
}

function definitionShape(chain: Chain, offset: number): DefinitionShape | undefined {
  if (chain.leadingOp || chain.members.length < 2 || chain.ops[0] === 'approx') return undefined;
  const [left, body] = chain.members;
  if (left.kind !== 'sym' || left.primes) return undefined;
  if (left.sub?.kind === 'indices' && !subscriptName(left) && !familyIndex(left)) return undefined;
  if (hasDerivative(body)) return undefined;
  const key = quantityKey(left);
  const uses = symbolUses(body);
  if (uses.some((u) => quantityKey(u.sym) === key || symbolKey(u.sym) === key)) return undefined;
  return { key, uses, offset };
}

const definitionsOfChain = new WeakMap<Chain, { name: string | undefined; shape: Omit<DefinitionShape, 'offset'> | undefined }>();

/** definedName and definitionShape of a chain (they depend on the chain alone), kept with it. */
function definitionOf(chain: Chain): { name: string | undefined; shape: Omit<DefinitionShape, 'offset'> | undefined } {
  let known = definitionsOfChain.get(chain);
  if (!known) definitionsOfChain.set(chain, (known = { name: definedName(chain), shape: definitionShape(chain, 0) }));
  return known;
}

/** `\hat y_i`, `h_j`: the index letter of a one-index family written on a left side. */
export function familyIndex(sym: SymNode): string | undefined {
  if (sym.sub?.kind !== 'indices' || sym.sub.items.length !== 1) return undefined;
  const item = sym.sub.items[0];
  return item.kind === 'sym' && !item.sub && !item.accent && /^[a-z]$/.test(item.name) && item.name !== 't' ? item.name : undefined;
}

/** Every name an equation's left side defines, plain, indexed family or function (`h_i`, `f(x)`); not an update `w ← w − …`. */
function definedName(chain: Chain): string | undefined {
  if (chain.leadingOp || chain.members.length < 2) return undefined;
  const [left, body] = chain.members;
  if (left.kind === 'sym') {
    const key = quantityKey(left);
    return symbolUses(body).some((u) => quantityKey(u.sym) === key || symbolKey(u.sym) === symbolKey(left)) ? undefined : key;
  }
  if (left.kind === 'call') return left.fn;
  return undefined;
}

/** Equations read per piece of planSteps. */
const PLAN_PIECE = 50;

/**
 * Reads the whole document once before checking it: which definitions form a model of the
 * document's own (a definition whose body uses a symbol no built-in model knows and nothing defines,
 * or a symbol a `shapes` directive above it declared, or another such definition), and which model
 * each section is about. `shapeKeys`: declared symbols, with the offset of the first directive
 * declaring each.
 * Runs a piece at a time (for the language server): yields after every PLAN_PIECE equations it reads.
 */
export function* planSteps(equations: readonly PlannedEquation[], sections: Sections, builtins: readonly Model[], shapeKeys: ReadonlyMap<string, number>): Generator<void, DocumentPlan> {
  const definitions = new Map<string, DefinitionShape>();
  const defined = new Set<string>();
  for (const { chain, offset } of equations) {
    const { name, shape } = definitionOf(chain);
    if (name) defined.add(name);
    if (shape && !definitions.has(shape.key)) definitions.set(shape.key, { ...shape, offset });
  }
  const sizeLike = (sym: SymNode) => !sym.sub && !sym.accent && !sym.star && !sym.primes && (SIZE_LETTERS.has(sym.name) || builtins.some((m) => m.defaultDim === sym.name || m.sizeNames?.includes(sym.name)));
  const declaredBefore = (key: string, at: number) => (shapeKeys.get(key) ?? Infinity) <= at;
  const foreign = (sym: SymNode, at: number) => {
    const key = quantityKey(sym);
    if (declaredBefore(key, at) || declaredBefore(symbolKey(sym), at)) return true;
    if (isNeutralSymbol(sym, defined.has('e')) || defined.has(key) || defined.has(symbolKey(sym)) || sizeLike(sym)) return false;
    return !builtins.some((m) => m.resolveSymbol(sym) !== undefined);
  };
  const customKeys = new Set<string>();
  for (let changed = true; changed; ) {
    changed = false;
    for (const [key, shape] of definitions) {
      if (!customKeys.has(key) && shape.uses.some(({ sym }) => foreign(sym, shape.offset) || customKeys.has(quantityKey(sym)))) {
        customKeys.add(key);
        changed = true;
      }
    }
  }
  const customLeaves = new Set<string>(shapeKeys.keys());
  for (const key of customKeys) {
    for (const { sym } of definitions.get(key)!.uses) {
      const used = quantityKey(sym);
      if (!customKeys.has(used) && !isNeutralSymbol(sym) && !sizeLike(sym)) customLeaves.add(used);
    }
  }

  // Section scores: per section, the candidates each equation fits best.
  const custom: Candidate = {
    id: 'custom',
    read: (sym) => (customKeys.has(quantityKey(sym)) ? 'anchor' : customLeaves.has(quantityKey(sym)) || customLeaves.has(symbolKey(sym)) ? 'known' : isNeutralSymbol(sym) || sizeLike(sym) ? 'neutral' : 'unknown'),
  };
  const shadowed = (sym: SymNode) => customKeys.has(quantityKey(sym));
  // Only what each model itself knows: a symbol the document writes on a left side may be a claim
  // about one model and a definition in another, which would make every model look alike.
  const ownModel = customKeys.size > 0 || shapeKeys.size > 0;
  const candidates = [...builtins.map((m) => builtinCandidate(m.name, m, shadowed, () => false)), ...(ownModel ? [custom] : [])];
  // For evidence, what the document defines (g = −2(y − ŷ)) is known too: it may sit beside a signature.
  const definedByDocument = (sym: SymNode) => defined.has(quantityKey(sym)) || defined.has(symbolKey(sym));
  const witnesses = builtins.map((m) => builtinCandidate(m.name, m, shadowed, definedByDocument));
  const evidence: PlannedEvidence[] = [];
  const models = builtins;
  const fitsOf = (chain: Chain): readonly Fit[] => {
    if (ownModel) return candidates.map((c) => fitOf(c, chain));
    const known = builtinFitsOfChain.get(chain);
    if (known && known.models.length === models.length && known.models.every((m, i) => m === models[i])) return known.fits;
    const fits = candidates.map((c) => fitOf(c, chain));
    builtinFitsOfChain.set(chain, { models, fits });
    return fits;
  };
  /** Sections here are counted by every heading, whatever its level: how many start at or before `offset`. */
  const sectionIndex = (offset: number) => sections.headingsUpTo(offset);
  const scores = new Map<number, Map<string, number>>();
  const decisive: { offset: number; section: number; id: string }[] = [];
  for (const [index, { chain, offset }] of equations.entries()) {
    if (index % PLAN_PIECE === PLAN_PIECE - 1) yield;
    const uses = chainUses(chain);
    builtins.forEach((model, i) => {
      const found = equationEvidence(model, (sym) => witnesses[i].read(sym) !== 'unknown', chain, uses);
      if (found) evidence.push({ ...found, model, offset });
    });
    const fits = fitsOf(chain);
    const bestUnknown = Math.min(...fits.map((f) => (f.unknown === 0 ? 0 : 1)));
    const bestScore = Math.max(...fits.filter((f) => (f.unknown === 0 ? 0 : 1) === bestUnknown).map((f) => f.score));
    if (bestScore <= 0) continue;
    const section = sectionIndex(offset);
    const best = strongest(fits);
    if (best.length === 1 && !chain.leadingOp) decisive.push({ offset, section, id: candidates[best[0]].id });
    const tally = scores.get(section) ?? new Map<string, number>();
    candidates.forEach((c, i) => {
      if ((fits[i].unknown === 0 ? 0 : 1) === bestUnknown && fits[i].score === bestScore) tally.set(c.id, (tally.get(c.id) ?? 0) + 1);
    });
    scores.set(section, tally);
  }
  return {
    customKeys,
    customLeaves,
    sectionScores: (offset) => scores.get(sectionIndex(offset)) ?? new Map(),
    nextDecisive: (offset) => decisive.find((d) => d.offset > offset && d.section === sectionIndex(offset))?.id,
    evidence,
  };
}
