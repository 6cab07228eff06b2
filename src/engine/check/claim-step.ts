// One claimed step, checked: the two sides of a link in the current scope, at the sample points,
// through the cache (an unchanged step in an unchanged context is decided once), as a finding with
// its notes, the definitions it uses, and a live handle for hovers and the report.
import type { SourceRange } from '../source/location';
import { toDocumentRange, type MathSpan } from '../source/span';
import type { Model } from '../semantics/model';
import { definitionOf, type Scope } from '../semantics/scope';
import { describe, formatNumber } from '../semantics/describe';
import { some } from '../semantics/walk';
import { numberLiteral } from '../semantics/literal';
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
import { notAnIdentity, vectorWithEntries } from './non-identities';
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
  const checked = asRoundedDownSize(asSpecialCase(ctx.cache.lookup(cacheKey(ctx, link, span, scope, target), () => checkStep(request)), request, ctx, link), link);
  const read = asLocalPartial(checked, expected, scope.model, (model, keys) => ctx.choice.takesDerivativeBy(model, keys));
  const outcome = asSigmaDoubted(ctx, link, asEntriesOfUndeclared(asGradientNames(asCondition(ctx, withoutGivenData(ctx, read, link, scope.model), { ...link, left: { ...link.left, node: expected }, right: { ...link.right, node: claimed } }, stepScope, range, before), gradientNames), link, stepScope));
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
  // A step decided under a convention (the full SVD) or at the optimum is shown there.
  const hoverPoint = readingPoint(scope.model, outcome.evidence, ctx.points.hover(scope));
  ctx.output.handles.set(finding, new StepHandle({ span, expected, claimed: link.right.node, scope: snapshot, hoverPoint, pinnedIndices: indexPins }));
}

/**
 * `\hat y + e = b + w_1x_1 + e` under "Linear Prediction with n=1", for `\hat y = b + \sum_{j=1}^n w_jx_j`:
 * a claim in the document's own model that writes entry 1 and fails for the sizes sampled, but holds
 * when the size is 1, is that special case (which the text may set in words), not a mistake.
 */
function asSpecialCase(outcome: StepOutcome, request: StepRequest, ctx: CheckContext, link: Link): StepOutcome {
  const model = request.scope.model;
  if (outcome.verdict !== 'mismatch' || !(model instanceof DefinedModel)) return outcome;
  const size = model.defaultDim;
  const firstEntry = [link.left.node, link.right.node].some((side) => some(side, (n) => n.kind === 'sym' && n.sub?.kind === 'indices' && n.sub.items.length === 1 && n.sub.items[0].kind === 'num' && n.sub.items[0].value === 1));
  if (!firstEntry || !model.sizeNames.includes(size) || ctx.settings.values.dims[size] !== undefined) return outcome;
  const special = checkStep({ ...request, points: ctx.points.of(request.scope, { [size]: 1 }) });
  if (special.verdict !== 'verified') return outcome;
  return { verdict: 'unsupported', message: `not decided: this holds when ${size} = 1 (a special case, which the text may set in words), and not for larger ${size}`, evidence: { reason: 'special case', checked: outcome.evidence } };
}

/**
 * `\tanh(z) = 2\sigma(2z) - 1` after `\sigma(z) = \tanh(z)` in a list of activations: a claim that writes both
 * σ and the function σ was set to, and fails with σ that function, may relate it to another σ (the
 * sigmoid): not decided. (`\sigma'(z) = 1 - \tanh^2(z)` holds with σ = tanh and stays verified.)
 */
function asSigmaDoubted(ctx: CheckContext, link: Link, outcome: StepOutcome): StepOutcome {
  const setTo = ctx.settings.sigmaFromDirective ? undefined : ctx.settings.sigmaOverride;
  if (outcome.verdict !== 'mismatch' || !setTo || setTo.name === 'sigmoid') return outcome;
  const writes = (fn: string) => [link.left.node, link.right.node].some((side) => some(side, (n) => n.kind === 'call' && n.fn === fn));
  if (!writes('sigma') || !writes(setTo.name)) return outcome;
  return { verdict: 'unsupported', message: `not decided: σ was set to ${setTo.display} above, and this claim writes both σ and ${setTo.display}, so σ may mean another function here (the sigmoid?)`, evidence: { reason: 'doubted reading', checked: outcome.evidence } };
}

/**
 * `w_k^\top x = \sum_i w_{ki} x_i` in free variables with no shape declared: x and its entries x_i are then
 * read as scalars, and the sum over as many terms as the sampling gives, so that holding says nothing.
 */
function asEntriesOfUndeclared(outcome: StepOutcome, link: Link, scope: Scope): StepOutcome {
  if (outcome.verdict !== 'verified' || !hasFreeValues(scope.model)) return outcome;
  const name = vectorWithEntries([link.left.node, link.right.node], true);
  if (name === undefined || scope.freeShapes?.has(name)) return outcome;
  return { verdict: 'unsupported', message: `not decided: ${name} and its entries are both written, and the length of ${name} is not given, so it holds read with scalars only (declare it with a shapes directive)`, evidence: { reason: 'shapes uncertain', checked: outcome.evidence } };
}

/**
 * `(32 - 3 + 2)/2 + 1 = 16`: the size a convolution or a pooling gives, (W − F + 2P)/S + 1, is the floor
 * of that number when the stride does not divide evenly; a whole answer that is the left side rounded down
 * is that size, not a slip.
 */
function asRoundedDownSize(outcome: StepOutcome, link: Link): StepOutcome {
  const example = outcome.evidence.counterexample;
  if (outcome.verdict !== 'mismatch' || outcome.evidence.diagnosis !== 'value' || !example || example.expected.length !== 1 || example.claimed.length !== 1) return outcome;
  const [expected, claimed] = [example.expected[0], example.claimed[0]];
  const left = link.left.node;
  const sizeFormula = left.kind === 'bin' && left.op === '+' && numberLiteral(left.right) === 1 && some(left.left, (n) => n.kind === 'bin' && n.op === '/');
  if (!sizeFormula || !Number.isInteger(claimed) || Number.isInteger(expected) || Math.floor(expected) !== claimed) return outcome;
  return { verdict: 'unsupported', message: `not decided: ${claimed} is the left side (${formatNumber(expected)}) rounded down, as a convolution's or a pooling's output size is`, evidence: { reason: 'rounded down', checked: outcome.evidence } };
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
 * `dZ^{[l]} = dA^{[l]} \odot g'(Z^{[l]})`, decided with d read as a number times Z: backprop's names for
 * gradients (as in code) or differentials, neither defined, so no verdict.
 */
function asGradientNames(outcome: StepOutcome, names: string | undefined): StepOutcome {
  if (names === undefined || (outcome.verdict !== 'verified' && outcome.verdict !== 'mismatch')) return outcome;
  const message = `not checked: ${names} read as backprop's names for gradients (dW for ∂L/∂W, as in code) or as differentials, and the claim takes no derivative to tell them by; neither is defined here`;
  return { verdict: 'unsupported', message, evidence: { reason: 'gradient names', checked: outcome.evidence } };
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
