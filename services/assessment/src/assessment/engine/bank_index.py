"""The bank as arrays, built once per bank and memoised (a pure cache: no I/O, no state of a test).

`select_next` is called with the whole bank at every step; turning 500 dataclasses into arrays
and fitting the exposure prices would dominate its time, so both are kept for the banks
seen last: by identity (the same objects in the same order) or by content (a bank rebuilt from
the database, or listed in another order, with the same items). The service chooses in worker
threads, so the memo is used under a lock (which also keeps two first calls from both fitting).
"""

from __future__ import annotations

import operator
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assessment.engine.exposure import exposure_prices
from assessment.engine.irt import Array, BoolArray, IntArray
from assessment.engine.model import BankItem, EngineConfig

_RECENT = 4
_CONTENT = 16
_recent: list[tuple[tuple[BankItem, ...], EngineConfig, BankIndex]] = []
_by_content: dict[tuple[object, ...], BankIndex] = {}
_lock = threading.Lock()


@dataclass(frozen=True)
class BankIndex:
    """Parallel arrays over the bank's items; `area` is -1 for areas the config does not test."""

    items: tuple[BankItem, ...]
    position: dict[str, int]
    area: IntArray
    competence: IntArray
    n_competences: int
    a: Array
    b: Array
    c: Array
    pretest: BoolArray
    prices: Array


def index_bank(bank: Sequence[BankItem], config: EngineConfig) -> BankIndex:
    """The memoised index of a bank under a config."""
    items = tuple(bank)
    with _lock:
        return _memoised(items, config)


def _memoised(items: tuple[BankItem, ...], config: EngineConfig) -> BankIndex:
    """The index from the memo, built and remembered when it is not there."""
    for stored, stored_config, index in _recent:
        if stored_config == config and len(stored) == len(items) and all(map(operator.is_, stored, items)):
            return index
    # Sorted by id, so a caller listing the same items in another order (served ones first, say)
    # reuses the index, and ties in selection break the same way whatever the order.
    ordered = tuple(sorted(items, key=lambda it: it.id))
    key = (config, *((it.id, it.area, it.competence, it.a, it.b, it.c, it.pretest) for it in ordered))
    index = _by_content.get(key) or _build(ordered, config)
    if len(_by_content) >= _CONTENT:
        _by_content.pop(next(iter(_by_content)))
    _by_content[key] = index
    _recent.insert(0, (items, config, index))
    del _recent[_RECENT:]
    return index


def _build(items: tuple[BankItem, ...], config: EngineConfig) -> BankIndex:
    """Arrays and exposure prices of a bank."""
    areas = {code: k for k, code in enumerate(config.areas)}
    competences = {code: k for k, code in enumerate(sorted({it.competence for it in items}))}
    prices = exposure_prices(items, config)
    n = len(items)
    return BankIndex(
        items=items,
        position={it.id: i for i, it in enumerate(items)},
        area=np.fromiter((areas.get(it.area, -1) for it in items), np.int64, n),
        competence=np.fromiter((competences[it.competence] for it in items), np.int64, n),
        n_competences=len(competences),
        a=np.fromiter((it.a for it in items), np.float64, n),
        b=np.fromiter((it.b for it in items), np.float64, n),
        c=np.fromiter((it.c for it in items), np.float64, n),
        pretest=np.fromiter((it.pretest for it in items), np.bool_, n),
        prices=np.fromiter((prices.get(it.id, 0.0) for it in items), np.float64, n),
    )
