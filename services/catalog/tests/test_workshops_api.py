"""Mentors, workshop details and sessions: who may write them, what bad input does, what readers see."""

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.database import events
from catalog.workshops.models import Mentor, Workshop, WorkshopMentor, WorkshopSession
from kit.testing.plugin import problem
from kit.testing.tokens import TokenMint

from .factories.workshops import (
    MINISTRY,
    item_payload,
    mentor_payload,
    person,
    published_workshop_item,
    register,
    session,
    session_payload,
    workshop,
    workshop_payload,
)


async def count(db: AsyncSession, model: Any) -> int:
    return (await db.scalar(select(func.count()).select_from(model))) or 0


async def test_mentor_is_created_once_and_its_email_is_for_editors_only(
    client: httpx.AsyncClient, dla_token_mint: TokenMint
) -> None:
    first = await client.post("/mentors", json=mentor_payload())
    again = await client.post("/mentors", json=mentor_payload())
    assert (first.status_code, again.status_code) == (201, 200), first.text
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["email"] == "ruta@example.org"
    clash = await client.post("/mentors", json=mentor_payload(organisation="Another one"))
    problem(clash, 409, "conflict")
    mentor_id = first.json()["id"]
    learner = person(dla_token_mint)
    public = await client.get(f"/mentors/{mentor_id}", headers=learner.headers)
    assert public.json()["email"] is None
    assert public.json()["expertise"] == {"en": "Data protection", "lt": "Duomenų apsauga"}
    listed = (await client.get("/mentors", headers={"Authorization": ""})).json()
    assert [m["email"] for m in listed["items"]] == [None]
    assert listed["total"] == 1


async def test_mentor_changes_and_removal(client: httpx.AsyncClient, db_session: AsyncSession) -> None:
    mentor_id = (await client.post("/mentors", json=mentor_payload())).json()["id"]
    changed = await client.put(f"/mentors/{mentor_id}", json=mentor_payload(sector="private", name="Rūta K."))
    assert changed.status_code == 200, changed.text
    assert (changed.json()["sector"], changed.json()["name"]) == ("private", "Rūta K.")
    item_id = await workshop(client, mentor_ids=[mentor_id])
    problem(await client.delete(f"/mentors/{mentor_id}"), 409, "conflict")
    put = await client.put(f"/workshops/{item_id}", json=workshop_payload(mentor_ids=[]))
    assert put.status_code == 200, put.text
    assert (await client.delete(f"/mentors/{mentor_id}")).status_code == 204
    assert await count(db_session, Mentor) == 0
    problem(await client.get(f"/mentors/{mentor_id}"), 404, "not-found")
    problem(await client.put(f"/mentors/{mentor_id}", json=mentor_payload()), 404, "not-found")


async def test_only_content_editors_write_workshops_and_mentors(
    client: httpx.AsyncClient, dla_token_mint: TokenMint, db_session: AsyncSession
) -> None:
    item_id = await published_workshop_item(client, "not-yet-a-workshop")
    learner = person(dla_token_mint)
    machine = {"Authorization": f"Bearer {dla_token_mint.client('hr-system', MINISTRY, scope='dla')}"}
    for headers, slug in (
        (learner.headers, "forbidden"),
        (machine, "forbidden"),
        ({"Authorization": ""}, None),
    ):
        for response in (
            await client.post("/mentors", json=mentor_payload(), headers=headers),
            await client.put(f"/workshops/{item_id}", json=workshop_payload(), headers=headers),
            await client.post(f"/workshops/{item_id}/sessions", json=session_payload(), headers=headers),
        ):
            if slug is None:
                problem(response, 401, "unauthorized")
            else:
                problem(response, 403, slug)
    assert await count(db_session, Mentor) == 0
    assert await count(db_session, Workshop) == 0


async def test_editors_of_another_ministry_cannot_touch_a_ministrys_workshop(
    client: httpx.AsyncClient, dla_token_mint: TokenMint
) -> None:
    own = person(dla_token_mint, roles=["content_editor"])
    created = await client.post(
        "/items",
        json={**item_payload("ministry-only"), "owner": "organisation", "visibility": "organisation"},
        headers=own.headers,
    )
    assert created.status_code == 201, created.text
    item_id = created.json()["id"]
    assert (
        await client.put(f"/workshops/{item_id}", json=workshop_payload(), headers=own.headers)
    ).status_code == 201
    other = person(
        dla_token_mint, roles=["content_editor"], org_path=(MINISTRY[0], uuid.uuid4(), uuid.uuid4())
    )
    problem(
        await client.put(f"/workshops/{item_id}", json=workshop_payload(), headers=other.headers),
        404,
        "not-found",
    )
    problem(
        await client.post(f"/workshops/{item_id}/sessions", json=session_payload(), headers=other.headers),
        404,
        "not-found",
    )
    problem(await client.get(f"/workshops/{item_id}", headers=other.headers), 404, "not-found")


