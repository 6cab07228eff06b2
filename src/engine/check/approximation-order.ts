// `f(x + ε) ≈ f(x) + ε f'(x)`, `√(σ² + ε) ≈ σ`, `e^ε ≈ 1 + ε + ε²/2`, `f(t + Δt) ≈ f(t) + Δt f'(t)`:
// an approximation in a small ε (or an increment h, δ, Δt a call's argument adds) claims that the
// sides agree up to the powers of it written out. Random sample points do not decide that (the sides
// differ at every ε > 0), so ε is made smaller, tenfold each time from a tenth of its sampled value:
// a difference that shrinks as ε^(k+1), where k is the degree of the side that writes ε out, is what
// the claim says; one that shrinks only as ε^m, m ≤ k, is wrong at order m (a Taylor step with the
// wrong sign differs by a term in ε). Anything less regular is not decided.
import type { Node, SymNode } from '../parse/ast';
import { isPlainSym, isProduct } from '../parse/nodes';
import type { SamplePoint } from '../semantics/model';
import { definitionOf, symbolKey } from '../semantics/scope';
import { isSmallConstant } from '../semantics/small-constants';
import { some } from '../semantics/walk';
import type { StepOutcome, StepRequest } from './step-io';
import { withFreeValues } from './free-values';

/** The smaller values of the small symbol, as shares of its sampled value. */
const FACTORS = [0.1, 0.01, 0.001];
/** A measured order counts as the integer m when within this of it. */
const ORDER_SLACK = 0.3;
/** Differences below this are rounding, not a term of the expansion. */
const NOISE = 1e-11;
const ORDINAL = ['order 0', 'first order', 'second order', 'third order'];
/** Names of an increment (`f(x + h)`, `σ(z − δ)`): small where a call's argument adds them, and only there. */
const INCREMENT_NAMES: ReadonlySet<string> = new Set(['h', 'delta']);

export function approximationOrder(request: StepRequest, outcome: StepOutcome, check: (request: StepRequest) => StepOutcome): StepOutcome | undefined {
  // Undecided at the sample points, or within the digits an ≈ allows (`e^ε ≈ 1 + ε + ε²` is, there).
  const open = outcome.evidence.reason === 'approximation' || outcome.verdict === 'verified';
  if (request.op !== 'approx' || !open) return undefined;
  const small = smallSymbol(request.expected, request.claimed);
  // A symbol the document gives a value (`\Delta t := x/n`) or the model owns is not a variable to shrink.
  if (!small || definitionOf(request.scope, small.sym) || (!isSmallConstant(small.key) && request.scope.model?.resolveSymbol(small.sym))) return undefined;
  const kept = keptOrder(request.expected, request.claimed, small.key);
  if (kept === undefined) return undefined;
  // The sides as an equation (the ≈ would count the digits written), at smaller and smaller ε.
  const exact: StepRequest = { ...request, op: '=' };
  const errors: number[] = [];
  for (const factor of FACTORS) {
    const at = check({ ...exact, points: request.points.map((p) => scaledSymbol(p, small.key, factor)) });
    if (at.evidence.maxError === undefined || (at.verdict !== 'mismatch' && at.verdict !== 'verified')) return undefined;
    errors.push(at.evidence.maxError);
  }
  const order = measuredOrder(errors);
  if (order === undefined) return undefined;
  const e = small.name;
  const written = kept === 0 ? `to order 0 (no power of ${e} written out)` : `to ${ORDINAL[kept] ?? `order ${kept}`} in ${e}`;
  const shrink = `largest ${errors.map((x) => x.toExponential(1)).join(', ')} at ${FACTORS.map((f) => `${e}/${1 / f}`).join(', ')}`;
  if (order > kept) {
    return {
      verdict: 'verified',
      message: `verified ${written}: the difference between the sides shrinks as ${e}^${order >= 4 ? '4 or faster' : order} as ${e} → 0 (${shrink})`,
      evidence: { method: 'numeric', points: request.points.length, maxError: errors[0], reason: `holds to order ${kept} in ${e}` },
    };
  }
  const power = order === 1 ? e : `${e}^${order}`;
  const how = order === 0 ? `the two sides differ even as ${e} → 0` : `the ${power} terms of the two sides differ: the difference shrinks only as ${power} as ${e} → 0`;
  return {
    verdict: 'mismatch',
    message: `wrong at ${ORDINAL[order] ?? `order ${order}`} in ${e}: ${how} (${shrink})${counterexampleOf(outcome)}`,
    evidence: { method: 'numeric', points: request.points.length, maxError: errors[0], reason: `wrong at order ${order} in ${e}` },
  };
}

