"""After the session: who sees the attendees, who records attendance, the event, feedback."""

from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.database import events
from kit.testing.plugin import problem
from kit.testing.tokens import TokenMint

from .factories.workshops import Who, mentor_payload, move_session, person, register, session, workshop


async def attended_events(db: AsyncSession) -> list[dict[str, Any]]:
    rows = await db.scalars(
        select(events.outbox.c.payload).where(events.outbox.c.type == "catalog.workshop.attended")
    )
    return list(rows)


async def ran_session(
    client: httpx.AsyncClient, mint: TokenMint, db: AsyncSession
) -> tuple[str, str, Who, Who, Who, list[Who]]:
    """A workshop mentored by one person and organised by another, a session that has begun with
    two confirmed people and one waitlisted; and a mentor of another workshop."""
    mentor, other_mentor, organiser = (
        person(mint, roles=["mentor"]),
        person(mint, roles=["mentor"]),
        person(mint),
    )
    mine = await client.post("/mentors", json=mentor_payload("the-mentor", person_id=str(mentor.id)))
    theirs = await client.post(
        "/mentors", json=mentor_payload("another-mentor", person_id=str(other_mentor.id))
    )
    item_id = await workshop(client, mentor_ids=[mine.json()["id"]], organiser_ids=[organiser.id])
    await workshop(client, "another-workshop", mentor_ids=[theirs.json()["id"]])
    s = await session(client, item_id, capacity=2)
    people = [person(mint) for _ in range(3)]
    for who in people:
        await register(client, s["id"], who)
    await move_session(db, s["id"], timedelta(minutes=-30))
    return item_id, s["id"], mentor, organiser, other_mentor, people


async def test_only_the_sessions_mentors_and_organisers_see_attendees(
    client: httpx.AsyncClient, dla_token_mint: TokenMint, db_session: AsyncSession
) -> None:
    _, session_id, mentor, organiser, other_mentor, people = await ran_session(
        client, dla_token_mint, db_session
    )
    url = f"/workshop-sessions/{session_id}/attendees"
    for who in (mentor, organiser):
        listed = await client.get(url, headers=who.headers)
        assert listed.status_code == 200, listed.text
        assert [(a["person_id"], a["status"], a["waitlist_position"]) for a in listed.json()["items"]] == [
            (str(people[0].id), "confirmed", None),
            (str(people[1].id), "confirmed", None),
            (str(people[2].id), "waitlisted", 1),
        ]
        assert listed.json()["session"]["can_record_attendance"] is True
    for who in (other_mentor, people[0]):
        problem(await client.get(url, headers=who.headers), 403, "forbidden")
    problem(await client.get(url), 403, "forbidden")  # an editor is not the session's mentor
    problem(await client.get(url, headers={"Authorization": ""}), 401, "unauthorized")
    mentored = (
        await client.get("/me/workshop-sessions", params={"when": "all"}, headers=mentor.headers)
    ).json()
    assert [s["id"] for s in mentored["items"]] == [session_id]
    assert (await client.get("/me/workshop-sessions", headers=other_mentor.headers)).json()["total"] == 0


async def test_attendance_is_recorded_by_mentors_and_announced_once(
    client: httpx.AsyncClient, dla_token_mint: TokenMint, db_session: AsyncSession
) -> None:
    item_id, session_id, mentor, organiser, other_mentor, people = await ran_session(
        client, dla_token_mint, db_session
    )
    url = f"/workshop-sessions/{session_id}/attendance"
    mark = {"person_id": str(people[0].id), "attended": True}
    problem(await client.put(url, json=mark, headers=other_mentor.headers), 403, "forbidden")
    problem(await client.put(url, json=mark, headers=people[0].headers), 403, "forbidden")
    assert await attended_events(db_session) == []
    for who in (mentor, organiser):  # the same mark twice, by either of them: one event
        recorded = await client.put(url, json=mark, headers=who.headers)
        assert (recorded.status_code, recorded.json()["attended"]) == (200, True), recorded.text
    published = await attended_events(db_session)
    assert len(published) == 1
    event = published[0]
    assert (event["person_id"], event["item_id"], event["session_id"]) == (
        str(people[0].id),
        item_id,
        session_id,
    )
    assert event["competences"] == [{"code": "4.2", "level_min": 2, "level_max": 4}]
    assert (event["level_min"], event["level_max"], event["attended"]) == (2, 4, True)
    # Absent from the start says nothing new; a mistake taken back is announced.
    absent = {"person_id": str(people[1].id), "attended": False}
    assert (await client.put(url, json=absent, headers=mentor.headers)).json()["attended"] is False
    assert len(await attended_events(db_session)) == 1
    await client.put(url, json={**mark, "attended": False}, headers=mentor.headers)
    assert [e["attended"] for e in await attended_events(db_session)].count(False) == 1
    waitlisted = {"person_id": str(people[2].id), "attended": True}
    problem(await client.put(url, json=waitlisted, headers=mentor.headers), 409, "conflict")
    stranger = {"person_id": str(other_mentor.id), "attended": True}
    problem(await client.put(url, json=stranger, headers=mentor.headers), 404, "not-found")
    problem(
        await client.put(url, json={"person_id": "x", "attended": True}, headers=mentor.headers),
        422,
        "validation",
    )


async def test_attendance_waits_for_the_session(
    client: httpx.AsyncClient, dla_token_mint: TokenMint, db_session: AsyncSession
) -> None:
    _, session_id, mentor, _, _, people = await ran_session(client, dla_token_mint, db_session)
    await move_session(db_session, session_id, timedelta(hours=5))
    mark = {"person_id": str(people[0].id), "attended": True}
    problem(
        await client.put(f"/workshop-sessions/{session_id}/attendance", json=mark, headers=mentor.headers),
        409,
        "conflict",
    )
    assert await attended_events(db_session) == []


async def test_feedback_only_after_attendance_and_editable(
    client: httpx.AsyncClient, dla_token_mint: TokenMint, db_session: AsyncSession
) -> None:
    _, session_id, mentor, _, _, people = await ran_session(client, dla_token_mint, db_session)
    url = f"/workshop-sessions/{session_id}/feedback"
    body = {"rating": 5, "comment": "Very practical."}
    problem(await client.post(url, json=body, headers=people[0].headers), 409, "conflict")
    problem(await client.post(url, json=body, headers=mentor.headers), 404, "not-found")
    marked = {"person_id": str(people[0].id), "attended": True}
    await client.put(f"/workshop-sessions/{session_id}/attendance", json=marked, headers=mentor.headers)
    first = await client.post(url, json=body, headers=people[0].headers)
    assert first.status_code == 201, first.text
    edited = await client.post(
        url, json={"rating": 4, "comment": "  Practical.  "}, headers=people[0].headers
    )
    assert (edited.status_code, edited.json()["rating"], edited.json()["comment"]) == (200, 4, "Practical.")
    for bad in ({"rating": 0}, {"rating": 6}, {"rating": 3, "comment": "<script>alert(1)</script>"}, {}):
        problem(await client.post(url, json=bad, headers=people[0].headers), 422, "validation")
    summary = (await client.get(url, headers=mentor.headers)).json()
    assert (summary["count"], summary["rating_average"]) == (1, 4.0)
    problem(await client.get(url, headers=people[0].headers), 403, "forbidden")
    mine = (await client.get(f"/workshop-sessions/{session_id}", headers=people[0].headers)).json()
    assert mine["my_registration"]["feedback"]["rating"] == 4
