"""Mantel-Haenszel DIF between LT and EN: a hand-checked table, a shifted item, sparse data, group sizes."""

import numpy as np
import pytest

from assessment.calibration.dif import dif, dif_on_theta, mantel_haenszel, rest_score_strata
from assessment.calibration.mml import calibrate

from .factories.calibration import Bank, adaptive, answer, bank


def table(stratum: int, a: int, b: int, c: int, d: int) -> tuple[list[float], list[bool], list[int]]:
    """Respondents of one stratum: reference right/wrong (a, b), focal right/wrong (c, d)."""
    correct = [1.0] * a + [0.0] * b + [1.0] * c + [0.0] * d
    focal = [False] * (a + b) + [True] * (c + d)
    return correct, focal, [stratum] * len(correct)


def test_mantel_haenszel_matches_the_hand_computed_statistics() -> None:
    parts = [table(0, 30, 20, 20, 30), table(1, 40, 10, 30, 20)]
    correct, focal, strata = (np.concatenate([p[i] for p in parts]) for i in range(3))
    result = mantel_haenszel(correct, focal, strata, min_group=10)
    # alpha = (30·30/100 + 40·20/100) / (20·20/100 + 10·30/100) = 17/7.
    assert result.alpha == pytest.approx(17 / 7)
    assert result.delta == pytest.approx(-2.35 * np.log(17 / 7))
    # χ² = (|70 - 60| - 0.5)² / (6250000 + 5250000) / 990000.
    assert result.chi2 == pytest.approx(90.25 / (11_500_000 / 990_000))
    # Robins-Breslow-Greenland: 10.2/578 + 11/238 + 2.8/98.
    assert result.se_delta == pytest.approx(2.35 * np.sqrt(10.2 / 578 + 11 / 238 + 2.8 / 98))
    # |Δ| = 2.09 ≥ 1.5 and significant, but not significantly above 1 (z = 1.52): B, not C.
    assert result.ets_class == "B"
    assert result.flagged


def lt_en_sample(seed: int, size: int = 20) -> tuple[np.ndarray, np.ndarray, Bank]:
    """1,000 test-takers, half LT and half EN; item 0 is 1.0 harder in the LT version."""
    rng = np.random.default_rng(seed)
    items = bank(rng, size)
    theta = rng.normal(0.0, 1.0, 1000)
    focal = np.arange(1000) >= 500  # EN
    responses = answer(rng, theta, items)
    lithuanian = Bank(items.a, items.b.copy(), items.c)
    lithuanian.b[0] += 1.0
    responses[~focal] = answer(rng, theta[~focal], lithuanian)
    return responses, focal, items


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_an_item_harder_in_lithuanian_is_flagged_c_on_rest_scores(seed: int) -> None:
    responses, focal, _ = lt_en_sample(seed)
    results = dif(responses, focal, rest_score_strata(responses))
    assert results[0].ets_class == "C"
    # Δ > 0: harder for the reference (LT) group. Measured 2.4-4.5 (SE 0.4); the others |Δ| ≤ 0.74.
    assert results[0].delta > 1.5
    assert sum(r.flagged for r in results[1:]) <= 1
    assert all(r.n_reference == r.n_focal == 500 for r in results)


def test_an_item_harder_in_lithuanian_is_flagged_c_on_theta_strata() -> None:
    responses, focal, _ = lt_en_sample(1)
    cal = calibrate(responses, np.ones(20), np.zeros(20), np.zeros(20))
    results = dif_on_theta(responses, focal, cal)
    assert results[0].ets_class == "C"
    assert sum(r.flagged for r in results[1:]) <= 1
    assert max(abs(r.delta) for r in results[1:]) < 1.0


def test_dif_is_found_in_sparse_adaptive_data() -> None:
    rng = np.random.default_rng(17)
    items = bank(rng, 30)
    items.b[0] = 0.0  # a mid-difficulty item, which the CAT serves often
    theta = rng.normal(0.0, 1.0, 3000)
    focal = rng.random(3000) < 0.4  # EN is the smaller group
    lithuanian = Bank(items.a, items.b.copy(), items.c)
    lithuanian.b[0] += 1.0
    responses = adaptive(rng, theta, items, items, length=12)
    lt_rows = ~focal & ~np.isnan(responses[:, 0])
    responses[lt_rows, 0] = answer(rng, theta[lt_rows], lithuanian)[:, 0]
    cal = calibrate(responses, items.a, items.b, items.c)
    results = dif_on_theta(responses, focal, cal)
    # Measured: Δ = 3.9 (SE 0.24) on 1,645 LT and 1,108 EN respondents; one unchanged item B.
    assert results[0].ets_class == "C"
    judged = [r for r in results[1:] if r.ets_class != "insufficient"]
    assert len(judged) >= 20
    assert sum(r.flagged for r in judged) <= 2


def test_too_few_respondents_in_a_language_are_not_judged() -> None:
    responses, focal, _ = lt_en_sample(4, size=6)
    focal_rows = np.flatnonzero(focal)
    responses[focal_rows[99:], 0] = np.nan  # 99 EN respondents left on item 0
    results = dif(responses, focal, np.zeros(responses.shape, dtype=np.int64))
    assert results[0].ets_class == "insufficient"
    assert not results[0].flagged
    assert results[0].n_focal == 99
    assert results[1].ets_class != "insufficient"


def test_rest_scores_need_a_complete_matrix() -> None:
    with pytest.raises(ValueError, match="complete"):
        rest_score_strata(np.array([[1.0, np.nan], [0.0, 1.0]]))
