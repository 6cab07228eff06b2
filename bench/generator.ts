// Benchmark corpus generator: documents of N claims that mix the four problems (mlp, ridge,
// batchnorm, batchnorm-mean), correct and wrong claims, and four notations (LaTeX in Markdown,
// Unicode prose in Markdown, ASCII in Python comments, a .tex document).
//
// Every claim is built once as an expression that renders itself in all notations at the same time
// (LaTeX, Unicode, ASCII and a SymPy expression), so the same question can be put to derivcheck in
// the notation the claim was assigned and to SymPy in Python. Claims vary: indices, sizes (k, n×d,
// m), batches, equivalent rewritings (factor order, expanded sums, σ written out, e^{-z} forms),
// symbol spellings, and for wrong claims the slip (sign, factor, wrong index, missing factor, 1/(m−1),
// missing square root…). Ground truth: a claim labelled correct is mathematically equal to the
// model's quantity; a wrong one is not (test/bench/bench-generator.test.ts checks both labels).
//
// Deterministic: the same (n, seed) always gives the same corpus.
import { Random } from '../src/engine/evaluate/random';

export type Problem = 'mlp' | 'ridge' | 'batchnorm' | 'batchnorm-mean';
export type Notation = 'md-latex' | 'md-unicode' | 'py-ascii' | 'tex';
export type FileKind = 'md' | 'py' | 'tex';

export const PROBLEMS: readonly Problem[] = ['mlp', 'ridge', 'batchnorm', 'batchnorm-mean'];
export const NOTATIONS: readonly Notation[] = ['md-latex', 'md-unicode', 'py-ascii', 'tex'];

/** The model a SymPy program builds for a claim (see bench/sympy_check.py). */
export type SympySetup =
  | { problem: 'mlp'; k: number }
  | { problem: 'ridge'; n: number; d: number }
  | { problem: 'batchnorm'; m: number; batch?: number[]; gamma?: number; beta?: number }
  | { problem: 'batchnorm-mean'; m: number };

export interface SympyQuestion {
  readonly setup: SympySetup;
  /** Python (SymPy) for the model's quantity, in the setup's namespace: `diff(L, C_2)`. */
  readonly lhs: string;
  /** Python (SymPy) for the claim's right side. */
  readonly rhs: string;
  /** A decimal answer: equal when |lhs − rhs| is within half a unit of the last written place. */
  readonly decimals?: number;
}

export interface Claim {
  readonly id: number;
  readonly problem: Problem;
  readonly notation: Notation;
  readonly correct: boolean;
  /** What is claimed, e.g. `dL/dC_p`, `x*`, `y_p value`. */
  readonly template: string;
  /** For a wrong claim, the slip: `sign`, `factor`, `index`, `no-x`… */
  readonly slip?: string;
  /** The claim as written in its document (math only). */
  readonly text: string;
  readonly file: FileKind;
  /** Offsets of the claim in its file. */
  start: number;
  end: number;
  readonly section: number;
  readonly sympy: SympyQuestion;
}

export interface GeneratedFile {
  readonly kind: FileKind;
  readonly name: string;
  readonly language: 'markdown' | 'latex' | 'python';
  readonly text: string;
}

export interface Corpus {
  readonly n: number;
  readonly seed: number;
  readonly claims: Claim[];
  readonly files: GeneratedFile[];
  /** Per section: the document text that must precede a claim of it (directive, given data). */
  readonly headers: Map<number, string>;
}

// ---------------------------------------------------------------------------------------------
// Random numbers.

/** The engine's seeded PRNG with the picks the generator needs. */
export class Rng extends Random {
  int(lo: number, hi: number): number {
    return this.integer(lo, hi);
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items;
  }
}

// ---------------------------------------------------------------------------------------------
// Expressions rendered in four notations at once.

/** sum: a ± b; prod: juxtaposed/·/* factors; neg: −a; frac: a/b (an atom in LaTeX); atom: the rest. */
type Kind = 'sum' | 'prod' | 'neg' | 'frac' | 'atom';

export interface R {
  readonly tex: string;
  readonly uni: string;
  readonly asc: string;
  readonly py: string;
  readonly kind: Kind;
  /** A number literal (needs an explicit product sign after another factor). */
  readonly num?: boolean;
}

const SUB_DIGITS = '₀₁₂₃₄₅₆₇₈₉';
const MINUS = '−';

class Builder {
  constructor(readonly rng: Rng) {}

  atom(tex: string, uni: string, asc: string, py: string): R {
    return { tex, uni, asc, py, kind: 'atom' };
  }

  int(n: number): R {
    if (n < 0) return this.neg(this.int(-n));
    const s = String(n);
    return { tex: s, uni: s, asc: s, py: `Integer(${s})`, kind: 'atom', num: true };
  }

  /** p/q in lowest terms (q > 0). */
  rational(p: number, q: number): R {
    const g = gcd(Math.abs(p), q);
    p /= g;
    q /= g;
    if (q === 1) return this.int(p);
    if (p < 0) return this.neg(this.rational(-p, q));
    return { tex: `\\frac{${p}}{${q}}`, uni: `${p}/${q}`, asc: `${p}/${q}`, py: `Rational(${p}, ${q})`, kind: 'frac', num: true };
  }

  decimal(value: number, places: number): R {
    const s = value.toFixed(places);
    if (s.startsWith('-')) {
      const t = s.slice(1);
      return this.neg({ tex: t, uni: t, asc: t, py: `Rational('${t}')`, kind: 'atom', num: true });
    }
    return { tex: s, uni: s, asc: s, py: `Rational('${s}')`, kind: 'atom', num: true };
  }

  /** name_i, e.g. C_2: `C_2` or `C_{2}` in LaTeX, `C₂` or `C_2` in Unicode. */
  indexed(name: { tex: string; uni: string; asc: string; py: string }, i: number | string): R {
    const braces = this.rng.chance(0.3);
    const tex = `${name.tex}_${braces || String(i).length > 1 ? `{${i}}` : i}`;
    const uni = typeof i === 'number' && this.rng.chance(0.6) ? `${name.uni}${String(i).split('').map((c) => SUB_DIGITS[Number(c)]).join('')}` : `${name.uni}_${i}`;
    return this.atom(tex, uni, `${name.asc}_${i}`, `${name.py}_${i}`);
  }

  paren(r: R): R {
    const tex = this.rng.chance(0.25) ? `\\left(${r.tex}\\right)` : `(${r.tex})`;
    return { tex, uni: `(${r.uni})`, asc: `(${r.asc})`, py: `(${r.py})`, kind: 'atom' };
  }

  neg(r: R): R {
    const inner = r.kind === 'sum' || r.kind === 'neg' ? this.paren(r) : r;
    const minus = this.rng.chance(0.8) ? MINUS : '-';
    return { tex: `-${inner.tex}`, uni: `${minus}${inner.uni}`, asc: `-${inner.asc}`, py: `(-${inner.py})`, kind: 'neg' };
  }

  /** Terms with signs: sum([[1, a], [-1, b]]) is a − b. */
  sum(terms: readonly (readonly [1 | -1, R])[]): R {
    let tex = '';
    let uni = '';
    let asc = '';
    let py = '';
    const minus = this.rng.chance(0.85) ? MINUS : '-';
    terms.forEach(([sign, term], index) => {
      const negative = term.kind === 'neg' || term.tex.startsWith('-');
      const t = (sign < 0 && (term.kind === 'sum' || negative)) || (index > 0 && negative) ? this.paren(term) : term;
      if (index === 0) {
        tex += sign < 0 ? `-${t.tex}` : t.tex;
        uni += sign < 0 ? `${minus}${t.uni}` : t.uni;
        asc += sign < 0 ? `-${t.asc}` : t.asc;
        py += sign < 0 ? `-(${t.py})` : `(${t.py})`;
      } else {
        tex += sign < 0 ? ` - ${t.tex}` : ` + ${t.tex}`;
        uni += sign < 0 ? ` ${minus} ${t.uni}` : ` + ${t.uni}`;
        asc += sign < 0 ? ` - ${t.asc}` : ` + ${t.asc}`;
        py += sign < 0 ? ` - (${t.py})` : ` + (${t.py})`;
      }
    });
    return { tex, uni, asc, py: `(${py})`, kind: 'sum' };
  }

