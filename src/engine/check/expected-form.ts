// The expected right side of a wrong step, as an expression the student can paste: a known
// gradient's formula, the claim with its diagnosed mistake undone (the sign, the factor, descent for
// ascent, σ′ for σ), the definition of what the left side names, or its value. Each candidate is
// offered only if it holds where the claim failed, at every sample point; when none does, there is
// no expected expression (never the claim's own left side written again).
import type { Node, SymNode } from '../parse/ast';
import { parseExpression } from '../parse/parser';
import { bin, isProduct, mapCalls, mapSyms, num, renameLetters } from '../parse/nodes';
import { toLatex } from '../parse/to-latex';
import { show } from '../parse/print';
import type { SamplePoint } from '../semantics/model';
import { definitionOf, type Scope } from '../semantics/scope';
import { DefinedModel } from '../models/defined';
import { symbolUses } from '../models/symbol-uses';
import type { Evidence } from './evidence';
import { holdsAt } from './holds';

export interface ExpectedFormInput {
  readonly expected: Node;
  readonly claimed: Node;
  readonly scope: Scope;
  readonly points: readonly SamplePoint[];
  readonly tol: number;
  readonly evidence: Evidence;
}

/** The expected right side as LaTeX, or undefined when no candidate holds. */
export function expectedForm(input: ExpectedFormInput): string | undefined {
  const written = show(input.expected);
  const spelling = documentSpelling(input);
  for (const found of candidates(input)) {
    const candidate = found && spelling(found);
    if (candidate === undefined || show(candidate) === written) continue;
    if (holdsAt(input.expected, candidate, input.scope, input.points, input.tol)) return toLatex(candidate);
  }
  return undefined;
}

/**
 * A model's formula in the claim's own spelling: where the claim writes `y_{true}` and `y_{pred}` for
 * the model's y and ŷ, so does the expected expression. Indexed symbols keep their index (`C_j`).
 */
function documentSpelling({ expected, claimed, scope }: ExpectedFormInput): (node: Node) => Node {
  const model = scope.model;
  if (!model) return (node) => node;
  const written = new Map<string, SymNode>();
  for (const { sym } of [...symbolUses(expected), ...symbolUses(claimed)]) {
    if (sym.sub?.kind === 'indices') continue;
    const key = model.resolveSymbol(sym);
    if (key !== undefined && !written.has(key)) written.set(key, sym);
  }
  return (node) =>
    mapSyms(node, (sym) => {
      if (sym.sub?.kind === 'indices') return sym;
      const key = model.resolveSymbol(sym);
      const own = key === undefined ? undefined : written.get(key);
      return own ? { ...own, loc: sym.loc } : sym;
    });
}

function* candidates(input: ExpectedFormInput): Generator<Node | undefined> {
  // A number claimed wrong expects a number (`\mu = 3`, not μ's formula).
  if (input.evidence.diagnosis === 'value') yield* values(input.evidence.expected);
  yield knownGradient(input.expected, input.scope);
  yield* undone(input.claimed, input.evidence);
  yield definitionBody(input.expected, input.scope);
}

/** A model's formula for a derivative of its loss (`∂L/∂b_i = -2(y - ŷ)C_iσ′(z_i)`), with the claim's index. */
function knownGradient(expected: Node, scope: Scope): Node | undefined {
  const model = scope.model;
  if (!model || expected.kind !== 'deriv' || expected.of.kind !== 'sym' || model.resolveSymbol(expected.of) !== model.answers.of) return undefined;
  const wrt = expected.wrt;
  const key = wrt.kind === 'sym' ? model.resolveSymbol(wrt) : wrt.kind === 'call' && wrt.fn === 'sigma' ? 'h' : undefined;
  const answer = key ? model.answers.wrt[key] : undefined;
  if (!answer) return undefined;
  const variable = wrt.kind === 'call' ? wrt.args[0] : wrt;
  const index = variable?.kind === 'sym' && variable.sub?.kind === 'indices' && variable.sub.items[0]?.kind === 'sym' ? variable.sub.items[0].name : undefined;
  if ((index !== undefined) !== answer.includes('_{i}')) return undefined;
  return parseExpression(index ? answer.replace(/_\{i\}/g, `_{${index}}`) : answer);
}

/** The claim with the diagnosed mistake undone. */
function* undone(claimed: Node, evidence: Evidence): Generator<Node | undefined> {
  switch (evidence.diagnosis) {
    case 'sign':
      yield negated(claimed);
      return;
    case 'factor':
    case 'sign-factor':
      yield scaled(claimed, 1 / evidence.ratio);
      return;
    case 'ascent':
      // θ_t + α∇L → θ_t − α∇L.
      if (claimed.kind === 'bin' && claimed.op === '+') yield bin('-', claimed.left, claimed.right, claimed.loc);
      return;
    case 'update-factor': {
      if (claimed.kind !== 'bin' || claimed.op !== '-') return;
      const step = scaled(claimed.right, 1 / evidence.ratio);
      if (step) yield bin('-', claimed.left, step, claimed.loc);
      return;
    }
    case 'transposed':
      yield { kind: 'transpose', arg: claimed, loc: claimed.loc };
      return;
    case 'sigma-swap':
      yield mapCalls(claimed, (call) => (call.fn === 'sigma' && call.primes <= 1 ? { ...call, primes: 1 - call.primes } : call));
      return;
    default:
      return;
  }
}

