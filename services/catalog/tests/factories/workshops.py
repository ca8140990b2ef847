"""Workshops for tests: people and their tokens, mentors, a published workshop with sessions."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.workshops.models import WorkshopSession
from kit.testing.tokens import TokenMint

MINISTRY = (uuid.uuid4(), uuid.uuid4(), uuid.uuid4())


@dataclass(frozen=True)
class Who:
    """A person and the headers that sign them in."""

    id: uuid.UUID
    headers: dict[str, str]


def person(
    mint: TokenMint, roles: Sequence[str] = ("learner",), org_path: Sequence[uuid.UUID] = MINISTRY
) -> Who:
    """A new person of the test ministry."""
    person_id = uuid.uuid4()
    token = mint.person(person_id, org_path, roles=roles)
    return Who(person_id, {"Authorization": f"Bearer {token}"})


def item_payload(slug: str, **overrides: Any) -> dict[str, Any]:
    """A learning item of kind `workshop`."""
    payload: dict[str, Any] = {
        "slug": slug,
        "kind": "workshop",
        "title": {"en": "Data protection in practice", "lt": "Duomenų apsauga praktikoje"},
        "summary": {"en": "A hands-on session.", "lt": "Praktinis užsiėmimas."},
        "body": {"en": "We work through **real cases**.", "lt": "Nagrinėjame **tikrus atvejus**."},
        "duration_minutes": 120,
        "format": "in_person",
        "languages": ["lt", "en"],
        "competence_levels": [{"code": "4.2", "level_min": 2, "level_max": 4}],
    }
    payload.update(overrides)
    return payload


def mentor_payload(slug: str = "ruta-mentor", **overrides: Any) -> dict[str, Any]:
    """A mentor profile."""
    payload: dict[str, Any] = {
        "slug": slug,
        "name": "Rūta Mentorė",
        "organisation": "Ministry of Testing",
        "sector": "public",
        "expertise": {"en": "Data protection", "lt": "Duomenų apsauga"},
        "bio": {"en": "Fifteen years in public service.", "lt": "Penkiolika metų valstybės tarnyboje."},
        "languages": ["lt", "en"],
        "email": "ruta@example.org",
    }
    payload.update(overrides)
    return payload


def workshop_payload(**overrides: Any) -> dict[str, Any]:
    """The workshop part: in person, 24 h cancellation deadline."""
    payload: dict[str, Any] = {
        "format": "in_person",
        "location": "Gedimino pr. 11, Vilnius",
        "cancellation_deadline_hours": 24,
    }
    payload.update(overrides)
    return payload


def session_payload(
    days: float = 7, hours: float = 3, capacity: int = 10, **overrides: Any
) -> dict[str, Any]:
    """A session starting `days` from now at a whole minute, lasting `hours`."""
    starts = (datetime.now(tz=UTC) + timedelta(days=days)).replace(second=0, microsecond=0)
    payload: dict[str, Any] = {
        "starts_at": starts.isoformat(),
        "ends_at": (starts + timedelta(hours=hours)).isoformat(),
        "capacity": capacity,
    }
    payload.update(overrides)
    return payload


async def published_workshop_item(editor: httpx.AsyncClient, slug: str, **fields: Any) -> str:
    """A published learning item of kind `workshop`, through the items API; returns its id."""
    created = await editor.post("/items", json=item_payload(slug, **fields))
    assert created.status_code == 201, created.text
    item_id: str = created.json()["id"]
    for step in ("submit", "publish"):
        moved = await editor.post(f"/items/{item_id}/{step}")
        assert moved.status_code == 200, moved.text
    return item_id


async def workshop(
    editor: httpx.AsyncClient,
    slug: str = "data-protection-practice",
    *,
    mentor_ids: Sequence[str] = (),
    organiser_ids: Sequence[uuid.UUID] = (),
    item: dict[str, Any] | None = None,
    **fields: Any,
) -> str:
    """A published workshop (`item`: its item's fields) with its details set; returns the item id."""
    item_id = await published_workshop_item(editor, slug, **(item or {}))
    body = workshop_payload(
        mentor_ids=list(mentor_ids), organiser_ids=[str(o) for o in organiser_ids], **fields
    )
    response = await editor.put(f"/workshops/{item_id}", json=body)
    assert response.status_code == 201, response.text
    return item_id


async def session(editor: httpx.AsyncClient, item_id: str, **fields: Any) -> dict[str, Any]:
    """A scheduled session of the workshop."""
    response = await editor.post(f"/workshops/{item_id}/sessions", json=session_payload(**fields))
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def move_session(db: AsyncSession, session_id: str, starts_in: timedelta, hours: float = 3) -> None:
    """Let time pass: the session now starts `starts_in` from now (negative: it has begun)."""
    starts = datetime.now(tz=UTC) + starts_in
    await db.execute(
        update(WorkshopSession)
        .where(WorkshopSession.id == uuid.UUID(session_id))
        .values(starts_at=starts, ends_at=starts + timedelta(hours=hours))
    )
    await db.commit()


async def register(client: httpx.AsyncClient, session_id: str, who: Who) -> httpx.Response:
    """`who` registers for the session."""
    return await client.post(f"/workshop-sessions/{session_id}/registration", headers=who.headers)
