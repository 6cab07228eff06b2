// The names of accents (`\hat`), math fonts (`\mathbf`) and text-like commands (`\mathrm`, `\text`):
// data only, read by the font handlers, the derivative reader (`\frac{d\hat y}{…}`) and scripts.
import type { SymNode } from '../ast';

export const ACCENTS: Readonly<Record<string, NonNullable<SymNode['accent']>>> = {
  '\\hat': 'hat', '\\widehat': 'hat', '\\bar': 'bar', '\\overline': 'bar', '\\tilde': 'tilde',
  '\\widetilde': 'tilde', '\\vec': 'vec', '\\overrightarrow': 'vec', '\\dot': 'dot',
};

export const FONTS: Readonly<Record<string, string>> = {
  '\\mathbf': 'bf', '\\boldsymbol': 'bf', '\\bm': 'bf', '\\pmb': 'bf', '\\mathbb': 'bb', '\\mathbbm': 'bb',
  '\\mathds': 'bb', '\\mathcal': 'cal', '\\mathscr': 'scr', '\\mathfrak': 'frak', '\\mathsf': 'sf',
  '\\mathtt': 'tt', '\\mathit': 'it', '\\mathnormal': 'it',
};

/** Commands whose argument is read as raw text. 'op' marks \operatorname (always a function). */
export const TEXT_FONTS: Readonly<Record<string, string>> = {
  '\\mathrm': 'rm', '\\text': 'text', '\\textrm': 'text', '\\textit': 'text', '\\textbf': 'text',
  '\\textsf': 'text', '\\texttt': 'text', '\\textnormal': 'text', '\\mbox': 'text', '\\operatorname': 'op',
};

/** Plain TeX's font switches, which MathJax reads too: `{\bf x}` is `\mathbf{x}`. */
export const FONT_SWITCHES: Readonly<Record<string, string>> = {
  '\\bf': '\\mathbf', '\\it': '\\mathit', '\\rm': '\\mathrm', '\\cal': '\\mathcal', '\\sf': '\\mathsf', '\\tt': '\\mathtt',
};
