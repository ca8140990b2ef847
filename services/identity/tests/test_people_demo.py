"""The demo people work as the README says: roles, reports, reach, one argon2id password."""

from __future__ import annotations

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.accounts.models import PasswordCredential
from identity.database import events
from identity.organisations.models import Organisation
from identity.people.demo import DEMO_PEOPLE, email, person_id
from identity.people.events import PROFILE_UPDATED
from identity.people.models import Person
from identity.profiles.models import Profile
from identity.seed import demo_id, load_demo
from identity.settings import IdentitySettings
from kit.auth import Grant
from kit.testing.tokens import TokenMint


async def signed_in(db: AsyncSession, mint: TokenMint, login: str) -> dict[str, str]:
    """A token for a demo person, shaped as identity issues it."""
    person = await db.get(Person, person_id(login))
    assert person is not None
    path = await db.scalar(select(Organisation.path).where(Organisation.id == person.unit_id))
    demo = next(entry for entry in DEMO_PEOPLE if entry.login == login)
    grants = [Grant(role, demo_id(org)) for role, org in demo.grants]
    token = mint.person(person.id, list(path or []), roles=person.roles, grants=grants)
    return {"Authorization": f"Bearer {token}"}


async def test_demo_people_have_profiles_and_one_argon2id_password(db_session: AsyncSession) -> None:
    await load_demo(db_session)
    assert 28 <= len(DEMO_PEOPLE) <= 32
    hashes = set((await db_session.scalars(select(PasswordCredential.password_hash))).all())
    assert len(hashes) == 1  # hashed once: one salt, one documented password
    settings = IdentitySettings()
    costs = f"m={settings.argon2_memory_kib},t={settings.argon2_time_cost},p={settings.argon2_parallelism}"
    expected = f"$argon2id$v=19${costs}$"
    assert hashes.pop().startswith(expected)
    profiles = (await db_session.scalars(select(Profile))).all()
    assert len(profiles) == len(DEMO_PEOPLE)
    assert all(profile.job_title for profile in profiles)
    onboarded = [profile.onboarded_at is not None for profile in profiles]
    assert any(onboarded)
    assert not all(onboarded)
    emails = (await db_session.scalars(select(Person.email))).all()
    assert set(emails) == {email(person.login) for person in DEMO_PEOPLE}
    assert email("ona.petraitiene") == "ona.petraitiene@demo.dla.lt"


async def test_the_demo_hr_manager_reaches_the_ministry_and_supervisors_their_reports(
    client: httpx.AsyncClient, db_session: AsyncSession, dla_token_mint: TokenMint
) -> None:
    await load_demo(db_session)
    await db_session.commit()
    interior = {
        str(person_id(person.login)) for person in DEMO_PEOPLE if not person.unit.startswith("lt-eimin")
    }
    as_hr = await signed_in(db_session, dla_token_mint, "jonas.jonaitis")
    listed = (await client.get("/people", headers=as_hr, params={"limit": 100})).json()
    assert {item["id"] for item in listed["items"]} == interior
    as_other_hr = await signed_in(db_session, dla_token_mint, "egle.stankeviciene")
    other = (await client.get("/people", headers=as_other_hr, params={"limit": 100})).json()
    assert not interior & {item["id"] for item in other["items"]}

    as_director = await signed_in(db_session, dla_token_mint, "vilma.gudaitiene")
    reports = (await client.get("/me/reports", headers=as_director)).json()
    assert {item["email"] for item in reports["items"]} == {
        "ona.petraitiene@demo.dla.lt",
        "mantas.kairys@demo.dla.lt",
    }
    # Ona's reports' profiles are the director's to see only through Ona.
    petras = person_id("petras.kazlauskas")
    assert (await client.get(f"/people/{petras}/profile", headers=as_director)).status_code == 404
    as_ona = await signed_in(db_session, dla_token_mint, "ona.petraitiene")
    assert (await client.get(f"/people/{petras}/profile", headers=as_ona)).status_code == 200
    me = (await client.get("/me", headers=await signed_in(db_session, dla_token_mint, "admin"))).json()
    assert "platform_admin" in me["roles"]
    assert await db_session.scalar(select(func.count()).select_from(Person)) == len(DEMO_PEOPLE)


async def test_demo_profiles_are_announced_so_other_services_know_who_shares(
    db_session: AsyncSession,
) -> None:
    await load_demo(db_session)
    outbox = events.outbox
    rows = (
        await db_session.execute(select(outbox.c.payload).where(outbox.c.type == PROFILE_UPDATED))
    ).scalars()
    shared = {row["person_id"]: row["share_results_with_supervisor"] for row in rows}
    assert shared == {str(person_id(person.login)): person.share for person in DEMO_PEOPLE}
    assert any(shared.values())
    assert not all(shared.values())
