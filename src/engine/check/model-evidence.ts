// What ties a text to a built-in model. A generic letter (f, A, b, x, d, L, y, W) appears in every
// kind of math, so it is never evidence on its own: a section is about a model only when one of its
// equations writes several of the model's distinctive symbols together (ŷ with C_i and z_i, λ with
// x*, x̂_i with μ and σ²), or one of them among at least four of the model's quantities and nothing
// else (∇f = 2Aᵀ(Ax − b) + 2λx, or the defining equation ŷ = Cσ(Ax+b)+d), or when its equations
// write three of them between them. What is found holds for the section it was found in (sections.ts).
import type { Chain, SymNode } from '../parse/ast';
import { describe } from '../semantics/describe';
import type { Model } from '../semantics/model';
import { symbolUses, type SymbolUse } from '../models/symbol-uses';

/** Distinctive symbols an equation must write together to tie its section to a model. */
const SIGNATURE_SIZE = 2;
/** Distinctive symbols a section's equations must write between them (γ = 1, β = 0, μ = 6, σ² = 9). */
export const SECTION_SIGNATURE_SIZE = 3;
/** Model quantities an equation with one distinctive symbol must use to tie its section to the model (the defining equation ŷ = Cσ(Ax+b)+d uses six). */
const RICH_EQUATION = 4;

/** Why a section is read in a model, for the evidence and the hover. */
export interface ModelEvidence {
  readonly model: string;
  /** Where it was found (a document offset). */
  readonly offset: number;
  /** 'ŷ, C_i, z_i' or 'its defining equation ŷ = Cσ(Ax + b) + d'. */
  readonly because: string;
}

/** A bare Latin letter: `x`, `A`, `W`. Never evidence, whichever model knows it. */
function isBareLatin(sym: SymNode): boolean {
  return !sym.sub && !sym.accent && !sym.star && !sym.primes && /^[A-Za-z]$/.test(sym.name);
}

/**
 * The evidence a symbol is for a model, as a key that tells symbols apart (`C_i` and `C_j` are one),
 * or undefined: a symbol of one of the model's distinctive quantities (ŷ, λ, x*, μ), a labelled one
 * (`y_{true}`), or an entry of a quantity whose entries are the model's notation (`C_i`, `z_i`).
 */
function evidenceKey(model: Model, sym: SymNode): string | undefined {
  if (isBareLatin(sym)) return undefined;
  const key = model.resolveSymbol(sym);
  if (key === undefined) return undefined;
  // `\mu_B`, `\sigma_B`: written with the batch's name, no Gaussian's μ and σ.
  if (model.distinctive?.has(key)) return foreignEntry(model, sym) ? undefined : batchLabelled(model, sym) ? `${key}@batch` : key;
  if (sym.sub?.kind === 'label') return `${key}:${sym.sub.text}`;
  // One index: the models' quantities with entries are vectors (`b_{ij}` is some matrix's entry).
  if (sym.sub?.kind === 'indices' && sym.sub.items.length === 1 && model.distinctiveEntries?.has(key)) return `${key}_`;
  return undefined;
}

/** Whether `sym` is written with the name the model gives its batch (`\mu_B`). */
function batchLabelled(model: Model, sym: SymNode): boolean {
  const items = sym.sub?.kind === 'indices' ? sym.sub.items : [];
  return items.length === 1 && items[0].kind === 'sym' && (model.labelSubscripts?.has(items[0].name) ?? false);
}

/** An entry of one of the model's scalars (`\beta_0`, `\epsilon_n`), or an entry 0: the equation uses the letter otherwise than the model. */
function foreignEntry(model: Model, sym: SymNode): boolean {
  const items = sym.sub?.kind === 'indices' ? sym.sub.items : [];
  // `\sigma_B`: the batch's name, not an index.
  const key = items.length > 0 && !batchLabelled(model, sym) ? model.resolveSymbol(sym) : undefined;
  if (key === undefined || !(model.distinctive?.has(key) ?? false)) return false;
  // The models count their entries from 1: `\sigma_0` is a name (a prior's), not the first singular value.
  return !(model.distinctiveEntries?.has(key) ?? false) || items.some((item) => item.kind === 'num' && item.value === 0);
}

/** The distinctive symbols of `model` among `uses`, one per quantity: evidence key → as written. */
function evidenceIn(model: Model, uses: readonly SymbolUse[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const { sym } of uses) {
    const key = evidenceKey(model, sym);
    if (key !== undefined && !found.has(key)) found.set(key, describe(sym));
  }
  return found;
}

/** What one equation says about a model (every symbol in it one the model or the document knows). */
export interface EquationEvidence {
  /** Its distinctive symbols: evidence key → as written. */
  readonly distinctive: ReadonlyMap<string, string>;
  /** Enough on its own: the symbols that make it the model's signature. */
  readonly signature?: string;
}

/**
 * The evidence an equation gives that its section is about `model` (`knows`: the model or the document knows a symbol):
 * its signature, at least SIGNATURE_SIZE distinctive symbols, or one among RICH_EQUATION of the
 * model's quantities; or its distinctive symbols alone, which count with the rest of its section.
 * Undefined when it has none, or a symbol neither the model nor the document knows. `uses`: the
 * chain's symbol uses, when the caller has them already (detect.ts keeps them with the chain).
 */
export function equationEvidence(
  model: Model,
  knows: (sym: SymNode) => boolean,
  chain: Chain,
  uses: readonly SymbolUse[] = chain.members.flatMap(symbolUses),
): EquationEvidence | undefined {
  if (chain.leadingOp || chain.members.length < 2) return undefined;
  if (uses.some(({ sym }) => !knows(sym) || foreignEntry(model, sym))) return undefined;
  const distinctive = strongOnly(model, evidenceIn(model, uses));
  if (distinctive.size === 0) return undefined;
  if (isSignature(model, distinctive.keys(), SIGNATURE_SIZE)) return { distinctive, signature: [...distinctive.values()].join(', ') };
  // One distinctive symbol among many of the model's quantities: ∇_x f = 2Aᵀ(Ax − b) + 2λx.
  const quantities = new Map<string, string>();
  for (const { sym } of uses) {
    const key = model.resolveSymbol(sym);
    if (key !== undefined && !model.weakEvidence?.has(key) && !quantities.has(key)) quantities.set(key, describe(sym));
  }
  // ŷ among L, z_1 and x is any network's chain rule: with only the kind of symbol other math writes
  // too, the equation must also write one of the model's parameters (the MLP's C, A, b or d).
  const common = !isSignature(model, distinctive.keys(), 1);
  const rich = quantities.size >= RICH_EQUATION && (!common || model.parameters.some((key) => quantities.has(key)));
  return rich ? { distinctive, signature: [...quantities.values()].join(', ') } : { distinctive };
}

/**
 * Whether distinctive symbols (evidence keys) are enough to tie a text to `model`: at least `size` of
 * them, not all of the kind other math writes together too (μ and σ of a Gaussian are no batchnorm).
 */
export function isSignature(model: Model, keys: Iterable<string>, size: number): boolean {
  const all = [...keys];
  return all.length >= size && all.some((key) => !(model.commonTogether?.has(key.replace(/[_:].*$/, '')) ?? false));
}

/** The evidence without the weak kind (weakEvidence: β and ε are regression's letters too): it counts for nothing. */
function strongOnly(model: Model, evidence: Map<string, string>): Map<string, string> {
  for (const key of [...evidence.keys()]) if (model.weakEvidence?.has(key.replace(/[_:@].*$/, ''))) evidence.delete(key);
  return evidence;
}
