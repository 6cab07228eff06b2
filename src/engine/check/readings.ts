import type { Node } from '../parse/ast';
import type { Model, ModelConvention, SamplePoint } from '../semantics/model';
import { derivedPoint, Env } from '../semantics/env';
import { compileStep, indexAssignments } from './evaluate-step';
import { familyKey, symbolKey, type Scope, type UserDefinition } from '../semantics/scope';
import type { StepOutcome, StepRequest } from './step-io';
import type { Evidence } from './evidence';
import { some } from '../semantics/walk';
import { TIME } from '../semantics/rules';
import { checkDeadline } from '../semantics/deadline';
import { onPositiveValues } from './positive-values';
import { onValueSets } from './value-sets';
import { LOG_BASES } from './log-base';
import { IN_DEGREES } from './degrees';
import { POWERED_WHOLE } from './negative-powers';
import { heldWhenReadAs, type OtherReading } from './reread';
import { inTheLimit } from './limits';
import { asEarlierDefinition } from './earlier-definitions';
import { asZeroCondition } from './zero-conditions';

/**
 * The readings under which a step may hold, beyond the sample points as drawn:
 * - a model's conventions (thin or full SVD): a step that mentions convention-dependent quantities
 *   holds if it holds under one of them, and the verdict says which;
 * - a model's optimum: an equation in the variable that fails for a general value
 *   (`2Aᵀ(Ax − b) + 2λx = 0`, `x = (AᵀA + λI)⁻¹Aᵀb`) is an optimality condition if it holds at the
 *   minimizer;
 * - a singular inverse at some points: the step is also checked at the others, so that a wrong
 *   formula is named even where its inverse exists.
 */
export function checkReadings(request: StepRequest, checkOnce: (request: StepRequest) => StepOutcome): StepOutcome {
  // Each reading is a whole check at every point: none starts once the claim's budget is spent.
  const check = (r: StepRequest) => (checkDeadline(), checkOnce(r));
  const withSingular = (r: StepRequest) => beyondSingular(r, check);
  const withConventions = (r: StepRequest) => underConventions(r, withSingular);
  const general = withConventions(request);
  const outcome = atOptimum(request, general, withConventions) ?? general;
  return asymptotic(request, outcome) ?? outcome;
}

/**
 * The readings of the text a mismatch is checked again under (`check`: the whole step, each time):
 * - the values the text restricts a symbol to (`y \in \{-1, +1\}`, value-sets.ts), which decide it;
 * - a limit the text takes (`h \to 0`, limits.ts), where a claim that holds in it is not decided;
 * - notation taken another way (reread.ts): `\log` in base 10 or 2 (log-base.ts), angles in degrees
 *   (degrees.ts), a negative number powered whole (negative-powers.ts); and a name's earlier
 *   definition (earlier-definitions.ts): a claim that holds under one of them is not decided;
 * - in free variables, an expression set to zero as a condition (zero-conditions.ts).
 */
export function otherReadings(outcome: StepOutcome, request: StepRequest, check: (request: StepRequest) => StepOutcome): StepOutcome {
  const notation = (reading: OtherReading) => (decided: StepOutcome, r: StepRequest, c: typeof check) => heldWhenReadAs(reading, decided, r, c);
  const readings = [onValueSets, inTheLimit, ...[...LOG_BASES, IN_DEGREES, POWERED_WHOLE].map(notation), onPositiveValues, asEarlierDefinition];
  return asZeroCondition(readings.reduce((decided, reading) => reading(decided, request, check), outcome), request);
}

/**
 * `σ_i/(σ_i² + λ) ≈ 1/σ_i` (when σ_i² ≫ λ): an approximation between two expressions holds in a
 * regime the sample points need not be in, so failing at them decides nothing. (An approximate
 * number, `σ(1) ≈ 0.731`, is checked to the digits written.)
 */
function asymptotic(request: StepRequest, outcome: StepOutcome): StepOutcome | undefined {
  if (request.op !== 'approx' || outcome.verdict !== 'mismatch' || outcome.evidence.diagnosis === 'shape') return undefined;
  const symbolic = (n: Node) => some(n, (m) => m.kind === 'sym');
  if (!symbolic(request.expected) || !symbolic(request.claimed)) return undefined;
  return {
    verdict: 'unsupported',
    message: 'not checked: an approximation between two expressions holds only in a limit or a regime (such as a ≫ b), which random sample points need not be in',
    evidence: { reason: 'approximation', numeric: outcome.message },
  };
}

