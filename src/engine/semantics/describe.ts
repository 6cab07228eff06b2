import type { Node, Subscript, SymNode } from '../parse/ast';
import { parseChain } from '../parse/parser';
import { ownKeysOnly } from '../source/own-keys';
import { familyDisplay } from './superscript-labels';

/** Short, readable Unicode for messages: `\frac{\partial L}{\partial A_i}` → "∂L/∂A_i". */
export function describe(node: Node): string {
  switch (node.kind) {
    case 'num':
      return formatNumber(node.value);
    case 'sym':
      return describeSym(node);
    case 'call': {
      const fn = FUNCTION_TEXT[node.fn] ?? node.fn;
      const primes = '′'.repeat(node.primes);
      if (node.ambiguous && node.fnSym) return `${describeSym(node.fnSym)}(${node.args.map(describe).join(', ')})`;
      return `${fn}${primes}(${node.args.map(describe).join(', ')})`;
    }
    case 'bin': {
      const op = BIN_TEXT[node.op];
      return `${describeOperand(node.left, node)}${op}${describeOperand(node.right, node)}`;
    }
    case 'neg':
      return `−${describeOperand(node.arg, node)}`;
    case 'pow':
      // M⁻¹ reads better than M^(−1).
      if (node.exp.kind === 'neg' && node.exp.arg.kind === 'num' && node.exp.arg.value === 1) return `${describeOperand(node.base, node)}⁻¹`;
      return `${describeOperand(node.base, node)}^${atomic(node.exp) ? describe(node.exp) : `(${describe(node.exp)})`}`;
    case 'transpose':
      return `${describeOperand(node.arg, node)}ᵀ`;
    case 'deriv': {
      const order = node.order > 1 ? superscript(node.order) : '';
      if (node.style === 'nabla') return `∇_${describe(node.wrt)} ${describeOperand(node.of, node)}`;
      const d = node.style === 'partial' ? '∂' : 'd';
      const wrt = node.wrt2 ? `${d}${describe(node.wrt)}${d}${describe(node.wrt2)}` : `${d}${describe(node.wrt)}${order}`;
      if (node.operatorForm) return `${d}${order}/${wrt} ${describeOperand(node.of, node)}`;
      return `${d}${order}${describeOperand(node.of, node)}/${wrt}`;
    }
    case 'sum': {
      const range = node.lower && node.upper ? `_{${node.index}=${describe(node.lower)}}^{${describe(node.upper)}}` : `_${node.index}`;
      return `Σ${range} ${describe(node.body)}`;
    }
    case 'indicator':
      return `𝟙[${describe(node.cond.left)} ${node.cond.op} ${describe(node.cond.right)}]`;
    case 'tuple':
      return `(${node.rows.map((r) => r.map(describe).join(' ')).join(', ')})`;
    case 'norm':
      return node.abs ? `|${describe(node.arg)}|` : `‖${describe(node.arg)}‖${node.p ? `_${node.p === 'inf' ? '∞' : node.p}` : ''}`;
    case 'index': {
      const indices = node.indices.map((i) => describe(i).replace(/\s+/g, ''));
      return `${describeOperand(node.base, node)}_${indices.length === 1 && indices[0].length === 1 ? indices[0] : `{${indices.join(',')}}`}`;
    }
    case 'at':
      return `${describeOperand(node.body, node)}|_{${node.bindings.map((b) => `${describe(b.name)}=${describe(b.value)}`).join(', ')}}`;
  }
}

/** LaTeX (a definition's source, an expected expression) in the Unicode of messages; undefined where it does not parse. */
export function describeLatex(latex: string): string | undefined {
  const parsed = parseChain(latex);
  if (!parsed.ok) return undefined;
  const { chain } = parsed;
  const relation = { '=': ' = ', approx: ' ≈ ', update: ' ← ' } as const;
  return chain.members.map((member, i) => (i > 0 ? relation[chain.ops[i - 1]] : '') + describe(member)).join('');
}