  /** A product of scalar factors (the first may be a negative coefficient). */
  prod(factors: readonly R[]): R {
    if (factors.length === 1) return factors[0];
    const texSep = this.rng.pick([' ', ' ', '\\,', ' \\cdot ']);
    const uniDot = this.rng.chance(0.5);
    let tex = '';
    let uni = '';
    let asc = '';
    factors.forEach((f0, index) => {
      const first = index === 0;
      let f = f0;
      if (f.kind === 'sum' || (!first && (f.kind === 'neg' || f.tex.startsWith('-')))) f = this.paren(f);
      // Unicode and ASCII: a quotient is a factor in parentheses unless it comes last.
      const ua = f.kind === 'frac' && (index < factors.length - 1) ? this.paren(f) : f;
      if (first) {
        tex = f.tex;
        uni = ua.uni;
        asc = ua.asc;
        return;
      }
      const prev = factors[index - 1];
      tex += f.num || prev.num && f.tex.startsWith('\\frac') ? ' \\cdot ' : needsTexSpace(tex, f.tex, texSep);
      tex += f.tex;
      const juxtapose = !uniDot && !f.num && (ua.uni.startsWith('(') || /\)$/.test(uni) || (prev.num && /^[^\d]/.test(ua.uni)));
      uni += (juxtapose ? '' : '·') + ua.uni;
      asc += `*${ua.asc}`;
    });
    return { tex, uni, asc, py: `(${factors.map((f) => `(${f.py})`).join('*')})`, kind: 'prod' };
  }

  /** A product of matrices/vectors: juxtaposed in LaTeX and Unicode, `@` in ASCII, `*` for SymPy matrices. */
  mprod(factors: readonly R[], scalar?: R): R {
    const wrapped = factors.map((f) => (f.kind === 'sum' || f.kind === 'neg' ? this.paren(f) : f));
    const spaced = this.rng.chance(0.3);
    const atSpace = this.rng.chance(0.5) ? ' @ ' : '@';
    const s = scalar ? (scalar.kind === 'sum' ? this.paren(scalar) : scalar) : undefined;
    let tex = s ? s.tex : '';
    for (const f of wrapped) tex += (tex && (spaced || (/\\[a-zA-Z]+$/.test(tex) && /^[A-Za-z]/.test(f.tex))) ? ' ' : '') + f.tex;
    const uni = (s ? s.uni : '') + wrapped.map((f) => f.uni).join('');
    const asc = (s ? `${s.asc}*` : '') + wrapped.map((f) => f.asc).join(atSpace);
    const py = `(${[...(s ? [s.py] : []), ...wrapped.map((f) => f.py)].join('*')})`;
    return { tex, uni, asc, py, kind: 'prod' };
  }

  frac(a: R, b: R): R {
    const dfrac = this.rng.chance(0.15) ? '\\dfrac' : '\\frac';
    const ua = (x: R, key: 'uni' | 'asc') => (x.kind === 'atom' && !x[key].includes('/') ? x[key] : `(${x[key]})`);
    return {
      tex: `${dfrac}{${a.tex}}{${b.tex}}`,
      uni: `${ua(a, 'uni')}/${ua(b, 'uni')}`,
      asc: `${ua(a, 'asc')}/${ua(b, 'asc')}`,
      py: `((${a.py})/(${b.py}))`,
      kind: 'frac',
    };
  }

  square(r: R): R {
    const base = r.kind === 'atom' && !r.num ? r : this.paren(r);
    const star = this.rng.chance(0.6) ? '**2' : '^2';
    const sup = this.rng.chance(0.7) ? '²' : '^2';
    return { tex: `${base.tex}^2`, uni: `${base.uni}${sup}`, asc: `${base.asc}${star}`, py: `(${base.py})**2`, kind: 'atom' };
  }

  sqrt(r: R): R {
    const np = this.rng.chance(0.5) ? 'np.sqrt' : 'sqrt';
    const inner = r.kind === 'atom' ? r.uni : `(${r.uni})`;
    return { tex: `\\sqrt{${r.tex}}`, uni: `√${inner}`, asc: `${np}(${r.asc})`, py: `sqrt(${r.py})`, kind: 'atom' };
  }

  exp(r: R): R {
    const form = this.rng.pick(['e', 'e', 'exp']);
    const np = this.rng.chance(0.5) ? 'np.exp' : 'exp';
    const tex = form === 'e' ? `e^{${r.tex}}` : `\\exp(${r.tex})`;
    const uni = form === 'e' ? `e^(${r.uni})` : `exp(${r.uni})`;
    return { tex, uni, asc: `${np}(${r.asc})`, py: `exp(${r.py})`, kind: 'atom' };
  }
}

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a || 1;
}

function needsTexSpace(before: string, next: string, sep: string): string {
  if (sep !== ' ') return sep;
  // `C_2 x`, `\sigma(z) x`: a space keeps a letter from gluing to a command name.
  return /\\[a-zA-Z]+$/.test(before) || /^[A-Za-z0-9]/.test(next) ? ' ' : '';
}

// ---------------------------------------------------------------------------------------------
// Claims of each problem.

interface Built {
  readonly template: string;
  readonly slip?: string;
  readonly correct: boolean;
  /** Left side in each notation (a derivative or a quantity). */
  readonly lhs: { tex: string; uni: string; asc: string; texMacro?: string };
  readonly rhs: R;
  readonly pyLhs: string;
  readonly decimals?: number;
  /** false: only math notations (the left side is not a derivative, so prose and comments do not hold it). */
  readonly prose: boolean;
}

interface DerivNames {
  num: { tex: string; uni: string; asc: string };
  den: R;
}

function derivative(b: Builder, names: DerivNames): Built['lhs'] {
  const { num, den } = names;
  const tex = b.rng.chance(0.8) ? `\\frac{\\partial ${num.tex}}{\\partial ${den.tex}}` : `\\partial ${num.tex}/\\partial ${den.tex}`;
  return { tex, uni: `∂${num.uni}/∂${den.uni}`, asc: `d${num.asc}/d${den.asc}`, texMacro: `\\pd{${num.tex}}{${den.tex}}` };
}

/** ∂L/∂y_j as a factor of a right side (batchnorm): an atom in every notation, `g_j` for SymPy. */
function upstream(b: Builder, j: number | string): R {
  const tex = `\\frac{\\partial L}{\\partial y_${typeof j === 'string' || j < 10 ? j : `{${j}}`}}`;
  const uniIndex = typeof j === 'number' && b.rng.chance(0.5) ? SUB_DIGITS[j] : `_${j}`;
  return b.atom(tex, `∂L/∂y${uniIndex}`, `dL/dy_${j}`, `g_${j}`);
}

// --- Problem 1: the MLP ------------------------------------------------------------------------

interface MlpStyle {
  y: R;
  yhat: R;
  sigmaAsc: string;
}

function mlpStyle(b: Builder): MlpStyle {
  const pair = b.rng.pick([
    [b.atom('y', 'y', 'y', 'y'), b.atom('\\hat y', 'ŷ', 'y_hat', 'y_pred')],
    [b.atom('y', 'y', 'y', 'y'), b.atom('\\hat{y}', 'ŷ', 'yhat', 'y_pred')],
    [b.atom('y_{true}', 'y_true', 'y_true', 'y'), b.atom('y_{pred}', 'y_pred', 'y_pred', 'y_pred')],
    [b.atom('y_{\\text{true}}', 'y', 'ytrue', 'y'), b.atom('y_{\\text{pred}}', 'ŷ', 'ypred', 'y_pred')],
    [b.atom('y', 'y', 'y', 'y'), b.atom('y_{pred}', 'y_pred', 'y_pred', 'y_pred')],
  ]);
  return { y: pair[0], yhat: pair[1], sigmaAsc: b.rng.pick(['sigmoid', 'sigmoid', 'sigma']) };
}

