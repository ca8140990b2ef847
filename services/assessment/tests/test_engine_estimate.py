"""Joint MAP estimation: direction, borrowing across areas, skips, pretest items, the prior."""

import numpy as np
import pytest

from assessment.engine import Answer, BankItem, EngineConfig, estimate, self_assessment_prior

BANK = {
    it.id: it
    for it in [
        BankItem(f"i{area}-{k}", area, f"{area}.1", 1.5, -1.0 + 0.5 * k, 0.2 if k % 2 else 0.0)
        for area in "12345"
        for k in range(5)
    ]
    + [BankItem("pre", "1", "1.1", 2.0, 0.0, pretest=True)]
}
CONFIG = EngineConfig()


def test_without_answers_the_estimate_is_the_prior() -> None:
    est = estimate(BANK, [], CONFIG)
    assert est.theta == pytest.approx((0.0,) * 5)
    assert est.se == pytest.approx((1.0,) * 5)
    assert est.covariance[0][1] == pytest.approx(0.7)


def test_correct_answers_move_the_area_up_and_wrong_ones_down() -> None:
    up = estimate(BANK, [Answer("i1-0", True), Answer("i1-1", True)], CONFIG)
    down = estimate(BANK, [Answer("i1-3", False), Answer("i1-4", False)], CONFIG)
    assert up.theta[0] > 0.2
    assert down.theta[0] < -0.2
    assert up.se[0] < 1.0
    assert down.se[0] < 1.0


def test_an_answer_in_area_1_moves_area_2_only_when_areas_correlate() -> None:
    answers = [Answer("i1-2", True), Answer("i1-3", True)]
    correlated = estimate(BANK, answers, CONFIG)
    independent = estimate(BANK, answers, EngineConfig(correlation=0.0))
    assert correlated.theta[1] > 0.1
    assert correlated.se[1] < 1.0
    assert independent.theta[1] == pytest.approx(0.0, abs=1e-9)
    assert independent.se[1] == pytest.approx(1.0)


def test_skipped_items_carry_no_information() -> None:
    base = [Answer("i2-1", True)]
    with_skips = [*base, Answer("i2-2", None), Answer("i3-0", None)]
    assert estimate(BANK, with_skips, CONFIG) == estimate(BANK, base, CONFIG)


def test_pretest_items_never_change_the_estimate() -> None:
    base = [Answer("i1-1", False)]
    assert estimate(BANK, [*base, Answer("pre", True)], CONFIG) == estimate(BANK, base, CONFIG)


def test_the_estimate_is_the_mode_of_the_posterior() -> None:
    answers = [Answer("i1-0", True), Answer("i1-2", False), Answer("i2-4", True), Answer("i5-1", False)]
    cov = np.full((5, 5), 0.7) + 0.3 * np.eye(5)
    precision = np.linalg.inv(cov)

    def negative_log_posterior(theta: np.ndarray) -> float:
        total = 0.5 * theta @ precision @ theta
        for ans in answers:
            it = BANK[ans.item_id]
            p = it.c + (1 - it.c) / (1 + np.exp(-it.a * (theta[int(it.area) - 1] - it.b)))
            total -= np.log(p if ans.correct else 1 - p)
        return float(total)

    mode = np.array(estimate(BANK, answers, CONFIG).theta)
    step = 1e-5
    gradient = [
        (negative_log_posterior(mode + step * e) - negative_log_posterior(mode - step * e)) / (2 * step)
        for e in np.eye(5)
    ]
    assert gradient == pytest.approx([0.0] * 5, abs=1e-4)
    rng = np.random.default_rng(0)
    for _ in range(20):
        assert negative_log_posterior(mode + rng.normal(0, 0.1, 5)) > negative_log_posterior(mode)


def test_unknown_item_ids_are_ignored() -> None:
    assert estimate(BANK, [Answer("gone", True)], CONFIG) == estimate(BANK, [], CONFIG)


def test_self_assessment_prior_is_bounded_and_neutral_when_missing() -> None:
    prior = self_assessment_prior({"1": 8, "2": 1, "3": 5}, CONFIG)
    assert prior == pytest.approx((0.5, -0.5, 0.5 / 7, 0.0, 0.0))
    assert all(abs(m) <= CONFIG.self_rating_max_shift for m in prior)
    with pytest.raises(ValueError, match=r"1\.\.8"):
        self_assessment_prior({"1": 9}, CONFIG)
    with pytest.raises(ValueError, match="unknown"):
        self_assessment_prior({"9": 3}, CONFIG)


def test_measured_items_override_the_self_assessment() -> None:
    bank = {f"w{k}": BankItem(f"w{k}", "1", "1.1", 1.6, -1.5 + 0.1 * k) for k in range(30)}
    # Right on the easy third, wrong on the rest: a low ability the items measure well.
    wrong = [Answer(f"w{k}", k < 10) for k in range(30)]
    prior = self_assessment_prior({"1": 8}, CONFIG)
    shifted = estimate(bank, wrong, CONFIG, prior)
    plain = estimate(bank, wrong, CONFIG)
    assert estimate(bank, [], CONFIG, prior).theta[0] == pytest.approx(0.5)
    assert shifted.theta[0] < -0.3
    assert abs(shifted.theta[0] - plain.theta[0]) < 0.1
