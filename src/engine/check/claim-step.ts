// One claimed step, checked: the two sides of a link in the current scope, at the sample points,
// through the cache (an unchanged step in an unchanged context is decided once), as a finding with
// its notes, the definitions it uses, and a live handle for hovers and the report.
import type { SourceRange } from '../source/location';
import { toDocumentRange, type MathSpan } from '../source/span';
import type { Model } from '../semantics/model';
import { definitionOf, type Scope } from '../semantics/scope';
import { describe } from '../semantics/describe';
import { some } from '../semantics/walk';
import { DefinedModel } from '../models/defined';
import { normalizeLatex } from './cache';
import { StepHandle } from './claim-handle';
import type { CheckContext } from './context';
import { quantityKey } from './detect';
import type { Finding } from './finding';
import { ungivenDataReason } from './given';
import type { Link, Member } from './links';
import { readingPoint } from './readings';
import { implicitSumIndex } from './implicit-sums';
import { inDirection } from './directional';
import { readDifferentials } from './differentials';
import { notAnIdentity } from './non-identities';
import { asEntriesOfUndeclared, asGradientNames, asRoundedDownSize, asSigmaDoubted, asSpecialCase } from './outcome-readings';
import { solvedEquationBefore, type EquationSeen } from './solving-steps';
import { declaresImaginaryUnit, usesImaginaryUnit } from './imaginary-unit';
import { hasFreeValues } from './free-values';
import { asLocalPartial } from './local-partial';
import { modelId } from './sample-points';
import { checkStep } from './step';
import type { StepOutcome, StepRequest } from './step-io';
import { CHECK_DEFAULTS } from './defaults';
import { shapelessNote, undeclaredShapes, withNote } from './step-notes';

/**
 * Checks the step `link` of `span` (span-local range `local`) and reports its finding. `before`: the
 * equation written just before it, when the link opens a statement (solving-steps.ts).
 */
