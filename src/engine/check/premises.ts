// Equations the prose presents as premises, not as steps (issue 13, section 2: conditions and
// hypotheses): "the place where $f'(w) = 0$", "if $y = 1$", "Let $$…$$ and $$…$$", "$f'(x) = f(x)$ is
// a differential equation", "$f(0) = 1$ is an initial condition", "… $\frac{z}{1-w} = w$. Eliminating $z$
// from these equations gives …". Such an equation constrains its
// variables or states what the text assumes; it is reported as not checked, never as a mismatch.
// Only the words next to the math count: "If we differentiate, we get $$…$$" is a derivation.
import type { MathSpan } from '../source/span';
import { isConstantExpression, symbolUses } from '../models/symbol-uses';
import { describe, describeSym } from '../semantics/describe';
import { some } from '../semantics/walk';
import { isBuiltinFunction } from '../semantics/rules';
import type { Node } from '../parse/ast';
import type { Link } from './links';

/** How far back the words before an equation are read (characters of prose). */
const LEAD_IN_LIMIT = 240;
/** A paragraph break is crossed only when the words after it are this few ("Let", "and"). */
const SHORT_LEAD_IN_WORDS = 2;

/** Words that make the equation right after them a condition or an assumption. */
const CONDITION_BEFORE =
  /(?:^|\s)(where|whenever|if|such that|s\.\s?t\.|given that|provided that|assuming(?: that)?|assume that|suppose that|assumed(?: that)?|assum(?:e|ed|ing) (?:the|a|an|our) (?:[\w-]+ ){0,3}?(?:as|to be|of)|(?:the|a) (?:line|plane|hyperplane|curve|surface|(?:decision )?boundary)(?: of| at| is| given by)?)$/i;
/** Words that present the equation after them as the problem to solve: "let's consider the ODE", "consider the system". */
/** The names of a differential equation to solve: "ODE", "boundary-value problem", "IVP". */
const ODE_WORDS = String.raw`ODEs?|PDEs?|differential equations?|(?:boundary|initial)[\s-]value problems?|BVPs?|IVPs?`;
const PROBLEM_BEFORE = new RegExp(String.raw`\bconsider(?:ing)?\s+(?:the|this|a|an)\s+(?:[\w-]+\s+){0,3}?(${ODE_WORDS}|equations?|systems?(?: of equations)?|problems?)$`, 'i');
/**
 * Words that name the math after them as an equation to solve, whatever verb comes before: "that for the
 * ODE", "satisfies the fixed-point equation", "equations of the form".
 */
const EQUATION_BEFORE = new RegExp(
  String.raw`\b(?:(?:the|this|an?|following)\s+(?:[\w-]+\s+){0,3}?(${ODE_WORDS})|satisf(?:y|ies|ying)\s+(?:the|this|an?)\s+(?:[\w-]+\s+){0,3}?(equations?)|(equations?) of the form)$`,
  'i',
);
/** A sentence that is only these words and math states assumptions ("Let $…$ and $…$"). */
const CONDITION_SENTENCE = /^(let|suppose|assume|assuming|given|if|when)(?: that)?(?: (?:\$|and|,|also|now|then|further))*$/i;
/** What a sentence calls the equation just before these words. */
const CONDITION_AFTER =
  /^\s*(?:is|are)\s+(?:a|an|the|our)\s+(?:[\w-]+\s+){0,3}?(differential equations?|ODEs?|PDEs?|initial conditions?|initial values?|boundary conditions?|conditions?|constraints?|assumptions?|hypothes[ie]s|premises?)\b/i;

/** The next sentence works with the equations before it as ones to solve: "Eliminating $z$ from these equations gives …". */
const SOLVED_AFTER = /^[\s.,;:*_]*(eliminating|solving|combining|subtracting|adding)\b[^.]{0,60}?\b(?:these|the|both|the two) equations\b/i;

/** A definition by a condition that the sentence before states: "We say that $B$ is the inverse of $A$ if their product is the identity:". */
const DEFINED_BY_BEFORE = /\b(we say|is said to be|is called)\b[^.!?]*\b(?:if|when)\b[^.!?]*:[*_]*\s*$/i;
/**
 * A definition by properties listed after it: "A norm is a function with the following properties:",
 * then the list (not "It has the following properties:", which states a proposition's results).
 */
const PROPERTIES_BEFORE = /\b(?:is|are)\s+(?:a|an)\s+(?:(?![.!?:]\s).){0,160}?\b(?:with|satisfying|that satisf(?:y|ies))\s+the following\s+(properties|axioms|conditions)\s*:/gi;
/** How far back a definition's lead-in is looked for (characters). */
const DEFINITION_LEAD_IN = 800;

