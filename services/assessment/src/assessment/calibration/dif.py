"""Differential item functioning between the language versions: Mantel-Haenszel with ETS classes (pure).

Groups are the session language: reference LT (most test-takers), focal EN. Within each stratum
of the matching variable, A/B are reference right/wrong and C/D focal right/wrong;
alpha_MH = Σ(A·D/N) / Σ(B·C/N) and Δ_MH = -2.35 ln alpha_MH (the ETS delta scale). Δ < 0: harder for EN
test-takers than for LT ones of the same ability; Δ > 0: harder for LT.

ETS classes (Zieky 1993; Zwick 2012), with the Robins-Breslow-Greenland SE of ln alpha_MH:
- A: |Δ| < 1, or the MH χ² (continuity-corrected) is not significant at 5 %;
- C: |Δ| ≥ 1.5 and |Δ| significantly greater than 1 (one-sided 5 %, z > 1.645);
- B: the rest. B and C are flagged.
An item needs `MIN_GROUP` = 100 respondents in each language (fewer: `insufficient`, not judged);
below that the SE of Δ exceeds ~0.5 and an A/B/C call is mostly noise.

Matching: complete forms match on the rest score (every score its own stratum); adaptive tests
match on θ estimated without the studied item, in 10 quantile strata (number-right scores mean
nothing when everyone answers different items). `dif_on_theta` purifies once: items flagged in the
first pass are left out of the matching θ of the second.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import NDArray
from scipy.stats import chi2  # type: ignore[import-untyped]

from assessment.calibration.irt import Array, eap, leave_one_out_eap, log_likelihood, posterior
from assessment.calibration.mml import Calibration

MIN_GROUP = 100
THETA_STRATA = 10
DELTA_PER_LOG_ODDS = -2.35
_Z_ONE_SIDED_5 = 1.645

EtsClass = Literal["A", "B", "C", "insufficient"]


@dataclass(frozen=True)
class DifResult:
    """Mantel-Haenszel DIF of one item between reference (LT) and focal (EN) respondents."""

    n_reference: int
    n_focal: int
    alpha: float
    delta: float
    se_delta: float
    chi2: float
    p_value: float
    ets_class: EtsClass

    @property
    def flagged(self) -> bool:
        """B and C items are flagged for review."""
        return self.ets_class in ("B", "C")


def _insufficient(n_ref: int, n_focal: int) -> DifResult:
    nan = float("nan")
    return DifResult(n_ref, n_focal, nan, nan, nan, nan, nan, "insufficient")


def _ets_class(delta: float, se: float, p_value: float) -> EtsClass:
    size = abs(delta)
    if size < 1.0 or p_value >= 0.05:
        return "A"
    if size >= 1.5 and (size - 1.0) / se > _Z_ONE_SIDED_5:
        return "C"
    return "B"


def _tables(
    correct: Array, focal: NDArray[np.bool_], strata: NDArray[np.integer]
) -> tuple[Array, Array, Array, Array, Array]:
    """Per stratum: reference right and wrong, focal right and wrong, and the stratum's size."""
    levels = np.unique(strata, return_inverse=True)[1]
    size = int(levels.max()) + 1

    def count(mask: NDArray[np.bool_]) -> Array:
        return np.bincount(levels[mask], minlength=size).astype(np.float64)

    right = correct == 1.0
    a_, b_ = count(~focal & right), count(~focal & ~right)
    c_, d_ = count(focal & right), count(focal & ~right)
    total = a_ + b_ + c_ + d_
    # Strata with only one group (or one person) carry no comparison.
    keep = (a_ + b_ > 0) & (c_ + d_ > 0) & (total > 1)
    return a_[keep], b_[keep], c_[keep], d_[keep], total[keep]


