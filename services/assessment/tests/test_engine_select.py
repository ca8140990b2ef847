"""Item selection: no repeats, skips, content balancing, stopping, pretest items, determinism, exposure."""

import random
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

from assessment.engine import Answer, BankItem, EngineConfig, estimate, select_next
from assessment.engine.bank_index import index_bank
from assessment.engine.exposure import exposure_prices

COMPETENCES = {"1": 3, "2": 6, "3": 4, "4": 4, "5": 4}


def make_bank(per_competence: int = 8, seed: int = 7, pretest: int = 0) -> list[BankItem]:
    rng = np.random.default_rng(seed)
    items = [
        BankItem(
            f"c{area}-{q}-{k}", area, f"{area}.{q}", float(rng.uniform(1.0, 2.2)), float(rng.normal(0, 1.1))
        )
        for area, n in COMPETENCES.items()
        for q in range(1, n + 1)
        for k in range(per_competence)
    ]
    items += [
        BankItem(f"p{k}", str(k % 5 + 1), f"{k % 5 + 1}.1", 1.5, 0.0, pretest=True) for k in range(pretest)
    ]
    return items


def run_test(
    bank: list[BankItem], config: EngineConfig, seed: int, theta: float = 0.0, skip: int = -1
) -> list[Answer]:
    """A whole test by a simulee of ability theta in every area; item number `skip` is skipped."""
    rng, pick, answers = np.random.default_rng(seed), random.Random(seed), list[Answer]()
    while (item := select_next(bank, answers, config, pick)) is not None:
        p = item.c + (1 - item.c) / (1 + np.exp(-item.a * (theta - item.b)))
        answers.append(Answer(item.id, None if len(answers) == skip else bool(rng.random() < p)))
    return answers


def test_a_test_never_shows_an_item_twice_and_stops_at_max_items() -> None:
    answers = run_test(make_bank(), EngineConfig(se_target=0.01, max_items=40), seed=1)
    assert len(answers) == 40
    assert len({a.item_id for a in answers}) == 40


def test_a_skipped_item_is_not_asked_again_and_counts_towards_the_length() -> None:
    config = EngineConfig(se_target=0.01, max_items=25)
    answers = run_test(make_bank(), config, seed=2, skip=3)
    assert answers[3].correct is None
    assert [a.item_id for a in answers].count(answers[3].item_id) == 1
    assert len(answers) == 25


def competence_spreads(answers: list[Answer], bank: list[BankItem]) -> list[tuple[str, list[int]]]:
    """Per area, the running counts of items per competence after each of its items."""
    comp = {it.id: it.competence for it in bank}
    spreads = []
    for area, n in COMPETENCES.items():
        seen: Counter[str] = Counter()
        for a in answers:
            if comp[a.item_id].startswith(area + "."):
                seen[comp[a.item_id]] += 1
                spreads.append((area, [seen[f"{area}.{q}"] for q in range(1, n + 1)]))
    return spreads


def test_a_strict_balance_penalty_covers_every_competence_before_any_repeats() -> None:
    bank = make_bank()
    config = EngineConfig(se_target=0.01, max_items=40, balance_penalty=1e-9)
    for area, counts in competence_spreads(run_test(bank, config, seed=3), bank):
        assert max(counts) - min(counts) <= 1, (area, counts)


def test_the_default_soft_balance_covers_every_competence_and_keeps_them_close() -> None:
    # 0.8 per item ahead: a competence three items ahead needs about twice the gain to be chosen.
    bank = make_bank()
    for seed in (3, 4, 5):
        config = EngineConfig(se_target=0.01, max_items=40)
        spreads = competence_spreads(run_test(bank, config, seed=seed), bank)
        for area, counts in spreads:
            assert max(counts) - min(counts) <= 3, (area, counts)


def test_the_test_stops_once_every_area_reaches_the_se_target() -> None:
    bank = [BankItem(f"x{a}-{k}", a, f"{a}.1", 3.0, -1.5 + 0.15 * k) for a in "12345" for k in range(20)]
    config = EngineConfig(se_target=0.45, max_items=100, min_items=5)
    answers = run_test(bank, config, seed=4)
    est = estimate({it.id: it for it in bank}, answers, config)
    assert 5 <= len(answers) < 60
    assert max(est.se) <= 0.45
    shorter = estimate({it.id: it for it in bank}, answers[:-1], config)
    assert max(shorter.se) > 0.45  # it did not go on longer than needed


def test_min_items_holds_even_when_precision_is_reached_earlier() -> None:
    answers = run_test(make_bank(), EngineConfig(se_target=5.0, min_items=12), seed=5)
    assert len(answers) == 12


