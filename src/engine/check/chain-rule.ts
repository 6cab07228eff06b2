// The chain rule written in derivatives of quantities the text never defines: ∂L/∂w = ∂L/∂z · ∂z/∂w,
// dL/dω = dL/da · da/dz · dz/dω, ∂L/∂x_j = Σ_k ∂L/∂z_k · ∂z_k/∂x_j. Numbers cannot decide these (L and z
// are nobody's formulas), but the form can: the factors' quantities must link up, one factor's
// variable being the next one's function, from the left side's function to its variable. It is what
// a teacher checks first, and the slip students make is a broken link (∂L/∂a · ∂z/∂w, with ∂a/∂z left
// out). Decided only where the numeric check could not decide; anything less clear stays unsupported.
import type { DerivNode, Node, SumNode, SymNode } from '../parse/ast';
import { bin, isPlainSym, isProduct } from '../parse/nodes';
import { show } from '../parse/print';
import { toLatex } from '../parse/to-latex';
import { describe } from '../semantics/describe';
import { some } from '../semantics/walk';
import type { StepOutcome, StepRequest } from './step-io';

/** Past this many factors the orders are not searched (no written chain is that long). */
const MAX_FACTORS = 7;

interface Link {
  readonly node: DerivNode;
  readonly of: string;
  readonly wrt: string;
}

/** The verdict on a step whose one side is a derivative and the other a product of derivatives, when the numbers left it undecided. */
export function chainRule(request: StepRequest, outcome: StepOutcome): StepOutcome | undefined {
  if (outcome.verdict !== 'unsupported' || request.op !== '=') return undefined;
  const whole = asDerivative(request.expected) ? request.expected : asDerivative(request.claimed) ? request.claimed : undefined;
  if (!whole || whole.kind !== 'deriv') return undefined;
  const other = whole === request.expected ? request.claimed : request.expected;
  const sum = other.kind === 'sum' ? other : undefined;
  const factors = productFactors(sum ? sum.body : other);
  if (!factors || factors.length < 2 || factors.length > MAX_FACTORS || !factors.every(asDerivative)) return undefined;
  const links = (factors as DerivNode[]).map(linkOf);
  const from = show(whole.of);
  const to = show(whole.wrt);
  if (from === to) return undefined;
  const chain = orderedChain(links, from, to);
  if (chain) return decidedChain(whole, chain, sum, outcome);
  return brokenChain(whole, links, from, to, sum, outcome);
}

/** A first derivative of a quantity by a quantity, written as a fraction (not ∇, not an operator applied to what follows). */
function asDerivative(node: Node): node is DerivNode {
  return node.kind === 'deriv' && node.style !== 'nabla' && !node.operatorForm && node.order === 1;
}

/** The factors of a product (·, ×, *, or side by side); undefined for anything else. */
function productFactors(node: Node): Node[] | undefined {
  if (isProduct(node)) {
    const left = productFactors(node.left);
    const right = productFactors(node.right);
    return left && right ? [...left, ...right] : undefined;
  }
  return node.kind === 'deriv' ? [node] : undefined;
}

function linkOf(node: DerivNode): Link {
  return { node, of: show(node.of), wrt: show(node.wrt) };
}

/**
 * The factors in an order that links `from` to `to`: as written, read right to left (the other layout
 * convention), or, for scalars, any order. Undefined when no order links them all.
 */
function orderedChain(links: readonly Link[], from: string, to: string): Link[] | undefined {
  const links_ = (order: readonly Link[]) => order[0].of === from && order[order.length - 1].wrt === to && order.every((l, i) => i === 0 || order[i - 1].wrt === l.of);
  if (links_(links)) return [...links];
  const reversed = [...links].reverse();
  if (links_(reversed)) return reversed;
  if (links.some((l) => mayBeNonScalar(l.node))) return undefined;
  return searchOrder(links, from, to);
}

/** Depth-first: each factor once, each one's variable the next one's function. */
function searchOrder(links: readonly Link[], from: string, to: string): Link[] | undefined {
  const used = new Set<Link>();
  const order: Link[] = [];
  const extend = (at: string): boolean => {
    if (order.length === links.length) return at === to;
    for (const link of links) {
      if (used.has(link) || link.of !== at) continue;
      used.add(link);
      order.push(link);
      if (extend(link.wrt)) return true;
      used.delete(link);
      order.pop();
    }
    return false;
  };
  return extend(from) ? order : undefined;
}

/** Bold letters, capitals and transposes: vectors and matrices, whose factors do not commute. */
function mayBeNonScalar(node: Node): boolean {
  return some(node, (n) => (n.kind === 'sym' && (n.font === 'bf' || n.font === 'bm' || /^[A-Z]/.test(n.name))) || n.kind === 'transpose');
}

