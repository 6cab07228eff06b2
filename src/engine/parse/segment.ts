// Splits a piece of math into checkable segments and masks layout-only text with spaces, keeping
// every offset: `masked.length === text.length`, so parser locations are document locations.
// Rows of aligned environments split at `\\`; claims split at top-level `;`, `\quad`, `\implies`,
// prose `\text{…}`, and at commas and arrows (`f = xy \rightarrow f_x = y`) with a relation on both
// sides (an arrow between two expressions is a limit or a map, and stays).

export interface Segment {
  start: number;
  end: number;
  /** The segment starts with a relation (`&= c`): it continues the previous claim. */
  continuesPrevious: boolean;
  /** 0-based row (`\\`-separated line) inside the math text. */
  row: number;
  /** After `\because`: a reason given beside the claim, which a row continued below does not go on from. */
  aside?: boolean;
  /** `\text{filters} &&= 6`: a relation whose left side is the words opening its row. */
  labelled?: boolean;
}

const LAYOUT_ENV = /^(aligned|align\*?|alignedat|alignat\*?|split|gathered|gather\*?|equation\*?|eqnarray\*?|multline\*?|flalign\*?)$/;
const ENV_WITH_ARG = /^(alignedat|alignat\*?)$/;
const TEXT_CMDS = new Set(['\\text', '\\mbox', '\\textrm', '\\textit', '\\textbf', '\\textsf', '\\texttt', '\\textnormal']);
const SEPARATORS = new Set([
  '\\quad', '\\qquad', '\\implies', '\\impliedby', '\\Rightarrow', '\\Longrightarrow', '\\therefore',
  '\\because', '\\iff', '\\Leftrightarrow', '\\Longleftrightarrow',
]);
/** The content of a `\text{…}` that typesets as space only: blanks, `~`, `\ `, `\,`, `\quad` … */
const BLANK_TEXT = /^(?:\s|~|\\[,;:! ]|\\(?:quad|qquad|enspace|thinspace)(?![A-Za-z]))*$/;
const RELATION_CMDS = new Set(['\\approx', '\\leftarrow', '\\gets', '\\coloneqq', '\\coloneq', '\\simeq', '\\equiv', '\\triangleq']);
const RELATION_CHARS = new Set(['=', '\u2248', '\u2190', '\u2254']);
const LEADING_RELATION = /^(=|\u2248|\u2190|\u2254|:=|\\(approx|leftarrow|gets|coloneqq|coloneq|simeq|equiv|triangleq)(?![A-Za-z]))/;

interface Piece {
  start: number;
  end: number;
  row: number;
  aside?: boolean;
  /** After words that open its row (`\text{filters} &&= 6`): the words name the left side, so it continues nothing. */
  labelled?: boolean;
  /** Top-level commas and arrows (start and end of each): they split where a relation is on both sides. */
  commas: [number, number][];
  rels: number[];
}

/** Arrows that separate two equations, as a comma does: `f = xy \rightarrow \frac{\partial f}{\partial x} = y`. */
const ARROWS = new Set(['\\rightarrow', '\\to', '\\longrightarrow', '\\mapsto']);

const isSpace = (c: string | undefined) => c !== undefined && /\s/.test(c);
const isLetter = (c: string | undefined) => c !== undefined && /[A-Za-z]/.test(c);

/** End of the command starting with the backslash at i (a control word or symbol). */
function commandEnd(text: string, i: number): number {
  let j = i + 1;
  if (isLetter(text[j])) while (isLetter(text[j])) j++;
  else if (j < text.length) j++;
  return j;
}

function skipSpace(text: string, i: number): number {
  while (isSpace(text[i])) i++;
  return i;
}

/** Index of the `}` matching the `{` at k (escaped braces skipped), or -1. */
function matchBrace(text: string, k: number): number {
  let depth = 0;
  for (let j = k; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === '{') depth++;
    else if (c === '}' && --depth === 0) return j;
  }
  return -1;
}

