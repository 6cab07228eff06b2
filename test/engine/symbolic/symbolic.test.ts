import * as assert from 'node:assert/strict';
import { rewriteHyperbolic, validateExpression } from '../../../src/engine/symbolic/grammar';
import { prestartProver, proveEqual, shutdownProver, type SymbolicResult } from '../../../src/engine/symbolic/prover';

const SIGMOID_LEFT = '1/(1+exp(-z))*(1-1/(1+exp(-z)))';
const SIGMOID_RIGHT = 'exp(-z)/(1+exp(-z))^2';
// Correctness tests use a generous budget so a loaded CI machine cannot turn them into timeouts;
// the timing test below reports what the default 300 ms budget gives.
const GENEROUS = { timeoutMs: 10_000 };
// Expanding this takes nerdamer far longer than any budget used here (minutes).
const HUGE_LEFT = '(a+b+c+d+e)^40';
const HUGE_RIGHT = '(a+b+c+d+f)^40';

function timed(run: () => SymbolicResult): { result: SymbolicResult; elapsed: number } {
  const start = Date.now();
  const result = run();
  return { result, elapsed: Date.now() - start };
}

describe('symbolic prover', function () {
  this.timeout(60_000);
  after(() => shutdownProver());

  describe('timings', () => {
    it('reports cold-start and warm proof times', () => {
      shutdownProver();
      const cold = timed(() => proveEqual(SIGMOID_LEFT, SIGMOID_RIGHT, GENEROUS));
      assert.equal(cold.result.status, 'proved', JSON.stringify(cold.result));
      const warm: string[] = [];
      for (let i = 0; i < 5; i++) {
        const r = proveEqual(SIGMOID_LEFT, SIGMOID_RIGHT); // default 300 ms budget
        warm.push(`${r.status}/${r.ms}ms`);
      }
      const easy = proveEqual('2*(yhat-y)', '-2*(y-yhat)');
      console.log(
        `      cold start + sigmoid proof: ${cold.elapsed} ms; warm sigmoid (default budget): ${warm.join(', ')};` +
          ` warm trivial: ${easy.status}/${easy.ms}ms`,
      );
    });

    it('hides the start-up when the worker is prestarted', async () => {
      shutdownProver();
      const start = Date.now();
      prestartProver(); // returns at once
      const returnedAfter = Date.now() - start;
      assert.ok(returnedAfter < 200, `prestartProver blocked for ${returnedAfter} ms`);
      await new Promise((resolve) => setTimeout(resolve, 5000));
      const r = proveEqual(SIGMOID_LEFT, SIGMOID_RIGHT, GENEROUS);
      assert.equal(r.status, 'proved', JSON.stringify(r));
      console.log(`      prestarted 5 s earlier: first sigmoid proof ${r.ms} ms`);
    });
  });

  describe('proofs', () => {
    it('proves the sigmoid derivative identity', () => {
      const r = proveEqual(SIGMOID_LEFT, SIGMOID_RIGHT, GENEROUS);
      assert.equal(r.status, 'proved', JSON.stringify(r));
    });

    it('proves 2*(yhat-y) = -2*(y-yhat)', () => {
      const r = proveEqual('2*(yhat-y)', '-2*(y-yhat)', GENEROUS);
      assert.deepEqual([r.status, r.detail], ['proved', 'parse']);
    });

    it('proves (a+b)^2 = a^2+2*a*b+b^2', () => {
      const r = proveEqual('(a+b)^2', 'a^2+2*a*b+b^2', GENEROUS);
      assert.equal(r.status, 'proved', JSON.stringify(r));
    });

    it('proves 1-tanh(z)^2 = 1/cosh(z)^2 only by rewriting into exponentials', () => {
      // nerdamer's own simplify leaves (-1-cosh(z)^2*tanh(z)^2+cosh(z)^2)*cosh(z)^(-2).
      const r = proveEqual('1-tanh(z)^2', '1/cosh(z)^2', GENEROUS);
      assert.equal(r.status, 'proved', JSON.stringify(r));
      assert.match(r.detail ?? '', /^exp-rewrite/);
    });

    it('proves a gradient written two ways', () => {
      const r = proveEqual('-2*(y-sigma)*sigma*(1-sigma)', '2*(sigma-y)*(sigma-sigma^2)', GENEROUS);
      assert.equal(r.status, 'proved', JSON.stringify(r));
    });

    it('proves an identity stated with diff (as check/symbolic-form.ts writes it)', () => {
      const r = proveEqual('diff(1/(1+exp(-(v_z))),v_z)', '(1/(1+exp(-(v_z))))*(1-1/(1+exp(-(v_z))))', GENEROUS);
      assert.equal(r.status, 'proved', JSON.stringify(r));
      const t = proveEqual('diff(tanh(v_z),v_z)', '1-tanh(v_z)^2', GENEROUS);
      assert.equal(t.status, 'proved', JSON.stringify(t));
    });

    it('does not prove 2*x = 3*x', () => {
      const r = proveEqual('2*x', '3*x', GENEROUS);
      assert.equal(r.status, 'not-proved', JSON.stringify(r));
      assert.match(r.detail ?? '', /-x/);
    });

    it('does not prove sqrt(x^2) = x (nerdamer keeps abs(x))', () => {
      const r = proveEqual('sqrt(x^2)', 'x', GENEROUS);
      assert.equal(r.status, 'not-proved', JSON.stringify(r));
    });
  });

  describe('timeouts', () => {
    it('times out cooperatively (nerdamer stops itself) and keeps working', () => {
      const { result, elapsed } = timed(() => proveEqual(HUGE_LEFT, HUGE_RIGHT, { timeoutMs: 50 }));
      assert.equal(result.status, 'timeout', JSON.stringify(result));
      assert.ok(elapsed < 1000, `took ${elapsed} ms`);
      const next = proveEqual('2*(yhat-y)', '-2*(y-yhat)', GENEROUS);
      assert.equal(next.status, 'proved', JSON.stringify(next));
    });

    it('terminates a worker that does not answer, and the next call gets a fresh one', () => {
      proveEqual('x', 'x', GENEROUS); // make sure a warm worker exists
      const { result, elapsed } = timed(() =>
        proveEqual(HUGE_LEFT, HUGE_RIGHT, { timeoutMs: 50, cooperative: false }),
      );
      assert.equal(result.status, 'timeout', JSON.stringify(result));
      assert.match(result.detail ?? '', /worker terminated/);
      assert.ok(elapsed < 1000, `took ${elapsed} ms`);
      const next = timed(() => proveEqual(SIGMOID_LEFT, SIGMOID_RIGHT, GENEROUS));
      assert.equal(next.result.status, 'proved', JSON.stringify(next.result));
      console.log(`      hard timeout returned after ${elapsed} ms; next call (fresh worker) ${next.elapsed} ms`);
    });
  });

  describe('input whitelist', () => {
    const payloads = [
      'process.exit(1)',
      'constructor.constructor("return process")()',
      'constructor.constructor(x)',
      'constructor(x)',
      'x; process.exit(1)',
      "x+'1'",
      'x+"1"',
      '`x`',
      'toString',
      'hasOwnProperty(x)',
      '__proto__',
      'x.y',
      'require(fs)',
      'defint(x,0,1)',
      'integrate(x,x)',
      'x=1',
      'x,y',
      'x\ny',
      '',
      '((x)',
      'x)',
    ];
    for (const payload of payloads) {
      it(`rejects ${JSON.stringify(payload)} before it reaches nerdamer`, () => {
        const r = proveEqual(payload, 'x');
        assert.equal(r.status, 'error', JSON.stringify(r));
        assert.ok(!/^nerdamer|worker/.test(r.detail ?? ''), `rejected by the worker, not the grammar: ${r.detail}`);
        const swapped = proveEqual('x', payload);
        assert.equal(swapped.status, 'error', JSON.stringify(swapped));
      });
    }

    it('rejects expressions over 2,000 characters', () => {
      const long = Array.from({ length: 700 }, (_, i) => `x${i}`).join('+');
      const r = proveEqual(long, 'x');
      assert.equal(r.status, 'error');
      assert.match(r.detail ?? '', /expression too large/);
    });

    it('accepts the strings our generator produces', () => {
      for (const ok of [SIGMOID_LEFT, SIGMOID_RIGHT, 'y_hat - y', '2.5*x^(-1/2)', '(1e-7)*x', 'atan2(y, x)', 'diff(v_x^2,v_x)']) {
        assert.equal(validateExpression(ok), undefined, ok);
      }
    });

    it('rejects a non-positive timeout without throwing', () => {
      assert.equal(proveEqual('x', 'x', { timeoutMs: 0 }).status, 'error');
    });
  });

  describe('hyperbolic rewrite', () => {
    it('replaces hyperbolic calls by their exponential definitions, nested', () => {
      assert.equal(rewriteHyperbolic('cosh(x)'), '((exp(x)+exp(-(x)))/2)');
      assert.equal(
        rewriteHyperbolic('2*tanh(sinh(a)+b)'),
        '2*((exp(((exp(a)-exp(-(a)))/2)+b)-exp(-(((exp(a)-exp(-(a)))/2)+b)))/(exp(((exp(a)-exp(-(a)))/2)+b)+exp(-(((exp(a)-exp(-(a)))/2)+b))))',
      );
      assert.equal(rewriteHyperbolic('x*y'), 'x*y');
    });
  });
});
