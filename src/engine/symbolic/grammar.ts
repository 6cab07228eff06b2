import { ownKeysOnly } from '../source/own-keys';
/**
 * Whitelist grammar for the strings handed to the symbolic prover, shared by the
 * main-thread adapter (prover.ts, checks before anything is sent) and the worker
 * (worker.ts, checks again before nerdamer sees the string). See prover.ts for why.
 */

export const MAX_EXPRESSION_LENGTH = 2000;
const MAX_PAREN_DEPTH = 64;

/**
 * Functions a generated expression may call. Everything else followed by `(` is rejected.
 * `diff` (symbolic differentiation, used by check/symbolic-form.ts) is the only non-elementary
 * one; it never compiles to JavaScript, unlike defint/integrate's numeric paths.
 */
export const ALLOWED_FUNCTIONS: ReadonlySet<string> = new Set([
  'diff',
  'exp', 'log', 'log10', 'log2', 'log1p', 'sqrt', 'cbrt', 'abs', 'sign', 'erf', 'min', 'max',
  'sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'asin', 'acos', 'atan', 'atan2', 'arcsin', 'arccos', 'arctan',
  'sinh', 'cosh', 'tanh', 'sech', 'csch', 'coth', 'asinh', 'acosh', 'atanh',
]);

type Token =
  | { kind: 'num' | 'op' | 'comma' | 'open' | 'close'; text: string; pos: number }
  | { kind: 'ident'; text: string; pos: number };

const ALLOWED_CHARS = /^[A-Za-z0-9_ +\-*/^().,]*$/;
const TOKEN = /\s+|(\d+(?:\.\d+)?)|([A-Za-z][A-Za-z0-9_]*)|([+\-*/^])|(,)|(\()|(\))/y;

/** Returns an error message, or undefined when `expr` is in the grammar. */
export function validateExpression(expr: unknown): string | undefined {
  if (typeof expr !== 'string') return 'expression is not a string';
  if (expr.length > MAX_EXPRESSION_LENGTH) return `expression too large (${expr.length} > ${MAX_EXPRESSION_LENGTH} chars)`;
  if (!ALLOWED_CHARS.test(expr)) {
    const bad = [...expr].find((c) => !ALLOWED_CHARS.test(c)) ?? '?';
    return `character ${JSON.stringify(bad)} is not allowed`;
  }
  const tokens = tokenize(expr);
  if (typeof tokens === 'string') return tokens;
  if (tokens.length === 0) return 'empty expression';
  const stack: boolean[] = []; // true = parenthesis opened by a function call
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const next = tokens[i + 1];
    if (t.kind === 'ident') {
      // Identifiers that are properties of plain objects (constructor, toString, ...) can reach
      // prototype lookups inside the library, so they are refused outright.
      if (t.text in Object.prototype) return `identifier '${t.text}' is reserved`;
      if (next?.kind === 'open' && !ALLOWED_FUNCTIONS.has(t.text)) return `unknown function '${t.text}'`;
    } else if (t.kind === 'open') {
      stack.push(tokens[i - 1]?.kind === 'ident');
      if (stack.length > MAX_PAREN_DEPTH) return 'parentheses nested too deeply';
    } else if (t.kind === 'close') {
      if (stack.pop() === undefined) return `unbalanced ')' at ${t.pos}`;
    } else if (t.kind === 'comma') {
      if (!stack[stack.length - 1]) return `',' outside a function call at ${t.pos}`;
    }
  }
  if (stack.length) return "unbalanced '('";
  return undefined;
}

function tokenize(expr: string): Token[] | string {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < expr.length) {
    const pos = TOKEN.lastIndex;
    const m = TOKEN.exec(expr);
    if (!m) return `unexpected '${expr[pos]}' at ${pos}`;
    if (m[1]) {
      // A number directly followed by '.' (e.g. "1.2.3" or "1.") is malformed.
      if (expr[TOKEN.lastIndex] === '.') return `malformed number at ${pos}`;
      out.push({ kind: 'num', text: m[1], pos });
    } else if (m[2]) out.push({ kind: 'ident', text: m[2], pos });
    else if (m[3]) out.push({ kind: 'op', text: m[3], pos });
    else if (m[4]) out.push({ kind: 'comma', text: m[4], pos });
    else if (m[5]) out.push({ kind: 'open', text: m[5], pos });
    else if (m[6]) out.push({ kind: 'close', text: m[6], pos });
  }
  return out;
}

const HYPERBOLIC: Record<string, (u: string) => string> = {
  sinh: (u) => `((exp(${u})-exp(-(${u})))/2)`,
  cosh: (u) => `((exp(${u})+exp(-(${u})))/2)`,
  tanh: (u) => `((exp(${u})-exp(-(${u})))/(exp(${u})+exp(-(${u}))))`,
  coth: (u) => `((exp(${u})+exp(-(${u})))/(exp(${u})-exp(-(${u}))))`,
  sech: (u) => `(2/(exp(${u})+exp(-(${u}))))`,
  csch: (u) => `(2/(exp(${u})-exp(-(${u}))))`,
};
ownKeysOnly(HYPERBOLIC);

/** True when the (validated) expression calls sinh/cosh/tanh/sech/csch/coth. */
export function hasHyperbolic(expr: string): boolean {
  const tokens = tokenize(expr);
  return typeof tokens !== 'string' && tokens.some((t) => t.kind === 'ident' && t.text in HYPERBOLIC);
}

/**
 * Rewrites hyperbolic functions into exponentials (their definitions), e.g. `tanh(z)` into
 * `((exp(z)-exp(-(z)))/(exp(z)+exp(-(z))))`; nerdamer knows no identities between them.
 * Only called on strings that passed validateExpression.
 */
export function rewriteHyperbolic(expr: string): string {
  const tokens = tokenize(expr);
  if (typeof tokens === 'string') return expr;
  let out = '';
  let copied = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== 'ident' || !(t.text in HYPERBOLIC) || tokens[i + 1]?.kind !== 'open') continue;
    let depth = 0;
    let j = i + 1;
    for (; j < tokens.length; j++) {
      if (tokens[j].kind === 'open') depth++;
      else if (tokens[j].kind === 'close' && --depth === 0) break;
    }
    if (j >= tokens.length) return expr;
    const inner = expr.slice(tokens[i + 1].pos + 1, tokens[j].pos);
    out += expr.slice(copied, t.pos) + HYPERBOLIC[t.text](rewriteHyperbolic(inner));
    copied = tokens[j].pos + 1;
    i = j;
  }
  return out + expr.slice(copied);
}
