"""Registering: seats, the waitlist and its promotion, deadlines, approval, my registrations."""

import uuid
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.database import events
from catalog.workshops.models import Registration
from kit.testing.plugin import problem
from kit.testing.tokens import TokenMint

from .factories.workshops import MINISTRY, Who, move_session, person, register, session, workshop


async def outbox(db: AsyncSession, prefix: str = "catalog.registration.") -> list[tuple[str, dict[str, Any]]]:
    """Events of a kind in the outbox (in no particular order: one test is one transaction)."""
    rows = await db.execute(
        select(events.outbox.c.type, events.outbox.c.payload).where(events.outbox.c.type.startswith(prefix))
    )
    return [(t, p) for t, p in rows]


async def cancel(client: httpx.AsyncClient, session_id: str, who: Who) -> httpx.Response:
    return await client.delete(f"/workshop-sessions/{session_id}/registration", headers=who.headers)


async def test_seats_then_the_waitlist_and_a_retry_changes_nothing(
    client: httpx.AsyncClient, dla_token_mint: TokenMint, db_session: AsyncSession
) -> None:
    item_id = await workshop(client)
    s = await session(client, item_id, capacity=2)
    people = [person(dla_token_mint) for _ in range(4)]
    answers = [await register(client, s["id"], who) for who in people]
    assert [a.status_code for a in answers] == [201] * 4
    assert [(a.json()["status"], a.json()["waitlist_position"]) for a in answers] == [
        ("confirmed", None),
        ("confirmed", None),
        ("waitlisted", 1),
        ("waitlisted", 2),
    ]
    retry = await register(client, s["id"], people[3])
    assert retry.status_code == 200
    assert retry.json()["id"] == answers[3].json()["id"]
    assert retry.json()["waitlist_position"] == 2
    types = sorted(t for t, _ in await outbox(db_session))
    assert types == ["catalog.registration.confirmed"] * 2 + ["catalog.registration.waitlisted"] * 2
    seen = (await client.get(f"/workshop-sessions/{s['id']}", headers=people[2].headers)).json()
    assert (seen["seats_left"], seen["waitlist_length"], seen["confirmed"]) == (0, 2, 2)
    assert seen["my_registration"]["waitlist_position"] == 1
    assert (await client.get(f"/workshop-sessions/{s['id']}", headers={"Authorization": ""})).json()[
        "my_registration"
    ] is None


async def test_waitlisted_person_is_promoted_when_a_seat_frees(
    client: httpx.AsyncClient, dla_token_mint: TokenMint, db_session: AsyncSession
) -> None:
    item_id = await workshop(client)
    s = await session(client, item_id, capacity=1)
    seated, first, second = (person(dla_token_mint) for _ in range(3))
    for who in (seated, first, second):
        await register(client, s["id"], who)
    gone = await cancel(client, s["id"], seated)
    assert gone.status_code == 200, gone.text
    assert gone.json()["status"] == "cancelled"
    mine = (await client.get(f"/workshop-sessions/{s['id']}", headers=first.headers)).json()[
        "my_registration"
    ]
    assert mine["status"] == "confirmed"
    assert mine["promoted_at"] is not None
    still = (await client.get(f"/workshop-sessions/{s['id']}", headers=second.headers)).json()[
        "my_registration"
    ]
    assert (still["status"], still["waitlist_position"]) == ("waitlisted", 1)
    promoted = [p for t, p in await outbox(db_session) if t == "catalog.registration.promoted"]
    assert [p["person_id"] for p in promoted] == [str(first.id)]
    assert promoted[0]["title"]["lt"] == "Duomenų apsauga praktikoje"
    # Cancelling again is harmless: the same cancelled registration, no second event or promotion.
    again = await cancel(client, s["id"], seated)
    assert (again.status_code, again.json()["id"]) == (200, gone.json()["id"])
    assert len([t for t, _ in await outbox(db_session) if t == "catalog.registration.cancelled"]) == 1
    # Leaving the waitlist frees no seat: nobody is promoted.
    assert (await cancel(client, s["id"], second)).json()["status"] == "cancelled"
    assert len([t for t, _ in await outbox(db_session) if t == "catalog.registration.promoted"]) == 1


async def test_a_seat_cannot_be_given_back_after_the_deadline(
    client: httpx.AsyncClient, dla_token_mint: TokenMint, db_session: AsyncSession
) -> None:
    item_id = await workshop(client, cancellation_deadline_hours=48)
    s = await session(client, item_id, days=10, capacity=1)
    seated, waiting = person(dla_token_mint), person(dla_token_mint)
    await register(client, s["id"], seated)
    await register(client, s["id"], waiting)
    await move_session(db_session, s["id"], timedelta(hours=30))
    late = await cancel(client, s["id"], seated)
    body = problem(late, 409, "conflict")
    assert "48 hours" in body["detail"]
    status = await db_session.scalar(select(Registration.status).where(Registration.person_id == seated.id))
    assert status == "confirmed"
    # A place in line can always be given up.
    assert (await cancel(client, s["id"], waiting)).json()["status"] == "cancelled"


