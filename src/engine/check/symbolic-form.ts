import type { Node, SymNode } from '../parse/ast';
import { proveEqual, proverStarted, type SymbolicResult } from '../symbolic/prover';
import { symbolKey, type Scope } from '../semantics/scope';
import { mentionsSymbol } from '../semantics/walk';
import { superscriptLabel } from '../semantics/superscript-labels';
import { excludeFromBudget, remainingMs } from '../semantics/deadline';
import { ownKeysOnly } from '../source/own-keys';

/** A proof is not started with less than this left of the document's budget: it could only time out. */
const MIN_PROOF_MS = 20;

/** What is left of a document's prover time (shared by its steps, spent as proofs run). */
export interface SymbolicBudget {
  remainingMs: number;
  readonly totalMs: number;
}

/** The prover's answers (proved, not proved) by (time limit, left, right): a repeated step is not proved twice. */
const PROOFS = new Map<string, SymbolicResult>();
const MAX_PROOFS = 2_000;

/**
 * Symbolic proof is extra evidence for a step the numeric check already verified, never the judge.
 * It covers scalar steps without derivatives of the model: both sides become nerdamer expressions
 * written by this module (never document text), and the prover runs them under a time limit per
 * step and, with a `budget`, within what is left of the document's prover time: once that is spent,
 * the proof is skipped (status 'skipped'). The prover's answers are remembered for the process, so a
 * step written again (in this document or another) costs no prover time.
 */
export function proveSymbolically(expected: Node, claimed: Node, scope: Scope, timeoutMs: number, budget?: SymbolicBudget): SymbolicResult | undefined {
  const sigma = scope.sigmas.length === 1 ? scope.sigmas[0].name : undefined;
  const writer = new NerdamerWriter(sigma, scope);
  const left = writer.write(expected);
  const right = writer.write(claimed);
  if (left === undefined || right === undefined) return undefined;
  // Both sides must be written in the same quantities: `ŷ = Cσ(z) + d` relates symbols the prover
  // cannot see through, and would only burn the time budget.
  if (!sameSymbols(left, right)) return undefined;
  const key = `${timeoutMs}\u0000${left}\u0000${right}`;
  const known = PROOFS.get(key);
  if (known) return { ...known, ms: 0, cached: true };
  if (budget && budget.remainingMs < MIN_PROOF_MS) {
    return { status: 'skipped', ms: 0, detail: `the document's prover time (${budget.totalMs} ms) is spent` };
  }
  // The proof is part of the claim's check: it gets at most what is left of the claim's time budget.
  const claimLeft = remainingMs();
  if (claimLeft < MIN_PROOF_MS) return { status: 'skipped', ms: 0, detail: "the claim's time budget is spent" };
  const limit = Math.floor(Math.min(timeoutMs, budget ? budget.remainingMs : Infinity, claimLeft));
  // The process's first worker start is a cost of the process, not of this document: it is waited
  // for (as before budgets) and not charged. A replacement after a timeout is charged, and waited
  // for only as long as the budget allows.
  const firstStart = !proverStarted();
  const startupWait = Math.min(budget ? budget.remainingMs : Infinity, claimLeft);
  const result = proveEqual(left, right, { timeoutMs: limit, ...(!firstStart && Number.isFinite(startupWait) ? { startupWaitMs: startupWait } : {}) });
  if (budget) budget.remainingMs -= firstStart ? result.ms - (result.startupMs ?? 0) : result.ms;
  if (firstStart) excludeFromBudget(result.startupMs ?? 0);
  // Only nerdamer's own answers are kept: a timeout may be the machine's load, and is tried again.
  if (result.status === 'proved' || result.status === 'not-proved') {
    PROOFS.set(key, result);
    if (PROOFS.size > MAX_PROOFS) PROOFS.delete(PROOFS.keys().next().value!);
  }
  return result;
}

const SIGMA_FORMS: Record<string, ((u: string) => string)[]> = {
  sigmoid: [(u) => `1/(1+exp(-(${u})))`, (u) => `exp(-(${u}))/(1+exp(-(${u})))^2`],
  tanh: [(u) => `tanh(${u})`, (u) => `1-tanh(${u})^2`],
};
ownKeysOnly(SIGMA_FORMS);