/** True if the node mentions a model quantity in `keys`, directly or through the document's definitions. */
export function mentions(node: Node, scope: Scope, keys: ReadonlySet<string>, seen = new Set<UserDefinition>()): boolean {
  const model = scope.model;
  return some(node, (n) => {
    let definition: UserDefinition | undefined;
    if (n.kind === 'sym') {
      const key = model?.resolveSymbol(n);
      if (key && keys.has(key)) return true;
      const count = n.sub?.kind === 'indices' ? n.sub.items.length : 0;
      definition = (count > 0 ? scope.definitions.get(familyKey(symbolKey(n), count)) : undefined) ?? scope.definitions.get(symbolKey(n));
    } else if (n.kind === 'call') {
      definition = scope.definitions.get(n.fn);
    }
    if (!definition || seen.has(definition)) return false;
    seen.add(definition);
    return mentions(definition.body, scope, keys, seen);
  });
}

function underConventions(request: StepRequest, check: (request: StepRequest) => StepOutcome): StepOutcome {
  const conventions = request.scope.model?.conventions;
  if (!conventions || conventions.length === 0) return check(request);
  const keys = new Set(conventions.flatMap((c) => [...c.keys]));
  if (!mentions(request.expected, request.scope, keys) && !mentions(request.claimed, request.scope, keys)) return check(request);
  const tried: { convention: ModelConvention; outcome: StepOutcome }[] = [];
  for (const convention of conventions) {
    const outcome = check({ ...request, points: request.points.map((p) => underConvention(p, convention)) });
    if (outcome.verdict === 'verified') {
      return { ...outcome, message: `${outcome.message}, with ${convention.description}`, evidence: { ...outcome.evidence, convention: convention.name } };
    }
    tried.push({ convention, outcome });
  }
  const shapeOnly = (o: StepOutcome) => o.evidence.diagnosis === 'shape' || o.evidence.diagnosis === 'singular';
  const informative = tried.find((t) => t.outcome.verdict === 'mismatch' && !shapeOnly(t.outcome)) ?? tried.find((t) => t.outcome.verdict === 'mismatch');
  if (!informative) return tried[0].outcome;
  const conventionsTried = Object.fromEntries(tried.map((t) => [t.convention.name, t.outcome.message]));
  const evidence = { ...informative.outcome.evidence, convention: informative.convention.name, conventions: conventionsTried };
  const shapeFailures = tried.filter((t) => t.outcome.verdict === 'mismatch' && shapeOnly(t.outcome));
  if (shapeOnly(informative.outcome) && shapeFailures.length === tried.length && new Set(tried.map((t) => t.outcome.message)).size > 1) {
    const each = tried.map((t) => `with ${t.convention.description}, ${t.outcome.message.replace(/^the shapes do not fit: /, '')}`).join('; ');
    return { verdict: 'mismatch', message: `the shapes do not fit with any SVD convention: ${each}`, evidence };
  }
  // The same verdict whatever the convention: naming one would only distract.
  if (new Set(tried.map((t) => t.outcome.message)).size === 1) return { ...informative.outcome, evidence };
  return { ...informative.outcome, message: `${informative.outcome.message} (with ${informative.convention.description})`, evidence };
}

/** A singular inverse at some points: say so, and say what is wrong where the inverse exists. */
function beyondSingular(request: StepRequest, check: (request: StepRequest) => StepOutcome): StepOutcome {
  const outcome = check(request);
  const failing = outcome.evidence.failingPoints;
  if (outcome.evidence.diagnosis !== 'singular' || !Array.isArray(failing)) return outcome;
  const others = request.points.filter((p) => !failing.includes(p.index));
  if (others.length === 0) return outcome;
  const elsewhere = check({ ...request, points: others });
  if (elsewhere.verdict === 'verified') {
    // Right wherever the inverse exists: whether the sizes may make it singular is an assumption the document may state in words.
    return {
      verdict: 'unsupported',
      message: `holds wherever the inverse exists, but ${outcome.message}: it needs an assumption on the sizes, which a derivcheck directive can pin`,
      evidence: { ...elsewhere.evidence, reason: 'singular', singular: outcome.message, singularPoints: failing },
    };
  }
  if (elsewhere.verdict !== 'mismatch') return outcome;
  return {
    verdict: 'mismatch',
    message: `${elsewhere.message}; besides, ${outcome.message}`,
    evidence: { ...elsewhere.evidence, singular: outcome.message, singularPoints: failing },
  };
}

/** `0`, `-0`, `\mathbf{0}`. */
function isZero(node: Node): boolean {
  if (node.kind === 'num') return node.value === 0;
  if (node.kind === 'neg') return isZero(node.arg);
  return false;
}

