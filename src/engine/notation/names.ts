// The words plain-text math uses and what they mean in the LaTeX the parser reads.
import { FUNCTION_COMMANDS } from '../parse/commands/functions';
import { LETTER_COMMANDS } from '../parse/commands/greek';

/**
 * Function names, by lower-case spelling: `sigmoid` → `\sigmoid`, `ReLU` → `\relu`. `sigma` is σ
 * (the activation, or a Greek symbol when subscripted); `sqrt`, `abs`, `norm`, `sum` and `diag` are
 * rewritten with their argument (see Translator).
 */
export const FUNCTION_WORDS: ReadonlyMap<string, string> = new Map([
  ...Object.keys(FUNCTION_COMMANDS).map((command): [string, string] => [command.slice(1).toLowerCase(), command]),
  ['maximum', '\\max'],
  ['minimum', '\\min'],
]);

/** Functions rewritten around their parenthesised argument. */
export const ARGUMENT_WORDS: ReadonlySet<string> = new Set(['sqrt', 'abs', 'norm', 'sum', 'diag', 'transpose', 'dot', 'matmul']);

/** `lambda` → `\lambda`, also the capitals (`Sigma`) and variants (`varepsilon`); `eps` is ε. */
export const GREEK_WORDS: ReadonlyMap<string, string> = new Map([
  ...Object.keys(LETTER_COMMANDS).filter((c) => c !== '\\infty').map((command): [string, string] => [command.slice(1), command]),
  ['eps', '\\epsilon'],
  // `lambda` is a Python keyword, so code spells λ `lam`.
  ['lam', '\\lambda'],
]);

/** Whole-word aliases of the model's quantities (code spells them as identifiers). */
export const ALIAS_WORDS: ReadonlyMap<string, string> = new Map([
  ['yhat', '\\hat{y}'],
  ['ypred', '\\hat{y}'],
  ['ytrue', 'y'],
  ['xhat', '\\hat{x}'],
]);

/** `x_hat` → `\hat{x}`: suffixes that are accents on the symbol before them. */
export const ACCENT_SUFFIXES: ReadonlyMap<string, string> = new Map([
  ['hat', '\\hat'],
  ['bar', '\\bar'],
  ['tilde', '\\tilde'],
]);

/** `y_pred` is ŷ and `y_true` is y (only for y: other labels stay labels, `x_{true}`). */
export const Y_LABELS: ReadonlyMap<string, string> = new Map([
  ['pred', '\\hat{y}'],
  ['hat', '\\hat{y}'],
  ['true', 'y'],
]);

/** Module prefixes of numeric libraries: `np.exp` is exp. */
export const MODULE_WORDS: ReadonlySet<string> = new Set(['np', 'numpy', 'jnp', 'jax', 'torch', 'math', 'scipy', 'tf', 'linalg', 'nn', 'functional', 'special']);

/** Operator names: `grad_b L` and `nabla_b L` are ∇_b L. */
export const OPERATOR_WORDS: ReadonlyMap<string, string> = new Map([
  ['grad', '\\nabla'],
  ['nabla', '\\nabla'],
]);

/**
 * Short words that are English, not products of symbols: they end a claim when they follow a
 * complete expression (`= 2(ŷ − y) so the …`). Single letters are never prose.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'an', 'as', 'at', 'be', 'by', 'do', 'if', 'in', 'is', 'it', 'of', 'on', 'or', 'so', 'to', 'up', 'us', 'we',
  'and', 'are', 'but', 'can', 'for', 'has', 'how', 'its', 'let', 'not', 'now', 'our', 'see', 'the', 'use',
  'was', 'via', 'why', 'yet', 'all', 'any',
  // Common short words in students' remarks (`I got …`, `my draft had …`).
  'am', 'me', 'my', 'no', 'had', 'got', 'get', 'did', 'off', 'out', 'too', 'who', 'say', 'try', 'new', 'old', 'own', 'nor', 'per',
]);

/** Unknown all-letter words up to this length are products of single-letter symbols (`Ax`, `AAᵀ`). */
export const MAX_PRODUCT_WORD = 3;

/** A known name (function, Greek letter, alias, operator, module), as opposed to prose or an unknown identifier. */
export function isKnownWord(word: string): boolean {
  const lower = word.toLowerCase();
  return FUNCTION_WORDS.has(lower) || ARGUMENT_WORDS.has(lower) || GREEK_WORDS.has(word) || ALIAS_WORDS.has(lower) ||
    MODULE_WORDS.has(word) || OPERATOR_WORDS.has(lower);
}

/** `x`, `W1`, `sigma`, `yhat`, `lambda`: a name that can be differentiated with respect to (the rest of `dL`, `dyhat`). */
export function isVariableWord(word: string): boolean {
  return /^[A-Za-z]\d*$/.test(word) || GREEK_WORDS.has(word) || ALIAS_WORDS.has(word.toLowerCase()) || FUNCTION_WORDS.has(word.toLowerCase());
}
