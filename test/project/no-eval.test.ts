// Document text is never evaluated as code (issue 6; SECURITY.md says why). Payload claims in every
// notation go through checkDocument with the symbolic prover on, with eval, Function and
// process.exit watched; the prover's grammar refuses code-like strings; and src/ holds no code
// evaluation outside the audited places.
import * as assert from 'node:assert/strict';
import { checkDocument, type DocumentLanguage, type Finding } from '../../src/engine/index';
import { validateExpression } from '../../src/engine/symbolic/grammar';
import { proveEqual, shutdownProver } from '../../src/engine/symbolic/prover';
import { audit, describeUse, scanSource, scanSrc, type Exception } from './source-scan';

/** Right sides that are JavaScript: each would set globalThis.pwned, pollute a prototype or exit if run. */
const PAYLOADS = [
  'process.exit(3)',
  'globalThis.pwned=1',
  "constructor.constructor('globalThis.pwned=1')()",
  "this.constructor.constructor('return process')().exit(3)",
  "require('child_process').execSync('exit 3')",
  "eval('globalThis.pwned=1')",
  "Function('globalThis.pwned=1')()",
  "new Function('globalThis.pwned=1')()",
  "import('node:fs').then(f => f.writeFileSync('pwned', ''))",
  '{"__proto__": {"polluted": 1}}',
  '__proto__.polluted = 1',
  '`${globalThis.pwned=1}`',
  "x; globalThis.pwned=1 //",
  "');globalThis.pwned=1;('",
];

/** Names that are properties of every plain object: a lookup by name must not find them. */
const PROTOTYPE_NAMES = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', '__defineGetter__'];

/** The payload as the right side of a claim, in every notation the engine reads. */
function documents(payload: string): [DocumentLanguage, string][] {
  return [
    ['markdown', `<!-- derivcheck: model=mlp -->\n$$\n\\frac{\\partial L}{\\partial d} = ${payload}\n$$\n`],
    ['markdown', `∂L/∂d = ${payload}\n`],
    ['markdown', `$$\n\\frac{\\partial L}{\\partial d} = \\mathrm{${payload}}(x)\n$$\n`],
    ['markdown', `$$\n\\frac{\\partial L}{\\partial d} = y_{\\text{${payload}}}\n$$\n`],
    ['latex', `% derivcheck: model=mlp\n\\newcommand{\\pwn}{${payload}}\n\\[ \\frac{\\partial L}{\\partial d} = \\pwn \\]\n`],
    ['latex', `\\begin{align} \\frac{\\partial L}{\\partial d} &= ${payload} \\\\ &= \\operatorname{${payload}}(z) \\end{align}\n`],
    ['python', `# dL/dd = ${payload}\n"""dL/dd = ${payload}"""\n`],
    ['javascript', `// dL/dd = ${payload}\n/* ∂L/∂d = ${payload} */\n`],
    ['r', `# dL/dd = ${payload}\n`],
  ];
}

interface Watch {
  readonly calls: string[];
  restore(): void;
}

/**
 * Replaces eval, Function and process.exit with recorders for the duration of the checks: any use
 * in this process (the engine and every library it calls on the main thread) is recorded. eval and
 * Function still work (so nothing else changes); exit throws instead of ending the run.
 */
function watchCodeEvaluation(): Watch {
  const calls: string[] = [];
  const g = globalThis as Record<string, unknown>;
  const original = { eval: g.eval, Function: g.Function, exit: process.exit };
  const realEval = original.eval as (code: string) => unknown;
  g.eval = (code: string) => {
    calls.push(`eval(${String(code).slice(0, 80)})`);
    return realEval(code);
  };
  g.Function = new Proxy(Function, {
    apply(target, self, args) {
      calls.push(`Function(${args.map(String).join(', ').slice(0, 80)})`);
      return Reflect.apply(target, self, args);
    },
    construct(target, args) {
      calls.push(`new Function(${args.map(String).join(', ').slice(0, 80)})`);
      return Reflect.construct(target, args);
    },
  });
  process.exit = ((code?: number) => {
    calls.push(`process.exit(${code})`);
    throw new Error(`process.exit(${code}) called while checking`);
  }) as typeof process.exit;
  return {
    calls,
    restore() {
      g.eval = original.eval;
      g.Function = original.Function;
      process.exit = original.exit;
    },
  };
}

function describe_(f: Finding): string {
  return `${f.verdict} ${JSON.stringify(f.text)}: ${f.message}`;
}

