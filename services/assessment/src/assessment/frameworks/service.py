"""Framework logic: import a version idempotently, list versions, read a version's tree."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import selectinload

from assessment.database import Base
from assessment.frameworks.document import FrameworkDocument
from assessment.frameworks.models import Area, Competence, Framework, ProficiencyLevel
from assessment.frameworks.schemas import FrameworkStatus
from kit.problems import NotFound


async def import_framework(session: AsyncSession, document: FrameworkDocument) -> uuid.UUID:
    """Create or update a framework version from its document; an unchanged row is not rewritten."""
    framework_id = await _upsert(
        session,
        Framework,
        ("key",),
        key=document.key,
        version=document.version,
        title=document.title,
        status=document.status.value,
        published_year=document.published_year,
    )
    for position, area in enumerate(document.areas):
        area_id = await _upsert(
            session,
            Area,
            ("framework_id", "code"),
            framework_id=framework_id,
            code=area.code,
            title=area.title,
            description=area.description,
            position=position,
        )
        for index, competence in enumerate(area.competences):
            await _upsert(
                session,
                Competence,
                ("framework_id", "code"),
                framework_id=framework_id,
                area_id=area_id,
                code=competence.code,
                title=competence.title,
                description=competence.description,
                position=index,
            )
    for level in document.levels:
        await _upsert(
            session,
            ProficiencyLevel,
            ("framework_id", "level"),
            framework_id=framework_id,
            level=level.level,
            band=level.band,
            name=level.name,
            description=level.description,
        )
    # Rows the document no longer names are kept: results and items will refer to them.
    return framework_id


async def _upsert(session: AsyncSession, model: type[Base], keys: Sequence[str], **values: Any) -> uuid.UUID:
    """Insert a row or update it by its natural key, only when something differs; its id either way."""
    table = model.__table__
    statement = insert(model).values(**values)
    changing = [name for name in values if name not in keys]
    update: dict[str, Any] = {name: statement.excluded[name] for name in changing}
    if "updated_at" in table.c:
        update["updated_at"] = func.now()
    current = tuple_(*(table.c[name] for name in changing))
    wanted = tuple_(*(statement.excluded[name] for name in changing))
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=list(keys), set_=update, where=current.is_distinct_from(wanted)
        )
    )
    row_id = await session.scalar(select(table.c.id).where(*(table.c[name] == values[name] for name in keys)))
    assert row_id is not None
    return uuid.UUID(str(row_id))


async def list_frameworks(
    session: AsyncSession, *, limit: int, offset: int, status: FrameworkStatus | None = None
) -> tuple[list[Framework], int]:
    """A page of framework versions, newest first, with the total count of matches."""
    query = select(Framework)
    if status is not None:
        query = query.where(Framework.status == status.value)
    total = await session.scalar(select(func.count()).select_from(query.subquery()))
    rows = await session.scalars(
        query.order_by(Framework.published_year.desc(), Framework.key).limit(limit).offset(offset)
    )
    return list(rows), total or 0


async def get_framework(session: AsyncSession, key: str) -> Framework:
    """A framework version with its areas, their competences and its levels loaded, or NotFound."""
    framework = await session.scalar(
        select(Framework)
        .where(Framework.key == key)
        .options(
            selectinload(Framework.areas).selectinload(Area.competences),
            selectinload(Framework.levels),
        )
    )
    if framework is None:
        raise NotFound(f"No framework has the key '{key}'.")
    return framework


async def get_competence(session: AsyncSession, key: str, code: str) -> Competence:
    """One competence of a framework version, with its area loaded, or NotFound."""
    framework_id = await session.scalar(select(Framework.id).where(Framework.key == key))
    if framework_id is None:
        raise NotFound(f"No framework has the key '{key}'.")
    competence = await session.scalar(
        select(Competence)
        .where(Competence.framework_id == framework_id, Competence.code == code)
        .options(selectinload(Competence.area))
    )
    if competence is None:
        raise NotFound(f"Framework '{key}' has no competence '{code}'.")
    return competence
