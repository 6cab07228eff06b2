"""Problem 1 of the midterm review, by hand: y_hat = C sigma(A x + b) + d, L = (y - y_hat)**2.

Derivations live in the comments next to the code that uses them; run
`npx derivcheck check examples/problem1.py` to check them.
"""
import numpy as np

# derivcheck: model=mlp sigma=sigmoid


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def forward(x, A, b, C, d):
    z = A * x + b
    h = sigmoid(z)
    return z, h, C @ h + d


def gradients(x, y, A, b, C, d):
    z, h, y_pred = forward(x, A, b, C, d)
    # (a) d/dz sigmoid(z) = sigmoid(z) * (1 - sigmoid(z))
    dsigma = h * (1 - h)
    # (b) dL/dd = -2 * (y - y_pred)
    grad_d = -2 * (y - y_pred)
    # (c) dL/dC_i = -2 * (y - y_pred) * sigmoid(z_i)
    grad_C = grad_d * h
    # (d) dL/db_i = -2 * (y - y_pred) * C_i * sigmoid(z_i) * (1 - sigmoid(z_i))
    grad_b = grad_d * C * dsigma
    # (e) dL/dA_i = -2 * (y - y_pred) * C_i * sigmoid(z_i)**2 * x   <- a slip: sigma squared
    grad_A = grad_d * C * dsigma * x
    return grad_A, grad_b, grad_C, grad_d


def step(b, grad_b, alpha):
    # (f) gradient descent moves against the gradient
    return b - alpha * grad_b