async def test_nobody_registers_for_a_started_or_cancelled_session(
    client: httpx.AsyncClient, dla_token_mint: TokenMint, db_session: AsyncSession
) -> None:
    item_id = await workshop(client)
    started = await session(client, item_id, days=1)
    await move_session(db_session, started["id"], timedelta(minutes=-5))
    problem(await register(client, started["id"], person(dla_token_mint)), 409, "conflict")
    called_off = await session(client, item_id, days=3)
    holder = person(dla_token_mint)
    await register(client, called_off["id"], holder)
    for _ in range(2):
        cancelled = await client.post(f"/workshop-sessions/{called_off['id']}/cancel")
        assert cancelled.json()["status"] == "cancelled", cancelled.text
    problem(await register(client, called_off["id"], person(dla_token_mint)), 409, "conflict")
    notices = await outbox(db_session, "catalog.workshop.session_cancelled")
    assert [p["person_ids"] for _, p in notices] == [[str(holder.id)]]
    learner = person(dla_token_mint)
    problem(
        await client.post(f"/workshop-sessions/{called_off['id']}/cancel", headers=learner.headers),
        403,
        "forbidden",
    )


async def test_registration_needs_a_person(
    client: httpx.AsyncClient, dla_token_mint: TokenMint, db_session: AsyncSession
) -> None:
    item_id = await workshop(client)
    s = await session(client, item_id)
    url = f"/workshop-sessions/{s['id']}/registration"
    problem(await client.post(url, headers={"Authorization": ""}), 401, "unauthorized")
    machine = {"Authorization": f"Bearer {dla_token_mint.client('hr-system', MINISTRY, scope='dla')}"}
    problem(await client.post(url, headers=machine), 403, "forbidden")
    problem(await client.post(f"/workshop-sessions/{uuid.uuid4()}/registration"), 404, "not-found")
    problem(await client.delete(url, headers=person(dla_token_mint).headers), 404, "not-found")
    assert (await db_session.scalar(select(func.count()).select_from(Registration))) == 0


async def test_a_person_sees_only_their_own_registrations(
    client: httpx.AsyncClient, dla_token_mint: TokenMint
) -> None:
    item_id = await workshop(client, format="hybrid", meeting_url="https://meet.example.org/r")
    soon = await session(client, item_id, days=2, capacity=1)
    later = await session(client, item_id, days=9, capacity=5)
    me, other = person(dla_token_mint), person(dla_token_mint)
    await register(client, later["id"], me)
    await register(client, soon["id"], other)
    await register(client, soon["id"], me)
    mine = (await client.get("/me/registrations", headers=me.headers)).json()
    assert mine["total"] == 2
    assert [(r["session_id"], r["status"]) for r in mine["items"]] == [
        (soon["id"], "waitlisted"),
        (later["id"], "confirmed"),
    ]
    assert {r["person_id"] for r in mine["items"]} == {str(me.id)}
    assert [r["meeting_url"] for r in mine["items"]] == [None, "https://meet.example.org/r"]
    assert mine["items"][0]["workshop"]["title"]["en"] == "Data protection in practice"
    assert mine["items"][0]["session"]["seats_left"] == 0
    theirs = (await client.get("/me/registrations", headers=other.headers)).json()
    assert [r["session_id"] for r in theirs["items"]] == [soon["id"]]
    assert (await client.get("/me/registrations", params={"when": "past"}, headers=me.headers)).json()[
        "total"
    ] == 0
    problem(
        await client.get("/me/registrations", params={"when": "someday"}, headers=me.headers),
        422,
        "validation",
    )
    problem(await client.get("/me/registrations", headers={"Authorization": ""}), 401, "unauthorized")


async def test_approval_holds_requests_until_an_organiser_decides(
    client: httpx.AsyncClient, dla_token_mint: TokenMint, db_session: AsyncSession
) -> None:
    organiser = person(dla_token_mint)
    item_id = await workshop(client, requires_approval=True, organiser_ids=[organiser.id])
    s = await session(client, item_id, capacity=1)
    a, b, c = (person(dla_token_mint) for _ in range(3))
    requests = [(await register(client, s["id"], who)).json() for who in (a, b, c)]
    assert {r["status"] for r in requests} == {"pending_approval"}
    seats = (await client.get(f"/workshop-sessions/{s['id']}")).json()
    assert seats["seats_left"] == 1
    base = f"/workshop-sessions/{s['id']}/registrations"
    problem(await client.post(f"{base}/{requests[0]['id']}/approve", headers=a.headers), 403, "forbidden")
    # Approved in another order than asked: the second approved waits behind the first.
    approved_b = await client.post(f"{base}/{requests[1]['id']}/approve", headers=organiser.headers)
    assert approved_b.json()["status"] == "confirmed", approved_b.text
    approved_a = await client.post(f"{base}/{requests[0]['id']}/approve", headers=organiser.headers)
    assert (approved_a.json()["status"], approved_a.json()["waitlist_position"]) == ("waitlisted", 1)
    again = await client.post(f"{base}/{requests[0]['id']}/approve", headers=organiser.headers)
    assert again.json()["status"] == "waitlisted"
    declined = await client.post(f"{base}/{requests[2]['id']}/decline", headers=organiser.headers)
    assert declined.json()["status"] == "cancelled"
    problem(
        await client.post(f"{base}/{requests[2]['id']}/approve", headers=organiser.headers), 409, "conflict"
    )
    problem(await client.post(f"{base}/{uuid.uuid4()}/approve", headers=organiser.headers), 404, "not-found")
    # The organiser takes back the confirmed place: the waitlisted person is promoted.
    await client.post(f"{base}/{requests[1]['id']}/decline", headers=organiser.headers)
    mine = (await client.get(f"/workshop-sessions/{s['id']}", headers=a.headers)).json()["my_registration"]
    assert mine["status"] == "confirmed"
    types = [t for t, _ in await outbox(db_session)]
    assert types.count("catalog.registration.pending_approval") == 3
    assert types.count("catalog.registration.promoted") == 1
    reasons = [p["reason"] for t, p in await outbox(db_session) if t == "catalog.registration.cancelled"]
    assert reasons == ["declined", "declined"]
