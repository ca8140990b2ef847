"""Reports per area and competence, progress and the level ranges."""

import pytest

from assessment.engine import Answer, BankItem, EngineConfig, estimate, progress, report
from assessment.engine.levels import Z80, level_for_theta

BANK = {
    it.id: it
    for it in [
        BankItem(f"i{area}-{q}-{k}", area, f"{area}.{q}", 1.6, -1.2 + 0.4 * k)
        for area in "12345"
        for q in (1, 2)
        for k in range(7)
    ]
}
CONFIG = EngineConfig()


def test_report_levels_and_ranges_follow_theta_and_se() -> None:
    answers = [Answer(f"i1-1-{k}", k < 4) for k in range(7)] + [Answer(f"i2-1-{k}", True) for k in range(7)]
    result = report(BANK, answers, CONFIG)
    est = estimate(BANK, answers, CONFIG)
    assert [a.code for a in result.areas] == list(CONFIG.areas)
    for area, theta, se in zip(result.areas, est.theta, est.se, strict=True):
        assert (area.theta, area.se) == pytest.approx((theta, se))
        assert area.level == level_for_theta(theta)
        assert area.level_low == level_for_theta(theta - Z80 * se)
        assert area.level_high == level_for_theta(theta + Z80 * se)
        assert area.level_low <= area.level <= area.level_high
    assert [a.answered for a in result.areas] == [7, 7, 0, 0, 0]
    assert result.areas[1].theta > result.areas[0].theta


def test_competences_differ_within_an_area_by_their_own_answers() -> None:
    answers = [Answer(f"i1-1-{k}", True) for k in range(7)] + [Answer(f"i1-2-{k}", k < 2) for k in range(7)]
    result = {c.code: c for c in report(BANK, answers, CONFIG).competences}
    area = report(BANK, answers, CONFIG).areas[0]
    assert result["1.1"].theta > area.theta > result["1.2"].theta
    assert result["1.1"].answered == 7
    assert result["1.2"].answered == 7


def test_a_competence_without_answers_reports_its_area_with_a_wider_range() -> None:
    answers = [Answer(f"i3-1-{k}", k < 5) for k in range(7)]
    rep = report(BANK, answers, CONFIG)
    area = rep.areas[2]
    unseen = next(c for c in rep.competences if c.code == "3.2")
    assert unseen.answered == 0
    assert unseen.theta == pytest.approx(area.theta)
    assert unseen.se > area.se
    assert {c.code for c in rep.competences} == {f"{a}.{q}" for a in "12345" for q in (1, 2)}


def test_skips_and_pretest_items_do_not_count_as_answered() -> None:
    bank = {**BANK, "pre": BankItem("pre", "1", "1.1", 1.5, 0.0, pretest=True)}
    rep = report(bank, [Answer("pre", True), Answer("i1-1-0", None), Answer("i1-1-1", True)], CONFIG)
    assert rep.areas[0].answered == 1
    assert next(c for c in rep.competences if c.code == "1.1").answered == 1


def test_report_is_complete_only_when_the_test_would_stop() -> None:
    few = [Answer(f"i1-1-{k}", True) for k in range(3)]
    assert not report(BANK, few, CONFIG).complete
    many = [Answer(it, True) for it in BANK][:40]
    assert report(BANK, many, CONFIG).complete  # the maximum length


def test_progress_is_zero_at_the_start_and_one_at_the_end() -> None:
    start = progress(estimate(BANK, [], CONFIG), 0, CONFIG)
    assert start.fraction == 0.0
    assert CONFIG.min_items <= start.likely_remaining <= CONFIG.max_items
    done = progress(estimate(BANK, [], CONFIG), CONFIG.max_items, CONFIG)
    assert done == type(done)(1.0, 0)


def test_progress_grows_with_answers_and_never_promises_beyond_the_maximum() -> None:
    answers = [Answer(it, k % 2 == 0) for k, it in enumerate(BANK)]
    fractions = []
    for n in range(0, 40, 5):
        p = progress(estimate(BANK, answers[:n], CONFIG), n, CONFIG)
        assert n + p.likely_remaining <= CONFIG.max_items
        fractions.append(p.fraction)
    assert fractions == sorted(fractions)
    assert 0 < fractions[-1] < 1


def test_progress_forecast_is_short_when_precision_is_nearly_reached() -> None:
    config = EngineConfig(se_target=0.9, min_items=0)
    p = progress(estimate(BANK, [Answer("i1-1-3", True)], config), 1, config)
    assert p.likely_remaining <= 3