const FUNCTIONS = new Set(['exp', 'log', 'sqrt', 'sin', 'cos', 'tanh']);

class NerdamerWriter {
  constructor(
    private readonly sigma: string | undefined,
    private readonly scope: Scope,
  ) {}

  write(node: Node): string | undefined {
    switch (node.kind) {
      case 'num':
        return Number.isFinite(node.value) ? `(${node.value})` : undefined;
      case 'sym':
        return this.symbol(node);
      case 'neg': {
        const arg = this.write(node.arg);
        return arg && `(-${arg})`;
      }
      case 'bin': {
        const op = { '+': '+', '-': '-', '*': '*', cdot: '*', times: '*', juxt: '*', '/': '/' }[node.op as string];
        const a = this.write(node.left);
        const b = this.write(node.right);
        return op && a && b ? `(${a}${op}${b})` : undefined;
      }
      case 'pow': {
        // `W^{(1)}` labels a symbol (superscript-labels.ts): it is no power for the prover to see.
        if (superscriptLabel(node)) return undefined;
        const exponent = this.write(node.exp);
        if (!exponent) return undefined;
        if (node.base.kind === 'sym' && node.base.name === 'e' && !node.base.sub) return `exp(${exponent})`;
        const base = this.write(node.base);
        return base && `(${base})^(${exponent})`;
      }
      case 'call':
        return this.call(node);
      case 'deriv': {
        // Only d/dz of an expression written in z: dependence through the model is invisible here.
        if (node.order !== 1 || node.wrt.kind !== 'sym' || !mentionsSymbol(node.of, node.wrt)) return undefined;
        const of = this.write(node.of);
        const variable = this.symbol(node.wrt);
        return of && variable && `diff(${of},${variable})`;
      }
      default:
        return undefined;
    }
  }

  private symbol(sym: SymNode): string | undefined {
    // The prover's symbols commute: a matrix or vector (declared, or the model's) is not one of them.
    if (this.scope.freeShapes?.has(symbolKey(sym))) return undefined;
    const modelKey = this.scope.model?.resolveSymbol(sym);
    if (modelKey && this.scope.model!.matrixKeys?.has(modelKey)) return undefined;
    if (sym.name === 'e' && !sym.sub && !sym.accent) return 'e';
    if (sym.name === 'pi' && !sym.sub) return 'pi';
    let name = `v_${sym.name}`;
    if (sym.accent) name += `_${sym.accent}`;
    if (sym.sub?.kind === 'label') name += `_${sym.sub.text}`;
    if (sym.sub?.kind === 'indices') {
      for (const item of sym.sub.items) {
        if (item.kind === 'sym' && !item.sub) name += `_${item.name}`;
        else if (item.kind === 'num') name += `_${item.value}`;
        else return undefined;
      }
    }
    if (sym.star) name += '_star';
    return /^[A-Za-z0-9_]+$/.test(name) ? name : undefined;
  }

  private call(node: Extract<Node, { kind: 'call' }>): string | undefined {
    if (node.ambiguous || node.args.length !== 1) return undefined;
    const arg = this.write(node.args[0]);
    if (!arg) return undefined;
    if (node.fn === 'sigma' || node.fn === 'sigmoid') {
      const forms = SIGMA_FORMS[node.fn === 'sigmoid' ? 'sigmoid' : (this.sigma ?? '')];
      return forms?.[node.primes]?.(arg);
    }
    const fn = node.fn === 'ln' ? 'log' : node.fn;
    if (node.primes > 0 || !FUNCTIONS.has(fn)) return undefined;
    return `${fn}(${arg})`;
  }
}

function sameSymbols(left: string, right: string): boolean {
  const symbols = (text: string) => new Set(text.match(/\bv_[A-Za-z0-9_]+/g) ?? []);
  const a = symbols(left);
  const b = symbols(right);
  return a.size === b.size && [...a].every((s) => b.has(s));
}

