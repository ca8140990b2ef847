"""The 3PL item model on the logistic scale (D = 1), vectorised over items."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

# Keeps log(P) and 1/P finite when θ is far from an item's difficulty.
_EPS = 1e-9


def probability(theta: Array | float, a: Array, b: Array, c: Array) -> Array:
    """P(correct | θ) = c + (1 - c) / (1 + exp(-a(θ - b)))."""
    z = np.clip(a * (np.asarray(theta, dtype=np.float64) - b), -35.0, 35.0)
    p: Array = c + (1.0 - c) / (1.0 + np.exp(-z))
    return np.clip(p, _EPS, 1.0 - _EPS)


def information(theta: Array | float, a: Array, b: Array, c: Array) -> Array:
    """Fisher information a² (Q/P) ((P - c)/(1 - c))² of each item at θ."""
    p = probability(theta, a, b, c)
    ratio = (p - c) / (1.0 - c)
    info: Array = a * a * ((1.0 - p) / p) * ratio * ratio
    return info


def score(theta: Array | float, a: Array, b: Array, c: Array, u: Array) -> Array:
    """Derivative of each answer's log-likelihood with respect to its θ."""
    p = probability(theta, a, b, c)
    result: Array = a * (u - p) * (p - c) / (p * (1.0 - c))
    return result
