import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from pathways.competences import DIGCOMP_CODES
from pathways.role_profiles.models import RoleProfile
from pathways.seed import load_reference

REFERENCE_KEYS = [
    "administrative",
    "communications",
    "hr_specialist",
    "it_specialist",
    "legal_advisor",
    "manager",
    "policy_analyst",
]


async def snapshot(session: AsyncSession) -> dict[str, dict[str, Any]]:
    session.expire_all()
    profiles = await session.scalars(select(RoleProfile).order_by(RoleProfile.key))
    return {
        p.key: {"title": p.title, "description": p.description, "targets": p.targets, "at": p.updated_at}
        for p in profiles
    }


async def test_reference_profiles_cover_every_competence_in_english_and_lithuanian(
    db_session: AsyncSession,
) -> None:
    await load_reference(db_session)
    profiles = await snapshot(db_session)
    assert list(profiles) == REFERENCE_KEYS
    for profile in profiles.values():
        assert set(profile["targets"]) == set(DIGCOMP_CODES)
        assert all(1 <= level <= 8 for level in profile["targets"].values())
        assert set(profile["title"]) == set(profile["description"]) == {"en", "lt"}
    assert re.search("[ąčęėįšųūž]", " ".join(p["description"]["lt"] for p in profiles.values()))
    # Roles differ where their work differs: programming matters to IT, copyright to lawyers.
    assert profiles["it_specialist"]["targets"]["3.4"] > profiles["legal_advisor"]["targets"]["3.4"]
    assert profiles["legal_advisor"]["targets"]["3.3"] > profiles["it_specialist"]["targets"]["3.3"]


async def test_loading_twice_gives_the_same_rows(db_session: AsyncSession) -> None:
    await load_reference(db_session)
    first = await snapshot(db_session)
    await load_reference(db_session)
    assert await snapshot(db_session) == first


async def test_reload_keeps_a_profile_an_administrator_changed(db_session: AsyncSession) -> None:
    await load_reference(db_session)
    manager = await db_session.get(RoleProfile, "manager")
    assert manager is not None
    manager.targets = {**manager.targets, "5.4": 8}
    await db_session.flush()
    await load_reference(db_session)
    assert (await snapshot(db_session))["manager"]["targets"]["5.4"] == 8
