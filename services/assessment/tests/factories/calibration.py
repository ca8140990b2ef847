"""Simulated item banks and test-takers for calibration tests: complete forms and adaptive (CAT) tests."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assessment.calibration.irt import GRID, Array, curve, eap, normal_weights, posterior


@dataclass(frozen=True)
class Bank:
    """True parameters of simulated items."""

    a: Array
    b: Array
    c: Array


def bank(rng: np.random.Generator, size: int, *, guessing: float = 0.0) -> Bank:
    """Items with a ~ lognormal(0.2, 0.3) and b ~ N(0, 1), like a calibrated DigComp area."""
    return Bank(a=np.exp(rng.normal(0.2, 0.3, size)), b=rng.normal(0.0, 1.0, size), c=np.full(size, guessing))


def answer(rng: np.random.Generator, theta: Array, items: Bank) -> Array:
    """Every person answers every item: a complete persons x items matrix of 0/1."""
    p = curve(theta, items.a, items.b, items.c)
    return (rng.random(p.shape) < p).astype(np.float64)


def adaptive(rng: np.random.Generator, theta: Array, items: Bank, believed: Bank, length: int) -> Array:
    """A CAT per person: the next item has the most information at the current EAP under the
    `believed` parameters (the bank's), drawn among the best 5 for exposure control; NaN elsewhere."""
    n, size = theta.size, items.a.size
    responses = np.full((n, size), np.nan)
    truth = curve(theta, items.a, items.b, items.c)
    p_grid = curve(GRID, believed.a, believed.b, believed.c)
    log_post = np.tile(np.log(normal_weights(GRID)), (n, 1))
    rows = np.arange(n)
    for _ in range(length):
        estimate = eap(posterior(log_post, np.ones(GRID.size)), GRID)[0]
        p = curve(estimate, believed.a, believed.b, believed.c)
        info = believed.a**2 * (1 - p) / p * ((p - believed.c) / (1 - believed.c)) ** 2
        info[~np.isnan(responses)] = -np.inf
        best = np.argsort(-info, axis=1)[:, :5]
        chosen = best[rows, rng.integers(0, 5, n)]
        y = (rng.random(n) < truth[rows, chosen]).astype(np.float64)
        responses[rows, chosen] = y
        p_chosen = p_grid[:, chosen].T
        log_post += np.where(y[:, None] == 1.0, np.log(p_chosen), np.log1p(-p_chosen))
    return responses
