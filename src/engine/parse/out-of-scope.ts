// Well-formed math that the checker does not decide, recognised in the tokens of a claim that did
// not parse: probability notation (P(A | B), P(X = k), p(y; θ)), expectations and variances,
// arg max and optimisation over a set, sets, logic, floors, binomials, and commands the document
// defines where the checker cannot see them. Such a claim is `unsupported` with the reason, not
// `unparsed`: `unparsed` is for malformed math.
import type { SourceRange } from '../source/location';
import { matchingClose, type Token } from './lexer';
import { at } from './nodes';

export interface OutOfScope {
  readonly reason: string;
  readonly loc: SourceRange;
}

const PROBABILITY = 'probability notation';
const OPENERS: Readonly<Record<string, string>> = { '(': ')', '[': ']', '\\{': '\\}' };
const CONDITIONAL_BARS = new Set(['\\mid', '\\vert', '|', '\\given']);
const EVENT_RELATIONS = new Set(['=', '<', '>', '\\leq', '\\le', '\\geq', '\\ge', '\\neq', '\\ne', '\\in', '\\notin', '\\sim']);
/** Font commands a probability or expectation sign is written in (`\mathbb{P}`, `\operatorname{E}`). */
const SIGN_FONTS = new Set(['\\mathbb', '\\mathrm', '\\mathcal', '\\operatorname', '\\mathsf', '\\text', '\\textrm', '\\mathbf', '\\mathscr', '\\mathds']);
const PROBABILITY_SIGNS = new Set(['P', 'Pr', 'p', 'q']);
const MOMENT_NAMES = new Set(['E', 'Var', 'Cov', 'var', 'cov', 'Corr', 'corr', 'V']);

/** `\mathbb{E}`, `\operatorname{Var}`, `Var(X)`, `E[X]`, `E_{x \sim p}`: a bare E or V before anything else may be an energy or a volume. */
function isMoment(sign: { name: string; font: boolean }, after: Token | undefined): boolean {
  if (!MOMENT_NAMES.has(sign.name)) return false;
  if (sign.font) return true;
  const opens = after !== undefined && after.kind === 'char' && (after.text === '[' || after.text === '(' || after.text === '_');
  if (sign.name === 'E') return after !== undefined && after.kind === 'char' && (after.text === '[' || after.text === '_');
  return sign.name !== 'V' && opens;
}

/** Constructs recognised by one token, with their reason. */
const BY_TOKEN: Readonly<Record<string, string>> = {
  '\\Pr': `${PROBABILITY} is not supported`,
  '\\mid': `${PROBABILITY} (a conditional bar, as in P(A \\mid B)) is not supported`,
  '\\given': `${PROBABILITY} is not supported`,
  '\\E': 'expectations are not supported',
  '\\Var': 'variances are not supported',
  '\\Cov': 'covariances are not supported',
  '\\argmax': 'arg max and arg min are not supported',
  '\\argmin': 'arg max and arg min are not supported',
  '\\arg': 'arg max and arg min are not supported',
  '\\in': 'set membership is not supported',
  '\\notin': 'set membership is not supported',
  '\\subset': 'sets are not supported',
  '\\subseteq': 'sets are not supported',
  '\\supset': 'sets are not supported',
  '\\supseteq': 'sets are not supported',
  '\\cup': 'sets are not supported',
  '\\cap': 'sets are not supported',
  '\\setminus': 'sets are not supported',
  '\\emptyset': 'sets are not supported',
  '\\varnothing': 'sets are not supported',
  '\\forall': 'logic (∀, ∃, ∧, ∨, ¬) is not supported',
  '\\exists': 'logic (∀, ∃, ∧, ∨, ¬) is not supported',
  '\\land': 'logic (∀, ∃, ∧, ∨, ¬) is not supported',
  '\\lor': 'logic (∀, ∃, ∧, ∨, ¬) is not supported',
  '\\neg': 'logic (∀, ∃, ∧, ∨, ¬) is not supported',
  '\\lnot': 'logic (∀, ∃, ∧, ∨, ¬) is not supported',
  '\\lfloor': 'floor and ceiling are not supported',
  '\\lceil': 'floor and ceiling are not supported',
  '\\choose': 'binomial coefficients are not supported',
  '\\binom': 'binomial coefficients are not supported',
  '\\sup': 'suprema and infima are not supported',
  '\\inf': 'suprema and infima are not supported',
};

