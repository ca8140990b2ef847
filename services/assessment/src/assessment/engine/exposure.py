"""Stateless exposure control: a price per item, fitted to the bank by simulated tests.

A session stores only its answers, so the engine cannot count how often an item was shown.
Instead each operational item gets a price λ in units of Fisher information, fitted from the
bank alone: selection treats item j as if it gave max(I_j(θ) - λ_j, 0). An item that too many
test-takers would get is priced until its exposure comes down to `exposure_target`, and it then
goes to those for whom it beats the alternatives by more than its price: those whose ability
leaves few other good items keep it; those with near equals nearby move to them. This is the dual
(price) form of sharing each item's capacity among test-takers, and it keeps much more
information than making items randomly unavailable (Sympson-Hetter), which withholds an item as
often from those who need it as from those who do not: with 8 items per area at their true θ on
the benchmark's 500-item bank, a 0.2 limit keeps 90 % of the unlimited information with prices
against 82 % with random availability.

The fit (per area): 2,000 simulees of ability θ ~ N(0, 1) (fixed random numbers, so the prices
are reproducible) start the area from what the other areas have told by then (a noisy reading of
θ with a random share of the prior's help: nothing for the first area of a test, nearly all of it
for the last; starting everyone at 0 underrated exposures by 0.05 and more) and take the
best-priced item at their grid EAP, with the engine's soft content balancing, its random factors
and its random opening, until the SE target is met (with the rest of that help) or the area's
share of `max_items` plus one is used (when the cap ends the test, the areas' shares scatter
around max_items / areas, 6 to 11 items per area at 40); then every price moves by a step times
(its exposure - the target), never below 0, over 20 rounds with a shrinking step. The target is
kept feasible above 1.5 x the mean exposure, below which no pricing can work.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assessment.engine import irt
from assessment.engine.estimate import prior_precision
from assessment.engine.irt import Array, BoolArray, IntArray
from assessment.engine.model import BankItem, EngineConfig

_GRID = np.linspace(-4.0, 4.0, 41)
_SIMULEES = 2000
_ROUNDS = 20
# The first step moves a price by one unit of information per unit of excess exposure; the step
# shrinks geometrically to a sixth of that by the last round, so the prices settle.
_STEP = 1.0
_STEP_DECAY = 0.7 ** (5.0 / _ROUNDS)
_SEED = 20261201
_FEASIBLE = 1.5
# Keeps items priced down to nothing in the order of their information (never an arbitrary tie).
TIE_BREAK = 1e-6


def priced(info: Array, price: Array) -> Array:
    """The information selection credits an item with: I - λ, never below 0 (ties by I)."""
    result: Array = np.maximum(info - price, 0.0) + TIE_BREAK * info
    return result


def exposure_prices(bank: Sequence[BankItem], config: EngineConfig) -> dict[str, float]:
    """λ per operational item id (0 for the items no test would show too often)."""
    per_area = math.ceil(config.max_items / len(config.areas)) + 1
    # What the other areas tell about this one once they are measured: the prior precision of an
    # area given the rest (the joint prior's diagonal precision) beyond a lone N(0, 1).
    lead = float(prior_precision(config)[0, 0]) - 1.0
    result: dict[str, float] = {}
    for code in config.areas:
        group = [it for it in bank if it.area == code and not it.pretest]
        if not group:
            continue
        price = _fit(group, per_area, lead, config)
        result.update(zip((it.id for it in group), (float(v) for v in price), strict=True))
    return result


def _fit(items: Sequence[BankItem], cap: int, lead: float, config: EngineConfig) -> Array:
    """Move the prices toward `exposure_target` over simulated one-area tests (common random numbers)."""
    a, b, c = (np.array([getattr(it, p) for it in items], dtype=np.float64) for p in "abc")
    codes = {code: j for j, code in enumerate(sorted({it.competence for it in items}))}
    competence = np.array([codes[it.competence] for it in items], dtype=np.int64)
    n = a.size
    rng = np.random.default_rng(_SEED)
    theta = rng.standard_normal(_SIMULEES)
    draws = _Draws(
        answer=rng.random((_SIMULEES, cap)),
        # The opening (the first `opening_items` of the whole test) falls on this area with this
        # chance, and takes a random one of its share of the `opening_top_k` best.
        opening=rng.random(_SIMULEES) < min(1.0, config.opening_items / len(config.areas)),
        opening_choice=rng.random(_SIMULEES),
        opening_top_k=min(n, math.ceil(config.opening_top_k / len(config.areas))),
        factor=1.0 - config.exposure_jitter * rng.random((cap, _SIMULEES, n)),
        told=rng.random(_SIMULEES),
        reading=rng.standard_normal(_SIMULEES),
    )
    price = np.zeros(n, dtype=np.float64)
    shown = _simulate(a, b, c, competence, theta, price, draws, lead, config)
    mean_length = float(shown.sum()) / _SIMULEES
    target = max(config.exposure_target, _FEASIBLE * mean_length / n)
    step = _STEP
    for _ in range(_ROUNDS):
        price = np.maximum(0.0, price + step * (shown / _SIMULEES - target))
        step *= _STEP_DECAY
        shown = _simulate(a, b, c, competence, theta, price, draws, lead, config)
    return price


@dataclass(frozen=True)
class _Draws:
    """The random numbers of the simulated tests, the same in every round."""

    answer: Array
    opening: BoolArray
    opening_choice: Array
    opening_top_k: int
    factor: Array
    told: Array
    reading: Array


def _simulate(
    a: Array,
    b: Array,
    c: Array,
    competence: IntArray,
    theta: Array,
    price: Array,
    draws: _Draws,
    lead: float,
    config: EngineConfig,
) -> Array:
    """How often each item is shown when every simulee takes the best-priced unused item at the
    posterior mean (a grid EAP under N(0, 1)) until the SE target, helped by `lead`, is met."""
    grid_p = irt.probability(_GRID[None, :], a[:, None], b[:, None], c[:, None])
    grid_info = irt.information(_GRID[None, :], a[:, None], b[:, None], c[:, None])
    # Grid point x item, so a row per simulee is one gather.
    grid_priced = priced(grid_info, price[:, None]).T.copy()
    true_p = irt.probability(theta[:, None], a[None, :], b[None, :], c[None, :])
    m, cap = draws.answer.shape
    # Where the area starts: what the other areas told by then, a reading of θ with precision
    # f x lead (f uniform: the first area starts with nothing, the last with nearly all of it);
    # the rest of `lead` arrives while this area is measured.
    told = draws.told * lead
    reading = theta + draws.reading / np.sqrt(np.maximum(told, 1e-12))
    posterior = np.exp(
        -0.5 * _GRID[None, :] ** 2 - 0.5 * told[:, None] * (_GRID[None, :] - reading[:, None]) ** 2
    )
    still = (1.0 - draws.told) * lead
    unused = np.ones((m, a.size), dtype=np.bool_)
    counts = np.zeros(a.size, dtype=np.float64)
    counts_by = np.zeros((m, int(competence.max()) + 1), dtype=np.int64)
    penalties = config.balance_penalty ** np.arange(cap + 1, dtype=np.float64)
    precision_needed = 1.0 / config.se_target**2
    who = np.arange(m)
    for step in range(cap):
        current = posterior[who]
        weights = current / current.sum(axis=1, keepdims=True)
        mean = weights @ _GRID
        variance = weights @ _GRID**2 - mean**2
        precise = 1.0 / np.maximum(variance, 1e-12) + still[who] >= precision_needed
        going = ~precise & unused[who].any(axis=1)
        who, mean = who[going], mean[going]
        if who.size == 0:
            break
        at = np.abs(_GRID[None, :] - mean[:, None]).argmin(axis=1)
        shown = counts_by[who][:, competence]
        free = unused[who]
        least = np.where(free, shown, cap).min(axis=1, keepdims=True)
        score = grid_priced[at] * penalties[np.maximum(shown - least, 0)] * draws.factor[step][who]
        score = np.where(free, score, -1.0)
        pick = score.argmax(axis=1)
        if step == 0:
            top = np.argpartition(-score, draws.opening_top_k - 1, axis=1)[:, : draws.opening_top_k]
            column = np.minimum(
                (draws.opening_choice[who] * draws.opening_top_k).astype(np.int64), draws.opening_top_k - 1
            )
            pick = np.where(draws.opening[who], top[np.arange(who.size), column], pick)
        np.add.at(counts, pick, 1.0)
        unused[who, pick] = False
        counts_by[who, competence[pick]] += 1
        right = draws.answer[who, step] < true_p[who, pick]
        posterior[who] *= np.where(right[:, None], grid_p[pick], 1.0 - grid_p[pick])
    return counts
