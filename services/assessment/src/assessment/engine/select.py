"""Choosing the next item: information, content balancing, exposure control, pretest, stopping.

Criterion. The next operational item is the one that most reduces the posterior variance of
the areas still short of the SE target (A-optimality over the unfinished areas). Adding item
j of area k with Fisher information I at the current estimate changes the posterior
covariance Σ by a rank-one update, so the variance of area m drops by I Σ_mk² / (1 + I Σ_kk).
Summing over the areas m, weighted 1 while area m is above the target and `done_weight` once it
is reached, gives each item's gain in one vectorised pass. Because Σ_mk > 0 under a positive
correlation, an item helps neighbouring areas too, and the criterion naturally moves to the
area whose uncertainty (and whose effect on the others) is largest.

Content balancing, soft. Each item's gain is multiplied by `balance_penalty` (0.8) for every
item its competence has had beyond the least-shown competence of its area (among those with
candidates left), so the competences of an area take turns unless one item is clearly more
informative; a strict rotation (which concentrated exposure on each competence's best items and
cost length) is `balance_penalty` near 0.

Exposure control, stateless (details in `exposure.py`). Each item has a price in units of
Fisher information, fitted to the bank by simulated tests, and the criterion credits it with
max(I - price, 0) instead of I: an item too many would get goes only to those for whom it beats
the alternatives by more than its price. The first `opening_items` items of a test are drawn at
random among the `opening_top_k` best (every test-taker starts from the same estimate, so without
it everyone would get the same first items); after that the choice is randomesque among the
`top_k` best. Every choice multiplies each gain by a fresh random factor in
[1 - `exposure_jitter`, 1]: test-takers in nearly the same state would otherwise all take the
same item, which no price can share out.

Pretest items are served at `pretest_rate` per operational item (at most `max_pretest`) at
random, and never count for estimation, stopping, balancing or the maximum length.

Stopping: `max_items` operational items shown (answered or skipped), or every area at
SE <= `se_target` after at least `min_items`, or nothing left to ask.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

import numpy as np

from assessment.engine import irt
from assessment.engine.bank_index import BankIndex, index_bank
from assessment.engine.estimate import Responses, map_estimate, prior_mean_array, prior_precision
from assessment.engine.exposure import priced
from assessment.engine.irt import Array, BoolArray, IntArray
from assessment.engine.model import Answer, BankItem, EngineConfig


def should_stop(se: Sequence[float] | Array, operational: int, config: EngineConfig) -> bool:
    """True when the maximum length is reached or every area is precise enough."""
    if operational >= config.max_items:
        return True
    return operational >= config.min_items and all(float(s) <= config.se_target for s in se)


def select_next(
    bank: Sequence[BankItem],
    answers: Sequence[Answer],
    config: EngineConfig,
    rng: random.Random,
    prior_mean: Sequence[float] | None = None,
) -> BankItem | None:
    """The next item to show, or None when the test should stop."""
    index = index_bank(bank, config)
    known = [(index.position[ans.item_id], ans.correct) for ans in answers if ans.item_id in index.position]
    shown = np.array([i for i, _ in known], dtype=np.int64)
    counted = ~index.pretest[shown] & (index.area[shown] >= 0)
    operational = shown[counted]
    theta, cov = _estimate(index, known, config, prior_mean)
    if should_stop(np.sqrt(np.diag(cov)), operational.size, config):
        return None
    used = np.zeros(len(index.items), dtype=np.bool_)
    used[shown] = True
    pretest = _pretest_item(index, used, int(np.sum(index.pretest[shown])), operational.size, config, rng)
    if pretest is not None:
        return pretest
    return _operational_item(index, used, operational, theta, cov, config, rng)


def _estimate(
    index: BankIndex,
    known: list[tuple[int, bool | None]],
    config: EngineConfig,
    prior_mean: Sequence[float] | None,
) -> tuple[Array, Array]:
    """The same joint MAP as `estimate`, from the index's arrays."""
    scored = [(i, ok) for i, ok in known if ok is not None and not index.pretest[i] and index.area[i] >= 0]
    pos = np.array([i for i, _ in scored], dtype=np.int64)
    u = np.array([1.0 if ok else 0.0 for _, ok in scored], dtype=np.float64)
    responses = Responses(index.area[pos], index.a[pos], index.b[pos], index.c[pos], u)
    return map_estimate(responses, prior_mean_array(prior_mean, config), prior_precision(config))


def _pretest_item(
    index: BankIndex,
    used: BoolArray,
    pretest_shown: int,
    operational: int,
    config: EngineConfig,
    rng: random.Random,
) -> BankItem | None:
    """A random unused pretest item when the pretest quota is behind, else None."""
    due = min(config.max_pretest, int(config.pretest_rate * operational))
    if pretest_shown >= due:
        return None
    pool = np.flatnonzero(index.pretest & ~used & (index.area >= 0))
    return index.items[int(pool[rng.randrange(pool.size)])] if pool.size else None


def _operational_item(
    index: BankIndex,
    used: BoolArray,
    operational: IntArray,
    theta: Array,
    cov: Array,
    config: EngineConfig,
    rng: random.Random,
) -> BankItem | None:
    """The randomesque pick among the best-priced candidates, weighted for balance."""
    candidate = ~index.pretest & (index.area >= 0) & ~used
    if not candidate.any():
        return None
    gain = _gain(index, theta, cov, config) * _balance(index, candidate, operational, config)
    jitter = np.random.default_rng(rng.getrandbits(64)).random(gain.size)
    gain = np.where(candidate, gain * (1.0 - config.exposure_jitter * jitter), -np.inf)
    opening = operational.size < config.opening_items
    k = min(config.opening_top_k if opening else config.top_k, int(candidate.sum()))
    best = np.argsort(-gain, kind="stable")[:k]
    return index.items[int(best[rng.randrange(k)])]


def _balance(index: BankIndex, mask: BoolArray, operational: IntArray, config: EngineConfig) -> Array:
    """`balance_penalty` to the power of how many items an item's competence is ahead of the
    least-shown competence (with candidates left) of its area."""
    shown = np.bincount(index.competence[operational], minlength=index.n_competences)
    count = shown[index.competence]
    least = np.full(int(index.area.max()) + 1, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(least, index.area[mask], count[mask])
    ahead = np.maximum(count - least[np.maximum(index.area, 0)], 0)
    weight: Array = np.power(config.balance_penalty, ahead.astype(np.float64))
    return weight


def _gain(index: BankIndex, theta: Array, cov: Array, config: EngineConfig) -> Array:
    """Weighted reduction of the posterior variances if each item were answered, with the
    information it is credited with after its price."""
    area = np.maximum(index.area, 0)
    info = priced(irt.information(theta[area], index.a, index.b, index.c), index.prices)
    variance = np.diag(cov)
    weight = np.where(np.sqrt(variance) > config.se_target, 1.0, config.done_weight)
    reach = (cov * cov) @ weight
    gain: Array = info * reach[area] / (1.0 + info * variance[area])
    return gain