/**
 * The construct of `toks` (prepared tokens of one claim) that the checker recognises as outside what
 * it decides: the one around `failedAt` (where parsing stopped), else the first.
 */
export function outOfScope(toks: readonly Token[], failedAt: number): OutOfScope | undefined {
  let first: OutOfScope | undefined;
  for (let i = 0; i < toks.length; i++) {
    const found = recognisedAt(toks, i);
    if (!found) continue;
    if (found.loc.start <= failedAt && failedAt <= found.loc.end) return found;
    first ??= found;
  }
  return first ?? listAt(toks, failedAt);
}

/** `i = 1, 2, 3`, `u, N = u + d`: parsing stopped at a comma outside any bracket, so the claim is a list. */
function listAt(toks: readonly Token[], failedAt: number): OutOfScope | undefined {
  const i = toks.findIndex((t) => t.loc.start === failedAt);
  const t = toks[i];
  if (!t || t.kind !== 'char' || t.text !== ',' || topLevel(toks, 0, i + 1).at(-1) !== t) return undefined;
  return { reason: 'a list separated by commas (as in i = 1, 2, 3) is not one equation the checker decides', loc: t.loc };
}

function recognisedAt(toks: readonly Token[], i: number): OutOfScope | undefined {
  const t = toks[i];
  if (t.kind === 'eof' || t.kind === 'num') return undefined;
  const reason = BY_TOKEN[t.text];
  if (reason !== undefined && Object.hasOwn(BY_TOKEN, t.text)) return { reason, loc: t.loc };
  const sign = signAt(toks, i);
  if (sign && isMoment(sign, toks[sign.end])) return { reason: 'expectations and variances are not supported', loc: at(t.loc.start, toks[sign.end - 1].loc.end) };
  if (sign && sign.name === 'arg' && (toks[sign.end]?.text === '\\max' || toks[sign.end]?.text === '\\min')) {
    return { reason: 'arg max and arg min are not supported', loc: at(t.loc.start, toks[sign.end].loc.end) };
  }
  if (sign && /^arg\s*(max|min)$/.test(sign.name)) return { reason: 'arg max and arg min are not supported', loc: at(t.loc.start, toks[sign.end - 1].loc.end) };
  if ((t.text === '\\max' || t.text === '\\min') && toks[i + 1]?.text === '_' && subscriptHas(toks, i + 2, (x) => x.text === '\\in')) {
    return { reason: 'a minimum or maximum over a set is not supported', loc: t.loc };
  }
  const close = t.kind === 'char' || t.kind === 'cmd' ? OPENERS[t.text] : undefined;
  if (close !== undefined) return groupAt(toks, i, close);
  return undefined;
}

/** A group `(…)`, `[…]` or `\{…\}` at `i`: a conditional, an event, parameters after ';', or a set. */
function groupAt(toks: readonly Token[], i: number, close: string): OutOfScope | undefined {
  const open = toks[i];
  const end = matchingClose(toks, i, toks[i].text, close);
  if (end < 0) return undefined;
  const inside = topLevel(toks, i + 1, end);
  const loc = at(open.loc.start, toks[end].loc.end);
  const plainBars = inside.filter((x) => x.text === '|').length;
  if (inside.some((x) => CONDITIONAL_BARS.has(x.text) && x.text !== '|') || plainBars % 2 === 1) {
    return { reason: `${PROBABILITY} (a conditional bar, as in P(A | B)) is not supported`, loc };
  }
  if (open.text === '\\{') {
    if (inside.some((x) => x.text === ':')) return { reason: 'sets are not supported', loc };
    if (toks[end + 1]?.text === '_' || toks[end + 1]?.text === '^') return { reason: 'sets (a collection {…}ᵢ) are not supported', loc };
  }
  const head = headBefore(toks, i);
  if (!head) return undefined;
  if (open.text === '(' && inside.some((x) => x.text === ';')) return { reason: 'a function of parameters after ";" (as in p(y; θ)) is not supported', loc: at(head.loc.start, loc.end) };
  if (PROBABILITY_SIGNS.has(head.name) && inside.some((x) => EVENT_RELATIONS.has(x.text))) {
    return { reason: `${PROBABILITY} (the probability of an event, as in P(X = k)) is not supported`, loc: at(head.loc.start, loc.end) };
  }
  return undefined;
}