function atOptimum(request: StepRequest, outcome: StepOutcome, check: (request: StepRequest) => StepOutcome): StepOutcome | undefined {
  const model = request.scope.model;
  const optimum = model?.optimum;
  if (!model || !optimum || outcome.verdict !== 'mismatch' || request.op === 'update') return undefined;
  const { expected, claimed, scope } = request;
  const variable = new Set([optimum.variable]);
  if (!mentions(expected, scope, variable) && !mentions(claimed, scope, variable)) return undefined;
  // With the optimum itself in the step, setting the variable to it makes any two sides agree trivially.
  const at = new Set([optimum.at]);
  if (mentions(expected, scope, at) || mentions(claimed, scope, at)) return undefined;
  // An update x_{t+1} = … relates iterates: at the optimum every iterate is x*, so any update would agree.
  if (mentionsTime(expected) || mentionsTime(claimed)) return undefined;
  const zero = isZero(expected) || isZero(claimed);
  // A derivative must hold for every x (a gradient missing a factor also vanishes at x*), unless it is set to 0.
  if (!zero && (some(expected, (n) => n.kind === 'deriv') || some(claimed, (n) => n.kind === 'deriv'))) return undefined;
  let points: SamplePoint[];
  try {
    points = request.points.map((p) => pinnedAt(p, model, optimum.variable, optimum.at));
  } catch {
    return undefined;
  }
  const second = check({ ...request, points });
  // Two multiples of the gradient (2Aᵀ(Ax − b) + 2λx = Aᵀ(Ax − b) + λx) both vanish there: only `… = 0` may say so.
  if (second.verdict === 'verified' && !zero && bothVanish(request, points)) return undefined;
  if (second.verdict === 'verified') {
    return {
      ...second,
      message: `verified as an optimality condition: it holds at ${optimum.description}, not for every ${optimum.variable} (${second.message.replace(/^verified /, '')})`,
      evidence: { ...second.evidence, atOptimum: optimum.at },
    };
  }
  const isVariable = (n: Node) => n.kind === 'sym' && !n.sub && model.resolveSymbol(n) === optimum.variable;
  if (second.verdict === 'mismatch' && (zero || isVariable(expected) || isVariable(claimed))) {
    return { ...second, message: `even at ${optimum.description}: ${second.message}`, evidence: { ...second.evidence, atOptimum: optimum.at } };
  }
  return undefined;
}

/** True when both sides are zero at every point (and index binding). */
function bothVanish(request: StepRequest, points: readonly SamplePoint[]): boolean {
  try {
    const step = compileStep(request.expected, request.claimed, request.scope);
    const small = (t: { v: readonly number[] }) => t.v.every((x) => Math.abs(x) < 1e-8);
    return points.every((point) =>
      indexAssignments(step, request.scope, point).every((indices) => {
        const env = () => new Env(request.scope.model, point, new Map(indices));
        return small(step.expected(env())) && small(step.claimed(env()));
      }),
    );
  } catch {
    return false;
  }
}

/** `x_t`, `x_{t+1}`, `x^{(t)}`: a symbol at a time step. */
function mentionsTime(node: Node): boolean {
  const isTime = (n: Node) => some(n, (m) => m.kind === 'sym' && m.name === TIME && !m.sub);
  return some(node, (n) => (n.kind === 'sym' && n.sub?.kind === 'indices' && n.sub.items.some(isTime)) || (n.kind === 'pow' && n.base.kind === 'sym' && isTime(n.exp)));
}

/** The point a step's verdict was reached at: under its convention, and at the optimum if it was decided there. */
export function readingPoint(model: Model | null, evidence: Evidence, point: SamplePoint): SamplePoint {
  const convention = model?.conventions?.find((c) => c.name === evidence.convention);
  const read = convention ? underConvention(point, convention) : point;
  if (!model?.optimum || evidence.atOptimum !== model.optimum.at) return read;
  try {
    return pinnedAt(read, model, model.optimum.variable, model.optimum.at);
  } catch {
    return read;
  }
}

/** The point read under a convention (made once per point, so its node values are shared by every step). */
function underConvention(point: SamplePoint, convention: ModelConvention): SamplePoint {
  return derivedPoint(point, `convention:${convention.name}`, () => convention.at(point));
}

/** The point with the variable's leaf set to the optimum's value there. */
function pinnedAt(point: SamplePoint, model: Model, variable: string, at: string): SamplePoint {
  return derivedPoint(point, `optimum:${model.name}:${variable}=${at}`, () => {
    const value = new Env(model, point, new Map()).node(at);
    return { ...point, leaves: new Map(point.leaves).set(variable, value) };
  });
}