export function checkLink(ctx: CheckContext, link: Link, span: MathSpan, local: SourceRange, target: string | undefined, before?: EquationSeen): void {
  const range = toDocumentRange(span, local);
  const line = ctx.lineMap.position(range.start).line;
  if (ctx.settings.ignoredLines.has(line)) return;
  const scope = withFreeShapes(ctx);
  const notChecked = (message: string, evidence: Finding['evidence']) => ctx.output.findings.push({ verdict: 'unsupported', range, text: ctx.text.slice(range.start, range.end), ...(target ? { target } : {}), message, evidence });
  const undeclared = scope.model instanceof DefinedModel ? undeclaredShapes(link, scope.model) : undefined;
  if (undeclared) {
    notChecked(undeclared, { reason: 'shape not declared', model: scope.model!.name });
    return;
  }
  // `p = \lfloor k/2 \rfloor` above could not be read: p's value here is not the one the text gives.
  const unread = ctx.unreadable.blocking([link.left.node, link.right.node], (offset) => ctx.choice.definitionHolds(offset, range.start), (sym) => {
    const key = scope.model?.resolveSymbol(sym);
    return definitionOf(scope, sym)?.body ?? (key === undefined ? undefined : scope.model?.bodyOf?.(key));
  });
  if (unread) {
    notChecked(`not decided: ${unread.name} is given above in math that could not be read, so its value here is not known`, { reason: 'unreadable value' });
    return;
  }
  if (declaresImaginaryUnit(ctx) && usesImaginaryUnit([link.left.node, link.right.node], scope)) {
    notChecked('not checked: i is the imaginary unit here, and complex numbers are not supported (every value is sampled real)', { reason: 'complex numbers' });
    return;
  }
  const summed = implicitSumIndex(link.left.node, link.right.node);
  if (summed) {
    notChecked(`not checked: index ${summed} is repeated on one side (in two factors of a product, or twice in one subscript) and not on the other, an implicit sum over ${summed} (index notation), which is not supported`, { reason: 'implicit sum' });
    return;
  }
  // `d(x^\top x) = 2x^\top dx`: differentials, in free variables (a model's d is its own).
  const differentials = hasFreeValues(scope.model) ? readDifferentials(link.left.node, link.right.node, scope) : undefined;
  const gradientNames = differentials && 'gradientNames' in differentials ? differentials.gradientNames : undefined;
  const differential = differentials && !('gradientNames' in differentials) ? differentials : undefined;
  const expected = differential?.left ?? inDirection(link.left.node, link.right.node);
  const claimed = differential?.right ?? link.right.node;
  const stepScope = differential?.scope ?? scope;
  const request: StepRequest = {
    expected,
    claimed,
    op: link.op,
    scope: stepScope,
    points: ctx.points.of(stepScope),
    tol: ctx.settings.values.tol,
    target,
    symbolicTimeoutMs: ctx.options.symbolicTimeoutMs ?? CHECK_DEFAULTS.symbolicTimeoutMs,
    symbolicBudget: ctx.symbolicBudget,
  };
  const computed = ctx.cache.lookup(cacheKey(ctx, link, span, scope, target), () => checkStep(request));
  // How the text may mean what the check found (outcome-readings.ts and the readings here), in order.
  const checked = asRoundedDownSize(asSpecialCase(computed, request, ctx, link), link);
  const read = asLocalPartial(checked, expected, scope.model, (model, keys) => ctx.choice.takesDerivativeBy(model, keys));
  const stepLink = { ...link, left: { ...link.left, node: expected }, right: { ...link.right, node: claimed } };
  let outcome = asCondition(ctx, withoutGivenData(ctx, read, link, scope.model), stepLink, stepScope, range, before);
  outcome = asGradientNames(outcome, gradientNames);
  outcome = asEntriesOfUndeclared(outcome, link, stepScope);
  outcome = asSigmaDoubted(ctx, link, outcome);
  const related = [...relatedDefinitions(ctx, link)];
  const finding: Finding = {
    verdict: outcome.verdict,
    range,
    text: ctx.text.slice(range.start, range.end),
    ...(target ? { target } : {}),
    message: withNote(outcome.message, shapelessNote(link, scope.model, outcome.evidence)),
    evidence: { ...outcome.evidence, model: scope.model?.name ?? 'none', ...detection(ctx, scope.model) },
    ...(related.length ? { related } : {}),
  };
  ctx.output.findings.push(finding);
  const snapshot: Scope = { ...scope, definitions: new Map(scope.definitions) };
  const indexPins = Object.fromEntries(Object.entries(ctx.settings.pins).filter(([name]) => /^[a-z]$/.test(name) && name !== scope.model?.defaultDim));
  // A step decided under a convention (the full SVD) or at the optimum is shown there; a mistake at its
  // counterexample (so that a hover's values are the ones its message quotes), unless the text pins the point.
  const counterexample = outcome.evidence.counterexample;
  const failing = counterexample && Object.keys(ctx.settings.pins).length === 0 ? request.points.find((p) => p.index === counterexample.point) : undefined;
  const hoverPoint = failing ?? readingPoint(scope.model, outcome.evidence, ctx.points.hover(scope));
  const pinnedIndices = failing ? { ...counterexample?.indices } : indexPins;
  ctx.output.handles.set(finding, new StepHandle({ span, expected, claimed: link.right.node, op: link.op, scope: snapshot, hoverPoint, pinnedIndices, points: request.points, tol: request.tol, evidence: outcome.evidence }));
}

/** Why detection read the claim in its built-in model, when it did; or that a directive named the model. */
function detection(ctx: CheckContext, model: Model | null): { detectedFrom?: string; named?: true } {
  if (ctx.settings.values.model !== 'auto') return { named: true };
  const because = ctx.choice.detectedBecause;
  return because && model?.name === because.model ? { detectedFrom: because.because } : {};
}

/**
 * The scope of a claim: the shapes a directive declares apply to the free variables of an identity too
 * (model=none), and so do the value sets the text gives and the limits it takes.
 */
function withFreeShapes(ctx: CheckContext): Scope {
  const { valueSets, limits } = ctx.settings.values;
  const scope = valueSets || limits ? { ...ctx.scope(), ...(valueSets ? { valueSets } : {}), ...(limits ? { limits } : {}) } : ctx.scope();
  const shapes = Object.entries(ctx.settings.ownShapes);
  if (shapes.length === 0) return scope;
  const directive = ctx.settings.values.shapes ?? {};
  const fromText = new Set(Object.keys(ctx.settings.values.declared ?? {}).filter((key) => !(key in directive)));
  return { ...scope, freeShapes: new Map(shapes), pinnedSizes: ctx.settings.values.dims, shapesFromText: fromText };
}

