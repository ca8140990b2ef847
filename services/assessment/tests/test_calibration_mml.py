"""MML calibration recovers simulated parameters: complete forms, 3PL, adaptive (sparse) tests, anchors."""

import numpy as np
import pytest

from assessment.calibration.mml import Priors, calibrate, link_mean_sigma

from .factories.calibration import Bank, adaptive, answer, bank

N_PERSONS = 1000


def correlation(x: np.ndarray, y: np.ndarray) -> float:
    return float(np.corrcoef(x, y)[0, 1])


def test_2pl_parameters_are_recovered_from_1000_test_takers() -> None:
    rng = np.random.default_rng(20261201)
    items = bank(rng, 30)
    responses = answer(rng, rng.normal(0.0, 1.0, N_PERSONS), items)
    cal = calibrate(responses, np.ones(30), np.zeros(30), np.zeros(30))
    assert cal.converged
    # Measured with this seed: r(b) = 0.997, r(a) = 0.974.
    assert correlation(cal.b, items.b) >= 0.97
    assert correlation(cal.a, items.a) >= 0.8
    assert np.all(cal.n_responses == N_PERSONS)
    # The standard errors are the size of the actual errors (within a factor of two).
    error_b = np.sqrt(np.mean((cal.b - items.b) ** 2))
    assert 0.5 < error_b / np.mean(cal.se_b) < 2.0
    error_a = np.sqrt(np.mean((cal.a - items.a) ** 2))
    assert 0.5 < error_a / np.mean(cal.se_a) < 2.0


def test_3pl_with_fixed_guessing_recovers_difficulty() -> None:
    rng = np.random.default_rng(7)
    items = bank(rng, 25, guessing=0.25)
    responses = answer(rng, rng.normal(0.0, 1.0, N_PERSONS), items)
    cal = calibrate(responses, np.ones(25), np.zeros(25), items.c)
    assert correlation(cal.b, items.b) >= 0.9
    assert np.array_equal(cal.c, items.c)
    assert np.isnan(cal.se_c).all()


def test_3pl_with_a_prior_on_guessing_keeps_c_near_its_prior_and_recovers_difficulty() -> None:
    rng = np.random.default_rng(11)
    items = bank(rng, 25, guessing=0.2)
    responses = answer(rng, rng.normal(0.0, 1.0, N_PERSONS), items)
    cal = calibrate(responses, np.ones(25), np.zeros(25), np.full(25, 0.25), estimate_c=True)
    assert correlation(cal.b, items.b) >= 0.9
    assert np.all((cal.c > 0.05) & (cal.c < 0.4))
    # The data pull c from the prior's 0.25 towards the true 0.2.
    assert cal.c.mean() < 0.25
    assert np.isfinite(cal.se_c).all()


def test_items_without_guessing_never_estimate_c() -> None:
    rng = np.random.default_rng(12)
    items = bank(rng, 10)
    responses = answer(rng, rng.normal(0.0, 1.0, 400), items)
    cal = calibrate(responses, np.ones(10), np.zeros(10), np.zeros(10), estimate_c=True)
    assert np.all(cal.c == 0.0)


def test_sparse_adaptive_responses_still_recover_difficulty() -> None:
    rng = np.random.default_rng(5)
    items = bank(rng, 50)
    # The CAT selects with the bank's rough parameters (the initial rule), not the truth.
    believed = Bank(a=np.full(50, 1.4), b=items.b + rng.normal(0.0, 0.4, 50), c=items.c)
    responses = adaptive(rng, rng.normal(0.0, 1.0, 2000), items, believed, length=15)
    assert np.isnan(responses).mean() == pytest.approx(0.7)
    cal = calibrate(responses, believed.a, believed.b, believed.c)
    # Measured: r(b) = 0.991, r(a) = 0.849, RMSE(b) = 0.12 (49 to 1,019 responses per item).
    assert correlation(cal.b, items.b) >= 0.95
    assert correlation(cal.a, items.a) >= 0.6
    assert np.sqrt(np.mean((cal.b - items.b) ** 2)) < 0.25