const FUNCTION_TEXT: Record<string, string> = { sigma: 'σ', sqrt: '√' };
ownKeysOnly(FUNCTION_TEXT);
const BIN_TEXT: Record<string, string> = {
  '+': ' + ', '-': ' − ', '*': '·', cdot: '·', times: '×', juxt: '', odot: ' ⊙ ', '/': '/',
};
ownKeysOnly(BIN_TEXT);
const GREEK: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', eta: 'η', theta: 'θ', lambda: 'λ',
  mu: 'μ', nu: 'ν', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', psi: 'ψ', omega: 'ω',
  Sigma: 'Σ', Delta: 'Δ', ell: 'ℓ', xi: 'ξ', zeta: 'ζ', kappa: 'κ', chi: 'χ',
};
ownKeysOnly(GREEK);

export function describeSym(sym: SymNode): string {
  // A labelled symbol (`W^(1)`, a family `a^[·]`, superscript-labels.ts) is shown as written.
  const family = familyDisplay(sym, (n) => describe(n).replace(/\s+/g, ''));
  if (family) return describeSym({ ...sym, name: family.head, sub: family.rest.length > 0 ? { kind: 'indices', items: family.rest, loc: sym.loc } : undefined });
  const caret = sym.name.indexOf('^');
  const head = caret > 0 ? sym.name.slice(0, caret) : sym.name;
  // `Δx`, `Δσ`: the increment of a symbol (parser.ts), shown with its letter.
  const increment = head.startsWith('Δ') ? 'Δ' : '';
  const letter = head.slice(increment.length);
  let text = increment + (GREEK[letter] ?? letter);
  if (sym.accent === 'hat') text += '\u0302';
  else if (sym.accent === 'bar') text += '\u0304';
  else if (sym.accent === 'tilde') text += '\u0303';
  if (caret > 0) text += sym.name.slice(caret);
  if (sym.star) text += '*';
  if (sym.primes) text += '′'.repeat(sym.primes);
  if (sym.sub) text += `_${describeSub(sym.sub)}`;
  return text;
}

function describeSub(sub: Subscript): string {
  if (sub.kind === 'label') return sub.text;
  const items = sub.items.map((item) => describe(item).replace(/\s+/g, ''));
  const joined = items.every((t) => /^[i-n]$/.test(t)) ? items.join('') : items.join(',');
  return joined.length === 1 ? joined : `{${joined}}`;
}

function atomic(node: Node): boolean {
  return node.kind === 'num' || node.kind === 'sym' || node.kind === 'call' || node.kind === 'norm' || node.kind === 'tuple';
}

const PRECEDENCE: Partial<Record<string, number>> = { '+': 1, '-': 1, '*': 2, cdot: 2, times: 2, juxt: 2, odot: 2, '/': 2 };

function precedence(node: Node): number {
  if (node.kind === 'bin') return PRECEDENCE[node.op] ?? 3;
  if (node.kind === 'neg') return 1.5;
  if (node.kind === 'sum' || node.kind === 'deriv') return node.kind === 'deriv' && !node.operatorForm ? 4 : 1.9;
  return 4;
}

function describeOperand(child: Node, parent: Node): string {
  const text = describe(child);
  const postfix = parent.kind === 'pow' || parent.kind === 'transpose' || parent.kind === 'index' || parent.kind === 'at';
  const needs = postfix ? !atomic(child) : precedence(child) < precedence(parent);
  return needs ? `(${text})` : text;
}

function superscript(n: number): string {
  return String(n).replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]);
}

/** Numbers as a person reads them: 4 significant digits, no trailing zeros. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return String(x);
  if (x === 0) return '0';
  if (Number.isInteger(x) && Math.abs(x) < 1e6) return String(x).replace('-', '−');
  const abs = Math.abs(x);
  const text = abs >= 1e-3 && abs < 1e6 ? x.toPrecision(4) : x.toExponential(3);
  return text.replace(/(\.\d*?)0+(e|$)/, '$1$2').replace(/\.(e|$)/, '$1').replace('-', '−');
}