const NAME = (tex: string, uni: string, asc: string, py: string) => ({ tex, uni, asc, py });

function mlpClaim(b: Builder, k: number, correct: boolean): Built {
  const st = mlpStyle(b);
  const r = b.rng;
  const p = r.int(1, k);
  const other = (i: number) => (i % k) + 1; // another index (k ≥ 2)
  const C = (i: number) => b.indexed(NAME('C', 'C', 'C', 'C'), i);
  const A = (i: number) => b.indexed(NAME('A', 'A', 'A', 'A'), i);
  const bi = (i: number) => b.indexed(NAME('b', 'b', 'b', 'b'), i);
  const z = (i: number): R => {
    if (r.chance(0.15)) return b.sum([[1, b.prod([A(i), b.atom('x', 'x', 'x', 'x')])], [1, bi(i)]]);
    return b.indexed(NAME('z', 'z', 'z', 'z'), i);
  };
  const x = b.atom('x', 'x', 'x', 'x');
  const sig = (i: number): R => {
    const form = r.pick(['s', 's', 's', 'frac']);
    if (form === 'frac') return b.frac(b.int(1), b.sum([[1, b.int(1)], [1, b.exp(b.neg(z(i)))]]));
    const zi = z(i);
    return b.atom(`\\sigma(${zi.tex})`, `σ(${zi.uni})`, `${st.sigmaAsc}(${zi.asc})`, `sigma(${zi.py})`);
  };
  const dsig = (i: number): R => {
    const form = r.pick(['prime', 's1s', 's1s', 'exp', 'diff']);
    if (form === 'prime') {
      const zi = z(i);
      const prime = r.chance(0.8) ? '′' : "'";
      return b.atom(`\\sigma'(${zi.tex})`, `σ${prime}(${zi.uni})`, `sigma'(${zi.asc})`, `dsigma(${zi.py})`);
    }
    if (form === 'exp') {
      const zi = z(i);
      return b.frac(b.exp(b.neg(zi)), b.square(b.sum([[1, b.int(1)], [1, b.exp(b.neg(zi))]])));
    }
    if (form === 'diff') return b.sum([[1, sig(i)], [-1, b.square(sig(i))]]);
    return b.prod([sig(i), b.sum([[1, b.int(1)], [-1, sig(i)]])]);
  };
  /** ∂L/∂ŷ = −2(y − ŷ), in one of its spellings; `factor` scales it (a slip when ≠ 1), `sign` flips it. */
  const err = (factor: number, sign: 1 | -1): R[] => {
    const form = r.pick(['m2', 'm2', 'p2', 'expanded', 'sum']);
    const yhat = form === 'expanded' && k <= 4
      ? b.sum([...Array.from({ length: k }, (_, j) => [1, b.prod([C(j + 1), sig(j + 1)])] as const), [1, b.atom('d', 'd', 'd', 'd')]])
      : st.yhat;
    const c = -2 * factor * sign; // the coefficient of (y − ŷ)
    const times = (coef: number, diff: R): R[] => (coef === 1 ? [diff] : coef === -1 ? [b.neg(b.paren(diff))] : [b.int(coef), diff]);
    if (form === 'sum' && c === -2) return [b.sum([[1, b.prod([b.int(2), yhat])], [-1, b.prod([b.int(2), st.y])]])];
    if (form === 'p2') return times(-c, b.sum([[1, yhat], [-1, st.y]]));
    return times(c, b.sum([[1, st.y], [-1, yhat]]));
  };
  const order = (coeffFirst: R[], rest: R[]): R[] => {
    // A numeric coefficient stays in front; the other factors come in any order.
    const lead = coeffFirst.filter((f) => f.num || f.kind === 'neg');
    const tail = coeffFirst.filter((f) => !(f.num || f.kind === 'neg'));
    return [...lead, ...r.shuffle([...tail, ...rest])];
  };

  const targets = ['d', 'C', 'b', 'A', 'z', 'yhatC', 'yhatz', 'gd'] as const;
  const target = r.pick(targets);
  const slips: Record<(typeof targets)[number], string[]> = {
    d: ['sign', 'factor', 'extra-sigma'],
    C: ['sign', 'factor', 'index', 'dsigma'],
    b: ['sign', 'factor', 'no-C', 'sigma-squared', 'sigma-not-dsigma', 'index'],
    A: ['no-x', 'sign', 'factor', 'sigma-not-dsigma'],
    z: ['sign', 'no-C', 'x-extra'],
    yhatC: ['dsigma', 'index'],
    yhatz: ['no-C', 'sigma-not-dsigma'],
    gd: ['ascent'],
  };
  const slip = correct ? undefined : r.pick(slips[target]);
  const factor = slip === 'factor' ? r.pick([0.5, 2]) : 1;
  const sign: 1 | -1 = slip === 'sign' ? -1 : 1;
  const q = slip === 'index' ? other(p) : p;
  const L = NAME('L', 'L', 'L', 'L');
  const yhatName = { tex: st.yhat.tex, uni: st.yhat.uni, asc: st.yhat.asc };

  switch (target) {
    case 'd': {
      const rest = slip === 'extra-sigma' ? [sig(p)] : [];
      return {
        template: 'dL/dd', slip, correct, prose: true,
        lhs: derivative(b, { num: L, den: b.atom('d', 'd', 'd', 'd') }),
        rhs: b.prod(order(err(factor, sign), rest)),
        pyLhs: 'diff(L, d)',
      };
    }
    case 'C': {
      const s = slip === 'dsigma' ? dsig(p) : sig(q);
      return {
        template: 'dL/dC_p', slip, correct, prose: true,
        lhs: derivative(b, { num: L, den: C(p) }),
        rhs: b.prod(order(err(factor, sign), [s])),
        pyLhs: `diff(L, C_${p})`,
      };
    }
    case 'b': {
      const rest: R[] = [];
      if (slip !== 'no-C') rest.push(C(q));
      if (slip === 'sigma-squared') rest.push(b.square(sig(p)));
      else if (slip === 'sigma-not-dsigma') rest.push(sig(p));
      else rest.push(dsig(q));
      return {
        template: 'dL/db_p', slip, correct, prose: true,
        lhs: derivative(b, { num: L, den: bi(p) }),
        rhs: b.prod(order(err(factor, sign), rest)),
        pyLhs: `diff(L, b_${p})`,
      };
    }
    case 'A': {
      const rest: R[] = [C(p), slip === 'sigma-not-dsigma' ? sig(p) : dsig(p)];
      if (slip !== 'no-x') rest.push(x);
      return {
        template: 'dL/dA_p', slip, correct, prose: true,
        lhs: derivative(b, { num: L, den: A(p) }),
        rhs: b.prod(order(err(factor, sign), rest)),
        pyLhs: `diff(L, A_${p})`,
      };
    }
    case 'z': {
      const rest: R[] = [dsig(p)];
      if (slip !== 'no-C') rest.push(C(p));
      if (slip === 'x-extra') rest.push(x);
      return {
        template: 'dL/dz_p', slip, correct, prose: true,
        lhs: derivative(b, { num: L, den: b.indexed(NAME('z', 'z', 'z', 'z'), p) }),
        rhs: b.prod(order(err(factor, sign), rest)),
        pyLhs: `dL_dz(${p})`,
      };
    }
    case 'yhatC': {
      return {
        template: 'dyhat/dC_p', slip, correct, prose: true,
        lhs: derivative(b, { num: yhatName, den: C(p) }),
        rhs: slip === 'dsigma' ? dsig(p) : sig(q),
        pyLhs: `diff(y_pred, C_${p})`,
      };
    }
    case 'yhatz': {
      const rest: R[] = [slip === 'sigma-not-dsigma' ? sig(p) : dsig(p)];
      if (slip !== 'no-C') rest.unshift(C(p));
      return {
        template: 'dyhat/dz_p', slip, correct, prose: true,
        lhs: derivative(b, { num: yhatName, den: b.indexed(NAME('z', 'z', 'z', 'z'), p) }),
        rhs: b.prod(r.shuffle(rest)),
        pyLhs: `dyhat_dz(${p})`,
      };
    }
    case 'gd': {
      const param = r.pick(['b', 'C', 'A'] as const);
      const sup = r.pick(['^{(t+1)}', '^{t+1}']);
      const cur = r.pick(['^{(t)}', '^{t}']);
      const pname = `${param}_${p}`;
      const gradient = param === 'C' ? [sig(p)] : param === 'b' ? [C(p), dsig(p)] : [C(p), dsig(p), x];
      const alpha = b.atom('\\alpha', 'α', 'alpha', 'alpha');
      // θ − α∂L/∂θ = θ − 2α(ŷ − y)g = θ + 2α(y − ŷ)g; the slip adds the gradient (ascent).
      const descentForm = r.chance(0.5);
      const diff = descentForm ? b.sum([[1, st.yhat], [-1, st.y]]) : b.sum([[1, st.y], [-1, st.yhat]]);
      const step = b.prod([b.int(2), alpha, ...r.shuffle([diff, ...gradient])]);
      const sign: 1 | -1 = (descentForm ? -1 : 1) * (slip === 'ascent' ? -1 : 1) as 1 | -1;
      const rhs = b.sum([[1, b.atom(`${pname}${cur}`, `${pname}${cur}`, pname, pname)], [sign, step]]);
      return {
        template: 'gradient step', slip, correct, prose: false,
        lhs: { tex: `${pname}${sup}`, uni: `${pname}${sup}`, asc: `${pname}_new` },
        rhs,
        pyLhs: `${pname} - alpha*diff(L, ${pname})`,
      };
    }
  }
}

