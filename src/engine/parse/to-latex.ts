// LaTeX that KaTeX renders, written from a parsed expression: the report shows every claim from its
// parsed form, whatever notation it was written in (`sigmoid(z)` in a code comment is \sigma(z)
// there, not the unknown `\sigmoid`), and expressions the checker builds are written the same way.
// Reading the output back gives the same tree (the tests check it), so what is shown is what was checked.
import type { Chain, CompareNode, Node, RelOp, Subscript, SymNode } from './ast';
import { LETTER_COMMANDS } from './commands/greek';
import { parseChain } from './parser';

export function toLatex(node: Node): string {
  return write(node, 0);
}

const RELATION_LATEX: Readonly<Record<RelOp, string>> = { '=': '=', approx: '\\approx', update: '\\leftarrow' };

/** A chain of members and relations (`a = b \approx c`, or `= c` continuing a row above). */
export function chainToLatex(chain: Chain): string {
  const parts = chain.leadingOp ? [RELATION_LATEX[chain.leadingOp]] : [];
  chain.members.forEach((member, i) => {
    if (i > 0) parts.push(RELATION_LATEX[chain.ops[i - 1]]);
    parts.push(toLatex(member));
  });
  return parts.join(' ');
}

/** One step, `left = right` (or ≈, ←). */
export function stepToLatex(left: Node, op: RelOp, right: Node): string {
  return `${toLatex(left)} ${RELATION_LATEX[op]} ${toLatex(right)}`;
}

/** `text` (LaTeX as checked) written again from its parse, for rendering; undefined when it does not parse. */
export function renderableLatex(text: string): string | undefined {
  // A row of an aligned block: its row break and the alignment marks at its relations are layout, not
  // math (a matrix's `&` stays).
  const row = text.replace(/\\\\\s*$/, '').replace(/(^|[^\\])&(?=\s*(?:=|\\approx|\\leftarrow|\\gets|:=))/g, '$1').replace(/(=\s*)&/g, '$1');
  const parsed = parseChain(row);
  return parsed.ok ? chainToLatex(parsed.chain) : undefined;
}

/** Deeper levels print as `\dots`, so that huge trees cannot overflow the stack. */
const MAX_DEPTH = 400;

/** Functions KaTeX writes upright with a command of their own; other known ones use \operatorname. */
const KATEX_OPERATORS: ReadonlySet<string> = new Set([
  'exp', 'log', 'ln', 'lg', 'tanh', 'sinh', 'cosh', 'sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'arcsin', 'arccos', 'arctan', 'det', 'max', 'min',
]);

const BIN_LATEX: Readonly<Record<Exclude<Extract<Node, { kind: 'bin' }>['op'], '/' | 'juxt'>, string>> = {
  '+': ' + ', '-': ' - ', '*': ' \\cdot ', cdot: ' \\cdot ', times: ' \\times ', odot: ' \\odot ',
};

const FONT_COMMANDS: Readonly<Record<string, string>> = {
  bf: '\\mathbf', bb: '\\mathbb', cal: '\\mathcal', scr: '\\mathscr', frak: '\\mathfrak', sf: '\\mathsf', tt: '\\mathtt', it: '\\mathit',
};

const COMPARE_LATEX: Readonly<Record<CompareNode['op'], string>> = { '>': '>', '<': '<', '>=': '\\geq', '<=': '\\leq', '=': '=', '!=': '\\neq' };

/** Binding strength: a child weaker than its parent is put in parentheses. */
function precedence(node: Node): number {
  switch (node.kind) {
    case 'bin':
      return node.op === '+' || node.op === '-' ? 1 : node.op === '/' ? 6 : 2;
    case 'neg':
      return 1.5;
    case 'num':
      return node.value < 0 ? 1.5 : 6;
    case 'sum':
      return 1.9;
    case 'deriv':
      return node.operatorForm || node.style === 'nabla' ? 1.9 : 6;
    default:
      return 6;
  }
}