/** A condition in math right after the equation, in its sentence: "… if $t < \tau_i$", "… when $x > 0$" (an equation that holds in a case). */
const CASE_AFTER = /^[ \t,]*((?:only\s+)?(?:if|when|whenever|unless))\s+\$([^$]+)\$/;
/** A comparison, which makes the math after "if" a condition. */
const COMPARISON = /[<>≤≥≠]|\\(?:lt|gt|le|ge|leq|geq|neq|ne)\b/;

/** Words written in the math before an equation on its row: `&\text{subject to}& \mathbf A = \mathbf A^\top`. */
const ROW_CONDITION = /\\(?:text|mbox|mathrm|textrm|operatorname)\s*\{\s*(subject to|s\.\s?t\.|such that|where|if|given)\s*:?\s*\}[\s&\\,;:]*$/i;

/** A row that states an optimisation problem: `\min\quad &f_0(x)`, `\text{subject to} … f_i(x) \le 0`. */
const PROBLEM_ROW = /^\s*&?\s*(?:\\(?:min|max|minimize|maximize|argmin|argmax)(?![a-zA-Z])|\\(?:text|mathrm|operatorname)\*?\s*\{\s*(?:min|max|minimize|maximize)\s*\})|\\(?:text|mbox|mathrm)\s*\{\s*(?:subject to|s\.\s?t\.)/i;

/** The words in the math before the equation at `start` of `latex`, on its row, that make it a constraint or condition ("subject to"), if any. */
export function rowCue(latex: string, start: number): PremiseCue | undefined {
  // The row starts after the last `\\` or line break before `start` (searched back, not by splitting all before it).
  const rowBreak = latex.lastIndexOf('\\\\', start - 2);
  const rowStart = Math.max(rowBreak < 0 ? 0 : rowBreak + 2, latex.lastIndexOf('\n', start - 1) + 1);
  const row = latex.slice(rowStart, start);
  const match = ROW_CONDITION.exec(row);
  if (match) return { words: match[1], named: true };
  // `\min\quad &f_0(x) \\ &Ax = b`: a row under the statement of a problem (no equation of its own) is one of
  // its constraints, unless it goes on from the row before (`&= …`).
  if (/^\s*&?\s*(?:=|\\approx)/.test(latex.slice(rowStart))) return undefined;
  const rowsBefore = latex.slice(0, rowBreak < 0 ? 0 : rowBreak).split('\\\\');
  return rowsBefore.some((earlier) => PROBLEM_ROW.test(earlier) && (!earlier.includes('=') || /subject to|s\.\s?t\./i.test(earlier))) ? { words: 'subject to', named: true } : undefined;
}

/** Sentence ends: a stop, colon or semicolon (perhaps inside emphasis) followed by a space; not the stop of "s.t.", "e.g.", "i.e.". */
const SENTENCE_END = /(?<!\b(?:s\.t|e\.g|i\.e|cf|vs))[.!?:;][*_]*\s/;
/** Structure that no sentence crosses: a LaTeX sectioning or list command, or an environment edge. */
const STRUCTURE = /\\(?:item|section|subsection|subsubsection|paragraph|begin|end)\b/;

/** The prose's words that make an equation a premise: `named` when the text calls it one ("is an initial condition"). */
export interface PremiseCue {
  readonly words: string;
  readonly named: boolean;
  /**
   * The words present an equation in an unknown function ("the ODE"): a derivative of a known function
   * there (`\frac{d\sigma}{dx} = \sigma(1 - \sigma)`, "σ satisfies the differential equation") is a claim.
   */
  readonly ofUnknown?: true;
}

/**
 * The words around the math of `spans[index]` that make it a premise ("is an initial condition",
 * "where", "Let … and"), or undefined when its prose presents it as a step or a result.
 */
export function premiseCue(text: string, spans: readonly MathSpan[], index: number): PremiseCue | undefined {
  const span = spans[index];
  const next = text.slice(span.outer.end, span.outer.end + 120);
  const after = CONDITION_AFTER.exec(next.replace(/^[*_]+/, ''));
  if (after) return { words: after[0].trim(), named: true };
  const solved = SOLVED_AFTER.exec(next);
  if (solved) return { words: solved[0].replace(/^[\s.,;:*_]+/, '').replace(/\s+/g, ' '), named: true };
  // "use $\lambda_i = \lambda_{1,i}$ if $t < \tau_i$": a case, under a condition the math states.
  // "… only if $\|x\|_2 = 1$": a necessary condition, whatever relation it states.
  const condition = CASE_AFTER.exec(next);
  if (condition && (COMPARISON.test(condition[2]) || (/^only/i.test(condition[1]) && condition[2].includes('=')))) return { words: `${condition[1]} $${condition[2].trim()}$`, named: true };
  const defined = definedBefore(text.slice(Math.max(0, span.outer.start - DEFINITION_LEAD_IN), span.outer.start));
  if (defined) return { words: defined, named: true };
  const words = leadIn(text, spans, index);
  const problem = PROBLEM_BEFORE.exec(words);
  if (problem) return { words: `consider the ${problem[1]}`, named: true };
  const equation = EQUATION_BEFORE.exec(words);
  if (equation) return { words: `the ${equation[1] ?? equation[2] ?? equation[3]}`, named: true, ofUnknown: true };
  const before = CONDITION_BEFORE.exec(words);
  if (before) return { words: before[1], named: false };
  // "If $m = 1$ then $J = [r]$": the case's equation after "then", whatever relation opened it.
  if (/^(?:if|when|whenever)\b/i.test(words) && /\bthen$/i.test(words) && words.includes('$')) return { words: words.replace(/\$/g, '…'), named: true };
  if (CONDITION_SENTENCE.test(words)) return { words: words.split(' ')[0], named: false };
  // "For a support point where $\xi_i \neq 0$, …, and $w_i = C$": an equation in a case the sentence opens with.
  const inSentence = words.split('$').length - 1;
  const opensCase = /^(?:for|if|when|whenever|in case)\b/i.test(words) && inSentence > 0;
  if (opensCase && spans.slice(Math.max(0, index - inSentence), index).some((earlier) => COMPARISON.test(earlier.text))) {
    return { words: words.split(' ').slice(0, 4).join(' ').replace(/\$/g, '…'), named: true };
  }
  return undefined;
}

/** The words that make the math at the end of `before` a definition's condition: "we say … if …:", or an item of the properties a definition lists. */
function definedBefore(before: string): string | undefined {
  const sentence = DEFINED_BY_BEFORE.exec(before);
  if (sentence) return `${sentence[1]} … if`;
  const leads = [...before.matchAll(PROPERTIES_BEFORE)];
  const lead = leads[leads.length - 1];
  if (!lead) return undefined;
  // Only list items between the lead-in and the math: the math is one of the properties.
  const lines = before.slice(lead.index! + lead[0].length).split('\n').map((line) => line.trim()).filter(Boolean);
  const isItem = (line: string) => /^(?:[-*+]|\d+[.)]|\\item)\s/.test(line) || /^(?:[-*+]|\d+[.)]|\\item)$/.test(line);
  return lines.length > 0 && lines.every(isItem) ? `the following ${lead[1]}` : undefined;
}