/** The name written at `i` with its font (`P`, `\mathbb{E}`, `\operatorname{Var}`, `Var`) and the index after it. */
function signAt(toks: readonly Token[], i: number): { name: string; font: boolean; end: number } | undefined {
  const t = toks[i];
  if (t.kind === 'cmd' && SIGN_FONTS.has(t.text)) {
    if (toks[i + 1]?.text === '{') {
      const end = matchingClose(toks, i + 1, '{', '}');
      if (end < 0) return undefined;
      const name = toks.slice(i + 2, end).map((x) => x.text).join('').replace(/\\[,;:! ]/g, '');
      return /^[A-Za-z]+$/.test(name) ? { name, font: true, end: end + 1 } : undefined;
    }
    if (toks[i + 1]?.kind === 'letter') return { name: toks[i + 1].text, font: true, end: i + 2 };
    return undefined;
  }
  if (t.kind !== 'letter' || (i > 0 && toks[i - 1].kind === 'letter' && toks[i - 1].loc.end === t.loc.start)) return undefined;
  // A word of letters written together (`Var`, `Pr`); a lone letter is itself.
  let end = i + 1;
  while (toks[end]?.kind === 'letter' && toks[end].loc.start === toks[end - 1].loc.end) end++;
  return { name: toks.slice(i, end).map((x) => x.text).join(''), font: false, end };
}

/** The sign right before the group at `open` (`P(`, `\mathbb{P}(`, `p_\theta(`), if any. */
function headBefore(toks: readonly Token[], open: number): { name: string; loc: SourceRange } | undefined {
  let j = open - 1;
  // Skip a subscript: `p_\theta(x; w)`, `P_{X}(…)` (a `}` may also end the sign's font: `\mathbb{P}(`).
  if (toks[j]?.text === '}') {
    let k = j;
    for (let depth = 0; k >= 0; k--) {
      if (toks[k].text === '}') depth++;
      else if (toks[k].text === '{' && --depth === 0) break;
    }
    if (toks[k - 1]?.text === '_') j = k - 2;
  } else if (toks[j - 1]?.text === '_') j -= 2;
  if (j < 0) return undefined;
  for (let k = Math.max(0, j - 3); k <= j; k++) {
    const sign = signAt(toks, k);
    if (sign && sign.end === j + 1) return { name: sign.name, loc: at(toks[k].loc.start, toks[j].loc.end) };
  }
  return undefined;
}

/** The tokens of [from, to) outside any nested bracket. */
function topLevel(toks: readonly Token[], from: number, to: number): Token[] {
  const out: Token[] = [];
  let depth = 0;
  for (let j = from; j < to; j++) {
    const x = toks[j];
    if (x.kind !== 'num' && (x.text === '(' || x.text === '[' || x.text === '{' || x.text === '\\{' || x.text === '\\left')) depth++;
    else if (x.kind !== 'num' && (x.text === ')' || x.text === ']' || x.text === '}' || x.text === '\\}' || x.text === '\\right')) depth--;
    else if (depth === 0) out.push(x);
  }
  return out;
}

/** Whether the subscript starting at `i` (a group or one token) holds a token `test` accepts. */
function subscriptHas(toks: readonly Token[], i: number, test: (t: Token) => boolean): boolean {
  if (toks[i]?.text !== '{') return toks[i] !== undefined && test(toks[i]);
  const end = matchingClose(toks, i, '{', '}');
  return toks.slice(i + 1, end < 0 ? toks.length : end).some(test);
}
