"""People's names and erasure, kept from identity's events through `POST /events`."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.database import events
from catalog.items.models import ItemCompletion, ItemRating
from catalog.people.models import Person
from catalog.workshops.models import Registration, WorkshopFeedback
from kit.events import dispatcher
from kit.settings import ServiceSettings
from kit.testing.plugin import problem
from kit.testing.tokens import TokenMint

from .factories.items import bearer, ministry, published_item
from .factories.workshops import Who, mentor_payload, move_session, person, register, session, workshop

CREATED, ERASED = "identity.person.created", "identity.person.erased"
RENAMED = "identity.person.renamed"


@pytest.fixture
def secret(dla_settings: ServiceSettings) -> str:
    return dla_settings.webhook_secret


async def deliver(
    client: httpx.AsyncClient, secret: str, event_type: str, data: Any, event_id: str | None = None
) -> httpx.Response:
    """Send an event as identity's dispatcher does: enveloped and signed."""
    body = dispatcher.envelope(event_type, datetime.now(tz=UTC), data)
    headers = dispatcher.signed_headers(secret, event_id or str(uuid.uuid4()), body)
    return await client.post("/events", content=body, headers=headers)


def created(person_id: uuid.UUID, name: str = "Ona Example") -> dict[str, Any]:
    """An `identity.person.created` payload."""
    unit = uuid.uuid4()
    return {
        "id": str(person_id),
        "email": "ona@agency.example.lt",
        "display_name": name,
        "unit_id": str(unit),
        "org_path": [str(uuid.uuid4()), str(unit)],
        "supervisor_id": None,
        "roles": ["learner"],
        "preferred_language": "lt",
    }


def erased(person_id: uuid.UUID) -> dict[str, Any]:
    """An `identity.person.erased` payload."""
    return {"id": str(person_id), "erased_at": datetime.now(tz=UTC).isoformat()}


async def person_row(db: AsyncSession, person_id: uuid.UUID) -> tuple[str | None, bool] | None:
    row = (
        await db.execute(select(Person.display_name, Person.erased).where(Person.person_id == person_id))
    ).first()
    return None if row is None else (row[0], row[1])


async def count(db: AsyncSession, table: Any, *where: Any) -> int:
    return (await db.scalar(select(func.count()).select_from(table).where(*where))) or 0


async def mentored(client: httpx.AsyncClient, mint: TokenMint, **session_fields: Any) -> tuple[str, Who]:
    """A workshop session and the mentor who runs it."""
    mentor = person(mint, roles=["mentor"])
    profile = await client.post("/mentors", json=mentor_payload("the-mentor", person_id=str(mentor.id)))
    item_id = await workshop(client, mentor_ids=[profile.json()["id"]])
    return (await session(client, item_id, **session_fields))["id"], mentor


async def attendees(client: httpx.AsyncClient, session_id: str, mentor: Who) -> list[tuple[str, Any, str]]:
    listed = await client.get(f"/workshop-sessions/{session_id}/attendees", headers=mentor.headers)
    assert listed.status_code == 200, listed.text
    return [(a["person_id"], a["display_name"], a["status"]) for a in listed.json()["items"]]


async def two_registered(client: httpx.AsyncClient, mint: TokenMint) -> tuple[str, Who, Who, Who]:
    """A session with its mentor and two people confirmed for it, Ona first."""
    session_id, mentor = await mentored(client, mint)
    ona, jonas = person(mint), person(mint)
    for who in (ona, jonas):
        await register(client, session_id, who)
    return session_id, mentor, ona, jonas


async def test_a_signed_created_event_names_the_person_on_the_attendee_list(
    client: httpx.AsyncClient, dla_token_mint: TokenMint, secret: str, db_session: AsyncSession
) -> None:
    session_id, mentor, ona, jonas = await two_registered(client, dla_token_mint)
    event_id = str(uuid.uuid4())
    first = await deliver(client, secret, CREATED, created(ona.id, " Ona Example "), event_id)
    assert (first.status_code, first.json()["status"]) == (200, "processed"), first.text
    assert await attendees(client, session_id, mentor) == [
        (str(ona.id), "Ona Example", "confirmed"),
        (str(jonas.id), None, "confirmed"),  # the catalog has not heard of Jonas
    ]
    again = await deliver(client, secret, CREATED, created(ona.id, "Someone Else"), event_id)
    assert again.json()["status"] == "duplicate"
    assert await person_row(db_session, ona.id) == ("Ona Example", False)
    assert await count(db_session, Person) == 1