/**
 * Whether `cue` makes its equation a case: "the only way … is if $x = \mu$", "If $\sigma(z) = z$, …", "…
 * only if $\|x\|_2 = 1$". After "if" (not "where", "let", "given"), an equation is a condition whatever
 * its sides, and it defines nothing for the text after it.
 */
export function isCase(cue: PremiseCue): boolean {
  return /^(?:if|when|whenever|only if|unless|provided that|such that)\b/i.test(cue.words) || /^s\.\s?t\.$/i.test(cue.words);
}

/**
 * True when `link` is a premise by `cue`: always when the text names it one, or after "if"; after
 * "where", "given" or "Let" only when it sets an expression to a number (`f'(w) = 0`, `y = 1`), since
 * those words also introduce definitions and results (`where $\nabla_b L = …$`).
 */
export function isPremise(link: Link, cue: PremiseCue): boolean {
  const [left, right] = [link.left.node, link.right.node];
  if (cue.ofUnknown && [left, right].some((side) => some(side, (n) => n.kind === 'deriv' && isKnownFunction(n.of)))) return false;
  if (cue.named || isCase(cue)) return true;
  return isConstantExpression(left) !== isConstantExpression(right);
}

/**
 * The words of the sentence before `spans[index]`, lower-level markup dropped and every earlier math
 * span written as `$`, normalised to single spaces.
 */
