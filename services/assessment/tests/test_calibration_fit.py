"""Item fit flags reversed, flat and misfitting items and leaves well-behaved ones alone."""

import numpy as np

from assessment.calibration.fit import MIN_FIT_RESPONSES, item_fit
from assessment.calibration.mml import calibrate

from .factories.calibration import Bank, adaptive, answer, bank


def test_reversed_and_flat_items_are_flagged_and_the_others_are_not() -> None:
    rng = np.random.default_rng(3)
    items = bank(rng, 24)
    items.a[0] = -1.0  # a miskeyed item: the abler, the more often wrong
    items.a[1] = 0.05  # answered at random whatever the ability
    responses = answer(rng, rng.normal(0.0, 1.0, 1000), items)
    cal = calibrate(responses, np.ones(24), np.zeros(24), np.zeros(24))
    fit = item_fit(responses, cal)
    assert {"misfit", "negative_discrimination"} <= set(fit[0].flags)
    assert fit[0].rest_correlation < -0.2
    assert fit[1].flags == ("low_discrimination",)
    assert all(not f.flags for f in fit[2:])
    # Measured: RMSD 0.21 for the reversed item, at most 0.03 for the rest.
    assert fit[0].rmsd > 0.12 > max(f.rmsd for f in fit[1:])


def test_an_item_with_a_shape_the_model_cannot_follow_is_flagged_as_misfit() -> None:
    rng = np.random.default_rng(21)
    items = bank(rng, 15)
    theta = rng.normal(0.0, 1.0, 1000)
    responses = answer(rng, theta, items)
    # Easy for the middle, hard at both ends (a distractor that attracts the most able).
    p = 0.95 * np.exp(-(theta**2))
    responses[:, 0] = (rng.random(1000) < p).astype(float)
    fit = item_fit(responses, calibrate(responses, np.ones(15), np.zeros(15), np.zeros(15)))
    # Measured: RMSD 0.147 for this item, at most 0.015 for the rest.
    assert "misfit" in fit[0].flags
    assert sum(bool(f.flags) for f in fit[1:]) == 0


def test_adaptive_data_from_the_model_raise_no_fit_flags() -> None:
    rng = np.random.default_rng(5)
    items = bank(rng, 40)
    believed = Bank(a=np.full(40, 1.4), b=items.b, c=items.c)
    responses = adaptive(rng, rng.normal(0.0, 1.0, 2000), items, believed, length=12)
    cal = calibrate(responses, believed.a, believed.b, believed.c)
    fit = item_fit(responses, cal)
    judged = [f for f, n in zip(fit, cal.n_responses, strict=True) if n >= MIN_FIT_RESPONSES]
    assert len(judged) >= 30
    assert all(not f.flags for f in judged)
    # Infit is reported: close to 1 for items that follow the model.
    assert 0.7 < np.median([f.infit for f in judged]) < 1.1


def test_items_with_few_responses_are_not_judged() -> None:
    rng = np.random.default_rng(6)
    items = bank(rng, 5)
    items.a[0] = -1.0
    responses = answer(rng, rng.normal(0.0, 1.0, 500), items)
    responses[MIN_FIT_RESPONSES - 1 :, 0] = np.nan
    fit = item_fit(responses, calibrate(responses, np.ones(5), np.zeros(5), np.zeros(5)))
    assert fit[0].flags == ("few_responses",)