describe('no evaluation of document text', function () {
  this.timeout(120_000);
  after(() => shutdownProver());

  it('payload claims in every notation are never run, never verified; the prover is on', () => {
    const g = globalThis as Record<string, unknown>;
    assert.equal(g.pwned, undefined);
    const watch = watchCodeEvaluation();
    const findings: Finding[] = [];
    try {
      for (const payload of PAYLOADS) {
        for (const [language, text] of documents(payload)) {
          // A generous prover budget, so that every step it is offered is actually sent to it.
          const report = checkDocument(text, language, { symbolicTimeoutMs: 2_000, symbolicBudgetMs: 10_000 });
          findings.push(...report.findings.filter((f) => f.text.length > 0 && !/derivcheck:/.test(f.text)));
        }
      }
    } finally {
      watch.restore();
    }
    assert.deepEqual(watch.calls, [], 'nothing was evaluated as code, and nothing tried to exit');
    assert.equal(g.pwned, undefined, 'globalThis.pwned stays undefined');
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype is not polluted');
    assert.ok(findings.length >= PAYLOADS.length * 8, `every payload became findings (${findings.length})`);
    const verified = findings.filter((f) => f.verdict === 'verified');
    assert.deepEqual(verified.map(describe_), [], 'no payload claim is verified');
    for (const f of findings) assert.ok(['unparsed', 'unsupported', 'mismatch'].includes(f.verdict), describe_(f));
  });

  it('names that are Object.prototype properties reach the prover only as its own v_ names, and nothing runs', () => {
    const watch = watchCodeEvaluation();
    const proved: string[] = [];
    const bare: Finding[] = [];
    try {
      for (const name of PROTOTYPE_NAMES) {
        // A true identity in a subscripted variable: verified numerically, then offered to the prover.
        const identity = `<!-- derivcheck: model=none -->\n$$(a_{\\text{${name}}} + 1)^2 = a_{\\text{${name}}}^2 + 2a_{\\text{${name}}} + 1$$\n`;
        for (const f of checkDocument(identity, 'markdown', { symbolicTimeoutMs: 5_000, symbolicBudgetMs: 10_000, claimBudgetMs: 0 }).findings) {
          const symbolic = (f.evidence as { symbolic?: { status: string } } | undefined)?.symbolic;
          if (f.verdict === 'verified' && symbolic?.status === 'proved') proved.push(name);
        }
        // The bare name as a function or symbol: no claim about it can hold.
        const claims = `# derivcheck: model=none\n# d/dx ${name}(x) = ${name}'(x) + 1\n# dL/dd = ${name}\n`;
        bare.push(...checkDocument(claims, 'python', { symbolicTimeoutMs: 2_000, claimBudgetMs: 0 }).findings);
      }
    } finally {
      watch.restore();
    }
    assert.deepEqual(watch.calls, []);
    assert.equal((globalThis as Record<string, unknown>).pwned, undefined);
    assert.deepEqual(proved, PROTOTYPE_NAMES, 'the identities were proved symbolically');
    assert.ok(bare.length >= PROTOTYPE_NAMES.length, 'the bare names were checked');
    assert.deepEqual(bare.filter((f) => f.verdict === 'verified').map(describe_), []);
    // Lookup tables have no prototype: `valueOf` is an unknown name, not Object.prototype.valueOf called.
    assert.deepEqual(bare.filter((f) => f.code === 'internal-error').map(describe_), []);
  });

  it("the prover's grammar refuses code, and the prover answers such strings with an error, not a result", () => {
    const code = [
      ...PAYLOADS,
      'constructor',
      'x + constructor',
      '__proto__',
      'toString(x)',
      'defint(x, 0, 1, x)',
      'integrate(x, x)',
      'buildFunction(x)',
      'solve(x, x)',
      'x; y',
      'x = 1',
      'x[0]',
      'a.b',
      "'x'",
      'exp(x)'.repeat(400),
    ];
    for (const text of code) assert.ok(validateExpression(text) !== undefined, `refused: ${text.slice(0, 60)}`);
    for (const text of ['constructor', 'process.exit(3)', 'defint(x,0,1,x)']) {
      const result = proveEqual(text, '1', { timeoutMs: 5_000 });
      assert.equal(result.status, 'error', `${text}: ${JSON.stringify(result)}`);
    }
    // The grammar is not a wall against math: the prover still proves.
    assert.equal(proveEqual('2*(v_a+1)', '2*v_a+2', { timeoutMs: 10_000 }).status, 'proved');
  });
});

/**
 * Every code-evaluation site in src/ and why no document text reaches it (SECURITY.md has the
 * longer story). A new site fails the test until it is audited here and there.
 */
const EVAL_EXCEPTIONS: readonly Exception[] = [
  {
    file: 'engine/symbolic/worker.ts',
    kind: 'eval',
    what: /^core\.Build\.build /,
    why: "replaces nerdamer's code generator (Build.build, behind buildFunction/defint) with a function that throws",
  },
];

describe('src/ evaluates no code outside the audited places', () => {
  it('the scanner finds each kind of evaluation it looks for', () => {
    const snippet = [
      "import vm from 'node:vm';",
      'eval(text);',
      '(0, eval)(text);',
      "globalThis['eval'](text);",
      "new Function('a', text);",
      'Function(text)();',
      "x.constructor.constructor('return this')();",
      "setTimeout('run()', 1);",
      "new Worker(text, { eval: true });",
      'require(name);',
      'expression.buildFunction([]);',
      'core.Build.build(symbol);',
      'let f: Function; if (g instanceof Function) f = g;',
    ].join('\n');
    const found = scanSource('snippet.ts', snippet).filter((u) => u.kind === 'eval');
    assert.deepEqual(
      [...new Set(found.map((u) => u.line))],
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      found.map(describeUse).join('\n'),
    );
  });

  it('every use of eval, Function, vm, buildFunction or dynamic require in src/ is audited', () => {
    const { unaudited, stale } = audit(scanSrc(), EVAL_EXCEPTIONS, ['eval']);
    assert.deepEqual(unaudited.map(describeUse), [], 'code evaluation that no exception covers: audit it (here and in SECURITY.md) or remove it');
    assert.deepEqual(stale.map((e) => `${e.file}: ${e.why}`), [], 'audited exceptions that match nothing any more: update the list');
  });
});
