// Compact S-expressions for ASTs, for tests, messages and debugging:
//   \frac{\partial L}{\partial b_i}  → (deriv partial L b_i)
//   -2(y-\hat y)C_i                  → (neg (juxt (juxt 2 (- y hat(y))) C_i))
//   (\nabla_b L)_i                    → (index (deriv nabla op L b) i)
//   \frac{\partial L}{\partial b}|_{b=b_t} → (at (deriv partial L b) (= b b_t))
// Symbols print as font(accent(name)) with _sub, primes and ^*: `bf(x)`, `hat(y)_i`, `y_"pred"`, `x^*`.
import type { Chain, CompareNode, Node, RelOp, SymNode } from './ast';

export function show(node: Node | CompareNode): string {
  return showAt(node, 0);
}

/** Deeper levels print as `…`, so that huge trees cannot overflow the stack. */
const MAX_SHOW_DEPTH = 400;

function showAt(node: Node | CompareNode, depth: number): string {
  if (depth > MAX_SHOW_DEPTH) return '…';
  const show = (n: Node | CompareNode) => showAt(n, depth + 1);
  switch (node.kind) {
    case 'num': return node.decimals > 0 ? node.value.toFixed(node.decimals) : String(node.value);
    case 'sym': return showSym(node, show);
    case 'call': {
      const head = node.ambiguous ? 'call?' : 'call';
      return `(${head} ${node.fn}${"'".repeat(node.primes)} ${node.args.map(show).join(' ')})`;
    }
    case 'bin': return `(${node.op} ${show(node.left)} ${show(node.right)})`;
    case 'neg': return `(neg ${show(node.arg)})`;
    case 'pow': return `(^ ${show(node.base)} ${show(node.exp)}${node.parenExp ? ' :paren' : ''}${node.bracketExp ? ' :bracket' : ''}${node.groupedBase ? ' :grouped' : ''})`;
    case 'transpose': return `(T ${show(node.arg)})`;
    case 'deriv': {
      const style = node.order > 1 ? `${node.style}^${node.order}` : node.style;
      return `(deriv ${style}${node.operatorForm ? ' op' : ''} ${show(node.of)} ${show(node.wrt)}${node.wrt2 ? ` ${show(node.wrt2)}` : ''})`;
    }
    case 'sum': {
      const bound = (b: Node | undefined) => (b ? show(b) : '_');
      return `(sum ${node.index} ${bound(node.lower)} ${bound(node.upper)} ${show(node.body)})`;
    }
    case 'indicator': return `(ind ${show(node.cond)})`;
    case 'compare': return `(${node.op} ${show(node.left)} ${show(node.right)})`;
    case 'tuple': {
      const delim = { '(': 'paren', '[': 'bracket', '{': 'brace', matrix: 'matrix' }[node.delim];
      return `(tuple ${delim} ${node.rows.map((r) => `[${r.map(show).join(' ')}]`).join(' ')})`;
    }
    case 'norm': return `(${node.abs ? 'abs' : 'norm'} ${show(node.arg)})`;
    case 'index': return `(index ${show(node.base)} ${node.indices.map(show).join(' ')})`;
    case 'at': return `(at ${show(node.body)} ${node.bindings.map((b) => `(= ${show(b.name)} ${show(b.value)})`).join(' ')})`;
  }
}

function showSym(s: SymNode, show: (n: Node) => string): string {
  let out = s.name;
  if (s.accent) out = `${s.accent}(${out})`;
  if (s.font) out = `${s.font}(${out})`;
  if (s.sub?.kind === 'label') out += `_"${s.sub.text}"`;
  else if (s.sub) {
    const items = s.sub.items.map(show);
    out += items.length === 1 && !items[0].includes(' ') ? `_${items[0]}` : `_{${items.join(',')}}`;
  }
  if (s.primes) out += "'".repeat(s.primes);
  if (s.star) out += '^*';
  return out;
}

const REL: Readonly<Record<RelOp, string>> = { '=': '=', approx: '≈', update: '←' };

/** `a = b ≈ c`, members shown with `show`; a continuation row starts with its relation. */
export function showChain(chain: Chain): string {
  const parts: string[] = chain.leadingOp ? [REL[chain.leadingOp]] : [];
  chain.members.forEach((m, i) => {
    if (i > 0) parts.push(REL[chain.ops[i - 1]]);
    parts.push(show(m));
  });
  return parts.join(' ');
}