/** The original check's counterexample (`; e.g. at …`), when it had one. */
function counterexampleOf(outcome: StepOutcome): string {
  const numeric = outcome.evidence.numeric ?? (outcome.verdict === 'mismatch' ? outcome.message : '');
  const example = /; e\.g\. [\s\S]*$/.exec(numeric);
  return example ? example[0] : '';
}

/**
 * What the approximation is in: a small constant (ε), or an increment a call's argument adds
 * (`f(x + h)`, `f(t + \Delta t)`). One symbol only; undefined for none or several.
 */
function smallSymbol(...sides: Node[]): { key: string; name: string; sym: SymNode } | undefined {
  const found = new Map<string, SymNode>();
  for (const side of sides) {
    some(side, (n) => {
      if (n.kind === 'sym' && isPlain(n) && isSmallConstant(symbolKey(n))) found.set(symbolKey(n), n);
      if (n.kind === 'call') for (const arg of n.args) for (const term of addends(arg)) if (isIncrement(term)) found.set(symbolKey(term), term);
      return false;
    });
  }
  if (found.size !== 1) return undefined;
  const [[key, sym]] = [...found];
  return { key, sym, name: isSmallConstant(key) ? 'ε' : sym.name === 'delta' ? 'δ' : sym.name };
}

/** ε, h, Δt as written alone (isPlainSym), in no font. */
const isPlain = (n: SymNode) => isPlainSym(n) && !n.font;

function isIncrement(n: Node): n is SymNode {
  return n.kind === 'sym' && isPlain(n) && (INCREMENT_NAMES.has(n.name) || n.name.startsWith('Δ'));
}

/** The terms of a sum, signs dropped: `x + h − y` → x, h, y. */
function addends(n: Node): Node[] {
  if (n.kind === 'bin' && (n.op === '+' || n.op === '-')) return [...addends(n.left), ...addends(n.right)];
  if (n.kind === 'neg') return addends(n.arg);
  return [n];
}

/** The point with the small symbol (a model's ε leaf in place, or a free variable) at `factor` times its value. */
function scaledSymbol(point: SamplePoint, key: string, factor: number): SamplePoint {
  return withFreeValues(point, `approximation-${key}-${factor}`, new Set([key]), (_, value) => value * factor);
}

/** The order of the small symbol at which the differences `errors` (at a tenth, a hundredth, a thousandth of it) vanish, when both steps agree. */
function measuredOrder(errors: readonly number[]): number | undefined {
  const [e0, e1, e2] = errors;
  if (e0 <= NOISE) return undefined;
  // Below rounding, a difference has shrunk as far as can be seen: at least as fast as the step before.
  const steps = e2 <= NOISE ? [Math.log10(e0 / Math.max(e1, NOISE))] : [Math.log10(e0 / e1), Math.log10(e1 / e2)];
  const orders = steps.map((o) => Math.round(o));
  const regular = steps.every((o, i) => Math.abs(o - orders[i]) <= ORDER_SLACK && orders[i] >= 0) && new Set(orders).size === 1;
  if (regular) return orders[0];
  return e2 <= NOISE && steps[0] >= 2 - ORDER_SLACK ? Math.round(steps[0]) : undefined;
}

/**
 * The powers of the small symbol the approximation keeps: the degree of a side that writes it out
 * (as factors ε, ε^n of its terms); of the lower side when both do. Undefined when neither does.
 */
function keptOrder(expected: Node, claimed: Node, key: string): number | undefined {
  const degrees = [degreeIn(expected, key), degreeIn(claimed, key)].filter((d): d is number => d !== undefined);
  return degrees.length === 0 ? undefined : Math.min(...degrees);
}

/** The degree in the symbol of a polynomial in it written out; undefined where it is inside anything else (f(x + ε), √(σ² + ε)). */
function degreeIn(node: Node, key: string): number | undefined {
  const isIt = (n: Node) => n.kind === 'sym' && symbolKey(n) === key && isPlain(n);
  if (!some(node, isIt)) return 0;
  if (isIt(node)) return 1;
  switch (node.kind) {
    case 'neg':
      return degreeIn(node.arg, key);
    case 'bin': {
      const [l, r] = [degreeIn(node.left, key), degreeIn(node.right, key)];
      if (node.op === '+' || node.op === '-') return l === undefined || r === undefined ? undefined : Math.max(l, r);
      if (isProduct(node)) return l === undefined || r === undefined ? undefined : l + r;
      return node.op === '/' && r === 0 ? l : undefined;
    }
    case 'pow':
      return isIt(node.base) && node.exp.kind === 'num' && Number.isInteger(node.exp.value) && node.exp.value > 0 ? node.exp.value : undefined;
    default:
      return undefined;
  }
}