def pretest_design(
    rng: np.random.Generator, operational: Bank, pretest: Bank, theta: np.ndarray
) -> np.ndarray:
    """A CAT on the operational items plus 3 of the pretest items at random, as the engine serves them."""
    cat = adaptive(rng, theta, operational, operational, length=12)
    full = answer(rng, theta, pretest)
    shown = np.argsort(rng.random(full.shape), axis=1) < 3
    return np.hstack([cat, np.where(shown, full, np.nan)])


def test_anchored_items_stay_fixed_and_new_items_land_on_their_scale() -> None:
    rng = np.random.default_rng(99)
    operational, pretest = bank(rng, 40), bank(rng, 10)
    # The calibration sample is abler and more spread than the population the anchors describe.
    responses = pretest_design(rng, operational, pretest, rng.normal(0.5, 1.2, 2000))
    anchored = np.arange(50) < 40
    a0 = np.concatenate([operational.a, np.full(10, 1.4)])
    b0 = np.concatenate([operational.b, np.zeros(10)])
    cal = calibrate(responses, a0, b0, np.zeros(50), anchored=anchored)
    assert np.array_equal(cal.a[:40], operational.a)
    assert np.array_equal(cal.b[:40], operational.b)
    assert np.isnan(cal.se_b[:40]).all()
    assert cal.latent_mean == pytest.approx(0.5, abs=0.15)
    assert cal.latent_sd == pytest.approx(1.2, abs=0.15)
    assert np.abs(cal.b[40:] - pretest.b).mean() < 0.15
    # Without anchors the same data put the new items on the sample's own scale, ~0.5 too easy.
    free = calibrate(responses, a0, b0, np.zeros(50))
    assert np.mean(free.b[40:] - pretest.b) < -0.3


def test_mean_sigma_linking_puts_a_free_calibration_on_the_anchor_scale() -> None:
    rng = np.random.default_rng(3)
    items = bank(rng, 30)
    responses = answer(rng, rng.normal(-0.6, 0.8, N_PERSONS), items)
    free = calibrate(responses, np.ones(30), np.zeros(30), np.zeros(30))
    anchors = np.arange(30) < 15
    assert np.abs(free.b[15:] - items.b[15:]).mean() > 0.4
    linked = link_mean_sigma(free, items.b, anchors)
    assert np.abs(linked.b[15:] - items.b[15:]).mean() < 0.15
    assert linked.latent_mean == pytest.approx(-0.6, abs=0.15)


def test_unanswered_items_get_no_estimate_and_empty_rows_are_ignored() -> None:
    rng = np.random.default_rng(4)
    items = bank(rng, 6)
    responses = answer(rng, rng.normal(0.0, 1.0, 300), items)
    responses[:, 5] = np.nan
    responses[:20, :] = np.nan
    cal = calibrate(responses, np.ones(6), np.zeros(6), np.zeros(6))
    assert cal.n_responses.tolist() == [280] * 5 + [0]
    assert np.isnan([cal.a[5], cal.b[5], cal.se_b[5]]).all()
    assert np.isfinite(cal.b[:5]).all()


def test_priors_keep_an_item_everyone_answered_correctly_finite() -> None:
    rng = np.random.default_rng(8)
    items = bank(rng, 8)
    responses = answer(rng, rng.normal(0.0, 1.0, 150), items)
    responses[:, 0] = 1.0
    cal = calibrate(responses, np.ones(8), np.zeros(8), np.zeros(8), priors=Priors(b_sd=1.5))
    assert np.isfinite(cal.b[0])
    assert cal.b[0] < -2.0
    assert 0.1 < cal.a[0] < 5.0


@pytest.mark.parametrize("bad", [[[0.0, 2.0]], [[0.0, -1.0]], [0.0, 1.0]])
def test_refuses_responses_that_are_not_a_0_1_matrix(bad: list[list[float]] | list[float]) -> None:
    with pytest.raises(ValueError, match="responses"):
        calibrate(np.array(bad), np.ones(2), np.zeros(2), np.zeros(2))


def test_refuses_parameters_that_do_not_match_the_items() -> None:
    with pytest.raises(ValueError, match="one value per item"):
        calibrate(np.zeros((3, 2)), np.ones(3), np.zeros(2), np.zeros(2))
