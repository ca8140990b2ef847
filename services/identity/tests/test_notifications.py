"""E-mail about workshop places, from the catalog's signed events through `POST /events`."""

import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from identity.database import events
from identity.mail.models import MailMessage
from identity.profiles.models import Profile
from identity.settings import IdentitySettings
from kit.events import dispatcher
from kit.settings import ServiceSettings
from kit.testing.plugin import problem

from .factories.people import World, email_of

ITEM = uuid.uuid4()
TITLE = {"en": "Cyber incident drill", "lt": "Kibernetinio incidento pratybos"}
# 07:00 UTC in December is 09:00 in Vilnius.
STARTS, ENDS = "2026-12-15T07:00:00Z", "2026-12-15T11:00:00Z"


@pytest.fixture
def base(dla_settings: ServiceSettings) -> str:
    assert isinstance(dla_settings, IdentitySettings)
    return dla_settings.public_base_url.rstrip("/")


Send = Callable[..., Awaitable[httpx.Response]]


@pytest.fixture
def send(client: httpx.AsyncClient, dla_settings: ServiceSettings) -> Send:
    """Send an event as the catalog's dispatcher does: enveloped and signed."""

    async def deliver(event_type: str, data: Any, event_id: str | None = None) -> httpx.Response:
        body = dispatcher.envelope(event_type, datetime.now(tz=UTC), data)
        headers = dispatcher.signed_headers(dla_settings.webhook_secret, event_id or str(uuid.uuid4()), body)
        return await client.post("/events", content=body, headers=headers)

    return deliver


def registration(person_id: uuid.UUID, status: str, **extra: Any) -> dict[str, Any]:
    """A `catalog.registration.*` payload."""
    return {
        "registration_id": str(uuid.uuid4()),
        "person_id": str(person_id),
        "session_id": str(uuid.uuid4()),
        "item_id": str(ITEM),
        "title": TITLE,
        "starts_at": STARTS,
        "ends_at": ENDS,
        "timezone": "Europe/Vilnius",
        "status": status,
        "waitlist_position": None,
        "reason": None,
        **extra,
    }


async def mails(db: AsyncSession) -> list[tuple[str, str, str, str]]:
    rows = await db.execute(
        select(MailMessage.to_address, MailMessage.kind, MailMessage.subject, MailMessage.body_text)
    )
    return [(to, kind, subject, body) for to, kind, subject, body in rows.all()]


async def test_a_confirmed_place_is_mailed_once_in_the_persons_language(
    send: Send,
    world: World,
    db_session: AsyncSession,
    base: str,
) -> None:
    await db_session.execute(
        update(Profile).where(Profile.person_id == world.id("a_report")).values(preferred_language="en")
    )
    await db_session.commit()
    event_id = str(uuid.uuid4())
    data = registration(world.id("a_report"), "confirmed")
    for _ in range(2):  # a redelivery sends nothing more
        response = await send("catalog.registration.confirmed", data, event_id)
        assert response.status_code == 200, response.text
    [(to, kind, subject, body)] = await mails(db_session)
    assert (to, kind, subject) == (
        email_of("a_report"),
        "workshop_confirmed",
        "Your place is confirmed: Cyber incident drill",
    )
    assert "2026-12-15 09:00\u201313:00 (Vilnius time)" in body
    assert f"{base}/workshops/{ITEM}" in body
    # Lithuanian for someone who reads Lithuanian, with the waitlist place.
    waiting = registration(world.id("a_head"), "waitlisted", waitlist_position=3)
    await send("catalog.registration.waitlisted", waiting)
    [(to, kind, subject, body)] = [
        mail for mail in await mails(db_session) if mail[1] == "workshop_waitlisted"
    ]
    assert (to, kind, subject) == (
        email_of("a_head"),
        "workshop_waitlisted",
        "Jūs laukiančiųjų sąraše: Kibernetinio incidento pratybos",
    )
    assert "laukiančiųjų sąraše esate 3" in body
    assert "(Vilniaus laiku)" in body


async def test_a_request_asks_the_supervisor_and_a_decline_tells_the_person(
    send: Send,
    world: World,
    db_session: AsyncSession,
    base: str,
) -> None:
    await send(
        "catalog.registration.pending_approval",
        registration(world.id("a_report"), "pending_approval"),
    )
    # a_head has no supervisor: nobody to ask.
    await send(
        "catalog.registration.pending_approval",
        registration(world.id("a_head"), "pending_approval"),
    )
    [(to, kind, subject, body)] = await mails(db_session)
    assert (to, kind) == (email_of("a_head"), "workshop_approval_request")
    assert subject.startswith("A Report prašo")
    assert f"{base}/me/approvals" in body
    # Giving back one's own place needs no mail; a decline does.
    await send(
        "catalog.registration.cancelled",
        registration(world.id("a_report"), "cancelled", reason="by_person"),
    )
    await send(
        "catalog.registration.cancelled",
        registration(world.id("a_report"), "cancelled", reason="declined"),
    )
    assert sorted(kind for _, kind, _, _ in await mails(db_session)) == [
        "workshop_approval_request",
        "workshop_declined",
    ]


async def test_a_cancelled_session_mails_each_active_person_it_names_once(
    send: Send, world: World, db_session: AsyncSession, dla_settings: ServiceSettings
) -> None:
    people = [world.id("a_report"), world.id("a_suspended"), uuid.uuid4(), world.id("a_report")]
    data = {
        "session_id": str(uuid.uuid4()),
        "item_id": str(ITEM),
        "title": {"lt": TITLE["lt"]},
        "starts_at": STARTS,
        "ends_at": ENDS,
        "timezone": "Europe/Vilnius",
        "person_ids": [str(p) for p in people],
    }
    response = await send("catalog.workshop.session_cancelled", data)
    assert response.json()["status"] == "processed"
    assert [(to, kind) for to, kind, _, _ in await mails(db_session)] == [
        (email_of("a_report"), "workshop_session_cancelled")
    ]


async def test_a_malformed_event_is_refused_and_queues_nothing(
    send: Send, world: World, db_session: AsyncSession, dla_settings: ServiceSettings
) -> None:
    bad = registration(world.id("a_report"), "confirmed", starts_at="not a time")
    problem(await send("catalog.registration.promoted", bad), 422, "validation")
    assert await db_session.scalar(select(func.count()).select_from(MailMessage)) == 0
    assert await db_session.scalar(select(func.count()).select_from(events.inbox)) == 0
