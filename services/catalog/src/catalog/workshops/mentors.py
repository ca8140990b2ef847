"""Mentor profiles: created idempotently by slug, changed and removed by content editors."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.workshops.models import Mentor as MentorRow
from catalog.workshops.models import WorkshopMentor
from catalog.workshops.schemas import Mentor, MentorIn
from kit.db import insert_once
from kit.problems import Conflict, NotFound


def mentor_out(row: MentorRow, *, private: bool) -> Mentor:
    """The API shape; e-mail and person only for editors."""
    mentor = Mentor.model_validate(row)
    if not private:
        mentor.email = None
        mentor.person_id = None
    return mentor


def _columns(data: MentorIn) -> dict[str, Any]:
    values = data.model_dump(mode="json")
    values["languages"] = sorted(set(values["languages"]))
    values["person_id"] = data.person_id
    return values


async def _person_taken(db: AsyncSession, person_id: uuid.UUID | None, mentor_id: uuid.UUID | None) -> None:
    if person_id is None:
        return
    query = select(MentorRow.id).where(MentorRow.person_id == person_id)
    if mentor_id is not None:
        query = query.where(MentorRow.id != mentor_id)
    if await db.scalar(query) is not None:
        raise Conflict("Another mentor profile belongs to this person.")


async def create_mentor(db: AsyncSession, data: MentorIn) -> tuple[MentorRow, bool]:
    """A new mentor; the same request again returns the existing one (created=False)."""
    values = _columns(data)
    existing = await db.scalar(select(MentorRow).where(MentorRow.slug == data.slug))
    if existing is None:
        await _person_taken(db, data.person_id, None)
    return await insert_once(
        db,
        MentorRow,
        "slug",
        values,
        defaults={"id": uuid.uuid4()},
        conflict=f"A mentor with slug '{data.slug}' already exists with other details.",
    )


async def get_mentor(db: AsyncSession, mentor_id: uuid.UUID) -> MentorRow:
    """One mentor, or NotFound."""
    mentor = await db.get(MentorRow, mentor_id)
    if mentor is None:
        raise NotFound("No mentor has this id.")
    return mentor


async def list_mentors(db: AsyncSession, *, limit: int, offset: int) -> tuple[list[MentorRow], int]:
    """A page of mentors by name."""
    total = await db.scalar(select(func.count()).select_from(MentorRow))
    rows = await db.scalars(
        select(MentorRow).order_by(MentorRow.name, MentorRow.id).limit(limit).offset(offset)
    )
    return list(rows), total or 0


async def update_mentor(db: AsyncSession, mentor_id: uuid.UUID, data: MentorIn) -> MentorRow:
    """Replace a mentor's profile (the slug may change if no other mentor has it)."""
    mentor = await db.get(MentorRow, mentor_id, with_for_update=True)
    if mentor is None:
        raise NotFound("No mentor has this id.")
    clash = await db.scalar(
        select(MentorRow.id).where(MentorRow.slug == data.slug, MentorRow.id != mentor_id)
    )
    if clash is not None:
        raise Conflict(f"Another mentor has the slug '{data.slug}'.")
    await _person_taken(db, data.person_id, mentor_id)
    for name, value in _columns(data).items():
        setattr(mentor, name, value)
    await db.flush()
    await db.refresh(mentor)
    return mentor


async def delete_mentor(db: AsyncSession, mentor_id: uuid.UUID) -> None:
    """Remove a mentor who is on no workshop (409 otherwise: take them off the workshops first)."""
    mentor = await db.get(MentorRow, mentor_id, with_for_update=True)
    if mentor is None:
        raise NotFound("No mentor has this id.")
    if await db.scalar(select(exists().where(WorkshopMentor.mentor_id == mentor_id))):
        raise Conflict("This mentor is still on a workshop.")
    await db.delete(mentor)
    await db.flush()


async def mentors_of(db: AsyncSession, item_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[MentorRow]]:
    """Each workshop's mentors, in the workshop's order."""
    rows = await db.execute(
        select(WorkshopMentor.workshop_id, MentorRow)
        .join(MentorRow, MentorRow.id == WorkshopMentor.mentor_id)
        .where(WorkshopMentor.workshop_id.in_(item_ids))
        .order_by(WorkshopMentor.workshop_id, WorkshopMentor.position)
    )
    out: dict[uuid.UUID, list[MentorRow]] = {item_id: [] for item_id in item_ids}
    for workshop_id, mentor in rows:
        out[workshop_id].append(mentor)
    return out
