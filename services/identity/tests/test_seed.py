import re
import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.accounts.models import PasswordCredential
from identity.accounts.passwords import verify_secret
from identity.database import events
from identity.oauth.models import OAuthClient
from identity.organisations.models import Organisation
from identity.people.demo import DEMO_HR_CLIENT, DEMO_PEOPLE
from identity.people.models import Person, RoleGrant
from identity.profiles.models import Profile
from identity.seed import demo_id, load_demo
from identity.settings import IdentitySettings

Row = tuple[uuid.UUID, str, str, dict[str, str], list[str], list[uuid.UUID]]


async def snapshot(session: AsyncSession) -> list[Row]:
    rows = await session.execute(
        select(
            Organisation.id,
            Organisation.code,
            Organisation.kind,
            Organisation.name,
            Organisation.email_domains,
            Organisation.path,
        ).order_by(Organisation.code)
    )
    return [(row[0], row[1], row[2], row[3], row[4], row[5]) for row in rows]


async def test_demo_tree_is_a_country_two_ministries_and_their_departments_and_units(
    db_session: AsyncSession,
) -> None:
    await load_demo(db_session)
    rows = await snapshot(db_session)
    kinds = [row[2] for row in rows]
    assert {kind: kinds.count(kind) for kind in set(kinds)} == {
        "country": 1,
        "ministry": 2,
        "department": 4,
        "unit": 8,
    }
    depth = {"country": 1, "ministry": 2, "department": 3, "unit": 4}
    for org_id, code, kind, name, _domains, path in rows:
        assert org_id == demo_id(code)
        assert len(path) == depth[kind]
        assert set(name) == {"en", "lt"}
    assert re.search("[ąčęėįšųūž]", " ".join(row[3]["lt"] for row in rows))
    domains = {row[1]: row[4] for row in rows if row[2] == "ministry"}
    assert domains == {"lt-eimin": ["eimin.lt"], "lt-vrm": ["demo.dla.lt", "vrm.lt"]}
    interior = next(row for row in rows if row[1] == "lt-vrm")
    assert interior[3] == {"en": "Ministry of the Interior", "lt": "Vidaus reikalų ministerija"}


async def test_loading_twice_gives_the_same_rows_and_no_new_events(db_session: AsyncSession) -> None:
    await load_demo(db_session)
    first = await snapshot(db_session)
    announced = await db_session.scalar(select(func.count()).select_from(events.outbox))
    await load_demo(db_session)
    assert await snapshot(db_session) == first
    organisations = select(func.count()).where(events.outbox.c.type == "identity.organisation.created")
    assert await db_session.scalar(organisations) == len(first) == 15
    people = select(func.count()).where(events.outbox.c.type == "identity.person.created")
    assert await db_session.scalar(people) == len(DEMO_PEOPLE)
    assert await db_session.scalar(select(func.count()).select_from(events.outbox)) == announced


async def test_demo_people_cover_every_role_and_load_once(db_session: AsyncSession) -> None:
    await load_demo(db_session)
    await load_demo(db_session)
    people = (await db_session.scalars(select(Person))).all()
    assert len(people) == len(DEMO_PEOPLE) >= 25
    by_email = {person.email: person for person in people}
    assert len(by_email) == len(people)
    assert "platform_admin" in by_email["admin@demo.dla.lt"].roles
    assert "content_editor" in by_email["tomas.vaitkus@demo.dla.lt"].roles
    assert "mentor" in by_email["lina.zukauskaite@demo.dla.lt"].roles
    grants = {
        (row.person_id, row.role, row.organisation_id)
        for row in (await db_session.scalars(select(RoleGrant)))
    }
    assert (by_email["jonas.jonaitis@demo.dla.lt"].id, "hr_manager", demo_id("lt-vrm")) in grants
    assert (by_email["rasa.kazlauskiene@demo.dla.lt"].id, "org_admin", demo_id("lt-vrm")) in grants
    head = by_email["ona.petraitiene@demo.dla.lt"]
    assert sum(person.supervisor_id == head.id for person in people) == 4
    # Everyone can sign in with the documented password, and has a profile.
    credentials = (await db_session.scalars(select(PasswordCredential))).all()
    assert len(credentials) == len(people)
    assert verify_secret(IdentitySettings(), credentials[0].password_hash, IdentitySettings().demo_password)
    assert await db_session.scalar(select(func.count()).select_from(Profile)) == len(people)
    hr_client = await db_session.scalar(select(OAuthClient).where(OAuthClient.client_id == DEMO_HR_CLIENT))
    assert hr_client is not None
    assert hr_client.organisation_id == demo_id("lt-vrm")
    assert set(hr_client.scopes) == {"hr.read", "scim"}
