"""A session as the engine sees it: its config, prior, answered items and the bank to choose from.

The engine is pure and stateless; everything here turns stored rows into its inputs.
"""

from __future__ import annotations

import dataclasses
import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from assessment import engine
from assessment.engine.model import Answer, BankItem, EngineConfig
from assessment.items.models import Item, ItemVersion
from assessment.items.service import servable_versions
from assessment.sessions.models import SessionItem, TestSession
from assessment.sessions.schemas import Progress


@dataclass(frozen=True)
class Served:
    """One position of a session with the version served there and what the engine knows of it."""

    row: SessionItem
    version: ItemVersion
    bank_item: BankItem


def config_snapshot(config: EngineConfig) -> dict[str, Any]:
    """The engine configuration as JSON, stored with the session."""
    return dataclasses.asdict(config)


def session_config(test_session: TestSession) -> EngineConfig:
    """The configuration the session started with (fields a later engine dropped are ignored)."""
    known = {field.name for field in dataclasses.fields(EngineConfig)}
    values = {name: value for name, value in test_session.engine_config.items() if name in known}
    values["areas"] = tuple(values.get("areas", EngineConfig.areas))
    return EngineConfig(**values)


def prior_mean(test_session: TestSession) -> list[float] | None:
    """The prior means from the self-assessment, one per area, or None for the population prior."""
    if not test_session.prior:
        return None
    return [float(value) for value in test_session.prior["mean"]]


def rng_for(test_session: TestSession, position: int) -> random.Random:
    """A random source reproducible from the session and the position being chosen."""
    return random.Random(test_session.seed * 1009 + position)


def bank_item(version: ItemVersion, area: str, competence: str) -> BankItem:
    """What the engine knows of an item version."""
    return BankItem(
        id=str(version.id),
        area=area,
        competence=competence,
        a=version.a,
        b=version.b,
        c=version.c,
        pretest=version.pretest,
    )


async def served_items(session: AsyncSession, session_id: uuid.UUID) -> list[Served]:
    """Every position of a session in order, with its version and bank item."""
    rows = await session.execute(
        select(SessionItem, ItemVersion, Item.area_code, Item.competence_code)
        .join(ItemVersion, ItemVersion.id == SessionItem.item_version_id)
        .join(Item, Item.id == ItemVersion.item_id)
        .where(SessionItem.session_id == session_id)
        .order_by(SessionItem.position)
    )
    return [Served(row, version, bank_item(version, area, code)) for row, version, area, code in rows]


def answers_of(served: Sequence[Served]) -> list[Answer]:
    """The engine's answers: answered positions only; a skip is `correct=None`."""
    return [
        Answer(item_id=entry.bank_item.id, correct=None if entry.row.skipped else entry.row.correct)
        for entry in served
        if entry.row.answered_at is not None
    ]


async def candidates(
    session: AsyncSession, test_session: TestSession, served: Sequence[Served]
) -> dict[str, tuple[ItemVersion, BankItem]]:
    """By id, the servable versions in the session's language of items the session has not shown
    (their documents unloaded: the engine needs only parameters)."""
    shown = {entry.version.item_id for entry in served}
    versions = [
        version
        for version in await servable_versions(
            session, test_session.framework_key, test_session.language, with_texts=False
        )
        if version.item_id not in shown
    ]
    # servable_versions loads each version's item, which says where it belongs.
    return {
        str(version.id): (version, bank_item(version, version.item.area_code, version.item.competence_code))
        for version in versions
    }


def progress_of(test_session: TestSession, served: Sequence[Served]) -> Progress:
    """How far the session is after the answers in `served`."""
    config = session_config(test_session)
    bank = {entry.bank_item.id: entry.bank_item for entry in served}
    answers = answers_of(served)
    current = engine.estimate(bank, answers, config, prior_mean(test_session))
    operational = sum(1 for entry in served if entry.row.answered_at is not None and entry.row.scored)
    done = engine.progress(current, operational, config)
    return Progress(
        fraction=done.fraction,
        likely_remaining=done.likely_remaining,
        answered=len(answers),
        max_items=config.max_items,
    )