export function leadIn(text: string, spans: readonly MathSpan[], index: number): string {
  const pieces: string[] = [];
  let end = spans[index].outer.start;
  let earlier = index - 1;
  let budget = LEAD_IN_LIMIT;
  for (;;) {
    while (earlier >= 0 && spans[earlier].outer.end > end) earlier--;
    const proseStart = Math.max(earlier >= 0 ? spans[earlier].outer.end : 0, end - budget);
    const prose = text.slice(proseStart, end);
    budget -= prose.length;
    const { words, stopped } = lastSentence(prose, wordCount(pieces));
    pieces.unshift(words);
    if (stopped || earlier < 0 || proseStart > spans[earlier].outer.end || budget <= 0) break;
    // Math that ends with a full stop ends the sentence before it.
    if (/[.!?]\s*$/.test(spans[earlier].text)) break;
    pieces.unshift('$');
    end = spans[earlier].outer.start;
    earlier--;
  }
  return pieces.join(' ').replace(/,/g, ' ').replace(/\s+/g, ' ').trim();
}

function wordCount(pieces: readonly string[]): number {
  return pieces.join(' ').split(/\s+/).filter((w) => w && w !== '$').length;
}

/** The end of `prose` back to its sentence's start; `stopped` when that start is inside it. */
function lastSentence(prose: string, wordsAfter: number): { words: string; stopped: boolean } {
  // Line by line from the end: stop at a sentence end, a structural command or a paragraph break
  // that more than a few words follow.
  const lines = prose.split('\n');
  const kept: string[] = [];
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = plainLine(lines[i]);
    if (line === '' && i < lines.length - 1) {
      if (wordsAfter + kept.join(' ').split(/\s+/).filter(Boolean).length > SHORT_LEAD_IN_WORDS) return { words: kept.join(' '), stopped: true };
      continue;
    }
    const structure = STRUCTURE.exec(line);
    const tail = structure ? line.slice(structure.index + structure[0].length) : line;
    const ends = [...`${tail} `.matchAll(new RegExp(SENTENCE_END, 'g'))];
    if (ends.length > 0) {
      const last = ends[ends.length - 1];
      kept.unshift(tail.slice(last.index! + last[0].length - 1));
      return { words: kept.join(' '), stopped: true };
    }
    kept.unshift(tail);
    if (structure) return { words: kept.join(' '), stopped: true };
  }
  return { words: kept.join(' '), stopped: false };
}

/** A line of prose without its Markdown or comment markers and emphasis. */
function plainLine(line: string): string {
  return line
    .replace(/<[^>]*>/g, ' ')
    .replace(/^\s*(?:#+|\/\/+|\*|>|-|\d+\.)\s+/, '')
    .replace(/[*_`]+/g, '')
    // A LaTeX line break ends the line, not the sentence's last word (`matrix).\\`).
    .replace(/\\\\\s*$/, '')
    .trim();
}

/**
 * The premises the text has named so far, by their form with the one variable renamed, so that
 * the premise written again (`Because $f'(t) = f(t)$` after "$f'(x) = f(x)$ is a differential
 * equation") is the premise again, not a step.
 */
export class NamedPremises {
  private readonly words = new Map<string, string>();

  remember(link: Link, cue: PremiseCue): void {
    const form = premiseForm(link);
    if (cue.named && form) this.words.set(form, cue.words);
  }

  /** A new part of the document (a heading) states its own premises. */
  forget(): void {
    this.words.clear();
  }

  /** The words that named `link`'s equation a premise before, if they did. */
  named(link: Link): string | undefined {
    const form = premiseForm(link);
    return form === undefined ? undefined : this.words.get(form);
  }
}

/** `left = right` with its only variable written `•`; undefined when it has several variables. */
function premiseForm(link: Link): string | undefined {
  const sides = [link.left.node, link.right.node];
  const functions = new Set<string>();
  for (const side of sides) some(side, (node) => (node.kind === 'call' && functions.add(node.fn), false));
  const names = new Set(sides.flatMap((side) => symbolUses(side).map(({ sym }) => describeSym(sym))).filter((name) => !functions.has(name)));
  if (names.size > 1) return undefined;
  const form = `${describe(link.left.node)} = ${describe(link.right.node)}`;
  const [name] = names;
  return name === undefined ? form : form.replace(new RegExp(`(?<![\\p{L}\\d])${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\d])`, 'gu'), '•');
}

/** σ, `\sin x`, `\sigma(x)`: a function the checker knows, written alone or applied. */
function isKnownFunction(node: Node): boolean {
  if (node.kind === 'sym') return !node.sub && (node.name === 'sigma' || isBuiltinFunction(node.name));
  return node.kind === 'call' && (node.fn === 'sigma' || isBuiltinFunction(node.fn));
}
