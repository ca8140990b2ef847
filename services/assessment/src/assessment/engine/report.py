"""Results per area and competence, and an honest progress forecast.

Competences. An area's θ is the ability its items share; a competence's θ_q = θ_area + δ_q with
δ_q ~ N(0, τ²), τ = `competence_residual_sd`. The competence's prior is the area posterior from
every other answer (the joint MAP without that competence's items, so no answer counts twice),
widened by τ²; it is then updated with the competence's own items by a one-dimensional MAP.
A competence without answers therefore reports its area's estimate with a wider range.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from assessment.engine.estimate import (
    estimate_arrays,
    map_estimate,
    scored_responses,
)
from assessment.engine.levels import level_for_theta, level_range
from assessment.engine.model import (
    Answer,
    AreaResult,
    BankItem,
    CompetenceResult,
    EngineConfig,
    Estimate,
    Progress,
    Report,
)
from assessment.engine.select import should_stop


def report(
    bank: Mapping[str, BankItem],
    answers: Sequence[Answer],
    config: EngineConfig,
    prior_mean: Sequence[float] | None = None,
) -> Report:
    """Level, 80 % level range and SE per area and per competence of the bank."""
    theta, cov = estimate_arrays(bank, answers, config, prior_mean)
    se = np.sqrt(np.diag(cov))
    items = [bank[ans.item_id] for ans in answers if ans.item_id in bank]
    counted = [bank[ans.item_id] for ans in answers if ans.item_id in bank and ans.correct is not None]
    per_area = Counter(item.area for item in counted if not item.pretest)
    areas = []
    for k, code in enumerate(config.areas):
        low, high = level_range(float(theta[k]), float(se[k]))
        level = level_for_theta(float(theta[k]))
        areas.append(AreaResult(code, float(theta[k]), float(se[k]), level, low, high, per_area[code]))
    codes = sorted(
        {(it.area, it.competence) for it in bank.values() if it.area in config.areas and not it.pretest},
        key=lambda pair: pair[1],
    )
    competences = [_competence(bank, answers, config, prior_mean, area, code) for area, code in codes]
    operational = sum(1 for item in items if not item.pretest)
    return Report(areas, competences, should_stop(se, operational, config))


def _competence(
    bank: Mapping[str, BankItem],
    answers: Sequence[Answer],
    config: EngineConfig,
    prior_mean: Sequence[float] | None,
    area: str,
    code: str,
) -> CompetenceResult:
    """The competence's posterior around its area's estimate from the other answers."""
    own = [ans for ans in answers if ans.item_id in bank and bank[ans.item_id].competence == code]
    others = [ans for ans in answers if ans.item_id not in bank or bank[ans.item_id].competence != code]
    k = config.areas.index(area)
    theta_rest, cov_rest = estimate_arrays(bank, others, config, prior_mean)
    variance = float(cov_rest[k, k]) + config.competence_residual_sd**2
    responses = scored_responses(bank, own, config)
    responses = type(responses)(
        np.zeros_like(responses.area), responses.a, responses.b, responses.c, responses.u
    )
    mean = np.array([theta_rest[k]], dtype=np.float64)
    theta, cov = map_estimate(responses, mean, np.array([[1.0 / variance]]))
    t, s = float(theta[0]), math.sqrt(float(cov[0, 0]))
    low, high = level_range(t, s)
    return CompetenceResult(code, area, t, s, level_for_theta(t), low, high, int(responses.u.size))


def progress(estimate: Estimate, answered: int, config: EngineConfig) -> Progress:
    """Share done and likely items left, from the precision still missing and the maximum length.

    `answered` counts the operational items shown (answered or skipped, as the maximum length
    does). The forecast adds items of typical
    information (`item_information`) one at a time to the least precise area, updating the
    joint posterior covariance as the engine does, until every area meets the SE target.
    """
    left = config.max_items - answered
    if should_stop(estimate.se, answered, config) or left <= 0:
        return Progress(1.0, 0)
    cov = np.array(estimate.covariance, dtype=np.float64)
    needed = 0
    target = config.se_target**2
    while needed < left and float(np.max(np.diag(cov))) > target:
        k = int(np.argmax(np.diag(cov)))
        column = cov[:, k].copy()
        cov = cov - np.outer(column, column) * config.item_information / (
            1.0 + config.item_information * column[k]
        )
        needed += 1
    remaining = min(left, max(needed, config.min_items - answered))
    return Progress(answered / (answered + remaining), remaining)
