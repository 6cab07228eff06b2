// Greek letters and other letter-like commands, by canonical name (the command without backslash;
// variant forms map to the plain letter so that `\varepsilon` and `\epsilon` are the same symbol).

const LOWER = [
  'alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda',
  'mu', 'nu', 'xi', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi', 'omega',
];
const UPPER = ['Gamma', 'Delta', 'Theta', 'Lambda', 'Xi', 'Pi', 'Sigma', 'Upsilon', 'Phi', 'Psi', 'Omega'];
const VARIANTS: Record<string, string> = {
  varepsilon: 'epsilon', vartheta: 'theta', varphi: 'phi', varrho: 'rho', varpi: 'pi', varkappa: 'kappa',
  // \varsigma stays itself: 'sigma' is also the activation function.
  varsigma: 'varsigma',
};

/** `\alpha` → 'alpha'; also `\ell` and `\infty`, which behave as plain symbols. */
export const LETTER_COMMANDS: Readonly<Record<string, string>> = (() => {
  const t: Record<string, string> = { '\\ell': 'ell', '\\infty': 'infty' };
  for (const n of [...LOWER, ...UPPER]) t['\\' + n] = n;
  for (const [v, n] of Object.entries(VARIANTS)) t['\\' + v] = n;
  return t;
})();

/** Unicode Greek → the command (or a Latin letter for capitals that look Latin, such as Α). */
export const UNICODE_GREEK: Readonly<Record<string, string>> = (() => {
  const lower = 'αβγδεζηθικλμνξοπρστυφχψω';
  const names = [
    'alpha', 'beta', 'gamma', 'delta', 'varepsilon', 'zeta', 'eta', 'theta', 'iota', 'kappa', 'lambda',
    'mu', 'nu', 'xi', 'o', 'pi', 'rho', 'sigma', 'tau', 'upsilon', 'varphi', 'chi', 'psi', 'omega',
  ];
  const t: Record<string, string> = {};
  [...lower].forEach((ch, i) => (t[ch] = names[i] === 'o' ? 'o' : '\\' + names[i]));
  const upper = 'ΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩ';
  const upperNames = [
    'A', 'B', 'Gamma', 'Delta', 'E', 'Z', 'H', 'Theta', 'I', 'K', 'Lambda', 'M', 'N', 'Xi', 'O', 'Pi',
    'P', 'Sigma', 'T', 'Upsilon', 'Phi', 'X', 'Psi', 'Omega',
  ];
  [...upper].forEach((ch, i) => (t[ch] = upperNames[i].length === 1 ? upperNames[i] : '\\' + upperNames[i]));
  Object.assign(t, { 'ς': '\\varsigma', 'ϵ': '\\epsilon', 'ϑ': '\\vartheta', 'ϕ': '\\phi', 'ϱ': '\\varrho', 'ϖ': '\\varpi', 'µ': '\\mu', '∆': '\\Delta', 'ℓ': '\\ell' });
  return t;
})();
