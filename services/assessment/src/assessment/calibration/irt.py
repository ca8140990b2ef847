"""Item response curves and person posteriors on a fixed θ grid (pure numerics, shared by calibration).

Response matrices are persons x items of floats: 1.0 correct, 0.0 wrong, NaN not presented (or
skipped). The grid is fixed rather than Gauss-Hermite so the latent distribution's mean and SD can
be re-estimated under anchors without moving the nodes; 61 nodes over ±6 keep a shifted population
(mean ±1, SD up to 1.5) well covered.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from scipy.special import logsumexp  # type: ignore[import-untyped]

from assessment.engine.irt import probability

Array = NDArray[np.float64]

GRID: Array = np.linspace(-6.0, 6.0, 61)
# Keeps log P and log(1 - P) finite for items with extreme parameters.
EPS = 1e-9


def as_responses(responses: NDArray[np.floating] | list[list[float]]) -> Array:
    """Validate a persons x items matrix of 0, 1 and NaN; return it as float64."""
    matrix = np.asarray(responses, dtype=np.float64)
    if matrix.ndim != 2:
        raise ValueError("responses must be a persons x items matrix")
    observed = matrix[~np.isnan(matrix)]
    if not np.isin(observed, (0.0, 1.0)).all():
        raise ValueError("responses must be 0, 1 or NaN")
    return matrix


def curve(theta: Array, a: Array, b: Array, c: Array) -> Array:
    """P(correct) of every item at every θ: a grid (Q,) gives (Q, J); per-person θ (N,) gives (N, J).

    The same 3PL model the engine tests with, so calibrated parameters mean what it assumes.
    """
    return probability(theta[:, None], a, b, c)


def normal_weights(grid: Array, mean: float = 0.0, sd: float = 1.0) -> Array:
    """Normalised N(mean, sd²) weights on the grid nodes."""
    log_w = -0.5 * ((grid - mean) / sd) ** 2
    w = np.exp(log_w - log_w.max())
    return np.asarray(w / w.sum(), dtype=np.float64)


def log_likelihood(responses: Array, a: Array, b: Array, c: Array, grid: Array = GRID) -> Array:
    """log P(observed responses | θ_q) for every person and node, (N, Q); NaN cells add nothing."""
    p = curve(grid, a, b, c)
    observed = ~np.isnan(responses)
    y = np.where(observed, responses, 0.0)
    return np.asarray(y @ np.log(p).T + (observed - y) @ np.log1p(-p).T, dtype=np.float64)


def posterior(loglik: Array, weights: Array) -> Array:
    """Posterior over the grid nodes for every person, (N, Q)."""
    joint = loglik + np.log(weights)
    return np.asarray(np.exp(joint - logsumexp(joint, axis=1, keepdims=True)), dtype=np.float64)


def marginal_log_likelihood(loglik: Array, weights: Array) -> float:
    """The marginal log-likelihood of the data under the latent distribution."""
    return float(logsumexp(loglik + np.log(weights), axis=1).sum())


def eap(post: Array, grid: Array = GRID) -> tuple[Array, Array]:
    """Expected a posteriori θ and its posterior SD for every person."""
    mean = post @ grid
    var = post @ grid**2 - mean**2
    return np.asarray(mean, dtype=np.float64), np.sqrt(np.maximum(var, 0.0))


def leave_one_out_eap(
    responses: Array, a: Array, b: Array, c: Array, weights: Array, grid: Array = GRID
) -> Array:
    """EAP θ of every person from all their responses but item j's, (N, J); NaN where j is unanswered.

    Matching a person on θ that excludes the studied item keeps the item's own response (and its
    DIF) out of the matching variable, which otherwise biases Mantel-Haenszel and fit statistics.
    """
    loglik = log_likelihood(responses, a, b, c, grid)
    p = curve(grid, a, b, c)
    out = np.full(responses.shape, np.nan)
    for j in range(responses.shape[1]):
        rows = ~np.isnan(responses[:, j])
        if not rows.any():
            continue
        y = responses[rows, j][:, None]
        own = y * np.log(p[:, j]) + (1.0 - y) * np.log1p(-p[:, j])
        out[rows, j] = eap(posterior(loglik[rows] - own, weights), grid)[0]
    return out