def mantel_haenszel(
    correct: Array, focal: NDArray[np.bool_], strata: NDArray[np.integer], *, min_group: int = MIN_GROUP
) -> DifResult:
    """MH DIF of one item from its respondents' 0/1 responses, group (True = focal) and stratum."""
    n_ref, n_focal = int((~focal).sum()), int(focal.sum())
    if min(n_ref, n_focal) < min_group:
        return _insufficient(n_ref, n_focal)
    a_, b_, c_, d_, total = _tables(correct, focal, strata)
    r, s = a_ * d_ / total, b_ * c_ / total
    if r.sum() == 0 or s.sum() == 0:
        return _insufficient(n_ref, n_focal)
    alpha = r.sum() / s.sum()
    p, q = (a_ + d_) / total, (b_ + c_) / total
    var_log = (
        (p * r).sum() / (2 * r.sum() ** 2)
        + (p * s + q * r).sum() / (2 * r.sum() * s.sum())
        + (q * s).sum() / (2 * s.sum() ** 2)
    )
    n_r, right_all = a_ + b_, a_ + c_
    expected = n_r * right_all / total
    variance = n_r * (c_ + d_) * right_all * (b_ + d_) / (total**2 * (total - 1))
    statistic = float((abs(a_.sum() - expected.sum()) - 0.5) ** 2 / variance.sum())
    p_value = float(chi2.sf(statistic, 1))
    delta = DELTA_PER_LOG_ODDS * float(np.log(alpha))
    se = abs(DELTA_PER_LOG_ODDS) * float(np.sqrt(var_log))
    return DifResult(
        n_ref, n_focal, float(alpha), delta, se, statistic, p_value, _ets_class(delta, se, p_value)
    )


def rest_score_strata(responses: Array) -> NDArray[np.int64]:
    """Every person's number right on the other items, per item (complete forms only)."""
    if np.isnan(responses).any():
        raise ValueError("rest scores need a complete response matrix; match on θ instead")
    return np.asarray(responses.sum(axis=1, keepdims=True) - responses, dtype=np.int64)


def theta_strata(theta: Array, n_strata: int = THETA_STRATA) -> NDArray[np.int64]:
    """Quantile strata (0 … n-1) of a per-item matching θ, (N, J); -1 where the item is unanswered."""
    out = np.full(theta.shape, -1, dtype=np.int64)
    for j in range(theta.shape[1]):
        rows = ~np.isnan(theta[:, j])
        if rows.any():
            edges = np.quantile(theta[rows, j], np.linspace(0, 1, n_strata + 1)[1:-1])
            out[rows, j] = np.searchsorted(edges, theta[rows, j], side="right")
    return out


def dif(
    responses: Array, focal: NDArray[np.bool_], strata: NDArray[np.integer], *, min_group: int = MIN_GROUP
) -> list[DifResult]:
    """MH DIF of every item, each matched on its column of `strata` (N, J)."""
    results = []
    for j in range(responses.shape[1]):
        rows = ~np.isnan(responses[:, j])
        results.append(mantel_haenszel(responses[rows, j], focal[rows], strata[rows, j], min_group=min_group))
    return results


def _matching_theta(responses: Array, cal: Calibration, exclude: NDArray[np.bool_]) -> Array:
    """Leave-one-out θ from the items not in `exclude`; excluded items get θ from all kept items."""
    a, b, c = (np.nan_to_num(v) for v in (cal.a, cal.b, cal.c))
    kept = np.where(exclude[None, :], np.nan, responses)
    theta = leave_one_out_eap(kept, a, b, c, cal.weights)
    if exclude.any():
        whole = eap(posterior(log_likelihood(kept, a, b, c), cal.weights))[0]
        answered = ~np.isnan(responses[:, exclude])
        theta[:, exclude] = np.where(answered, whole[:, None], np.nan)
    return theta


def dif_on_theta(
    responses: Array,
    focal: NDArray[np.bool_],
    calibration: Calibration,
    *,
    min_group: int = MIN_GROUP,
    n_strata: int = THETA_STRATA,
) -> list[DifResult]:
    """MH DIF of every item matched on θ strata, with one purification step."""
    exclude = np.zeros(responses.shape[1], dtype=bool)
    first = dif(
        responses,
        focal,
        theta_strata(_matching_theta(responses, calibration, exclude), n_strata),
        min_group=min_group,
    )
    exclude = np.array([result.flagged for result in first])
    if not exclude.any():
        return first
    strata = theta_strata(_matching_theta(responses, calibration, exclude), n_strata)
    return dif(responses, focal, strata, min_group=min_group)
