// Unicode characters that students paste into math, mapped to the tokens LaTeX would give.
// A value starting with a backslash is a command; otherwise each character is lexed as ASCII.
import { UNICODE_GREEK } from './greek';

export const UNICODE_TOKENS: Readonly<Record<string, string>> = {
  ...UNICODE_GREEK,
  '\u2212': '-', '\u2032': "'", '\u2033': "''", '\u2217': '*', '\u2223': '|',
  '\u2202': '\\partial', '\u00b7': '\\cdot', '\u22c5': '\\cdot', '\u00d7': '\\times', '\u2299': '\\odot',
  '\u2218': '\\circ', '\u2207': '\\nabla', '\u2248': '\\approx', '\u2264': '\\leq', '\u2265': '\\geq',
  '\u2260': '\\neq', '\u2211': '\\sum', '\u220f': '\\prod', '\u222b': '\\int', '\u221a': '\\sqrt',
  '\u2016': '\\|', '\u221e': '\\infty', '\u2026': '\\ldots', '\u22ef': '\\cdots', '\u2190': '\\leftarrow',
  '\u27f5': '\\leftarrow', '\u2254': '\\coloneqq', '\u22a4': '\\top', '\u21d2': '\\Rightarrow',
  '\u27f9': '\\Longrightarrow', '\u2208': '\\in', '\u2192': '\\to', '\u00b1': '\\pm', '\u2261': '\\equiv',
  '\u2297': '\\otimes', '\u00a0': ' ',
};

/** Superscript characters and their ASCII reading; a run `⁻¹` lexes as `^{-1}`. */
export const SUPERSCRIPTS: Readonly<Record<string, string>> = {
  '\u2070': '0', '\u00b9': '1', '\u00b2': '2', '\u00b3': '3', '\u2074': '4', '\u2075': '5', '\u2076': '6',
  '\u2077': '7', '\u2078': '8', '\u2079': '9', '\u207a': '+', '\u207b': '-', '\u207d': '(', '\u207e': ')',
  '\u1d40': 'T', '\u2071': 'i', '\u207f': 'n',
};

/** Subscript characters; a run `ᵢⱼ` lexes as `_{ij}`. */
export const SUBSCRIPTS: Readonly<Record<string, string>> = {
  '\u2080': '0', '\u2081': '1', '\u2082': '2', '\u2083': '3', '\u2084': '4', '\u2085': '5', '\u2086': '6',
  '\u2087': '7', '\u2088': '8', '\u2089': '9', '\u208a': '+', '\u208b': '-', '\u208d': '(', '\u208e': ')',
  '\u2090': 'a', '\u2091': 'e', '\u2092': 'o', '\u2093': 'x', '\u2095': 'h', '\u2096': 'k', '\u2097': 'l',
  '\u2098': 'm', '\u2099': 'n', '\u209a': 'p', '\u209b': 's', '\u209c': 't', '\u1d62': 'i', '\u2c7c': 'j',
  '\u1d63': 'r', '\u1d64': 'u', '\u1d65': 'v',
};

/** Combining marks after a letter (`y\u0302` = ŷ) → the accent command placed before the letter. */
export const COMBINING_ACCENTS: Readonly<Record<string, string>> = {
  '\u0302': '\\hat', '\u0304': '\\bar', '\u0305': '\\bar', '\u0303': '\\tilde', '\u0307': '\\dot',
  '\u20d7': '\\vec',
};
