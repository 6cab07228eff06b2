"""Decide the benchmark's equivalence questions with SymPy, in one process.

Reads a JSON array of questions on stdin, one per claim:
  {"id": 3, "setup": {"problem": "mlp", "k": 3}, "lhs": "diff(L, C_2)", "rhs": "...", "decimals": 3?}
and writes one JSON line per claim to stdout:
  {"id": 3, "verdict": "equal" | "different" | "timeout" | "error", "ms": 512.3, "detail": "..."}

For each claim the program builds the model (Problem 1 with k units: symbols x, y, A_i, b_i, C_i,
d, z_i = A_i x + b_i, sigma(t) = 1/(1 + exp(-t)), L = (y - (sum_i C_i sigma(z_i) + d))**2; ridge with
A an n x d matrix of symbols; batchnorm with the given batch or a batch of symbols; mean-only
batchnorm with symbols), evaluates lhs (the model's quantity, e.g. diff(L, C_2)) and rhs (the
claim's right side, translated from its ASCII form) and decides simplify(lhs - rhs) == 0
(element-wise for matrices). A decimal answer (-1.667) is equal when |lhs - rhs| is at most half a
unit of its last written place, the rule derivcheck applies. A product of matrices whose shapes do
not fit (ShapeError) is decided as "different". All of it, model construction included, is timed
per claim, with a time limit (SIGALRM; a claim over the limit is "timeout", i.e. undecided).
"""
import json
import signal
import sys
import time

import sympy
from sympy import (Integer, Matrix, Rational, Symbol, diff, exp, eye, simplify, sqrt, symbols)
try:
    from sympy.matrices.exceptions import ShapeError
except ImportError:  # SymPy < 1.13
    from sympy.matrices.common import ShapeError
from sympy.matrices import MatrixBase


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout()


def base_namespace():
    return {'Integer': Integer, 'Rational': Rational, 'diff': diff, 'exp': exp, 'sqrt': sqrt, 'eye': eye}


def mlp(k):
    ns = base_namespace()
    x, y, d, alpha = symbols('x y d alpha', real=True)
    ns.update(x=x, y=y, d=d, alpha=alpha)
    A = [Symbol(f'A_{i}', real=True) for i in range(1, k + 1)]
    b = [Symbol(f'b_{i}', real=True) for i in range(1, k + 1)]
    C = [Symbol(f'C_{i}', real=True) for i in range(1, k + 1)]
    Z = [Symbol(f'Z_{i}', real=True) for i in range(1, k + 1)]
    t = Symbol('t', real=True)

    def sigma(u):
        return 1 / (1 + exp(-u))

    sigma_prime = diff(sigma(t), t)

    def dsigma(u):
        return sigma_prime.subs(t, u)

    z = [A[i] * x + b[i] for i in range(k)]
    y_pred = sum(C[i] * sigma(z[i]) for i in range(k)) + d
    L = (y - y_pred) ** 2
    z_of = {Z[i]: z[i] for i in range(k)}
    y_pred_z = sum(C[i] * sigma(Z[i]) for i in range(k)) + d

    def dL_dz(p):
        return diff((y - y_pred_z) ** 2, Z[p - 1]).subs(z_of)

    def dyhat_dz(p):
        return diff(y_pred_z, Z[p - 1]).subs(z_of)

    ns.update(sigma=sigma, dsigma=dsigma, y_pred=y_pred, L=L, dL_dz=dL_dz, dyhat_dz=dyhat_dz)
    for i in range(k):
        ns[f'A_{i + 1}'] = A[i]
        ns[f'b_{i + 1}'] = b[i]
        ns[f'C_{i + 1}'] = C[i]
        ns[f'z_{i + 1}'] = z[i]
    return ns, {}


def ridge(n, d):
    ns = base_namespace()
    A = Matrix(n, d, lambda i, j: Symbol(f'a_{i + 1}{j + 1}', real=True))
    b = Matrix(n, 1, lambda i, j: Symbol(f'b_{i + 1}', real=True))
    x = Matrix(d, 1, lambda i, j: Symbol(f'x_{i + 1}', real=True))
    lam = Symbol('lam', positive=True)
    r = A * x - b
    f = (r.T * r)[0, 0] + lam * (x.T * x)[0, 0]

    def grad_f():
        return Matrix([diff(f, xi) for xi in x])

    def xstar():
        return (A.T * A + lam * eye(d)).LUsolve(A.T * b)

    ns.update(A=A, b=b, x=x, lam=lam, grad_f=grad_f, xstar=xstar)
    return ns, {}