// --- Problem 2: ridge regression -----------------------------------------------------------------

function ridgeClaim(b: Builder, n: number, d: number, correct: boolean): Built {
  const r = b.rng;
  const T = r.pick(['^T', '^\\top', '^{T}', '^\\top']);
  const A = b.atom('A', 'A', 'A', 'A');
  const At = b.atom(`A${T}`, 'Aᵀ', 'A.T', 'A.T');
  const x = b.atom('x', 'x', 'x', 'x');
  const bv = b.atom('b', 'b', 'b', 'b');
  const lamAsc = r.pick(['lam', 'lam', 'lambda']);
  const lam = b.atom('\\lambda', 'λ', lamAsc, 'lam');
  const I = (size: number) => b.atom('I', 'I', 'I', `eye(${size})`);
  const two = b.int(2);
  const target = r.pick(['grad', 'grad', 'grad', 'xstar']);
  if (target === 'grad') {
    const slip = correct ? undefined : r.pick(['half-lambda', 'sign', 'no-two', 'A-not-At', 'plus-b']);
    const residual = b.sum([[1, b.mprod([A, x])], [slip === 'plus-b' ? 1 : -1, bv]]);
    const lamTerm = b.mprod([x], slip === 'half-lambda' || slip === 'no-two' ? lam : b.prod([two, lam]));
    const form = slip === 'plus-b' || slip === 'A-not-At' ? 'factored' : r.pick(['factored', 'expanded', 'normal', 'bminus']);
    const coef = slip === 'no-two' ? undefined : two;
    const s: 1 | -1 = slip === 'sign' ? -1 : 1;
    let terms: (readonly [1 | -1, R])[];
    if (form === 'factored') {
      terms = [[s, b.mprod([slip === 'A-not-At' ? A : At, residual], coef)], [1, lamTerm]];
    } else if (form === 'bminus') {
      // −2Aᵀ(b − Ax) + 2λx
      terms = [[s === 1 ? -1 : 1, b.mprod([At, b.sum([[1, bv], [-1, b.mprod([A, x])]])], coef)], [1, lamTerm]];
    } else if (form === 'expanded') {
      terms = [[s, b.mprod([At, A, x], coef)], [s === 1 ? -1 : 1, b.mprod([At, bv], coef)], [1, lamTerm]];
    } else {
      // 2(AᵀA + λI)x − 2Aᵀb
      const lamPart = slip === 'half-lambda' ? b.prod([b.rational(1, 2), lam]) : lam;
      const inner = b.sum([[1, b.mprod([At, A])], [1, b.mprod([I(d)], lamPart)]]);
      terms = [[s, b.mprod([inner, x], coef)], [s === 1 ? -1 : 1, b.mprod([At, bv], coef)]];
    }
    const rhs = b.sum(r.shuffle(terms));
    const lhsForm = r.pick(['nabla_x f', 'nabla_x f(x)', 'nabla f(x)', 'df/dx']);
    const lhs =
      lhsForm === 'nabla_x f' ? { tex: '\\nabla_x f', uni: r.chance(0.5) ? '∇ₓf' : '∇_x f', asc: r.chance(0.5) ? 'grad_x f' : 'nabla_x f' }
      : lhsForm === 'nabla_x f(x)' ? { tex: '\\nabla_x f(x)', uni: '∇_x f(x)', asc: 'grad_x f' }
      : lhsForm === 'nabla f(x)' ? { tex: '\\nabla f(x)', uni: '∇f(x)', asc: 'grad f(x)' }
      : { tex: '\\frac{\\partial f}{\\partial x}', uni: '∂f/∂x', asc: 'df/dx' };
    return { template: '∇f', slip, correct, prose: true, lhs, rhs, pyLhs: 'grad_f()' };
  }
  // The minimizer.
  const slip = correct ? undefined : r.pick(['lambda-sign', 'two-lambda', 'two', 'wrong-order']);
  const form = r.pick(['normal', 'normal', 'push']);
  const lamI = (size: number) => b.mprod([I(size)], slip === 'two-lambda' ? b.prod([b.int(2), lam]) : lam);
  const inv = (m: R): R => {
    const p = b.paren(m);
    return { tex: `${p.tex}^{-1}`, uni: `${p.uni}⁻¹`, asc: `inv${p.asc}`, py: `(${p.py})**-1`, kind: 'atom' };
  };
  let rhs: R;
  if (slip === 'wrong-order') {
    // (AAᵀ + λI)⁻¹Aᵀb: the push-through form with Aᵀ on the wrong side (a shape error unless n = d).
    rhs = b.mprod([inv(b.sum([[1, b.mprod([A, At])], [1, lamI(n)]])), At, bv]);
  } else if (form === 'push') {
    rhs = b.mprod([At, inv(b.sum([[1, b.mprod([A, At])], [slip === 'lambda-sign' ? -1 : 1, lamI(n)]])), bv], slip === 'two' ? b.int(2) : undefined);
  } else {
    rhs = b.mprod([inv(b.sum([[1, b.mprod([At, A])], [slip === 'lambda-sign' ? -1 : 1, lamI(d)]])), At, bv], slip === 'two' ? b.int(2) : undefined);
  }
  const name = r.pick([['x^*', 'x*'], ['x^\\star', 'x*'], ['\\hat x', 'x̂'], ['\\hat{x}', 'x̂'], ['x_{ridge}', 'x_ridge']]);
  return {
    template: 'x*', slip, correct, prose: false,
    lhs: { tex: name[0], uni: name[1], asc: name[1] },
    rhs,
    pyLhs: 'xstar()',
  };
}

// --- Problem 3: batch normalization on a given batch ------------------------------------------------

interface Batch {
  x: number[];
  gamma: number;
  beta: number;
}