async def test_workshop_details_need_a_workshop_item_and_known_mentors(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    course = await client.post("/items", json={**item_payload("a-course"), "kind": "course"})
    problem(await client.put(f"/workshops/{course.json()['id']}", json=workshop_payload()), 409, "conflict")
    item_id = await published_workshop_item(client, "needs-details")
    unknown = await client.put(f"/workshops/{item_id}", json=workshop_payload(mentor_ids=[str(uuid.uuid4())]))
    problem(unknown, 422, "validation")
    online_without_link = await client.put(f"/workshops/{item_id}", json=workshop_payload(format="online"))
    problem(online_without_link, 422, "validation")
    hybrid_without_place = await client.put(
        f"/workshops/{item_id}",
        json={"format": "hybrid", "meeting_url": "https://meet.example.org/x"},
    )
    problem(hybrid_without_place, 422, "validation")
    script = await client.put(f"/workshops/{item_id}", json=workshop_payload(location="<script>x</script>"))
    problem(script, 422, "validation")
    problem(await client.put(f"/workshops/{uuid.uuid4()}", json=workshop_payload()), 404, "not-found")
    assert await count(db_session, Workshop) == 0
    # No details yet: no sessions either.
    problem(await client.post(f"/workshops/{item_id}/sessions", json=session_payload()), 404, "not-found")


async def test_workshop_put_is_repeatable_and_keeps_the_mentor_order(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    a = (await client.post("/mentors", json=mentor_payload("mentor-a", name="A"))).json()["id"]
    b = (await client.post("/mentors", json=mentor_payload("mentor-b", name="B", sector="private"))).json()[
        "id"
    ]
    item_id = await workshop(client, mentor_ids=[b, a])
    again = await client.put(f"/workshops/{item_id}", json=workshop_payload(mentor_ids=[b, a]))
    assert again.status_code == 200
    assert [m["name"] for m in again.json()["mentors"]] == ["B", "A"]
    assert await count(db_session, WorkshopMentor) == 2
    assert again.json()["body_html"]["en"] == "<p>We work through <strong>real cases</strong>.</p>\n"


async def test_bad_sessions_are_refused_and_write_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession
) -> None:
    item_id = await workshop(client)
    before = await count(db_session, events.outbox)
    url = f"/workshops/{item_id}/sessions"
    past = session_payload(days=-1)
    problem(await client.post(url, json=past), 422, "validation")
    for capacity in (0, -5, 10_001, "many"):
        problem(await client.post(url, json={**session_payload(), "capacity": capacity}), 422, "validation")
    problem(await client.post(url, json=session_payload(hours=-1)), 422, "validation")
    naive = session_payload()
    naive["starts_at"] = naive["starts_at"].replace("+00:00", "")
    problem(await client.post(url, json=naive), 422, "validation")
    problem(await client.post(url, json=session_payload(hours=24 * 15)), 422, "validation")
    problem(await client.post(url, json={**session_payload(), "price": 3}), 422, "validation")
    problem(
        await client.post(f"/workshops/{uuid.uuid4()}/sessions", json=session_payload()), 404, "not-found"
    )
    problem(await client.post("/workshops/not-an-id/sessions", json=session_payload()), 422, "validation")
    assert await count(db_session, WorkshopSession) == 0
    assert await count(db_session, events.outbox) == before


async def test_a_retried_session_create_finds_the_same_session(client: httpx.AsyncClient) -> None:
    item_id = await workshop(client)
    body = session_payload(capacity=12)
    first = await client.post(f"/workshops/{item_id}/sessions", json=body)
    again = await client.post(f"/workshops/{item_id}/sessions", json=body)
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    other = await client.post(f"/workshops/{item_id}/sessions", json={**body, "capacity": 13})
    problem(other, 409, "conflict")


async def test_lists_show_upcoming_sessions_with_seats_left(
    client: httpx.AsyncClient, dla_token_mint: TokenMint
) -> None:
    later = await workshop(client, "later-workshop")
    sooner = await workshop(
        client, "sooner-workshop", format="online", meeting_url="https://meet.example.org/a"
    )
    await session(client, later, days=20, capacity=5)
    first = await session(client, sooner, days=3, capacity=2)
    await session(client, sooner, days=10, capacity=20)
    await register(client, first["id"], person(dla_token_mint))
    await workshop(client, "no-sessions-yet")
    listed = (await client.get("/workshops", headers={"Authorization": ""})).json()
    assert [w["slug"] for w in listed["items"]] == ["sooner-workshop", "later-workshop", "no-sessions-yet"]
    assert [s["seats_left"] for s in listed["items"][0]["sessions"]] == [1, 20]
    assert "meeting_url" not in listed["items"][0]
    upcoming = (await client.get("/workshops", params={"upcoming": "true", "format": "online"})).json()
    assert [w["slug"] for w in upcoming["items"]] == ["sooner-workshop"]
    assert upcoming["total"] == 1
    assert (await client.get("/workshops", params={"competence": "1.1"})).json()["total"] == 0
    problem(await client.get("/workshops", params={"format": "by-pigeon"}), 422, "validation")
    calendar = (await client.get("/workshop-sessions")).json()
    assert [s["workshop"]["slug"] for s in calendar["items"]] == [
        "sooner-workshop",
        "sooner-workshop",
        "later-workshop",
    ]
    window = {
        "from": datetime.now(tz=UTC).isoformat(),
        "to": (datetime.now(tz=UTC) + timedelta(days=5)).isoformat(),
    }
    assert (await client.get("/workshop-sessions", params=window)).json()["total"] == 1
    problem(
        await client.get("/workshop-sessions", params={"from": window["to"], "to": window["from"]}),
        422,
        "validation",
    )
    end_of_time = await client.get("/workshop-sessions", params={"from": "9999-12-31T00:00:00Z"})
    problem(end_of_time, 422, "validation")


async def test_meeting_link_is_only_for_confirmed_registrants(
    client: httpx.AsyncClient, dla_token_mint: TokenMint
) -> None:
    link = "https://meet.example.org/secret-room"
    item_id = await workshop(client, format="online", meeting_url=link, location=None)
    only = await session(client, item_id, capacity=1)
    seated, waiting = person(dla_token_mint), person(dla_token_mint)
    assert (await register(client, only["id"], seated)).json()["status"] == "confirmed"
    assert (await register(client, only["id"], waiting)).json()["status"] == "waitlisted"
    seen = {
        name: (await client.get(f"/workshops/{item_id}", headers=who.headers)).json()["meeting_url"]
        for name, who in (("seated", seated), ("waiting", waiting))
    }
    assert seen == {"seated": link, "waiting": None}
    assert (await client.get(f"/workshops/{item_id}", headers={"Authorization": ""})).json()[
        "meeting_url"
    ] is None
    assert (await client.get(f"/workshops/{item_id}")).json()["meeting_url"] == link  # the editor


async def test_drafts_are_not_listed_and_unknown_ids_are_not_found(client: httpx.AsyncClient) -> None:
    draft = await client.post("/items", json=item_payload("a-draft-workshop"))
    item_id = draft.json()["id"]
    assert (await client.put(f"/workshops/{item_id}", json=workshop_payload())).status_code == 201
    assert (await client.get("/workshops")).json()["total"] == 0
    problem(await client.get(f"/workshops/{item_id}", headers={"Authorization": ""}), 404, "not-found")
    problem(await client.get(f"/workshops/{uuid.uuid4()}"), 404, "not-found")
    problem(await client.get(f"/workshop-sessions/{uuid.uuid4()}"), 404, "not-found")
    problem(await client.get("/workshop-sessions/not-a-uuid"), 422, "validation")
    problem(await client.post(f"/workshop-sessions/{uuid.uuid4()}/cancel"), 404, "not-found")
    problem(await client.get(f"/workshop-sessions/{uuid.uuid4()}/calendar.ics"), 404, "not-found")


async def test_the_calendar_takes_only_iso_date_times(client: httpx.AsyncClient) -> None:
    for value in ("0", "1700000000", "tomorrow", "2026-12-01"):
        problem(await client.get("/workshop-sessions", params={"from": value}), 422, "validation")
    assert (
        await client.get("/workshop-sessions", params={"from": "2026-12-01T10:00:00+02:00"})
    ).status_code == 200
