import type { Node, SymNode } from '../parse/ast';
import { proveEqual, type SymbolicResult } from '../symbolic/prover';
import type { Scope } from './scope';
import { mentionsSymbol } from './walk';

/**
 * Symbolic proof is extra evidence for a step the numeric check already verified, never the judge.
 * It covers scalar steps without derivatives of the model: both sides become nerdamer expressions
 * written by this module (never document text), and the prover runs them under a time limit.
 */
export function proveSymbolically(expected: Node, claimed: Node, scope: Scope, timeoutMs: number): SymbolicResult | undefined {
  const sigma = scope.sigmas.length === 1 ? scope.sigmas[0].name : undefined;
  const writer = new NerdamerWriter(sigma);
  const left = writer.write(expected);
  const right = writer.write(claimed);
  if (left === undefined || right === undefined) return undefined;
  // Both sides must be written in the same quantities: `ŷ = Cσ(z) + d` relates symbols the prover
  // cannot see through, and would only burn the time budget.
  if (!sameSymbols(left, right)) return undefined;
  return proveEqual(left, right, { timeoutMs });
}

const SIGMA_FORMS: Record<string, ((u: string) => string)[]> = {
  sigmoid: [(u) => `1/(1+exp(-(${u})))`, (u) => `exp(-(${u}))/(1+exp(-(${u})))^2`],
  tanh: [(u) => `tanh(${u})`, (u) => `1-tanh(${u})^2`],
};

const FUNCTIONS = new Set(['exp', 'log', 'sqrt', 'sin', 'cos', 'tanh']);

class NerdamerWriter {
  constructor(private readonly sigma: string | undefined) {}

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

