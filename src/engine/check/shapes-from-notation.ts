// Claims in free variables the notation makes vectors and matrices (xᵀAx, ‖Xw − y‖², tr(AX)): where no
// directive declares their shapes, each reading of the shapes the notation allows
// (semantics/shape-inference.ts) is checked as if declared. Holding in every reading, the claim holds
// as written: verified. Failing in every one, it fails whichever the text means: a mismatch. Holding in
// some readings only, it is not decided, and the message says which.
import { notAMatrix, shapeReadings, type ShapeReading } from '../semantics/shape-inference';
import type { Scope } from '../semantics/scope';
import type { StepOutcome, StepRequest } from './step-io';
import { firstClause } from './diagnosis';

/** The verdict over the notation's readings of the shapes, where the step was not decided for want of them. */
export function withShapesFromNotation(request: StepRequest, outcome: StepOutcome, decide: (request: StepRequest) => StepOutcome): StepOutcome | undefined {
  // Matrix operations on free variables read as scalars (shape-guard.ts), or a vector operation that a scalar does not fit (softmax of z).
  const unknown = outcome.evidence.reason === 'shapes unknown';
  if (outcome.verdict !== 'unsupported' || !(unknown || (outcome.evidence.reason === 'shapes uncertain' && !request.scope.shapesFromNotation))) return undefined;
  // Where the notation decides nothing: the scalars' finding says why, and the reason is added to it (a misfit's message stands).
  const unread = (why: string): StepOutcome | undefined => (unknown ? { ...outcome, message: `${outcome.message}; ${why}` } : undefined);
  const inference = shapeReadings(request.scope, [request.expected, request.claimed]);
  if ('unreadable' in inference) return unread(`read from the notation: ${inference.unreadable}`);
  const decided: { reading: ShapeReading; outcome: StepOutcome }[] = [];
  for (const reading of inference.readings) {
    const again = decideReading(request, reading, decide);
    // Sizes that do not fit at evaluation make the reading one the claim cannot mean (shape-certainty.ts).
    if (again.verdict === 'unsupported' && again.evidence.reason === 'shapes uncertain') continue;
    if (again.verdict !== 'verified' && again.verdict !== 'mismatch') return unread(`with the shapes read from the notation (${reading.description}): ${again.message}`);
    decided.push({ reading, outcome: again });
  }
  if (decided.length === 0) return unread('no reading of the shapes from the notation could be evaluated');
  // A reading the text means has its capitals as matrices: one that fits only as vectors is not it.
  for (const [key, display] of inference.matrices) {
    if (!decided.some((d) => d.reading.kinds.get(key) === 'matrix')) return unread(`read from the notation: ${notAMatrix(display)}`);
  }
  const readings = decided.map((d) => d.reading.description);
  const holding = decided.filter((d) => d.outcome.verdict === 'verified');
  const failing = decided.filter((d) => d.outcome.verdict === 'mismatch');
  const shapes = readings.length > 1 ? `in each of the ${readings.length} readings of the shapes the notation allows (${readings.join('; ')})` : `with the shapes the notation gives (${readings[0]})`;
  if (failing.length === 0) {
    const first = holding[0].outcome;
    return { verdict: 'verified', message: `${first.message}, ${shapes}`, evidence: { ...first.evidence, shapesFromNotation: readings } };
  }
  // ∇(½xᵀAx) = Ax holds for a symmetric A only: the text may take the A of a quadratic form to be one, without saying so here.
  const squares = failing.map((d) => symmetricVariant(d.reading, inference.quadraticForms));
  if (squares.every((v) => v !== undefined && decideReading(request, v.reading, decide).verdict === 'verified')) {
    const names = [...new Set(squares.flatMap((v) => v!.names))];
    return {
      verdict: 'unsupported',
      message: `not decided: the claim holds only where ${names.join(', ')} ${names.length > 1 ? 'are' : 'is'} symmetric (${names.map((n) => `${n}ᵀ = ${n}`).join(', ')}), which the text may assume; in general it does not (${firstClause(failing[0].outcome.message)})`,
      evidence: { reason: 'symmetric only', checked: failing[0].outcome.evidence },
    };
  }
  if (holding.length === 0) {
    const first = failing[0].outcome;
    return { verdict: 'mismatch', message: `${first.message}; ${shapes}`, evidence: { ...first.evidence, shapesFromNotation: readings } };
  }
  return {
    verdict: 'unsupported',
    message: `not decided: the claim holds when ${holding[0].reading.description}, but not when ${failing[0].reading.description} (${firstClause(failing[0].outcome.message)}); declare the shapes with a shapes directive`,
    evidence: { reason: 'shapes ambiguous', checked: failing[0].outcome.evidence },
  };
}

/** The reading with the matrices of its quadratic forms symmetric, and their names; undefined when it has none. */
function symmetricVariant(reading: ShapeReading, quadraticForms: ReadonlySet<string>): { reading: ShapeReading; names: string[] } | undefined {
  const square = [...reading.shapes].filter(([key, shape]) => quadraticForms.has(key) && reading.kinds.get(key) === 'matrix' && shape.rows === shape.cols);
  if (square.length === 0) return undefined;
  const shapes = new Map(reading.shapes);
  for (const [key, shape] of square) shapes.set(key, { ...shape, symmetric: true });
  return { reading: { ...reading, shapes }, names: square.map(([key]) => reading.names.get(key) ?? key) };
}

/**
 * One reading, its sizes sampled; where that inverts a singular matrix (XᵀX of a wide X), again with
 * each size fixed, larger to smaller in the order the text first uses them, then smaller to larger.
 */
function decideReading(request: StepRequest, reading: ShapeReading, decide: (request: StepRequest) => StepOutcome): StepOutcome {
  const names = [...new Set([...reading.shapes.values()].flatMap((s) => [s.rows, s.cols]).filter((size): size is string => typeof size === 'string'))];
  const fixed = (order: readonly string[]) => Object.fromEntries(order.map((name, i) => [name, order.length + 1 - i]));
  const sizings = [undefined, fixed(names), fixed([...names].reverse())];
  let outcome: StepOutcome | undefined;
  for (const pinned of sizings) {
    outcome = decide({ ...request, scope: withReading(request.scope, reading, pinned) });
    if (!(outcome.verdict === 'unsupported' && outcome.evidence.reason === 'shapes uncertain' && /singular/.test(outcome.message))) return outcome;
  }
  return outcome!;
}

function withReading(scope: Scope, reading: ShapeReading, pinned: Readonly<Record<string, number>> | undefined): Scope {
  const freeShapes = new Map([...(scope.freeShapes ?? []), ...reading.shapes]);
  const shapesFromText = new Set([...(scope.shapesFromText ?? []), ...reading.shapes.keys()]);
  const pinnedSizes = pinned ? { ...scope.pinnedSizes, ...pinned } : scope.pinnedSizes;
  return { ...scope, freeShapes, shapesFromText, shapesFromNotation: true, ...(pinnedSizes ? { pinnedSizes } : {}) };
}