async def test_erasure_deletes_ratings_completions_feedback_and_registrations_and_passes_the_seat_on(
    client: httpx.AsyncClient, dla_token_mint: TokenMint, secret: str, db_session: AsyncSession
) -> None:
    session_id, mentor = await mentored(client, dla_token_mint, capacity=1)
    ona, jonas, petras = (person(dla_token_mint) for _ in range(3))
    for who in (ona, jonas, petras):
        await register(client, session_id, who)
    await move_session(db_session, session_id, timedelta(minutes=30))  # attendance opens
    marked = {"person_id": str(ona.id), "attended": True}
    url = f"/workshop-sessions/{session_id}"
    assert (await client.put(f"{url}/attendance", json=marked, headers=mentor.headers)).status_code == 200
    feedback = await client.post(f"{url}/feedback", json={"rating": 5}, headers=ona.headers)
    assert feedback.status_code == 201, feedback.text
    item = await published_item(client)
    ona_bearer = bearer(dla_token_mint, ministry(), person_id=ona.id)
    other = bearer(dla_token_mint, ministry())
    for headers, rating in ((ona_bearer, 5), (other, 2)):
        rated = await client.put(
            f"/items/{item['id']}/rating", json={"rating": rating, "comment": "Mine."}, headers=headers
        )
        assert rated.status_code == 200, rated.text
    assert (await client.post(f"/items/{item['id']}/done", headers=ona_bearer)).status_code == 201
    await deliver(client, secret, CREATED, created(ona.id))

    gone = await deliver(client, secret, ERASED, erased(ona.id))

    assert (gone.status_code, gone.json()["status"]) == (200, "processed"), gone.text
    assert await person_row(db_session, ona.id) == (None, True)
    assert await count(db_session, ItemRating, ItemRating.person_id == ona.id) == 0
    assert await count(db_session, ItemCompletion, ItemCompletion.person_id == ona.id) == 0
    assert await count(db_session, Registration, Registration.person_id == ona.id) == 0
    assert await count(db_session, WorkshopFeedback) == 0
    shown = (await client.get(f"/items/{item['id']}")).json()
    assert (shown["rating_count"], shown["rating_average"]) == (1, 2.0)
    # Jonas was first in line: he has Ona's seat, is told so once, and Petras waits on.
    assert await attendees(client, session_id, mentor) == [
        (str(jonas.id), None, "confirmed"),
        (str(petras.id), None, "waitlisted"),
    ]
    promoted = list(
        await db_session.scalars(
            select(events.outbox.c.payload).where(events.outbox.c.type == "catalog.registration.promoted")
        )
    )
    assert [(p["person_id"], p["session_id"], p["status"]) for p in promoted] == [
        (str(jonas.id), session_id, "confirmed")
    ]


async def test_a_rename_shows_the_new_name_even_when_the_created_event_comes_after_it(
    client: httpx.AsyncClient, dla_token_mint: TokenMint, secret: str, db_session: AsyncSession
) -> None:
    session_id, mentor, ona, jonas = await two_registered(client, dla_token_mint)
    await deliver(client, secret, CREATED, created(ona.id, "Ona Example"))
    renamed = await deliver(client, secret, RENAMED, {"id": str(ona.id), "display_name": "Ona Naujoji"})
    assert renamed.json()["status"] == "processed", renamed.text
    # Jonas's rename overtook his `created`: the late `created` does not bring the old name back.
    await deliver(client, secret, RENAMED, {"id": str(jonas.id), "display_name": " Jonas Naujasis "})
    await deliver(client, secret, CREATED, created(jonas.id, "Jonas Senasis"))
    assert await attendees(client, session_id, mentor) == [
        (str(ona.id), "Ona Naujoji", "confirmed"),
        (str(jonas.id), "Jonas Naujasis", "confirmed"),
    ]
    # An erased person is not named again by a rename delivered late.
    await deliver(client, secret, ERASED, erased(ona.id))
    await deliver(client, secret, RENAMED, {"id": str(ona.id), "display_name": "Ona Vėlyvoji"})
    assert await person_row(db_session, ona.id) == (None, True)
    problem(await deliver(client, secret, RENAMED, {"id": str(jonas.id)}), 422, "validation")
    assert await person_row(db_session, jonas.id) == ("Jonas Naujasis", False)


async def test_a_late_created_after_erased_keeps_the_tombstone(
    client: httpx.AsyncClient, dla_token_mint: TokenMint, secret: str, db_session: AsyncSession
) -> None:
    session_id, mentor = await mentored(client, dla_token_mint)
    ona = person(dla_token_mint)
    assert (await deliver(client, secret, ERASED, erased(ona.id))).json()["status"] == "processed"
    late = await deliver(client, secret, CREATED, created(ona.id))
    assert late.json()["status"] == "processed"
    assert await person_row(db_session, ona.id) == (None, True)
    # Should the erased person's token still work, the list does not name them.
    await register(client, session_id, ona)
    assert await attendees(client, session_id, mentor) == [(str(ona.id), None, "confirmed")]


async def test_a_badly_signed_or_malformed_event_is_refused_and_leaves_no_trace(
    client: httpx.AsyncClient, secret: str, db_session: AsyncSession
) -> None:
    who = uuid.uuid4()
    body = dispatcher.envelope(CREATED, datetime.now(tz=UTC), created(who))
    forged = dispatcher.signed_headers("whsec_" + "A" * 32, str(uuid.uuid4()), body)
    problem(await client.post("/events", content=body, headers=forged), 401, "unauthorized")
    other_body = dispatcher.signed_headers(secret, str(uuid.uuid4()), body.replace("Ona", "Eve"))
    problem(await client.post("/events", content=body, headers=other_body), 401, "unauthorized")
    problem(await client.post("/events", content=body), 401, "unauthorized")
    problem(await deliver(client, secret, CREATED, {"id": str(who)}), 422, "validation")
    problem(await deliver(client, secret, ERASED, {"id": "not-a-uuid"}), 422, "validation")
    assert await person_row(db_session, who) is None
    assert await count(db_session, events.inbox) == 0