function write(node: Node, depth: number): string {
  if (depth > MAX_DEPTH) return '\\dots';
  const w = (n: Node) => write(n, depth + 1);
  switch (node.kind) {
    case 'num':
      return writeNumber(node.value, node.decimals);
    case 'sym':
      return writeSym(node, w);
    case 'call':
      return writeCall(node, w);
    case 'bin': {
      if (node.op === '/') return `\\frac{${w(node.left)}}{${w(node.right)}}`;
      const left = operand(node.left, node, w, 'left');
      const right = operand(node.right, node, w, 'right');
      if (node.op !== 'juxt') return `${left}${BIN_LATEX[node.op]}${right}`;
      // `2 \cdot 3`, `x \cdot (-1)`: juxtaposed digits or a sign would read as one number or a difference.
      if (/^[\d.-]/.test(right)) return `${left} \\cdot ${right}`;
      // `X{\left(a + b\right)}`: braced, a parenthesis after a symbol is a factor, not its argument.
      return right.startsWith('\\left(') && /[a-zA-Z}']$/.test(left) ? `${left} {${right}}` : `${left} ${right}`;
    }
    case 'neg':
      return `-${node.arg.kind === 'neg' || precedence(node.arg) < 2 ? paren(w(node.arg)) : w(node.arg)}`;
    case 'pow': {
      const exponent = node.parenExp ? `(${w(node.exp)})` : node.bracketExp ? `[${w(node.exp)}]` : w(node.exp);
      return `${base(node.base, w)}^{${exponent}}`;
    }
    case 'transpose':
      return `${base(node.arg, w)}^{\\top}`;
    case 'deriv':
      return writeDerivative(node, w);
    case 'sum': {
      const range = `_{${letter(node.index)}${node.lower ? `=${w(node.lower)}` : ''}}${node.upper ? `^{${w(node.upper)}}` : ''}`;
      return `\\sum${range} ${precedence(node.body) < 2 ? paren(w(node.body)) : w(node.body)}`;
    }
    case 'indicator':
      return `\\mathbb{1}\\left[${w(node.cond.left)} ${COMPARE_LATEX[node.cond.op]} ${w(node.cond.right)}\\right]`;
    case 'tuple':
      return writeTuple(node, w);
    case 'norm':
      return node.abs ? `\\left|${w(node.arg)}\\right|` : `\\left\\lVert ${w(node.arg)}\\right\\rVert${node.p ? `_{${node.p === 'inf' ? '\\infty' : node.p}}` : ''}`;
    case 'index':
      return `${base(node.base, w)}_{${indexList(node.indices, w)}}`;
    case 'at':
      return `\\left.${w(node.body)}\\right|_{${node.bindings.map((b) => `${w(b.name)}=${w(b.value)}`).join(', ')}}`;
  }
}

function paren(text: string): string {
  return `\\left(${text}\\right)`;
}

function operand(child: Node, parent: Extract<Node, { kind: 'bin' }>, w: (n: Node) => string, side: 'left' | 'right'): string {
  const own = precedence(parent);
  const needs =
    side === 'left'
      ? precedence(child) < own || (own >= 2 && endsOpen(child))
      : (precedence(child) < own && !(own >= 2 && endsOpen(child))) || (parent.op === '-' && precedence(child) <= own) || child.kind === 'neg' || (child.kind === 'num' && child.value < 0);
  return needs ? paren(w(child)) : w(child);
}

/** A sum or an operator (`\sum_i`, `\nabla_b`, `\frac{d}{dx}`) at the end: it takes in what follows in its term. */
function endsOpen(node: Node): boolean {
  if (node.kind === 'sum' || (node.kind === 'deriv' && (node.operatorForm || node.style === 'nabla'))) return true;
  if (node.kind === 'bin' && node.op !== '+' && node.op !== '-' && node.op !== '/') return endsOpen(node.right);
  return node.kind === 'neg' && endsOpen(node.arg);
}

