"""Joint MAP estimation of the area abilities under a correlated multivariate normal prior.

Each item loads on exactly one area, so the likelihood's information matrix is diagonal; the
prior covariance (unit variances, `config.correlation` between every pair of areas) is what
lets an answer in one area move every other area. The mode is found by Fisher scoring
(Newton-Raphson with the expected information), which is stable for the 3PL where the
observed information can be negative; the covariance is the inverse of the prior precision
plus the item information at the mode.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from assessment.engine import irt
from assessment.engine.irt import Array, IntArray
from assessment.engine.model import Answer, BankItem, EngineConfig, Estimate

_MAX_ITERATIONS = 50
_TOLERANCE = 1e-6
# A bounded step keeps early iterations (few answers, all correct or all wrong) from overshooting.
_MAX_STEP = 1.0


@dataclass(frozen=True)
class Responses:
    """Scored answers as arrays: the area index of each item, its parameters and the score."""

    area: IntArray
    a: Array
    b: Array
    c: Array
    u: Array


def prior_covariance(config: EngineConfig) -> Array:
    """Unit variances with `config.correlation` between every pair of areas."""
    n = len(config.areas)
    cov: Array = np.full((n, n), config.correlation, dtype=np.float64)
    np.fill_diagonal(cov, 1.0)
    return cov


def scored_responses(
    bank: Mapping[str, BankItem], answers: Sequence[Answer], config: EngineConfig
) -> Responses:
    """Answers that carry information: known, operational (not pretest) and not skipped."""
    index = {code: k for k, code in enumerate(config.areas)}
    items = [(bank[ans.item_id], ans.correct) for ans in answers if ans.item_id in bank]
    used = [
        (item, bool(ok)) for item, ok in items if ok is not None and not item.pretest and item.area in index
    ]
    return Responses(
        area=np.array([index[item.area] for item, _ in used], dtype=np.int64),
        a=np.array([item.a for item, _ in used], dtype=np.float64),
        b=np.array([item.b for item, _ in used], dtype=np.float64),
        c=np.array([item.c for item, _ in used], dtype=np.float64),
        u=np.array([1.0 if ok else 0.0 for _, ok in used], dtype=np.float64),
    )


def map_estimate(responses: Responses, prior_mean: Array, prior_precision: Array) -> tuple[Array, Array]:
    """Posterior mode and covariance by Fisher scoring from the prior mean."""
    n = prior_mean.shape[0]
    theta = prior_mean.copy()
    r = responses
    for _ in range(_MAX_ITERATIONS):
        at = theta[r.area]
        likelihood = np.bincount(r.area, irt.score(at, r.a, r.b, r.c, r.u), minlength=n)
        gradient = likelihood.astype(np.float64) - prior_precision @ (theta - prior_mean)
        info = np.bincount(r.area, irt.information(at, r.a, r.b, r.c), minlength=n)
        step = np.linalg.solve(prior_precision + np.diag(info), gradient)
        step = np.clip(step, -_MAX_STEP, _MAX_STEP)
        theta = theta + step
        if float(np.max(np.abs(step))) < _TOLERANCE:
            break
    info = np.bincount(r.area, irt.information(theta[r.area], r.a, r.b, r.c), minlength=n)
    covariance = np.asarray(np.linalg.inv(prior_precision + np.diag(info)), dtype=np.float64)
    return theta, covariance


def prior_precision(config: EngineConfig) -> Array:
    """The inverse of the prior covariance."""
    return np.asarray(np.linalg.inv(prior_covariance(config)), dtype=np.float64)


def prior_mean_array(prior_mean: Sequence[float] | None, config: EngineConfig) -> Array:
    """The prior means as an array (zeros when not given), checked against the areas."""
    if prior_mean is None:
        return np.zeros(len(config.areas), dtype=np.float64)
    mean = np.asarray(prior_mean, dtype=np.float64)
    if mean.shape != (len(config.areas),):
        raise ValueError("prior_mean needs one value per area")
    return mean


def estimate_arrays(
    bank: Mapping[str, BankItem],
    answers: Sequence[Answer],
    config: EngineConfig,
    prior_mean: Sequence[float] | None = None,
) -> tuple[Array, Array]:
    """θ and covariance as numpy arrays (what `estimate` returns as tuples)."""
    mean = prior_mean_array(prior_mean, config)
    return map_estimate(scored_responses(bank, answers, config), mean, prior_precision(config))


def estimate(
    bank: Mapping[str, BankItem],
    answers: Sequence[Answer],
    config: EngineConfig,
    prior_mean: Sequence[float] | None = None,
) -> Estimate:
    """The joint MAP estimate of every area from the scored answers."""
    theta, cov = estimate_arrays(bank, answers, config, prior_mean)
    return Estimate(
        theta=tuple(float(t) for t in theta),
        se=tuple(float(s) for s in np.sqrt(np.diag(cov))),
        covariance=tuple(tuple(float(v) for v in row) for row in cov),
    )