def batchnorm(m, batch=None, gamma=None, beta=None):
    ns = base_namespace()
    X = [Symbol(f'X_{j}', real=True) for j in range(1, m + 1)]
    g = [Symbol(f'g_{j}', real=True) for j in range(1, m + 1)]
    GAMMA, BETA = symbols('GAMMA BETA', real=True)
    EPS = Symbol('EPS', nonnegative=True)
    MU = sum(X) / m
    VAR = sum((xj - MU) ** 2 for xj in X) / m
    XHAT = [(xj - MU) / sqrt(VAR + EPS) for xj in X]
    Y = [GAMMA * xh + BETA for xh in XHAT]
    L = sum(g[j] * Y[j] for j in range(m))
    given = {}
    if batch is not None:
        given = {X[j]: Integer(batch[j]) for j in range(m)}
        given.update({GAMMA: Integer(gamma), BETA: Integer(beta), EPS: Integer(0)})

    def at(e):
        return e.subs(given) if given else e

    ns.update(MU=MU, VAR=VAR, L=L, GAMMA=GAMMA, BETA=BETA)
    ns.update(mu=at(MU), var=at(VAR), gamma=at(GAMMA), beta=at(BETA), eps=at(EPS))
    for j in range(m):
        ns[f'X_{j + 1}'] = X[j]
        ns[f'Y_{j + 1}'] = Y[j]
        ns[f'g_{j + 1}'] = g[j]
        ns[f'x_{j + 1}'] = at(X[j])
        ns[f'xhat_{j + 1}'] = at(XHAT[j])
        ns[f'y_{j + 1}'] = at(Y[j])
    return ns, given


def batchnorm_mean(m):
    ns = base_namespace()
    x = [Symbol(f'x_{j}', real=True) for j in range(1, m + 1)]
    g = [Symbol(f'g_{j}', real=True) for j in range(1, m + 1)]
    gamma, beta = symbols('gamma beta', real=True)
    mu = sum(x) / m
    xhat = [xj - mu for xj in x]
    y = [gamma * xh + beta for xh in xhat]
    L = sum(g[j] * y[j] for j in range(m))
    ns.update(mu=mu, gamma=gamma, beta=beta, L=L)
    for j in range(m):
        ns[f'x_{j + 1}'] = x[j]
        ns[f'g_{j + 1}'] = g[j]
        ns[f'xhat_{j + 1}'] = xhat[j]
        ns[f'y_{j + 1}'] = y[j]
    return ns, {}


def model(setup):
    p = setup['problem']
    if p == 'mlp':
        return mlp(setup['k'])
    if p == 'ridge':
        return ridge(setup['n'], setup['d'])
    if p == 'batchnorm':
        return batchnorm(setup['m'], setup.get('batch'), setup.get('gamma'), setup.get('beta'))
    if p == 'batchnorm-mean':
        return batchnorm_mean(setup['m'])
    raise ValueError(p)


def decide(q):
    ns, given = model(q['setup'])
    lhs = eval(q['lhs'], {'__builtins__': {}}, ns)  # our own generated strings, not user input
    if given:
        lhs = lhs.subs(given)
    try:
        rhs = eval(q['rhs'], {'__builtins__': {}}, ns)
        difference = lhs - rhs
    except ShapeError:
        return 'different', 'shapes do not fit'
    if q.get('decimals') is not None:
        value = sympy.N(difference, 30)
        return ('equal' if abs(value) <= Rational(5, 10 ** (q['decimals'] + 1)) else 'different'), 'decimal'
    if isinstance(difference, MatrixBase):
        s = simplify(difference)
        return ('equal' if all(e == 0 for e in s) else 'different'), None
    return ('equal' if simplify(difference) == 0 else 'different'), None


def main():
    limit = float(sys.argv[1]) if len(sys.argv) > 1 else 20.0
    questions = json.load(sys.stdin)
    signal.signal(signal.SIGALRM, _alarm)
    # Warm-up (imports and SymPy's first-call costs), not counted.
    decide({'setup': {'problem': 'mlp', 'k': 2}, 'lhs': 'diff(L, d)', 'rhs': '(-2)*(y - y_pred)'})
    for q in questions:
        start = time.perf_counter()
        detail = None
        signal.setitimer(signal.ITIMER_REAL, limit)
        try:
            verdict, detail = decide(q)
        except Timeout:
            verdict = 'timeout'
        except Exception as e:  # noqa: BLE001 - any failure leaves the claim undecided
            verdict, detail = 'error', f'{type(e).__name__}: {e}'[:200]
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        ms = (time.perf_counter() - start) * 1000
        out = {'id': q['id'], 'verdict': verdict, 'ms': round(ms, 3)}
        if detail:
            out['detail'] = detail
        print(json.dumps(out), flush=True)


if __name__ == '__main__':
    if len(sys.argv) > 1 and sys.argv[1] == '--version':
        print(sympy.__version__)
    else:
        main()