/** Exact statistics of an integer batch: μ = sum/m, σ² = sqM/m³ with sqM = Σ(m·x_j − sum)². */
function batchStats(batch: Batch) {
  const m = batch.x.length;
  const sum = batch.x.reduce((t, v) => t + v, 0);
  const sqM = batch.x.reduce((t, v) => t + (m * v - sum) ** 2, 0);
  const mu = sum / m;
  const variance = sqM / m ** 3;
  return { m, sum, sqM, mu, var: variance, std: Math.sqrt(variance) };
}

function batchnormClaim(b: Builder, batch: Batch | undefined, m: number, correct: boolean): Built {
  const r = b.rng;
  // With a given batch, an entry at the mean (x̂_p = 0) would hide several slips: index another one.
  const p = batch ? r.pick(batch.x.map((v, i) => (v * m === batchStats(batch).sum ? 0 : i + 1)).filter((i) => i > 0)) : r.int(1, m);
  const gammaR = b.atom('\\gamma', 'γ', 'gamma', 'gamma');
  const muR = b.atom(r.pick(['\\mu', '\\mu_\\mathcal{B}', '\\mu_B']), 'μ', 'mu', 'mu');
  const sig2 = b.atom(r.pick(['\\sigma^2', '\\sigma_\\mathcal{B}^2', '\\sigma_B^2']), 'σ²', r.pick(['sigma^2', 'sigma**2']), 'var');
  const eps = b.atom('\\epsilon', 'ε', r.pick(['eps', 'epsilon']), 'eps');
  const xhat = (i: number | string) => {
    const t = r.pick(['\\hat x', '\\hat{x}']);
    return b.atom(`${t}_${i}`, typeof i === 'number' && r.chance(0.5) ? `x̂${SUB_DIGITS[i]}` : `x̂_${i}`, r.pick(['xhat', 'x_hat']) + `_${i}`, `xhat_${i}`);
  };
  const xi = (i: number) => b.indexed(NAME('x', 'x', 'x', 'x'), i);
  const sumj = (body: (j: number | string) => R, explicit: boolean): R => batchSum(b, m, body, explicit);
  // Targets that hold without the batch's values (prose and comments too), and numeric ones (math only).
  const numeric = batch !== undefined && r.chance(0.5);
  if (!numeric) {
    const target = r.pick(['dmu', 'dvar', 'dy/dbeta', 'dy/dgamma', 'dL/dbeta', 'dL/dgamma', 'dL/dx', 'dL/dx']);
    switch (target) {
      case 'dmu': {
        const slip = correct ? undefined : 'm-1';
        return {
          template: 'dmu/dx_p', slip, correct, prose: true,
          lhs: derivative(b, { num: { tex: muR.tex, uni: 'μ', asc: 'mu' }, den: xi(p) }),
          rhs: b.rational(1, slip ? m - 1 : m),
          pyLhs: `diff(MU, X_${p})`,
        };
      }
      case 'dvar': {
        const slip = correct ? undefined : r.pick(['m-1', 'no-two']);
        const num = b.prod([...(slip === 'no-two' ? [] : [b.int(2)]), b.sum([[1, xi(p)], [-1, muR]])]);
        return {
          template: 'dvar/dx_p', slip, correct, prose: false,
          lhs: derivative(b, { num: { tex: sig2.tex, uni: 'σ²', asc: 'var' }, den: xi(p) }),
          rhs: b.frac(num, b.int(slip === 'm-1' ? m - 1 : m)),
          pyLhs: `diff(VAR, X_${p})`,
        };
      }
      case 'dy/dbeta': {
        // With a given γ = 1 the slip "γ" would be right: then the slip is 0.
        const slip = correct ? undefined : batch?.gamma === 1 ? 'zero' : 'gamma';
        return {
          template: 'dy_p/dbeta', slip, correct, prose: true,
          lhs: derivative(b, { num: b.indexed(NAME('y', 'y', 'y', 'y'), p), den: b.atom('\\beta', 'β', 'beta', 'beta') }),
          rhs: slip === 'gamma' ? gammaR : slip === 'zero' ? b.int(0) : b.int(1),
          pyLhs: `diff(Y_${p}, BETA)`,
        };
      }
      case 'dy/dgamma': {
        // With a given batch x̂_p may happen to be 1 or x_p, which would make that slip right.
        const xhatP = batch ? (batch.x[p - 1] - batchStats(batch).mu) / batchStats(batch).std : NaN;
        const slips = (['x-not-xhat', 'one'] as const).filter((k) => !batch || Math.abs(xhatP - (k === 'one' ? 1 : batch.x[p - 1])) > 1e-9);
        // x̂_p ≠ 0 (p is not at the mean), so 0 is always a slip.
        const slip = correct ? undefined : slips.length ? r.pick(slips) : 'zero';
        return {
          template: 'dy_p/dgamma', slip, correct, prose: true,
          lhs: derivative(b, { num: b.indexed(NAME('y', 'y', 'y', 'y'), p), den: gammaR }),
          rhs: slip === 'x-not-xhat' ? xi(p) : slip === 'one' ? b.int(1) : slip === 'zero' ? b.int(0) : xhat(p),
          pyLhs: `diff(Y_${p}, GAMMA)`,
        };
      }
      case 'dL/dbeta': {
        const slip = correct ? undefined : batch?.gamma === 1 ? 'mean' : r.pick(['times-gamma', 'mean']);
        const s = sumj((j) => upstream(b, j), r.chance(0.3));
        return {
          template: 'dL/dbeta', slip, correct, prose: true,
          lhs: derivative(b, { num: NAME('L', 'L', 'L', 'L'), den: b.atom('\\beta', 'β', 'beta', 'beta') }),
          rhs: slip === 'times-gamma' ? b.prod([gammaR, s]) : slip === 'mean' ? b.prod([b.rational(1, m), s]) : s,
          pyLhs: 'diff(L, BETA)',
        };
      }
      case 'dL/dgamma': {
        const slip = correct ? undefined : 'x-not-xhat';
        const s = sumj((j) => b.prod([upstream(b, j), slip ? b.indexed(NAME('x', 'x', 'x', 'x'), j) : xhat(j)]), r.chance(0.2));
        return {
          template: 'dL/dgamma', slip, correct, prose: true,
          lhs: derivative(b, { num: NAME('L', 'L', 'L', 'L'), den: gammaR }),
          rhs: s,
          pyLhs: 'diff(L, GAMMA)',
        };
      }
      default: {
        // ∂L/∂x_p = γ/(m√(σ²+ε)) (m ∂L/∂y_p − Σ_j ∂L/∂y_j − x̂_p Σ_j ∂L/∂y_j x̂_j)
        // With a given batch whose σ² + ε is 1, dividing by σ² instead of σ would be right.
        const unitVariance = batch !== undefined && Math.abs(batchStats(batch).var - 1) < 1e-12;
        const slip = correct ? undefined : r.pick(unitVariance ? ['no-xhat-term', 'sign', 'mean-only'] : ['no-sqrt', 'no-xhat-term', 'sign', 'mean-only']);
        const mR = b.int(m);
        const std = slip === 'no-sqrt' ? b.sum([[1, sig2], [1, eps]]) : b.sqrt(b.sum([[1, sig2], [1, eps]]));
        const lead = b.frac(gammaR, b.prod([mR, std]));
        const terms: (readonly [1 | -1, R])[] = [[1, b.prod([mR, upstream(b, p)])], [-1, sumj((j) => upstream(b, j), false)]];
        if (slip !== 'no-xhat-term') terms.push([slip === 'sign' ? 1 : -1, b.prod([xhat(p), sumj((j) => b.prod([upstream(b, j), xhat(j)]), false)])]);
        const rhs = slip === 'mean-only'
          ? b.prod([gammaR, b.sum([[1, upstream(b, p)], [-1, b.prod([b.rational(1, m), sumj((j) => upstream(b, j), false)])]])])
          : b.prod([lead, b.sum(terms)]);
        return {
          template: 'dL/dx_p (full)', slip, correct, prose: true,
          lhs: derivative(b, { num: NAME('L', 'L', 'L', 'L'), den: xi(p) }),
          rhs,
          pyLhs: `diff(L, X_${p})`,
        };
      }
    }
  }
  // Numbers from the given batch (LaTeX only: prose and comments hold derivative claims).
  const bt = batch!;
  const st = batchStats(bt);
  const target = r.pick(['mu', 'var', 'xhat', 'y', 'y']);
  const exactStd = Number.isInteger(st.std) ? st.std : undefined;
  const sqrtOf = (p2: number, q2: number): R => {
    const root = Math.sqrt(p2 / q2);
    return Number.isInteger(root) ? b.int(root) : b.sqrt(b.rational(p2, q2));
  };
  const sqrtVar = () => (exactStd !== undefined ? b.int(exactStd) : sqrtOf(st.sqM, m ** 3));
  const xp = bt.x[p - 1];
  const centred = () => b.sum([[1, b.int(xp)], [-1, b.rational(st.sum, m)]]);
  const q = (x: { tex: string }) => ({ tex: x.tex, uni: '', asc: '' });
  switch (target) {
    case 'mu': {
      const slip = correct ? undefined : 'm-1';
      const denom = slip ? m - 1 : m;
      const rhs = r.chance(0.5) ? b.rational(st.sum, denom) : b.frac(b.sum(bt.x.map((v) => [1, b.int(v)] as const)), b.int(denom));
      return { template: 'mu value', slip, correct, prose: false, lhs: q(muR), rhs, pyLhs: 'mu' };
    }
    case 'var': {
      const slip = correct ? undefined : 'm-1';
      const rhs = b.rational(st.sqM, slip ? m * m * (m - 1) : m ** 3);
      return { template: 'var value', slip, correct, prose: false, lhs: q(sig2), rhs, pyLhs: 'var' };
    }
    case 'xhat': {
      const truth = (xp - st.mu) / st.std;
      const lhs = q(xhat(p));
      if (correct) {
        if (r.chance(0.4)) return { template: 'xhat_p value', correct, prose: false, lhs, rhs: b.decimal(truth, 3), pyLhs: `xhat_${p}`, decimals: 3 };
        return { template: 'xhat_p value', correct, prose: false, lhs, rhs: b.frac(centred(), sqrtVar()), pyLhs: `xhat_${p}` };
      }
      let slip = r.pick(['no-sqrt', 'm-1', 'no-center']);
      let value = slip === 'no-sqrt' ? (xp - st.mu) / st.var : slip === 'm-1' ? (xp - st.mu) / Math.sqrt(st.sqM / (m * m * (m - 1))) : xp / st.std;
      let rhs = slip === 'no-sqrt' ? b.frac(centred(), b.rational(st.sqM, m ** 3)) : slip === 'm-1' ? b.frac(centred(), sqrtOf(st.sqM, m * m * (m - 1))) : b.frac(b.int(xp), sqrtVar());
      if (Math.abs(value - truth) < 0.01) {
        // This slip would not change this entry: a sign slip instead.
        slip = 'sign';
        value = truth === 0 ? 1 : -truth;
        rhs = truth === 0 ? b.int(1) : b.neg(b.frac(centred(), sqrtVar()));
      }
      if (r.chance(0.4)) rhs = b.decimal(value, 3);
      return { template: 'xhat_p value', slip, correct, prose: false, lhs, rhs, pyLhs: `xhat_${p}`, ...(rhs.py.includes("Rational('") ? { decimals: 3 } : {}) };
    }
    default: {
      const { gamma, beta } = bt;
      const truth = (gamma * (xp - st.mu)) / st.std + beta;
      const places = r.pick([2, 3]);
      const lhs = q(b.indexed(NAME('y', 'y', 'y', 'y'), p));
      const unit = 10 ** -places;
      if (correct) {
        if (r.chance(0.3)) {
          // Exact: γ(x_p − μ)/σ + β
          const rhs = b.sum([[1, b.prod([b.int(gamma), b.frac(centred(), sqrtVar())])], [beta < 0 ? -1 : 1, b.int(Math.abs(beta))]]);
          return { template: 'y_p value', correct, prose: false, lhs, rhs, pyLhs: `y_${p}` };
        }
        return { template: 'y_p value', correct, prose: false, lhs, rhs: b.decimal(truth, places), pyLhs: `y_${p}`, decimals: places };
      }
      let slip = r.pick(['no-beta', 'm-1', 'last-digit']);
      let value = slip === 'no-beta' ? truth - beta : slip === 'm-1' ? (gamma * (xp - st.mu)) / Math.sqrt(st.sqM / (m * m * (m - 1))) + beta : truth;
      if (Math.abs(value - truth) < 5 * unit) {
        // Off in the last written place (a slip of the pen): 3 units of it.
        slip = 'last-digit';
        value = Number(truth.toFixed(places)) + (r.chance(0.5) ? 3 : -3) * unit;
      }
      return { template: 'y_p value', slip, correct, prose: false, lhs, rhs: b.decimal(value, places), pyLhs: `y_${p}`, decimals: places };
    }
  }
}

