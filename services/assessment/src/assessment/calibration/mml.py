"""Marginal maximum likelihood calibration of 2PL/3PL items by EM on a fixed θ grid (pure numerics).

Unidimensional per area: each of the five DigComp areas is calibrated on its own, on its own
scale, because that is how the engine reads item parameters (one θ per area; the correlation
between areas is a property of the person prior, not of the items).

Fixed-parameter calibration: anchored items (the active bank) keep their parameters, and the
latent distribution's mean and SD are re-estimated every EM cycle from the posteriors (Kim 2006,
"multiple weights updating, multiple EM cycles"), so the estimated items land on the anchors'
scale even when the calibration sample is abler or more spread than the reference population.
Without answered anchors the scale is fixed by θ ~ N(0, 1). Missing cells (adaptive tests) are
ignorable for MML because the engine chooses items from observed answers only.

Each EM cycle: posteriors over the grid (E), then Fisher scoring of every free item on the
expected counts (M, `mstep`), under a lognormal prior on a, a normal prior on b and, when c is
estimated, a Beta prior on c around the bank's value. `link_mean_sigma` is the alternative:
calibrate everything freely, then move the result onto the anchors' scale.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from numpy.typing import NDArray

from assessment.calibration.irt import (
    GRID,
    Array,
    as_responses,
    log_likelihood,
    marginal_log_likelihood,
    normal_weights,
    posterior,
)
from assessment.calibration.mstep import Layout, Priors, derivatives, m_step, prior_precision

__all__ = ["Calibration", "Priors", "calibrate", "link_mean_sigma"]


@dataclass(frozen=True)
class Calibration:
    """Per-item estimates (fixed values for anchors, NaN for unanswered items) and the latent scale."""

    a: Array
    b: Array
    c: Array
    se_a: Array
    se_b: Array
    se_c: Array
    n_responses: NDArray[np.int64]
    anchored: NDArray[np.bool_]
    latent_mean: float
    latent_sd: float
    log_likelihood: float
    iterations: int
    converged: bool

    @property
    def weights(self) -> Array:
        """The estimated latent distribution on the grid."""
        return normal_weights(GRID, self.latent_mean, self.latent_sd)


def _layout(anchored: NDArray[np.bool_], counts: NDArray[np.int64], c: Array, estimate_c: bool) -> Layout:
    free = np.flatnonzero(~anchored & (counts > 0))
    # Items without guessing (multiple response, ordering, matching: c = 0) never estimate c.
    return Layout(free=free, guess=(c[free] > 0) & estimate_c, c_bank=c[free])


def _latent_moments(post: Array, grid: Array) -> tuple[float, float]:
    marginal = post.mean(axis=0)
    mean = float(marginal @ grid)
    return mean, float(np.sqrt(max(marginal @ (grid - mean) ** 2, 1e-4)))


@dataclass(frozen=True)
class _Problem:
    """One calibration's data and fixed inputs: answered rows only, the bank's values as a base."""

    y: Array
    lay: Layout
    base: tuple[Array, Array, Array]
    fixed: NDArray[np.bool_]
    counts: NDArray[np.int64]
    priors: Priors

    @property
    def floats_latent(self) -> bool:
        """Answered anchors fix the scale, so the latent mean and SD are free to move."""
        return bool((self.fixed & (self.counts > 0)).any())


def calibrate(
    responses: NDArray[np.floating],
    a0: Array,
    b0: Array,
    c0: Array,
    *,
    anchored: NDArray[np.bool_] | None = None,
    estimate_c: bool = False,
    priors: Priors = Priors(),
    max_iter: int = 500,
    tol: float = 1e-4,
) -> Calibration:
    """Estimate the non-anchored items' a, b (and c) by EM; a0, b0, c0 start them and fix anchors.

    `c0` is the fixed c of every item, or with `estimate_c` the mode of its Beta prior.
    """
    y = as_responses(responses)
    a, b, c = (np.array(v, dtype=np.float64) for v in (a0, b0, c0))
    if not a.shape == b.shape == c.shape == (y.shape[1],):
        raise ValueError("a0, b0 and c0 need one value per item")
    fixed = np.zeros(y.shape[1], dtype=bool) if anchored is None else np.asarray(anchored, dtype=bool)
    y = y[~np.isnan(y).all(axis=1)]
    counts = (~np.isnan(y)).sum(axis=0).astype(np.int64)
    problem = _Problem(y, _layout(fixed, counts, c, estimate_c), (a, b, c), fixed, counts, priors)
    eta, latent, iterations, converged = _em(problem, max_iter, tol)
    return _finish(problem, eta, latent, iterations, converged)


def _em(problem: _Problem, max_iter: int, tol: float) -> tuple[Array, tuple[float, float], int, bool]:
    """EM cycles until no parameter (nor the latent mean or SD) moves more than `tol`."""
    y, lay = problem.y, problem.lay
    eta, latent = lay.pack(*problem.base), (0.0, 1.0)
    observed = ~np.isnan(y[:, lay.free])
    y0 = np.where(observed, y[:, lay.free], 0.0)
    for iteration in range(1, max_iter + 1):
        a, b, c = lay.unpack(eta, *problem.base)
        post = posterior(log_likelihood(y, a, b, c), normal_weights(GRID, *latent))
        moved = _latent_moments(post, GRID) if problem.floats_latent else latent
        new = m_step(eta, lay, post.T @ observed, post.T @ y0, problem.priors)
        change = max(np.abs(new - eta).max(initial=0.0), *np.abs(np.subtract(moved, latent)))
        eta, latent = new, moved
        if change < tol:
            return eta, latent, iteration, True
    return eta, latent, max_iter, False


def _finish(
    problem: _Problem, eta: Array, latent: tuple[float, float], iterations: int, converged: bool
) -> Calibration:
    y, lay, fixed, counts = problem.y, problem.lay, problem.fixed, problem.counts
    a, b, c = lay.unpack(eta, *problem.base)
    weights = normal_weights(GRID, *latent)
    loglik = log_likelihood(y, a, b, c)
    se_a, se_b, se_c = _standard_errors(y, posterior(loglik, weights), eta, lay, problem.priors)
    unanswered = ~fixed & (counts == 0)
    for values in (a, b, c):
        values[unanswered] = np.nan
    return Calibration(
        a=a,
        b=b,
        c=c,
        se_a=se_a,
        se_b=se_b,
        se_c=se_c,
        n_responses=counts,
        anchored=fixed,
        latent_mean=latent[0],
        latent_sd=latent[1],
        log_likelihood=marginal_log_likelihood(loglik, weights),
        iterations=iterations,
        converged=converged,
    )


def _standard_errors(
    y: Array, post: Array, eta: Array, lay: Layout, priors: Priors
) -> tuple[Array, Array, Array]:
    """SEs from the cross-product of per-person marginal scores plus the prior precision (XPD).

    The latent mean and SD are treated as known, which understates the SEs a little under anchors.
    """
    se = [np.full(y.shape[1], np.nan) for _ in range(3)]
    if lay.free.size == 0:
        return se[0], se[1], se[2]
    p, dp = derivatives(eta, lay)
    observed = ~np.isnan(y[:, lay.free])
    y0 = np.where(observed, y[:, lay.free], 0.0)
    scores = []
    for d in range(3):
        h = dp[:, :, d] / (p * (1.0 - p))
        scores.append(y0 * (post @ h) - observed * (post @ (p * h)))
    # Only the items that estimate c have a gamma to report on.
    score = np.hstack([scores[0], scores[1], scores[2][:, lay.guess]])
    precision = prior_precision(eta, lay, priors)
    prior = np.concatenate([precision[:, 0], precision[:, 1], precision[lay.guess, 2]])
    se_eta = np.sqrt(np.diag(np.linalg.inv(score.T @ score + np.diag(prior))))
    k = lay.free.size
    a, c = np.exp(eta[:, 0]), lay.c_of(eta)
    # Back from η to a, b, c by the delta method.
    se[0][lay.free], se[1][lay.free] = a * se_eta[:k], se_eta[k : 2 * k]
    guessing = lay.guess
    se[2][lay.free[guessing]] = c[guessing] * (1 - c[guessing]) * se_eta[2 * k :]
    return se[0], se[1], se[2]


def link_mean_sigma(calibration: Calibration, b_ref: Array, anchors: NDArray[np.bool_]) -> Calibration:
    """Put a free calibration on the anchors' scale: b* = A·b + B, a* = a / A (mean/sigma on b)."""
    shared = np.asarray(anchors, dtype=bool) & ~np.isnan(calibration.b)
    if shared.sum() < 2:
        raise ValueError("mean/sigma linking needs at least two answered anchors")
    est, ref = calibration.b[shared], np.asarray(b_ref, dtype=np.float64)[shared]
    slope = float(ref.std() / est.std())
    intercept = float(ref.mean() - slope * est.mean())
    return replace(
        calibration,
        a=calibration.a / slope,
        b=slope * calibration.b + intercept,
        se_a=calibration.se_a / slope,
        se_b=slope * calibration.se_b,
        latent_mean=slope * calibration.latent_mean + intercept,
        latent_sd=slope * calibration.latent_sd,
    )
