"""A small simulation: the engine recovers known, correlated abilities."""

import random

import numpy as np

from assessment.engine import Answer, BankItem, EngineConfig, estimate, level_for_theta, select_next

COMPETENCES = {"1": 3, "2": 6, "3": 4, "4": 4, "5": 4}


def test_two_hundred_simulees_are_measured_with_small_error() -> None:
    rng = np.random.default_rng(2026)
    bank = [
        BankItem(f"s{area}-{i}", area, f"{area}.{i % n + 1}", rng.uniform(1.0, 2.2), rng.normal(0, 1.1))
        for area, n in COMPETENCES.items()
        for i in range(60)
    ]
    by_id, config = {it.id: it for it in bank}, EngineConfig()
    cov = np.full((5, 5), 0.7) + 0.3 * np.eye(5)
    truth = rng.multivariate_normal(np.zeros(5), cov, size=200)
    estimates = []
    for n, theta in enumerate(truth):
        answers: list[Answer] = []
        pick = random.Random(n)
        while (item := select_next(bank, answers, config, pick)) is not None:
            t = theta[config.areas.index(item.area)]
            answers.append(Answer(item.id, bool(rng.random() < 1 / (1 + np.exp(-item.a * (t - item.b))))))
        estimates.append(estimate(by_id, answers, config).theta)
    est = np.array(estimates)
    rmse = np.sqrt(np.mean((est - truth) ** 2, axis=0))
    # The SE target is 0.35; a prior-shrunk MAP at ~40 items lands near it, far below the prior's 1.0.
    assert np.all(rmse < 0.45), rmse
    assert np.all(np.abs(np.mean(est - truth, axis=0)) < 0.1)
    levels = np.vectorize(level_for_theta)
    assert np.mean(np.abs(levels(est) - levels(truth)) <= 1) > 0.9