// --- Problem 4: mean-only batch normalization ---------------------------------------------------

/** Σ_j over a batch of m: written out term by term, or as ∑_j / ∑_{j=1}^m (SymPy always gets the terms). */
function batchSum(b: Builder, m: number, body: (j: number | string) => R, explicit: boolean): R {
  if (explicit) return b.sum(Array.from({ length: m }, (_, j) => [1, body(j + 1)] as const));
  const inner = body('j');
  const tb = inner.kind === 'sum' ? b.paren(inner) : inner;
  const bounds = b.rng.chance(0.5);
  return {
    tex: bounds ? `\\sum_{j=1}^{${m}} ${tb.tex}` : `\\sum_j ${tb.tex}`,
    uni: `∑_j ${tb.uni}`,
    asc: bounds && b.rng.chance(0.5) ? `sum_{j=1}^${m} ${tb.asc}` : `sum_j ${tb.asc}`,
    py: `(${Array.from({ length: m }, (_, j) => `(${body(j + 1).py})`).join(' + ')})`,
    kind: 'prod',
  };
}

function meanOnlyClaim(b: Builder, m: number, correct: boolean): Built {
  const r = b.rng;
  const p = r.int(1, m);
  const gammaR = b.atom('\\gamma', 'γ', 'gamma', 'gamma');
  const xi = (i: number | string) => b.indexed(NAME('x', 'x', 'x', 'x'), i);
  const sumj = (body: (j: number | string) => R, explicit: boolean): R => batchSum(b, m, body, explicit);
  const L = NAME('L', 'L', 'L', 'L');
  const target = r.pick(['dL/dx', 'dL/dx', 'dL/dx', 'dy/dx', 'dL/dbeta', 'dL/dgamma']);
  switch (target) {
    case 'dL/dx': {
      const slip = correct ? undefined : r.pick(['no-mean', 'no-delta', 'sign', 'm-1', 'no-gamma']);
      const form = r.pick(['factored', 'split']);
      const explicit = r.chance(0.3);
      const total = () => sumj((j) => upstream(b, j), explicit);
      const coef = slip === 'm-1' ? b.rational(1, m - 1) : b.rational(1, m);
      let rhs: R;
      if (slip === 'no-mean') rhs = b.prod([gammaR, upstream(b, p)]);
      else if (slip === 'no-delta') rhs = b.neg(b.prod([b.frac(gammaR, b.int(m)), total()]));
      else if (form === 'split') {
        rhs = b.sum([[1, b.prod([gammaR, upstream(b, p)])], [slip === 'sign' ? 1 : -1, b.prod([b.frac(gammaR, b.int(slip === 'm-1' ? m - 1 : m)), total()])]]);
        if (slip === 'no-gamma') rhs = b.sum([[1, upstream(b, p)], [-1, b.prod([b.rational(1, m), total()])]]);
      } else {
        const inner = b.sum([[1, upstream(b, p)], [slip === 'sign' ? 1 : -1, b.prod([coef, total()])]]);
        rhs = slip === 'no-gamma' ? inner : b.prod([gammaR, inner]);
      }
      return { template: 'dL/dx_p', slip, correct, prose: true, lhs: derivative(b, { num: L, den: xi(p) }), rhs, pyLhs: `diff(L, x_${p})` };
    }
    case 'dy/dx': {
      const q = r.int(1, m);
      const slip = correct ? undefined : r.pick(['no-mean', 'sign']);
      const same = p === q;
      let rhs: R;
      if (slip === 'no-mean') rhs = same ? gammaR : b.int(0);
      else if (same) rhs = r.chance(0.5) ? b.frac(b.prod([b.int(m - 1), gammaR]), b.int(m)) : b.prod([gammaR, b.paren(b.sum([[1, b.int(1)], [-1, b.rational(1, m)]]))]);
      else rhs = b.neg(b.frac(gammaR, b.int(m)));
      if (slip === 'sign') rhs = same ? b.frac(b.prod([b.int(m + 1), gammaR]), b.int(m)) : b.frac(gammaR, b.int(m));
      return {
        template: 'dy_q/dx_p', slip, correct, prose: true,
        lhs: derivative(b, { num: b.indexed(NAME('y', 'y', 'y', 'y'), q), den: xi(p) }),
        rhs, pyLhs: `diff(y_${q}, x_${p})`,
      };
    }
    case 'dL/dbeta': {
      const slip = correct ? undefined : r.pick(['times-gamma', 'mean']);
      const s = sumj((j) => upstream(b, j), r.chance(0.3));
      const rhs = slip === 'times-gamma' ? b.prod([gammaR, s]) : slip === 'mean' ? b.prod([b.rational(1, m), s]) : s;
      return { template: 'dL/dbeta', slip, correct, prose: true, lhs: derivative(b, { num: L, den: b.atom('\\beta', 'β', 'beta', 'beta') }), rhs, pyLhs: 'diff(L, beta)' };
    }
    default: {
      const slip = correct ? undefined : 'not-centred';
      const mu = b.atom(r.pick(['\\mu', '\\mu']), 'μ', 'mu', 'mu');
      const s = sumj((j) => b.prod([upstream(b, j), slip ? xi(j) : r.chance(0.5) ? b.atom(`\\hat x_${j}`, `x̂_${j}`, `xhat_${j}`, `xhat_${j}`) : b.paren(b.sum([[1, xi(j)], [-1, mu]]))]), r.chance(0.2));
      return { template: 'dL/dgamma', slip, correct, prose: true, lhs: derivative(b, { num: L, den: gammaR }), rhs: s, pyLhs: 'diff(L, gamma)' };
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Documents.

interface SectionSpec {
  id: number;
  problem: Problem;
  k?: number;
  n?: number;
  d?: number;
  m?: number;
  batch?: Batch;
}

function newSection(rng: Rng, id: number, problem: Problem, file: FileKind): SectionSpec {
  switch (problem) {
    case 'mlp':
      return { id, problem, k: rng.int(2, 5) };
    case 'ridge': {
      const [n, d] = rng.pick([[2, 2], [3, 2], [2, 3], [3, 3]]);
      return { id, problem, n, d };
    }
    case 'batchnorm': {
      const m = rng.int(3, 5);
      if (file === 'py') return { id, problem, m }; // comments hold no batch: a random batch per sample point
      let x: number[];
      do x = Array.from({ length: m }, () => rng.int(0, 9));
      // At least three distinct values: when all entries but x_p are equal, x̂ does not depend on
      // x_p (∂L/∂x_p = 0), which would make several slips right.
      while (new Set(x).size < 3);
      return { id, problem, m, batch: { x, gamma: rng.pick([1, 2, 3, -1]), beta: rng.pick([0, 1, -1, 2]) } };
    }
    case 'batchnorm-mean':
      return { id, problem, m: rng.int(3, 5) };
  }
}

function directive(s: SectionSpec): string {
  const sizes = s.problem === 'mlp' ? `k=${s.k}` : s.problem === 'ridge' ? `n=${s.n} d=${s.d}` : `m=${s.m}`;
  return `model=${s.problem} ${sizes}`;
}

function sympySetup(s: SectionSpec): SympySetup {
  switch (s.problem) {
    case 'mlp':
      return { problem: 'mlp', k: s.k! };
    case 'ridge':
      return { problem: 'ridge', n: s.n!, d: s.d! };
    case 'batchnorm':
      return s.batch ? { problem: 'batchnorm', m: s.m!, batch: s.batch.x, gamma: s.batch.gamma, beta: s.batch.beta } : { problem: 'batchnorm', m: s.m! };
    case 'batchnorm-mean':
      return { problem: 'batchnorm-mean', m: s.m! };
  }
}

function buildClaim(b: Builder, s: SectionSpec, correct: boolean): Built {
  switch (s.problem) {
    case 'mlp':
      return mlpClaim(b, s.k!, correct);
    case 'ridge':
      return ridgeClaim(b, s.n!, s.d!, correct);
    case 'batchnorm':
      return batchnormClaim(b, s.batch, s.m!, correct);
    case 'batchnorm-mean':
      return meanOnlyClaim(b, s.m!, correct);
  }
}

const TITLES: Record<Problem, string> = {
  mlp: 'Problem 1: the gradients of a one-hidden-layer network',
  ridge: 'Problem 2: ridge regression',
  batchnorm: 'Problem 3: batch normalization',
  'batchnorm-mean': 'Problem 4: mean-only batch normalization',
};

const MD_LEADS = ['', '', 'So ', 'Hence ', 'We get ', 'Then '];
const PY_LEADS = ['', '', '', 'so ', 'hence ', '(check) '];

/** How a section's given data reads in each file. */
function givenLine(s: SectionSpec, file: FileKind): string {
  if (!s.batch) return '';
  const { x, gamma, beta } = s.batch;
  const text = `The batch is $x = (${x.join(', ')})$, with $\\gamma = ${gamma}$, $\\beta = ${beta}$ and $\\epsilon = 0$.`;
  return file === 'tex' ? `${text}\n` : `${text}\n\n`;
}

function sectionHeader(s: SectionSpec, file: FileKind): string {
  switch (file) {
    case 'md':
      return `## Section ${s.id}. ${TITLES[s.problem]}\n\n<!-- derivcheck: ${directive(s)} -->\n\n${givenLine(s, file)}`;
    case 'tex':
      return `\\section*{Section ${s.id}. ${TITLES[s.problem]}}\n% derivcheck: ${directive(s)}\n${givenLine(s, file)}`;
    case 'py':
      return `\n\n# ---- Section ${s.id}. ${TITLES[s.problem]} ----\n# derivcheck: ${directive(s)}\ndef section_${s.id}(x, y, params):\n    """Checks for section ${s.id}."""\n`;
  }
}

const TEX_PREAMBLE = '\\documentclass{article}\n\\usepackage{amsmath,amssymb}\n\\newcommand{\\pd}[2]{\\frac{\\partial #1}{\\partial #2}}\n\\begin{document}\n';
const TEX_END = '\\end{document}\n';
const MD_TITLE = '# Generated homework solutions (derivcheck benchmark)\n\n';
const PY_TITLE = '"""Generated homework solutions (derivcheck benchmark): the math is in the comments."""\nimport numpy as np\n';

/** Render one claim into its file; returns the chunk and the claim's offsets inside it. */
function placeClaim(rng: Rng, built: Built, notation: Notation): { chunk: string; text: string; offset: number } {
  switch (notation) {
    case 'md-latex': {
      const text = `${built.lhs.tex} = ${built.rhs.tex}`;
      const style = rng.pick(['inline', 'display', 'display-lines']);
      if (style === 'inline') {
        const lead = rng.pick(MD_LEADS);
        return { chunk: `${lead}$${text}$${lead ? '.' : ''}\n\n`, text, offset: lead.length + 1 };
      }
      if (style === 'display') return { chunk: `$$${text}$$\n\n`, text, offset: 2 };
      return { chunk: `$$\n${text}\n$$\n\n`, text, offset: 3 };
    }
    case 'md-unicode': {
      const text = `${built.lhs.uni} = ${built.rhs.uni}`;
      return { chunk: `${text}\n\n`, text, offset: 0 };
    }
    case 'py-ascii': {
      const text = `${built.lhs.asc} = ${built.rhs.asc}`;
      const lead = `    # ${rng.pick(PY_LEADS)}`;
      const code = rng.chance(0.3) ? `    g = params.get(${rng.int(0, 99)})\n` : '';
      return { chunk: `${lead}${text}\n${code}`, text, offset: lead.length };
    }
    case 'tex': {
      const lhs = built.lhs.texMacro && rng.chance(0.4) ? built.lhs.texMacro : built.lhs.tex;
      const text = `${lhs} = ${built.rhs.tex}`;
      const style = rng.pick(['bracket', 'equation', 'inline', 'align']);
      if (style === 'bracket') return { chunk: `\\[ ${text} \\]\n`, text, offset: 3 };
      if (style === 'equation') return { chunk: `\\begin{equation}\n  ${text}\n\\end{equation}\n`, text, offset: 19 };
      if (style === 'inline') {
        const lead = rng.pick(['So ', 'Hence ', 'This gives ']);
        return { chunk: `${lead}$${text}$.\n\n`, text, offset: lead.length + 1 };
      }
      const aligned = `${lhs} &= ${built.rhs.tex}`;
      return { chunk: `\\begin{align*}\n  ${aligned}\n\\end{align*}\n`, text: aligned, offset: 17 };
    }
  }
}

/** What a file needs before a lone claim of one of its sections (for per-claim timing). */
function docPrefix(file: FileKind): string {
  return file === 'md' ? MD_TITLE : file === 'tex' ? TEX_PREAMBLE : PY_TITLE;
}

/**
 * A corpus of `n` claims: three files (Markdown with LaTeX math and Unicode prose, Python with ASCII
 * comments, a LaTeX document), a quarter of the claims in each notation, every problem in each file,
 * about two thirds correct.
 */
export function generateCorpus(n: number, seed = 1, correctShare = 2 / 3): Corpus {
  const rng = new Rng(seed * 7919 + n);
  const b = new Builder(rng);
  const claims: Claim[] = [];
  const headers = new Map<number, string>();
  const files: GeneratedFile[] = [];
  // Quarter of the claims per notation; Markdown holds both LaTeX and Unicode prose.
  const quota: Record<Notation, number> = { 'md-latex': 0, 'md-unicode': 0, 'py-ascii': 0, tex: 0 };
  for (let i = 0; i < n; i++) quota[NOTATIONS[i % 4]]++;
  let sectionId = 0;
  for (const file of ['md', 'py', 'tex'] as FileKind[]) {
    const notations: Notation[] = file === 'md' ? ['md-latex', 'md-unicode'] : file === 'py' ? ['py-ascii'] : ['tex'];
    const remaining = new Map(notations.map((nt) => [nt, quota[nt]]));
    let text = docPrefix(file);
    let problemIndex = rng.int(0, 3);
    while ([...remaining.values()].some((v) => v > 0)) {
      const section = newSection(rng, ++sectionId, PROBLEMS[problemIndex++ % 4], file);
      const header = sectionHeader(section, file);
      headers.set(section.id, header);
      text += header;
      const size = rng.int(4, 16);
      for (let c = 0; c < size; c++) {
        const open = notations.filter((nt) => remaining.get(nt)! > 0);
        if (!open.length) break;
        const notation = rng.pick(open);
        const correct = rng.chance(correctShare);
        let built = buildClaim(b, section, correct);
        // Prose and comments hold only claims whose left side is a derivative.
        for (let tries = 0; notation !== 'md-latex' && notation !== 'tex' && !built.prose && tries < 50; tries++) built = buildClaim(b, section, correct);
        if (notation !== 'md-latex' && notation !== 'tex' && !built.prose) continue;
        const placed = placeClaim(rng, built, notation);
        const start = text.length + placed.offset;
        claims.push({
          id: claims.length,
          problem: section.problem,
          notation,
          correct: built.correct,
          template: built.template,
          ...(built.slip ? { slip: built.slip } : {}),
          text: placed.text,
          file,
          start,
          end: start + placed.text.length,
          section: section.id,
          sympy: { setup: sympySetup(section), lhs: built.pyLhs, rhs: built.rhs.py, ...(built.decimals !== undefined ? { decimals: built.decimals } : {}) },
        });
        text += placed.chunk;
        remaining.set(notation, remaining.get(notation)! - 1);
      }
      if (file === 'py') text += '    return None\n';
      else if (file === 'md') text += rng.chance(0.5) ? 'Some words between the sections, with a stray $x$ and an inequality $z > 0$.\n\n' : '';
    }
    if (file === 'tex') text += TEX_END;
    files.push({ kind: file, name: `claims-${n}.${file}`, language: file === 'md' ? 'markdown' : file === 'tex' ? 'latex' : 'python', text });
  }
  return { n, seed, claims, files, headers };
}

/** A small document holding one claim after its section's header (per-claim latency, SymPy comparison). */
export function singleClaimDocument(corpus: Corpus, claim: Claim): { text: string; language: 'markdown' | 'latex' | 'python'; start: number } {
  const header = corpus.headers.get(claim.section)!;
  const file = corpus.files.find((f) => f.kind === claim.file)!;
  const prefix = docPrefix(claim.file) + header;
  // The claim's own chunk, as placed in the file: from its line start to the next blank line / end.
  const lineStart = file.text.lastIndexOf('\n', claim.start - 1) + 1;
  let chunkEnd = claim.end;
  const closers = claim.file === 'tex' ? ['\\]', '\\end{equation}', '\\end{align*}', '$.'] : claim.file === 'md' ? ['$$', '$'] : [];
  const after = file.text.slice(claim.end, claim.end + 20);
  for (const closer of closers) {
    const at = after.indexOf(closer);
    if (at >= 0 && after.slice(0, at).trim() === '') {
      chunkEnd = claim.end + at + closer.length;
      break;
    }
  }
  const chunkStartLine = claim.file === 'md' && file.text.slice(lineStart - 3, lineStart - 1) === '$$' ? file.text.lastIndexOf('\n', lineStart - 2) + 1 : claim.file === 'tex' && /\\begin\{(equation|align\*)\}\n$/.test(file.text.slice(0, lineStart)) ? file.text.lastIndexOf('\n', lineStart - 2) + 1 : lineStart;
  const chunk = file.text.slice(chunkStartLine, chunkEnd) + '\n';
  const text = prefix + chunk + (claim.file === 'tex' ? TEX_END : '') + (claim.file === 'py' ? '    return None\n' : '');
  return { text, language: file.language, start: prefix.length + (claim.start - chunkStartLine) };
}

/** How much repetition a corpus has: distinct claim texts, and distinct (text, section context). */
export function repetition(corpus: Corpus): { claims: number; distinctTexts: number; distinctInContext: number } {
  const texts = new Set(corpus.claims.map((c) => c.text.replace(/\s+/g, ' ')));
  const inContext = new Set(corpus.claims.map((c) => `${c.text.replace(/\s+/g, ' ')}|${corpus.headers.get(c.section)!.replace(/Section \d+\. /, '')}`));
  return { claims: corpus.claims.length, distinctTexts: texts.size, distinctInContext: inContext.size };
}
