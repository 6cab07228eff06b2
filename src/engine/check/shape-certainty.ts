// Whether the shapes a step was evaluated with are the model's or only a guess. A built-in model
// fixes every shape (the MLP's A is k×1); the document's own model fixes those it declares or that
// indices give; a leaf with no declared shape, and a free variable of an identity, are read as
// scalars for want of anything better. Sides of different shapes are a mistake only when the shapes
// are certain: otherwise the claim is not decided (issue 13: never cry wolf).
import type { Node } from '../parse/ast';
import type { Scope } from '../semantics/scope';
import { some } from '../semantics/walk';
import { describe } from '../semantics/describe';
import { DefinedModel } from '../models/defined';
import type { CompiledStep } from './evaluate-step';
import { reachedKeys } from '../semantics/model-reach';

/** What makes the step's shapes a guess: "no shape is declared for c, so it is read as a scalar"; '' when they are certain. */
export function guessedShapes(step: CompiledStep, sides: readonly Node[], scope: Scope): string {
  const free = new Set([...step.expectedInfo.shapeless, ...step.claimedInfo.shapeless]);
  if (free.size > 0) {
    const names = [...free].join(', ');
    return free.size > 1 ? `${names} are free variables of unknown shape, read as scalars` : `${names} is a free variable of unknown shape, read as a scalar`;
  }
  // Free variables' sizes are sampled (n = 5, a vector of 3): a misfit there is of the guess.
  if (step.pure && !scope.freeShapes) return 'the sizes of its free variables are not declared, only sampled';
  if (step.pure && scope.freeShapes && [...scope.freeShapes.keys()].every((key) => scope.shapesFromText?.has(key))) return 'the shapes of its free variables are read from the text (such as x ∈ ℝⁿ), not declared by a directive, and their sizes are only sampled';
  const model = scope.model;
  if (!(model instanceof DefinedModel)) return '';
  // A side's shape is the leaf's own where the side is the leaf, or a derivative with respect to it.
  const undeclared = new Map<string, string>();
  // Leaves whose shape only the text's own declarations give (`X \in \mathbb{R}^{N \times D}`, then a single column).
  const fromText = new Map<string, string>();
  const displayOf = (key: string, written?: Node) => model.nodes.get(key)?.display ?? (written ? describe(written) : key);
  const note = (node: Node) => {
    const key = node.kind === 'sym' ? model.resolveSymbol(node) : undefined;
    if (!key) return;
    // A node (`X = QR`) has the shape its leaves give it: a guess where they are undeclared scalars.
    for (const reached of reachedKeys(model, model.bodyOf(key), new Set([key]))) if (model.isUndeclaredScalar(reached)) undeclared.set(reached, displayOf(reached, reached === key ? node : undefined));
  };
  // An entry of an undeclared leaf sized only by the indices the document writes (`\sigma_0` of a σ written `\sigma_i`).
  const sized = new Map<string, string>();
  const noteEntry = (node: Node) => {
    const key = node.kind === 'sym' ? model.resolveSymbol(node) : undefined;
    if (key && model.isUndeclaredScalar(key)) note(node);
    else if (key && model.isUndefinedLeaf(key)) sized.set(key, model.nodes.get(key)?.display ?? describe(node));
  };
  for (const side of sides) {
    note(side);
    // Any undeclared leaf inside (`a_1 + b_1\epsilon` with a read as a scalar) makes its indices a guess too.
    some(side, (n) => (n.kind === 'deriv' ? note(n.wrt) : n.kind === 'sym' && n.sub?.kind === 'indices' && noteEntry(n), false));
  }
  if (undeclared.size > 0) {
    const list = [...undeclared.values()].join(', ');
    return `no shape is declared for ${list}, so ${undeclared.size > 1 ? 'they are read as scalars' : 'it is read as a scalar'}`;
  }
  // Any leaf the sides use, directly or through the nodes they use, whose shape only the text gives.
  const fromTextOnly = scope.shapesFromText;
  if (fromTextOnly?.size) for (const side of sides) for (const key of reachedKeys(model, side)) if (fromTextOnly.has(key)) fromText.set(key, displayOf(key));
  if (fromText.size > 0) return `the shape of ${[...fromText.values()].join(', ')} is read from the text's declaration, which the step may not follow, not from a directive`;
  if (sized.size === 0) return '';
  return `no shape is declared for ${[...sized.values()].join(', ')}, so ${sized.size > 1 ? 'their lengths are' : 'its length is'} only a guess`;
}