/** The base of a superscript or subscript: a symbol that already has a superscript or primes is braced. */
function base(node: Node, w: (n: Node) => string): string {
  const text = w(node);
  if (node.kind === 'sym') return /[\^']/.test(text) ? `{${text}}` : text;
  if (node.kind === 'call' || node.kind === 'norm' || node.kind === 'tuple' || (node.kind === 'num' && node.value >= 0)) return text;
  return paren(text);
}

function writeNumber(value: number, decimals: number): string {
  if (value < 0) return `-${writeNumber(-value, decimals)}`;
  if (decimals > 0 && decimals <= 20) return value.toFixed(decimals);
  const text = String(value);
  const exponent = /^([\d.]+)e([+-]\d+)$/.exec(text);
  return exponent ? `${exponent[1]} \\times 10^{${Number(exponent[2])}}` : text;
}

/** A name the parser read from a letter command (`\alpha` → 'alpha', `\ell`): written back as that command. */
function isLetterCommand(name: string): boolean {
  return LETTER_COMMANDS[`\\${name}`] === name;
}

/** `alpha` → `\alpha`; a one-letter name as it is; a longer name upright. */
function letter(name: string): string {
  if (isLetterCommand(name)) return `\\${name}`;
  return name.length === 1 ? name : `\\mathrm{${name}}`;
}

function writeSym(sym: SymNode, w: (n: Node) => string): string {
  const caret = sym.name.indexOf('^');
  const head = caret > 0 ? sym.name.slice(0, caret) : sym.name;
  // `Δx`: the increment of a symbol (parser.ts).
  const increment = head.startsWith('Δ') && head.length > 1;
  const plain = increment ? head.slice(1) : head;
  const command = isLetterCommand(plain);
  // \mathrm, \text and \operatorname names are upright, as a name of several letters is anyway.
  const font = sym.font ? (FONT_COMMANDS[sym.font] ?? '\\mathrm') : plain.length > 1 && !command ? '\\mathrm' : undefined;
  let text = command ? `\\${plain}` : plain;
  if (font) text = command && font === '\\mathbf' ? `\\boldsymbol{${text}}` : command && font === '\\mathrm' ? text : `${font}{${text}}`;
  if (sym.accent) text = `\\${sym.accent}{${text}}`;
  if (increment) text = `\\Delta ${text}`;
  const sup = [caret > 0 ? sym.name.slice(caret + 1) : '', sym.star ? '*' : ''].join('');
  if (sym.sub) text += `_{${writeSub(sym.sub, w)}}`;
  if (sup) text += `^{${sup}${'\\prime'.repeat(sym.primes ?? 0)}}`;
  else if (sym.primes) text += "'".repeat(sym.primes);
  return text;
}

function writeSub(sub: Subscript, w: (n: Node) => string): string {
  return sub.kind === 'label' ? `\\text{${sub.text.replace(/[\\{}]/g, '')}}` : indexList(sub.items, w);
}

/** `_{ij}` for two one-letter indices, `_{t+1,j}`, `_{1,i}` and `_{l,i,j}` otherwise. */
function indexList(items: readonly Node[], w: (n: Node) => string): string {
  const texts = items.map(w);
  // (Three letters or more in a row read as a label, `y_{pred}`.)
  const oneCharacterEach = texts.length === 2 && texts.every((t) => /^[a-zA-Z]$/.test(t));
  return texts.length === 1 || oneCharacterEach ? texts.join('') : texts.join(',');
}

function writeCall(node: Extract<Node, { kind: 'call' }>, w: (n: Node) => string): string {
  const primes = "'".repeat(node.primes);
  if (node.fn === 'sqrt' && node.args.length === 1 && !node.primes) return `\\sqrt{${w(node.args[0])}}`;
  let head: string;
  if (node.ambiguous && node.fnSym) head = writeSym(node.fnSym, w);
  else if (node.fn === 'sigma') head = '\\sigma';
  else if (KATEX_OPERATORS.has(node.fn)) head = `\\${node.fn}`;
  else if (isLetterCommand(node.fn) || node.fn.length === 1) head = letter(node.fn);
  else head = `\\operatorname{${node.fn}}`;
  return `${head}${primes}${paren(node.args.map(w).join(', '))}`;
}

function writeDerivative(node: Extract<Node, { kind: 'deriv' }>, w: (n: Node) => string): string {
  const order = node.order > 1 ? `^{${node.order}}` : '';
  if (node.style === 'nabla') return `\\nabla${order}_{${w(node.wrt)}} ${precedence(node.of) < 2 ? paren(w(node.of)) : w(node.of)}`;
  const d = node.style === 'partial' ? '\\partial' : 'd';
  // `\partial x^{\top}`; a power is put in parentheses, as `\partial x^{2}` reads as the order.
  const variable = (n: Node) => (n.kind === 'transpose' || n.kind === 'index' ? w(n) : base(n, w));
  const wrt = node.wrt2 ? `${d} ${variable(node.wrt)} ${d} ${variable(node.wrt2)}` : `${d} ${variable(node.wrt)}${order}`;
  const simple = ['sym', 'call', 'pow', 'index', 'transpose'].includes(node.of.kind);
  if (simple && !node.operatorForm) return `\\frac{${d}${order} ${w(node.of)}}{${wrt}}`;
  const of = precedence(node.of) < 6 ? paren(w(node.of)) : w(node.of);
  return `\\frac{${d}${order}}{${wrt}} ${of}`;
}

function writeTuple(node: Extract<Node, { kind: 'tuple' }>, w: (n: Node) => string): string {
  const column = node.rows.every((row) => row.length === 1);
  if (column && (node.delim === '(' || node.delim === '{')) {
    const items = node.rows.map((row) => w(row[0])).join(', ');
    return node.delim === '(' ? paren(items) : `\\left\\{${items}\\right\\}`;
  }
  const env = node.delim === '(' ? 'pmatrix' : 'bmatrix';
  return `\\begin{${env}}${node.rows.map((row) => row.map(w).join(' & ')).join(' \\\\ ')}\\end{${env}}`;
}
