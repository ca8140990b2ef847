"""Role profile logic: list, read, and create-or-replace by key."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from kit.problems import NotFound
from pathways.role_profiles.models import RoleProfile
from pathways.role_profiles.schemas import RoleProfileIn


def _columns(data: RoleProfileIn) -> dict[str, Any]:
    return data.model_dump(mode="json", by_alias=True)


async def put_profile(session: AsyncSession, key: str, data: RoleProfileIn) -> tuple[RoleProfile, bool]:
    """Create or replace a profile; returns it and whether it was created."""
    values = _columns(data)
    # Insert-or-nothing first, so two concurrent first PUTs cannot both try to create it.
    inserted = await session.scalar(
        pg_insert(RoleProfile)
        .values(key=key, **values)
        .on_conflict_do_nothing(index_elements=[RoleProfile.key])
        .returning(RoleProfile.key)
    )
    profile = await session.scalar(
        select(RoleProfile)
        .where(RoleProfile.key == key)
        .with_for_update()
        .execution_options(populate_existing=True)
    )
    assert profile is not None
    if inserted is None and any(getattr(profile, name) != value for name, value in values.items()):
        for name, value in values.items():
            setattr(profile, name, value)
        profile.updated_at = func.now()
        await session.flush()
        await session.refresh(profile)
    return profile, inserted is not None


async def create_missing(session: AsyncSession, key: str, data: RoleProfileIn) -> bool:
    """Create a profile unless one with this key exists; returns whether it was created."""
    inserted = await session.scalar(
        pg_insert(RoleProfile)
        .values(key=key, **_columns(data))
        .on_conflict_do_nothing(index_elements=[RoleProfile.key])
        .returning(RoleProfile.key)
    )
    return inserted is not None


async def get_profile(session: AsyncSession, key: str) -> RoleProfile:
    """One profile, or NotFound."""
    profile = await session.get(RoleProfile, key)
    if profile is None:
        raise NotFound(f"No role profile has the key '{key}'.")
    return profile


async def list_profiles(session: AsyncSession, *, limit: int, offset: int) -> tuple[list[RoleProfile], int]:
    """A page of profiles by key, with the total count."""
    total = await session.scalar(select(func.count()).select_from(RoleProfile))
    rows = await session.scalars(select(RoleProfile).order_by(RoleProfile.key).limit(limit).offset(offset))
    return list(rows), total or 0
