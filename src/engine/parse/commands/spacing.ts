// Commands that only affect layout. The parser drops them before parsing, so `\left( x \,\right)`
// and `\big( x \big)` parse like `( x )`.

const SIZES = ['big', 'Big', 'bigg', 'Bigg'].flatMap((s) => [s, s + 'l', s + 'r', s + 'm']);
/** Font-size switches (`\small`, `\large`), which slides put at the start of a display. */
const FONT_SIZES = ['tiny', 'scriptsize', 'footnotesize', 'small', 'normalsize', 'large', 'Large', 'LARGE', 'huge', 'Huge'];

export const SKIPPED: ReadonlySet<string> = new Set([
  '\\,', '\\;', '\\:', '\\!', '\\>', '\\ ', '\\\t', '\\\n', '\\\r', '~',
  '\\quad', '\\qquad', '\\thinspace', '\\medspace', '\\thickspace', '\\enspace', '\\negthinspace',
  '\\negmedspace', '\\negthickspace', '\\displaystyle', '\\textstyle', '\\scriptstyle',
  '\\scriptscriptstyle', '\\limits', '\\nolimits', '\\nonumber', '\\notag', '\\mathstrut', '\\strut',
  '\\middle', '\\boxed', '\\hfill', '\\space', '\\nobreakspace', '\\allowbreak',
  ...SIZES.map((s) => '\\' + s),
  ...FONT_SIZES.map((s) => '\\' + s),
]);

/** Layout commands followed by one braced argument that is dropped with them (`\hspace{1em}`). */
export const SKIPPED_WITH_ARG: ReadonlySet<string> = new Set([
  '\\hspace', '\\vspace', '\\phantom', '\\hphantom', '\\vphantom', '\\color', '\\textcolor', '\\label', '\\tag',
]);

/**
 * Colour commands: the colour (`{red}`, `[rgb]{1,0,0}`) is dropped; a group after it that holds a
 * relation (`\color{red}{a = b}`, MathJax's two-argument form) frames what it colours, so its content
 * stays, as \boxed's does. Other groups stay groups: `\color{red}{a + b}^2` is (a + b)².
 */
export const COLORS: ReadonlySet<string> = new Set(['\\color', '\\textcolor']);

/** Notes set above or below a symbol (`\overset{!}{=}`, `\underset{x}{\min}`, `\stackrel{\text{def}}{=}`): the note is dropped, the symbol stays. */
export const ANNOTATIONS: ReadonlySet<string> = new Set(['\\overset', '\\underset', '\\stackrel']);