/** The step's text and everything it is checked against: model, σ, settings, definitions so far. */
function cacheKey(ctx: CheckContext, link: Link, span: MathSpan, scope: Scope, target: string | undefined): string {
  const source = (m: Member) => normalizeLatex(span.text.slice(m.loc.start, m.loc.end));
  const definitions = [...scope.definitions.values()].map((d) => `${d.key}:=${normalizeLatex(d.source)}`).join(';');
  const context = JSON.stringify([modelId(scope.model), scope.sigmas.map((s) => s.name), scope.sigmaChosen, ctx.settings.values, ctx.options.symbolicTimeoutMs ?? CHECK_DEFAULTS.symbolicTimeoutMs, target, ctx.book.givenFor(scope.model)]);
  return `${link.op}|${source(link.left)}|${source(link.right)}|${context}|${definitions}`;
}

/** Definitions the step uses, so editors can point at them. */
function* relatedDefinitions(ctx: CheckContext, link: Link): Iterable<{ range: SourceRange; message: string }> {
  const definitions = ctx.scope().definitions;
  // Describing both sides costs more than the rest of a re-check of an unchanged step: only when needed.
  const text = definitions.size > 0 ? `${describe(link.left.node)} ${describe(link.right.node)}` : '';
  for (const definition of definitions.values()) {
    if (text.includes(definition.display)) yield { range: definition.range, message: `${definition.display} is defined here` };
  }
  const model = ctx.choice.model;
  if (model instanceof DefinedModel) {
    const used = new Set<string>();
    some(link.left.node, (n) => (n.kind === 'sym' && used.add(quantityKey(n)), false));
    some(link.right.node, (n) => (n.kind === 'sym' && used.add(quantityKey(n)), false));
    for (const definition of ctx.book.customDefinitions) {
      if (used.has(definition.key)) yield { range: definition.range, message: `${model.nodes.get(definition.key)?.display ?? definition.key} is defined here` };
    }
  }
}

/**
 * An equation in free variables that does not hold, and claims no identity (non-identities.ts), or goes
 * on solving the equation to solve just before it (solving-steps.ts): not checked, never a mismatch.
 */
function asCondition(ctx: CheckContext, outcome: StepOutcome, link: Link, scope: Scope, range: SourceRange, before: EquationSeen | undefined): StepOutcome {
  if (outcome.verdict !== 'mismatch') return outcome;
  // The step of solving the equation just before says most about it: before the kind of equation it is.
  const solved = scope.model === null ? solvedEquationBefore(ctx.text, before, range, [link.left.node, link.right.node], scope) : undefined;
  if (solved) return { verdict: 'unsupported', message: `not checked: a step in solving ${solved}, the equation just before, which holds where that equation does, not for every value of its variables`, evidence: { reason: 'solving', checked: outcome.evidence } };
  const condition = notAnIdentity(link, scope, outcome.evidence.diagnosis);
  if (condition) return { verdict: 'unsupported', message: condition.message, evidence: { reason: condition.reason, checked: outcome.evidence } };
  // A text about complex numbers: its symbols may be complex, and every value here is sampled real.
  if (hasFreeValues(scope.model) && declaresImaginaryUnit(ctx)) {
    return { verdict: 'unsupported', message: 'not decided: the text works with complex numbers (i is the imaginary unit), so its symbols may be complex, and every value here is sampled real', evidence: { reason: 'complex numbers', checked: outcome.evidence } };
  }
  return outcome;
}

/**
 * A number claimed about data the document never gave (`\mu = 6` with no batch stated) differs from
 * random data, but that is no mistake of the student's: unsupported, saying what to give.
 */
function withoutGivenData(ctx: CheckContext, outcome: StepOutcome, link: Link, model: Model | null): StepOutcome {
  const diagnosis = outcome.evidence.diagnosis;
  if (outcome.verdict !== 'mismatch' || (diagnosis !== 'constant' && diagnosis !== 'shape')) return outcome;
  const reason = ungivenDataReason(model, ctx.book.givenState(model), link.left.node, link.right.node);
  return reason ? { verdict: 'unsupported', message: reason, evidence: { reason: 'data not given', checked: outcome.evidence } } : outcome;
}