def test_selection_returns_none_when_the_bank_is_exhausted() -> None:
    bank = make_bank(per_competence=1)
    answers = run_test(bank, EngineConfig(se_target=0.01, max_items=100), seed=6)
    assert len(answers) == len(bank)


def test_selection_is_deterministic_under_a_seed() -> None:
    bank, config = make_bank(), EngineConfig(se_target=0.01, max_items=30)
    assert run_test(bank, config, seed=8) == run_test(bank, config, seed=8)
    firsts = {run_test(bank, config, seed=s)[0].item_id for s in range(10)}
    assert len(firsts) > 1  # the opening is randomised, so test-takers do not all start alike


def test_pretest_items_are_served_at_the_configured_rate_and_never_scored() -> None:
    bank = make_bank(pretest=10)
    config = EngineConfig(se_target=0.01, max_items=40, pretest_rate=0.1, max_pretest=3)
    answers = run_test(bank, config, seed=9)
    pretest = [a for a in answers if a.item_id.startswith("p")]
    assert len(pretest) == 3
    assert len(answers) == 43  # pretest items do not count towards the maximum length
    by_id = {it.id: it for it in bank}
    operational = [a for a in answers if not a.item_id.startswith("p")]
    assert estimate(by_id, answers, config) == estimate(by_id, operational, config)


def test_no_pretest_items_when_the_rate_is_zero() -> None:
    answers = run_test(make_bank(pretest=10), EngineConfig(se_target=0.01, pretest_rate=0.0), seed=10)
    assert not [a for a in answers if a.item_id.startswith("p")]


def test_exposure_prices_fall_only_on_the_items_everyone_would_get() -> None:
    strong = [BankItem(f"s{k}", "1", "1.1", 2.5, 0.1 * k) for k in range(3)]
    weak = [BankItem(f"w{k}", "1", "1.1", 0.6, 2.5 + k) for k in range(20)]
    prices = exposure_prices(
        strong + weak, EngineConfig(areas=("1",), max_items=4, min_items=2, exposure_target=0.2)
    )
    assert all(prices[it.id] > 0.1 for it in strong)
    assert prices["w19"] == 0.0  # far from everyone: never priced
    unlimited = exposure_prices(
        strong + weak, EngineConfig(areas=("1",), max_items=4, min_items=2, exposure_target=1.0)
    )
    assert set(unlimited.values()) == {0.0}


def test_exposure_control_spreads_items_over_test_takers() -> None:
    bank = make_bank(per_competence=12)
    config = EngineConfig(max_items=20)
    shown: Counter[str] = Counter()
    for seed in range(50):
        theta = float(np.random.default_rng(seed).normal())
        shown.update(a.item_id for a in run_test(bank, config, seed=100 + seed, theta=theta))
    unlimited: Counter[str] = Counter()
    for seed in range(50):
        plain = EngineConfig(max_items=20, exposure_target=1.0, opening_top_k=1, exposure_jitter=0.0)
        theta = float(np.random.default_rng(seed).normal())
        unlimited.update(a.item_id for a in run_test(bank, plain, seed=100 + seed, theta=theta))
    assert max(shown.values()) / 50 < 0.5
    assert max(unlimited.values()) / 50 > 0.8  # without it the best items go to everyone


def test_an_area_with_a_single_item_gets_a_price_and_is_served() -> None:
    bank = [
        BankItem("only", "1", "1.1", 1.5, 0.0),
        *(BankItem(f"x{k}", "2", "2.1", 1.5, k / 4) for k in range(8)),
    ]
    config = EngineConfig(areas=("1", "2"), max_items=6, min_items=2)
    assert set(exposure_prices(bank, config)) == {it.id for it in bank}
    assert "only" in {a.item_id for a in run_test(bank, config, seed=3)}


def test_threads_asking_for_a_new_bank_at_once_share_one_index() -> None:
    # The service chooses in worker threads; the first call of a bank fits its exposure parameters,
    # and a second thread arriving meanwhile waits for that index instead of fitting its own.
    bank = make_bank(per_competence=9, seed=11)
    config = EngineConfig(max_items=25)
    with ThreadPoolExecutor(4) as pool:
        indexes = list(pool.map(lambda order: index_bank(order, config), [bank, bank[::-1]] * 2))
    assert all(index is indexes[0] for index in indexes)


@pytest.mark.parametrize("field", [{"correlation": 1.0}, {"min_items": 50}, {"se_target": 0.0}])
def test_invalid_configurations_are_refused(field: dict[str, float]) -> None:
    with pytest.raises(ValueError):  # noqa: PT011
        EngineConfig(**field)  # type: ignore[arg-type]
