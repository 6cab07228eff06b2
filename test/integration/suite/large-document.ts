// A generated homework document for latency measurements: 2,000 lines of Markdown with 400 claims
// (a display claim and an inline claim per 10-line block) across the four problems, each claim
// written with its own coefficients (−2n/n, …) so that no two claims share a text and the step
// cache does not make the first check trivial. No VS Code import: the language-server tests use it
// too (test/server/responsiveness.test.ts).

/** A display claim the benchmark can flip between a right and a wrong right-hand side. */
export interface Toggle {
  /** Zero-based line of the claim. */
  readonly line: number;
  readonly right: string;
  readonly wrong: string;
  /** Whether the generated text holds the wrong side. */
  readonly wrongAtFirst: boolean;
}

export interface LargeDocument {
  readonly text: string;
  readonly lines: number;
  readonly claims: number;
  /** Claims whose generated text is wrong (so: mismatch diagnostics after the first check). */
  readonly mismatches: number;
  readonly toggles: readonly Toggle[];
}

interface Template {
  readonly model: string;
  /** The display claim's left side and its right and wrong right-hand sides. */
  display(n: number): { left: string; right: string; wrong: string };
  /** An inline claim that holds. */
  inline(n: number): string;
}

const f = (a: number, b: number) => `\\frac{${a}}{${b}}`;

const TEMPLATES: readonly Template[] = [
  {
    model: 'mlp',
    display: (n) =>
      [
        { left: '\\frac{\\partial L}{\\partial d}', right: `-${f(2 * n, n)}(y - \\hat y)`, wrong: `${f(2 * n, n)}(y - \\hat y)` },
        { left: '\\frac{\\partial L}{\\partial C_i}', right: `${f(2 * n, n)}(\\hat y - y)\\sigma(z_i)`, wrong: `${f(3 * n, n)}(\\hat y - y)\\sigma(z_i)` },
        { left: '\\frac{\\partial L}{\\partial b_i}', right: `-${f(2 * n, n)}(y - \\hat y)C_i\\sigma'(z_i)`, wrong: `-${f(2 * n, n)}(y - \\hat y)C_i\\sigma(z_i)` },
        { left: '\\frac{\\partial L}{\\partial A_i}', right: `-${f(2 * n, n)}(y - \\hat y)C_i\\sigma'(z_i)x`, wrong: `-${f(2 * n, n)}(y - \\hat y)C_i\\sigma'(z_i)` },
      ][n % 4],
    inline: (n) => `\\frac{\\partial L}{\\partial b_i} = -${f(2 * n, n)}(y - \\hat y)C_i\\sigma(z_i)(1 - \\sigma(z_i))`,
  },
  {
    model: 'ridge',
    display: (n) => ({
      left: '\\nabla_x f(x)',
      right: `${f(2 * n, n)}A^T(Ax - b) + ${f(2 * n, n)}\\lambda x`,
      wrong: `${f(2 * n, n)}A^T(Ax - b) + ${f(n, n)}\\lambda x`,
    }),
    inline: (n) => `\\hat x = (A^TA + ${f(n, n)}\\lambda I)^{-1}A^Tb`,
  },
  {
    model: 'batchnorm-mean',
    display: (n) => ({
      left: '\\frac{\\partial L}{\\partial x_i}',
      right: `${f(n, n)}\\frac{\\partial L}{\\partial \\hat x_i} - \\frac{1}{m}\\sum_{j=1}^m \\frac{\\partial L}{\\partial \\hat x_j}`,
      wrong: `${f(n, n)}\\frac{\\partial L}{\\partial \\hat x_i}`,
    }),
    // Not x̂'s own formula, which would be a definition and no claim (model-restatements.ts).
    inline: (n) => `\\hat x_i + ${f(n, n)}\\mu = x_i`,
  },
  {
    model: 'batchnorm',
    display: (n) => ({
      left: '\\frac{\\partial L}{\\partial \\beta}',
      right: `${f(n, n)}\\sum_{i=1}^{m} \\frac{\\partial L}{\\partial y_i}`,
      wrong: `${f(2 * n, n)}\\sum_{i=1}^{m} \\frac{\\partial L}{\\partial y_i}`,
    }),
    inline: (n) => `${f(n, n)}\\mu = \\frac{1}{m}\\sum_{i=1}^m x_i`,
  },
];

const BLOCK_LINES = 10;
/** Blocks per section (one model each, named by a directive). */
const SECTION_BLOCKS = 20;

/**
 * `blocks` blocks of 10 lines (2,000 lines and 400 claims for 200): a heading, prose (or the
 * section's model directive), a display claim, an inline claim. One display claim in `wrongEvery`
 * starts wrong.
 */
export function largeDocument(blocks = 200, wrongEvery = 7): LargeDocument {
  const lines: string[] = [];
  const toggles: Toggle[] = [];
  let mismatches = 0;
  for (let b = 0; b < blocks; b++) {
    const section = Math.floor(b / SECTION_BLOCKS);
    const template = TEMPLATES[section % TEMPLATES.length];
    const n = b + 1;
    const { left, right, wrong } = template.display(n);
    const wrongAtFirst = b % wrongEvery === wrongEvery - 1;
    if (wrongAtFirst) mismatches++;
    const first = b % SECTION_BLOCKS === 0;
    lines.push(
      first ? `# Part ${section + 1}: ${template.model}` : `## Step ${n}`,
      '',
      first ? `<!-- derivcheck: model=${template.model} -->` : `Some prose around step ${n}, with **bold** text and \`code\`.`,
      '',
      '$$',
      `${left} = ${wrongAtFirst ? wrong : right}`,
      '$$',
      '',
      `and inline $${template.inline(n)}$ too.`,
      '',
    );
    toggles.push({ line: b * BLOCK_LINES + 5, right, wrong, wrongAtFirst });
  }
  return { text: lines.join('\n'), lines: lines.length, claims: 2 * blocks, mismatches, toggles };
}