export function segmentMath(text: string): { masked: string; segments: Segment[] } {
  const out = text.split('');
  const n = text.length;
  const mask = (a: number, b: number) => {
    for (let k = a; k < b; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' ';
  };
  const pieces: Piece[] = [];
  let row = 0;
  let depth = 0;
  let matrix = 0;
  let piece: Piece = { start: 0, end: n, row, commas: [], rels: [] };
  const cut = (a: number, b: number, newRow: boolean) => {
    pieces.push({ ...piece, end: a });
    if (newRow) (row++, (depth = 0));
    piece = { start: b, end: n, row, commas: [], rels: [] };
  };
  const top = () => depth === 0 && matrix === 0;

  let i = 0;
  while (i < n) {
    const c = text[i];
    if (c === '%') {
      while (i < n && text[i] !== '\n') i++;
      continue;
    }
    if (c !== '\\') {
      if (c === '{' || c === '(' || c === '[') depth++;
      else if (c === '}' || c === ')' || c === ']') depth = Math.max(0, depth - 1);
      else if (c === '&' && matrix === 0) mask(i, i + 1);
      else if (c === ';' && top()) (mask(i, i + 1), cut(i, i + 1, false));
      // `10,000`: a thousands separator, not a list of equations.
      else if (c === ',' && top() && !/\d,\d{3}(?!\d)/.test(text.slice(i - 1, i + 5))) piece.commas.push([i, i + 1]);
      else if (RELATION_CHARS.has(c) && top()) piece.rels.push(i);
      i++;
      continue;
    }
    const j = commandEnd(text, i);
    const cmd = text.slice(i, j);
    if (cmd === '\\\\') {
      if (matrix > 0) { i = j; continue; }
      let end = j;
      const k = skipSpace(text, j);
      const close = text[k] === '[' ? text.indexOf(']', k) : -1;
      if (close > 0 && /^\s*[\d.]+\s*[a-z]*\s*$/.test(text.slice(k + 1, close))) end = close + 1;
      mask(i, end);
      cut(i, end, true);
      i = end;
    } else if (cmd === '\\begin' || cmd === '\\end') {
      const k = skipSpace(text, j);
      const close = text[k] === '{' ? text.indexOf('}', k) : -1;
      if (close < 0) { i = j; continue; }
      const name = text.slice(k + 1, close).trim();
      let end = close + 1;
      if (LAYOUT_ENV.test(name)) {
        const a = skipSpace(text, end);
        if (cmd === '\\begin' && ENV_WITH_ARG.test(name) && text[a] === '{') end = Math.max(end, matchBrace(text, a) + 1);
        mask(i, end);
      } else matrix = cmd === '\\begin' ? matrix + 1 : Math.max(0, matrix - 1);
      i = end;
    } else if (cmd === '\\tag' || cmd === '\\label') {
      let k = text[j] === '*' ? j + 1 : j;
      k = skipSpace(text, k);
      const close = text[k] === '{' ? matchBrace(text, k) : -1;
      const end = close < 0 ? j : close + 1;
      mask(i, end);
      i = end;
    } else if (cmd === '\\nonumber' || cmd === '\\notag') {
      mask(i, j);
      i = j;
    } else if (TEXT_CMDS.has(cmd)) {
      const k = skipSpace(text, j);
      const close = text[k] === '{' ? matchBrace(text, k) : -1;
      if (close < 0) { i = j; continue; }
      // `\text{ }` is a typed space inside an equation, not prose between two: it cuts nothing.
      if (BLANK_TEXT.test(text.slice(k + 1, close))) mask(i, close + 1);
      else if (top() && isProse(text, i, k, close)) {
        const opensRow = out.slice(piece.start, i).every((ch) => isSpace(ch));
        mask(i, close + 1);
        cut(i, close + 1, false);
        if (opensRow) piece.labelled = true;
      }
      i = close + 1;
    } else if (SEPARATORS.has(cmd) && top()) {
      mask(i, j);
      cut(i, j, false);
      if (cmd === '\\because') piece.aside = true;
      i = j;
    } else if (cmd === '\\left' || cmd === '\\right') {
      depth = cmd === '\\left' ? depth + 1 : Math.max(0, depth - 1);
      const k = skipSpace(text, j);
      i = text[k] === '\\' ? commandEnd(text, k) : Math.min(n, k + 1);
    } else {
      if (cmd === '\\{') depth++;
      else if (cmd === '\\}') depth = Math.max(0, depth - 1);
      else if (RELATION_CMDS.has(cmd) && top()) piece.rels.push(i);
      else if (ARROWS.has(cmd) && top()) piece.commas.push([i, j]);
      i = j;
    }
  }
  pieces.push(piece);

  const segments: Segment[] = [];
  for (const p of pieces) {
    for (const [s0, e0] of splitAtCommas(p, mask)) {
      const [s, e] = trimSegment(text, out, s0, e0, mask);
      if (s >= e) continue;
      const continuesPrevious = LEADING_RELATION.test(out.slice(s, Math.min(e, s + 12)).join(''));
      // `\text{filters} &&= 6`: a value the words name (in a table of givens), which continues no row.
      const labelled = continuesPrevious && p.labelled === true;
      segments.push({ start: s, end: e, continuesPrevious: continuesPrevious && !labelled, row: p.row, ...(p.aside ? { aside: true } : {}), ...(labelled ? { labelled } : {}) });
    }
  }
  return { masked: out.join(''), segments };
}

/** A top-level `\text{…}` at i (group k…close) is prose unless it is a script, a function name, or `d`. */
function isProse(text: string, i: number, k: number, close: number): boolean {
  let b = i - 1;
  while (isSpace(text[b])) b--;
  if (text[b] === '_' || text[b] === '^') return false;
  const after = skipSpace(text, close + 1);
  const next = text[after];
  // `\text{ReLU}\left( … \right)`: a name applied, like `\text{ReLU}(…)`.
  if (next === '(' || next === "'" || next === '^' || next === '_' || /^\\left\b/.test(text.slice(after, after + 6))) return false;
  // `d` of a differential, and `mod` of modular arithmetic (an operator, which the parser refuses).
  return !['d', 'mod'].includes(text.slice(k + 1, close).trim());
}

/** Split at top-level commas and arrows that have a relation on both sides (`z = Ax, \hat y = Cz`). */
function splitAtCommas(p: Piece, mask: (a: number, b: number) => void): [number, number][] {
  const parts: [number, number][] = [];
  const hasRel = (s: number, e: number) => p.rels.some((r) => r >= s && r < e);
  let cur: [number, number] = [p.start, p.commas.length ? p.commas[0][0] : p.end];
  p.commas.forEach(([at, end], m) => {
    const right: [number, number] = [end, m + 1 < p.commas.length ? p.commas[m + 1][0] : p.end];
    if (hasRel(cur[0], cur[1]) && hasRel(right[0], right[1])) {
      parts.push(cur);
      mask(at, end);
      cur = right;
    } else cur = [cur[0], right[1]];
  });
  parts.push(cur);
  return parts;
}

/** Trim whitespace, and mask trailing sentence punctuation (but not the `.` of `\right.`). */
function trimSegment(text: string, out: string[], s: number, e: number, mask: (a: number, b: number) => void): [number, number] {
  for (;;) {
    while (s < e && isSpace(out[s])) s++;
    while (e > s && isSpace(out[e - 1])) e--;
    // `\epsilon\ ` before a cut: the control space's backslash, left alone by the trim, is a space too.
    if (e > s + 1 && out[e - 1] === '\\' && out[e - 2] !== '\\' && isSpace(text[e])) {
      mask(e - 1, e);
      e--;
      continue;
    }
    const last = out[e - 1];
    if (e <= s || (last !== '.' && last !== ',' && last !== ';') || out[e - 2] === '\\') return [s, e];
    if (last === '.') {
      let b = e - 2;
      while (b >= s && isSpace(text[b])) b--;
      const before = text.slice(Math.max(0, b - 5), b + 1);
      if (before.endsWith('\\right') || before.endsWith('\\left')) return [s, e];
    }
    mask(e - 1, e);
    e--;
  }
}
