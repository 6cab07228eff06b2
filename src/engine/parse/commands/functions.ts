// Function names. Commands such as `\exp` are function heads; `\operatorname{…}`, `\mathrm{…}`
// and `\text{…}` names are looked up case-insensitively ('ReLU' → 'relu').

export interface FunctionInfo {
  readonly fn: string;
  /** `\log x`: without parentheses the next atom is the argument. */
  readonly bare: boolean;
  /** `\max` needs an argument list. */
  readonly parenRequired?: boolean;
}

const BARE = ['exp', 'log', 'ln', 'tanh', 'sinh', 'cosh', 'sin', 'cos', 'tan', 'sec', 'csc', 'cot', 'arcsin', 'arccos', 'arctan', 'relu', 'sigmoid', 'softplus', 'softmax', 'logsumexp', 'lse', 'sgn', 'sign', 'det', 'tr', 'logdet', 'lg'];
const PAREN = ['max', 'min'];

/** The names the checker knows, canonical (lower case). 'sigma' and 'sqrt' are parsed specially. */
export const KNOWN_FUNCTIONS: ReadonlySet<string> = new Set([...BARE, ...PAREN, 'sqrt', 'sigma']);

/**
 * Names read as functions even without their backslash (`tanh(x)`, `ln \sigma(x)`, `det A`), as
 * students write them: a run of letters is otherwise a product. Not the names that are as likely
 * letters multiplied (`sgn`, `sign`, `lg`), nor those parsed specially.
 */
export const UNSLASHED_FUNCTIONS: ReadonlySet<string> = new Set([...KNOWN_FUNCTIONS].filter((f) => !['sigma', 'sqrt', 'sgn', 'sign', 'lg', 'lse', 'logsumexp'].includes(f)));

/** Letters that name functions far more often than factors: `f(a)`, `E(x)`, `P(XY)`, `\varphi(\mathbf x)`, `\Delta(fg)`. */
export const FUNCTION_LETTERS: ReadonlySet<string> = new Set(['f', 'g', 'F', 'G', 'E', 'P', 'V', 'L', 'phi', 'varphi', 'psi', 'Phi', 'Psi', 'varsigma', 'Delta']);

/** `g^{-1}(\psi)`, `F^{-1}(p)`: of these letters, an inverse applied is the inverse function (`V^{-1}(…)` may be a matrix's). */
export function namesInverseFunction(letter: string): boolean {
  return FUNCTION_LETTERS.has(letter) && (/^[a-z]/.test(letter) || letter === 'F' || letter === 'G');
}

/** `\exp` → exp, …; `\relu`, `\sigmoid`, `\softplus` are common user macros. */
export const FUNCTION_COMMANDS: Readonly<Record<string, FunctionInfo>> = (() => {
  const t: Record<string, FunctionInfo> = {};
  for (const f of BARE) t['\\' + f] = { fn: f, bare: true };
  for (const f of PAREN) t['\\' + f] = { fn: f, bare: false, parenRequired: true };
  t['\\Tr'] = { fn: 'tr', bare: true };
  return t;
})();

/** Canonical name for a written function name, or undefined when it is not a known function. */
export function canonicalFunction(name: string): FunctionInfo | undefined {
  const lower = name.toLowerCase();
  if (lower === 'sigma' || lower === 'sqrt' || !KNOWN_FUNCTIONS.has(lower)) return undefined;
  return FUNCTION_COMMANDS['\\' + lower];
}
