"""Item fit after calibration and the rule that flags misbehaving items (pure numerics).

The rule, per item with at least `MIN_FIT_RESPONSES` responses:

- `misfit`: RMSD > 0.12 between the posterior-weighted observed proportion correct and the
  model's curve over the θ grid (the PISA 2015-2022 item-fit criterion; it needs no θ point
  estimates, so it works for sparse adaptive data);
- `negative_discrimination`: the correlation between the item's responses and the respondents'
  θ estimated without that item is below 0 — the item works against the rest of its area
  (a reversed or miskeyed answer); MML's a is positive by construction, so this is the check;
- `low_discrimination`: estimated a < 0.3: the item hardly separates weak from strong;
- `few_responses` instead of the rest when there are too few responses to judge.

Infit and outfit mean squares (from EAP θ) are reported but do not flag: EAP shrinkage pulls them
below 1 for highly discriminating items (0.72-0.78 for a ≈ 2.5 in data simulated from the model
itself), so the usual [0.7, 1.3] limits would flag the best items first.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from assessment.calibration.irt import (
    GRID,
    Array,
    curve,
    eap,
    leave_one_out_eap,
    log_likelihood,
    posterior,
)
from assessment.calibration.mml import Calibration

MIN_FIT_RESPONSES = 100
RMSD_LIMIT = 0.12
LOW_DISCRIMINATION = 0.3


@dataclass(frozen=True)
class ItemFit:
    """Fit statistics of one item and the flags the rule raised."""

    rmsd: float
    infit: float
    outfit: float
    rest_correlation: float
    flags: tuple[str, ...]


def rmsd(responses: Array, calibration: Calibration) -> Array:
    """Posterior-weighted RMSD between observed and expected proportion correct, per item."""
    cal = calibration
    a, b, c = (np.nan_to_num(v) for v in (cal.a, cal.b, cal.c))
    post = posterior(log_likelihood(responses, a, b, c), cal.weights)
    observed = ~np.isnan(responses)
    n = post.T @ observed
    r = post.T @ np.where(observed, responses, 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        gap = np.where(n > 0, r / n, 0.0) - curve(GRID, a, b, c)
        out = np.sqrt((n * gap**2).sum(axis=0) / n.sum(axis=0))
    return np.asarray(out, dtype=np.float64)


def mean_squares(responses: Array, calibration: Calibration) -> tuple[Array, Array]:
    """Infit and outfit mean squares per item from EAP θ."""
    cal = calibration
    a, b, c = (np.nan_to_num(v) for v in (cal.a, cal.b, cal.c))
    theta = eap(posterior(log_likelihood(responses, a, b, c), cal.weights))[0]
    p = curve(theta, a, b, c)
    observed = ~np.isnan(responses)
    residual2 = np.where(observed, (responses - p) ** 2, 0.0)
    variance = np.where(observed, p * (1 - p), 0.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        infit = residual2.sum(axis=0) / variance.sum(axis=0)
        outfit = np.where(observed, residual2 / np.where(observed, variance, 1.0), 0.0).sum(
            axis=0
        ) / observed.sum(axis=0)
    return np.asarray(infit, dtype=np.float64), np.asarray(outfit, dtype=np.float64)


def rest_correlations(responses: Array, calibration: Calibration) -> Array:
    """Correlation of each item's responses with the respondents' θ estimated without it."""
    cal = calibration
    a, b, c = (np.nan_to_num(v) for v in (cal.a, cal.b, cal.c))
    theta = leave_one_out_eap(responses, a, b, c, cal.weights)
    out = np.full(responses.shape[1], np.nan)
    for j in range(responses.shape[1]):
        rows = ~np.isnan(responses[:, j])
        y, t = responses[rows, j], theta[rows, j]
        if rows.sum() > 2 and y.std() > 0 and t.std() > 0:
            out[j] = float(np.corrcoef(y, t)[0, 1])
    return out


def _flags(n: int, a: float, rmsd_j: float, rest_j: float) -> tuple[str, ...]:
    if n < MIN_FIT_RESPONSES or np.isnan(a):
        return ("few_responses",)
    flags = []
    if rmsd_j > RMSD_LIMIT:
        flags.append("misfit")
    if rest_j < 0:
        flags.append("negative_discrimination")
    if a < LOW_DISCRIMINATION:
        flags.append("low_discrimination")
    return tuple(flags)


def item_fit(responses: Array, calibration: Calibration) -> list[ItemFit]:
    """Fit statistics and flags for every item of a calibration (same response matrix)."""
    responses = responses[~np.isnan(responses).all(axis=1)]
    rmsd_all = rmsd(responses, calibration)
    infit, outfit = mean_squares(responses, calibration)
    rest = rest_correlations(responses, calibration)
    return [
        ItemFit(
            rmsd=float(rmsd_all[j]),
            infit=float(infit[j]),
            outfit=float(outfit[j]),
            rest_correlation=float(rest[j]),
            flags=_flags(int(calibration.n_responses[j]), float(calibration.a[j]), rmsd_all[j], rest[j]),
        )
        for j in range(responses.shape[1])
    ]