/**
 * A chain that links: verified, unless an intermediate's index says a sum is meant and none is written,
 * or the sum written runs over no intermediate (the paths it adds up go through those that carry its index).
 */
function decidedChain(whole: DerivNode, chain: readonly Link[], sum: SumNode | undefined, outcome: StepOutcome): StepOutcome {
  const intermediates = chain.slice(1).map((l) => l.node.of);
  const endIndices = new Set([...indexNames(whole.of), ...indexNames(whole.wrt)]);
  const written = chain.map((l) => describe(l.node)).join(' · ');
  if (sum) {
    if (endIndices.has(sum.index) || !intermediates.some((n) => indexNames(n).has(sum.index))) {
      return undecided(`not decided: the chain ${written} links, but the sum over ${sum.index} does not run over its intermediate quantities`, outcome);
    }
  } else {
    const loose = intermediates.flatMap((n) => [...indexNames(n)]).find((name) => !endIndices.has(name));
    if (loose !== undefined) {
      return undecided(`not decided: the chain ${written} links, but its intermediate carries the index ${loose}, which the left side does not: a sum over ${loose} may be meant`, outcome);
    }
  }
  const through = intermediates.map(describe).join(', ');
  const over = sum ? ` summed over ${sum.index}` : '';
  return {
    verdict: 'verified',
    message: `verified as the chain rule: ${describe(whole.of)} depends on ${describe(whole.wrt)} through ${through}${over}, and the factors link up (${written}); their formulas are not checked`,
    evidence: { method: 'chain-rule', chain: written },
  };
}

/**
 * Factors in written order (or right to left) that start at the left side's function and end at its
 * variable but break once, between two plain letters that appear nowhere else: a factor is missing.
 * Anything else that does not link (an end that differs, a renamed quantity) is not decided.
 */
function brokenChain(whole: DerivNode, links: readonly Link[], from: string, to: string, sum: SumNode | undefined, outcome: StepOutcome): StepOutcome {
  for (const order of [links, [...links].reverse()]) {
    if (order[0].of !== from || order[order.length - 1].wrt !== to) continue;
    const breaks = order.flatMap((l, i) => (i > 0 && order[i - 1].wrt !== l.of ? [i] : []));
    if (breaks.length !== 1 || sum) continue;
    const at = breaks[0];
    const before = order[at - 1].node.wrt;
    const after = order[at].node.of;
    const keys = [from, to, ...order.flatMap((l) => [l.of, l.wrt])];
    const once = (n: Node) => keys.filter((k) => k === show(n)).length === 1;
    if (!isLetter(before) || !isLetter(after) || before.name === after.name || !once(before) || !once(after)) continue;
    const missing: DerivNode = { ...order[at].node, of: before, wrt: after };
    const fixed = [...order.slice(0, at), { node: missing }, ...order.slice(at)].map((l) => l.node as Node);
    const expected = fixed.reduce((product, factor) => bin('cdot', product, factor, whole.loc));
    const gap = describe(missing);
    return {
      verdict: 'mismatch',
      message: `the chain is broken: ${describe(order[at - 1].node)} is followed by ${describe(order[at].node)}, and nothing links ${describe(before)} to ${describe(after)} (a factor ${gap} is missing)`,
      evidence: { method: 'chain-rule', diagnosis: 'broken-chain', missing: gap, expectedLatex: toLatex(expected) },
    };
  }
  const written = links.map((l) => describe(l.node)).join(' · ');
  return undecided(`not decided: the factors ${written} do not link ${describe(whole.of)} to ${describe(whole.wrt)} as written (a quantity may go by two names)`, outcome);
}

/** A single letter, Latin or Greek, with no subscript, accent or prime: a quantity's name and nothing else. */
function isLetter(node: Node): node is SymNode {
  return isPlainSym(node) && /^(?:[A-Za-z]|[a-z]{2,7})$/.test(node.name);
}

/** The index letters in a quantity's subscripts (`z_k` → k, `w_{ij}` → i, j). */
function indexNames(node: Node): Set<string> {
  const names = new Set<string>();
  some(node, (n) => {
    if (n.kind === 'sym' && n.sub?.kind === 'indices') for (const item of n.sub.items) if (item.kind === 'sym' && /^[a-z]$/.test(item.name)) names.add(item.name);
    return false;
  });
  return names;
}

function undecided(message: string, outcome: StepOutcome): StepOutcome {
  return { verdict: 'unsupported', message, evidence: { reason: 'chain rule', checked: outcome.evidence } };
}
