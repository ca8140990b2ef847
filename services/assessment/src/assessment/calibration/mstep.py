"""The M-step of EM: Fisher scoring of every free item at once on the expected counts (pure numerics).

Each free item has η = (log a, b, logit c); items that do not estimate c keep their fixed c and a
gamma that never moves. The items are independent given the expected counts, so one batched 3 x 3
solve per step updates them all; a step is halved, item by item, until it does not lower the
item's log posterior (so every EM cycle still increases the marginal posterior).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.special import expit, logit  # type: ignore[import-untyped]

from assessment.calibration.irt import EPS, GRID, Array


@dataclass(frozen=True)
class Priors:
    """Priors that keep estimates finite and sane with few responses (close to BILOG-MG's)."""

    log_a_mean: float = 0.0
    log_a_sd: float = 0.5
    b_mean: float = 0.0
    b_sd: float = 2.0
    # Pseudo-responses of the Beta prior on c, whose mode is the bank's c (1 / options).
    c_strength: float = 20.0


@dataclass(frozen=True)
class Layout:
    """Which items are estimated (`free`, into all items) and which of those also estimate c."""

    free: NDArray[np.intp]
    guess: NDArray[np.bool_]
    c_bank: Array

    def pack(self, a: Array, b: Array, c: Array) -> Array:
        """η of the free items, (K, 3)."""
        f = self.free
        gamma = np.where(self.guess, logit(np.clip(c[f], 0.01, 0.99)), 0.0)
        return np.column_stack([np.log(np.clip(a[f], 0.05, 10.0)), b[f], gamma])

    def unpack(self, eta: Array, a: Array, b: Array, c: Array) -> tuple[Array, Array, Array]:
        """Copies of all items' a, b, c with the free items' values from η."""
        a, b, c = a.copy(), b.copy(), c.copy()
        a[self.free], b[self.free] = np.exp(eta[:, 0]), eta[:, 1]
        c[self.free] = self.c_of(eta)
        return a, b, c

    def c_of(self, eta: Array) -> Array:
        """The free items' c: estimated where `guess`, the bank's otherwise."""
        return np.where(self.guess, expit(eta[:, 2]), self.c_bank)


def derivatives(eta: Array, lay: Layout) -> tuple[Array, Array]:
    """P on the grid (Q, K) and dP/dη (Q, K, 3) of the free items."""
    a, b, c = np.exp(eta[:, 0]), eta[:, 1], lay.c_of(eta)
    s = expit(a * (GRID[:, None] - b))
    p = np.clip(c + (1.0 - c) * s, EPS, 1.0 - EPS)
    dp_dz = (1.0 - c) * s * (1.0 - s)
    dp_gamma = np.where(lay.guess, (1.0 - s) * c * (1.0 - c), 0.0)
    return p, np.stack([dp_dz * a * (GRID[:, None] - b), -dp_dz * a, dp_gamma], axis=-1)


def _log_prior(eta: Array, lay: Layout, priors: Priors) -> Array:
    # Items with a fixed c (possibly 0) get no Beta term; 0.5 keeps its logs finite meanwhile.
    c = np.where(lay.guess, lay.c_of(eta), 0.5)
    value = -((eta[:, 0] - priors.log_a_mean) ** 2) / (2 * priors.log_a_sd**2)
    value -= (eta[:, 1] - priors.b_mean) ** 2 / (2 * priors.b_sd**2)
    # Beta prior with its mode at the bank's c: k·m·log c + k·(1 - m)·log(1 - c).
    beta = priors.c_strength * (lay.c_bank * np.log(c) + (1 - lay.c_bank) * np.log1p(-c))
    return np.asarray(value + np.where(lay.guess, beta, 0.0), dtype=np.float64)


def objective(eta: Array, lay: Layout, n: Array, r: Array, priors: Priors) -> Array:
    """Each free item's expected complete-data log posterior, (K,)."""
    p = derivatives(eta, lay)[0]
    loglik = (r * np.log(p) + (n - r) * np.log1p(-p)).sum(axis=0)
    return np.asarray(loglik + _log_prior(eta, lay, priors), dtype=np.float64)


def prior_precision(eta: Array, lay: Layout, priors: Priors) -> Array:
    """Minus the prior's second derivatives in η, (K, 3); 1 for a gamma that does not move."""
    c = lay.c_of(eta)
    gamma = np.where(lay.guess, priors.c_strength * c * (1 - c), 1.0)
    columns = [np.full(c.shape, priors.log_a_sd**-2), np.full(c.shape, priors.b_sd**-2), gamma]
    return np.column_stack(columns)


def _score_and_information(
    eta: Array, lay: Layout, n: Array, r: Array, priors: Priors
) -> tuple[Array, Array]:
    p, dp = derivatives(eta, lay)
    c = lay.c_of(eta)
    score = np.einsum("qk,qkd->kd", (r - n * p) / (p * (1.0 - p)), dp)
    score[:, 0] -= (eta[:, 0] - priors.log_a_mean) / priors.log_a_sd**2
    score[:, 1] -= (eta[:, 1] - priors.b_mean) / priors.b_sd**2
    score[:, 2] = np.where(lay.guess, score[:, 2] + priors.c_strength * (lay.c_bank - c), 0.0)
    information = np.einsum("qk,qkd,qke->kde", n / (p * (1.0 - p)), dp, dp)
    information += np.einsum("kd,de->kde", prior_precision(eta, lay, priors), np.eye(3))
    return score, information


def m_step(eta: Array, lay: Layout, n: Array, r: Array, priors: Priors, *, steps: int = 10) -> Array:
    """Maximise every free item's expected log posterior by Fisher scoring with step halving."""
    value = objective(eta, lay, n, r, priors)
    for _ in range(steps):
        score, information = _score_and_information(eta, lay, n, r, priors)
        step = np.linalg.solve(information, score[..., None])[..., 0]
        scale = np.ones(eta.shape[0])
        for _ in range(20):
            trial = eta + scale[:, None] * step
            trial_value = objective(trial, lay, n, r, priors)
            worse = trial_value < value - 1e-10
            if not worse.any():
                break
            scale[worse] /= 2
        eta, value = np.where(worse[:, None], eta, trial), np.where(worse, value, trial_value)
        if np.abs(scale[:, None] * step).max(initial=0.0) < 1e-7:
            break
    return eta
