"""The person directory kept from identity's events through `POST /events`."""

import uuid
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from assessment.database import events
from assessment.directory.models import PersonLink
from assessment.items.models import ItemVersion
from assessment.results.models import Result
from assessment.sessions.models import SessionItem, TestSession
from kit.settings import ServiceSettings
from kit.testing.plugin import problem
from kit.testing.tokens import TokenMint

from .factories.sessions import envelope, finished_result, load_framework, person, signed, small_bank

CREATED, MOVED = "identity.person.created", "identity.person.moved"
SUPERVISOR, PROFILE = "identity.person.supervisor_changed", "identity.profile.updated"
ERASED = "identity.person.erased"


@pytest.fixture
def secret(dla_settings: ServiceSettings) -> str:
    return dla_settings.webhook_secret


async def deliver(
    client: httpx.AsyncClient, secret: str, event_type: str, data: Any, event_id: str | None = None
) -> httpx.Response:
    body = envelope(event_type, data)
    return await client.post("/events", content=body, headers=signed(secret, body, event_id))


def created(
    person_id: uuid.UUID, supervisor_id: uuid.UUID | None, org_path: list[uuid.UUID]
) -> dict[str, Any]:
    return {
        "id": str(person_id),
        "email": "ona@agency.example.lt",
        "display_name": "Ona Example",
        "unit_id": str(org_path[-1]),
        "org_path": [str(org) for org in org_path],
        "supervisor_id": str(supervisor_id) if supervisor_id else None,
        "roles": ["learner"],
        "preferred_language": "lt",
    }


def profile(person_id: uuid.UUID, share: bool) -> dict[str, Any]:
    return {
        "person_id": str(person_id),
        "role_profile_key": None,
        "preferred_language": "lt",
        "weekly_minutes": 60,
        "share_results_with_supervisor": share,
        "accessibility": {},
    }


async def link(session: AsyncSession, person_id: uuid.UUID) -> tuple[Any, ...] | None:
    row = (
        await session.execute(
            select(
                PersonLink.supervisor_id,
                PersonLink.org_path,
                PersonLink.share_results_with_supervisor,
                PersonLink.erased,
            ).where(PersonLink.person_id == person_id)
        )
    ).first()
    return None if row is None else tuple(row)


async def count(session: AsyncSession, table: Any, *where: Any) -> int:
    return (await session.scalar(select(func.count()).select_from(table).where(*where))) or 0


async def test_created_moved_and_supervisor_changed_keep_the_link(
    client: httpx.AsyncClient, db_session: AsyncSession, secret: str
) -> None:
    who, boss, other_boss = uuid.uuid4(), uuid.uuid4(), uuid.uuid4()
    path, new_path = [uuid.uuid4(), uuid.uuid4()], [uuid.uuid4(), uuid.uuid4(), uuid.uuid4()]
    assert (await deliver(client, secret, CREATED, created(who, boss, path))).json() == {
        "status": "processed"
    }
    assert await link(db_session, who) == (boss, path, False, False)
    moved = {
        "id": str(who),
        "from_unit_id": str(path[-1]),
        "unit_id": str(new_path[-1]),
        "org_path": [str(o) for o in new_path],
    }
    await deliver(client, secret, MOVED, moved)
    assert await link(db_session, who) == (boss, new_path, False, False)
    change = {"id": str(who), "from_supervisor_id": str(boss), "supervisor_id": str(other_boss)}
    await deliver(client, secret, SUPERVISOR, change)
    assert await link(db_session, who) == (other_boss, new_path, False, False)
    await deliver(client, secret, SUPERVISOR, {**change, "supervisor_id": None})
    assert await link(db_session, who) == (None, new_path, False, False)


async def test_events_for_an_unknown_person_create_the_row_and_a_late_created_keeps_the_choice(
    client: httpx.AsyncClient, db_session: AsyncSession, secret: str
) -> None:
    who, boss, path = uuid.uuid4(), uuid.uuid4(), [uuid.uuid4()]
    await deliver(client, secret, PROFILE, profile(who, True))
    assert await link(db_session, who) == (None, [], True, False)
    await deliver(client, secret, CREATED, created(who, boss, path))
    assert await link(db_session, who) == (boss, path, True, False)
    await deliver(client, secret, PROFILE, profile(who, False))
    assert await link(db_session, who) == (boss, path, False, False)


async def test_a_redelivered_event_is_a_duplicate_and_changes_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession, secret: str
) -> None:
    who = uuid.uuid4()
    first = await deliver(client, secret, PROFILE, profile(who, True), event_id="evt-profile-1")
    # The same id with other content is still the same event.
    again = await deliver(client, secret, PROFILE, profile(who, False), event_id="evt-profile-1")
    assert [first.json()["status"], again.json()["status"]] == ["processed", "duplicate"]
    assert await link(db_session, who) == (None, [], True, False)


async def test_a_malformed_event_is_refused_and_leaves_no_trace(
    client: httpx.AsyncClient, db_session: AsyncSession, secret: str
) -> None:
    inbox_before = await count(db_session, events.inbox)
    who = uuid.uuid4()
    problem(await deliver(client, secret, PROFILE, {"person_id": str(who)}), 422, "validation")
    problem(await deliver(client, secret, CREATED, {"id": "not-a-uuid", "org_path": []}), 422, "validation")
    assert await link(db_session, who) is None
    # The inbox row is rolled back with the handler, so a fixed redelivery is processed.
    assert await count(db_session, events.inbox) == inbox_before
    bad_signature = signed(secret, envelope(PROFILE, profile(who, True)))
    body = envelope(PROFILE, profile(who, False))
    problem(await client.post("/events", content=body, headers=bad_signature), 401, "unauthorized")


async def test_erasure_deletes_sessions_answers_and_results_and_is_final(
    client: httpx.AsyncClient, db_session: AsyncSession, secret: str, dla_token_mint: TokenMint
) -> None:
    await small_bank(db_session, await load_framework(db_session), count=4)
    gone, kept = person(dla_token_mint), person(dla_token_mint)
    await deliver(client, secret, CREATED, created(kept.id, gone.id, list(kept.org_path)))
    await deliver(client, secret, PROFILE, profile(gone.id, True))
    for who in (gone, kept):
        await finished_result(client, who, answers=2)
    versions_before = await count(db_session, ItemVersion)

    response = await deliver(
        client, secret, ERASED, {"id": str(gone.id), "erased_at": "2026-12-01T08:00:00Z"}
    )
    assert response.json() == {"status": "processed"}
    assert await count(db_session, TestSession, TestSession.person_id == gone.id) == 0
    assert await count(db_session, Result, Result.person_id == gone.id) == 0
    assert await count(db_session, SessionItem) == 2  # only the kept person's answers remain
    assert await count(db_session, Result, Result.person_id == kept.id) == 1
    assert await count(db_session, ItemVersion) == versions_before
    assert await link(db_session, gone.id) == (None, [], False, True)
    # Their report no longer names an erased supervisor.
    assert await link(db_session, kept.id) == (None, list(kept.org_path), False, False)

    # A late event about the erased person brings nothing back.
    await deliver(client, secret, PROFILE, profile(gone.id, True))
    await deliver(client, secret, CREATED, created(gone.id, uuid.uuid4(), [uuid.uuid4()]))
    assert await link(db_session, gone.id) == (None, [], False, True)