/** What the left side names, as the model or the text defines it (`\hat y = C\sigma(Ax + b) + d`), at the claim's index. */
function definitionBody(expected: Node, scope: Scope): Node | undefined {
  if (expected.kind !== 'sym') return undefined;
  const own = definitionOf(scope, expected);
  if (own && own.params.length === 0) return atIndex(own.body, own.indexVars, expected);
  const model = scope.model;
  const key = model?.resolveSymbol(expected);
  if (!model || !key) return undefined;
  if (model instanceof DefinedModel) return model.bodyOf(key);
  const formula = model.nodes.get(key)?.formula;
  return formula ? atIndex(parseExpression(formula), ['i'], expected) : undefined;
}

/** `body`, written with index variables `from`, at the indices of `sym` (`\hat x_i` → `\hat x_j`). */
function atIndex(body: Node | undefined, from: readonly string[], sym: SymNode): Node | undefined {
  if (!body) return undefined;
  const items = sym.sub?.kind === 'indices' ? sym.sub.items : [];
  const to = items.map((item) => (item.kind === 'sym' && !item.sub ? item.name : undefined));
  if (from.length === 0 || to.length === 0) return body;
  if (to.length !== from.length || to.some((name) => name === undefined)) return undefined;
  return renameLetters(body, from, to as string[]);
}

/** The left side's value, to as few digits as hold: a number, or a column of numbers. */
function* values(expected: number | readonly number[]): Generator<Node> {
  const entries = typeof expected === 'number' ? [expected] : expected;
  for (const digits of [4, 6, 10, 15]) {
    const items = entries.map((value) => numberNode(Number(value.toPrecision(digits))));
    yield items.length === 1 ? items[0] : { kind: 'tuple', rows: items.map((item) => [item]), delim: 'matrix', loc: NOWHERE };
  }
}

const NOWHERE = { start: 0, end: 0 };

function numberNode(value: number): Node {
  const text = String(Math.abs(value));
  const decimals = /\.(\d+)$/.exec(text)?.[1].length ?? 0;
  const magnitude = num(Math.abs(value), /e/.test(text) ? 0 : decimals, NOWHERE);
  return value < 0 ? { kind: 'neg', arg: magnitude, loc: NOWHERE } : magnitude;
}

function negated(node: Node): Node {
  return node.kind === 'neg' ? node.arg : { kind: 'neg', arg: node, loc: node.loc };
}

/** `factor` times `node`, for a factor that is a simple fraction (2, 1/2, −3/4); undefined otherwise. */
function scaled(node: Node, factor: number): Node | undefined {
  if (node.kind === 'neg') return scaled(node.arg, -factor);
  // `6x^2` halved is `3x^2`, not `\frac{6x^2}{2}`.
  const rescaled = withCoefficient(node, factor);
  if (rescaled) return rescaled.negative ? negated(rescaled.node) : rescaled.node;
  const fraction = simpleFraction(Math.abs(factor));
  if (!fraction) return undefined;
  const [p, q] = fraction;
  const numerator = p === 1 ? node : bin('juxt', num(p, 0, NOWHERE), node, node.loc);
  const whole = q === 1 ? numerator : bin('/', numerator, num(q, 0, NOWHERE), node.loc);
  return factor < 0 ? negated(whole) : whole;
}

/** A product whose leading number times `factor` is a whole number, written with that number (none for 1). */
function withCoefficient(node: Node, factor: number): { node: Node; negative: boolean } | undefined {
  if (!isProduct(node)) return undefined;
  const leading = numberValue(node.left);
  if (leading !== undefined) {
    const value = leading * factor;
    const whole = Math.round(Math.abs(value));
    if (whole === 0 || Math.abs(Math.abs(value) - whole) > 1e-9 * Math.max(1, whole)) return undefined;
    return { node: whole === 1 ? node.right : { ...node, left: num(whole, 0, node.left.loc) }, negative: value < 0 };
  }
  const left = withCoefficient(node.left, factor);
  return left && { node: { ...node, left: left.node }, negative: left.negative };
}

/** `2`, `\frac{1}{2}`: a number written as one, or as a fraction of two. */
function numberValue(node: Node): number | undefined {
  if (node.kind === 'num') return node.value;
  if (node.kind === 'bin' && node.op === '/' && node.left.kind === 'num' && node.right.kind === 'num' && node.right.value !== 0) return node.left.value / node.right.value;
  return undefined;
}

function simpleFraction(x: number): [number, number] | undefined {
  for (let q = 1; q <= 12; q++) {
    const p = Math.round(x * q);
    if (p > 0 && Math.abs(p / q - x) < 1e-9 * Math.max(1, x)) return [p, q];
  }
  return undefined;
}
