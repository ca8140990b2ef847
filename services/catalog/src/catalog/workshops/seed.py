"""Demo workshops (DLA Forums) for `make run`: mentors from both sectors, workshops, sessions in the
coming weeks. Written through the services, so items get versions and events as an editor's would.

Idempotent at every start: mentors and items are found by slug and left as they are; a workshop
whose sessions are all over gets the demo sessions again, counted from today.
"""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.items.models import LearningItem
from catalog.items.schemas import ItemCreate
from catalog.items.service import create_item
from catalog.items.workflow import publish_now
from catalog.workshops import mentors, service, sessions
from catalog.workshops.context import SCHEDULED, now
from catalog.workshops.models import VILNIUS, Mentor, Workshop, WorkshopSession
from catalog.workshops.schemas import MentorIn, SessionIn, WorkshopIn
from kit.auth import Principal

DEMO_FILE = Path(__file__).parent / "data" / "demo_workshops.json"
# Identity gives each demo person the id uuid5(this namespace, login) (identity/people/demo.py),
# so a mentor profile can point at the demo mentor without asking identity. Only for the demo.
IDENTITY_DEMO_NAMESPACE = uuid.UUID("2b7f0d1e-5c44-4f0a-8e3b-6a1d9c2f7e55")
ITEM_FORMAT = {"in_person": "in_person", "online": "online_live", "hybrid": "blended"}
# The seeds (this one and `catalog.seed`) act as the platform itself: no person, so the versions
# they write have no `changed_by`.
SYSTEM = Principal(
    subject="catalog-seed",
    client_id="catalog",
    scopes=frozenset(),
    person_id=None,
    unit_id=None,
    org_path=(),
    tenant_id=None,
    roles=frozenset({"platform_admin"}),
    grants=(),
    claims={},
)


def demo_person(login: str) -> uuid.UUID:
    """The id identity's demo seed gives the person with this login."""
    return uuid.uuid5(IDENTITY_DEMO_NAMESPACE, login)


def read_demo(path: Path = DEMO_FILE) -> dict[str, Any]:
    """The demo file: mentors, organisers and workshops with their sessions."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def item_of(spec: dict[str, Any]) -> ItemCreate:
    """A workshop's learning item as the items API takes it."""
    fields = ("slug", "title", "summary", "body", "duration_minutes", "competence_levels", "languages")
    return ItemCreate.model_validate(
        {
            **{name: spec[name] for name in fields},
            "kind": "workshop",
            "format": ITEM_FORMAT[spec["format"]],
            "provider": "DLA Forums",
        }
    )


def session_times(spec: dict[str, Any], today: date) -> tuple[datetime, datetime]:
    """A demo session's start and end: `day` days after today, at `start` Vilnius time."""
    hour, minute = (int(part) for part in spec["start"].split(":"))
    starts = datetime.combine(
        today + timedelta(days=spec["day"]), time(hour, minute), tzinfo=ZoneInfo(VILNIUS)
    )
    return starts, starts + timedelta(hours=spec["hours"])


async def _mentor_ids(db: AsyncSession, specs: list[dict[str, Any]]) -> dict[str, uuid.UUID]:
    ids = {}
    for spec in specs:
        found = await db.scalar(select(Mentor.id).where(Mentor.slug == spec["slug"]))
        if found is None:
            login = spec.get("person_login")
            fields = {k: v for k, v in spec.items() if k != "person_login"}
            data = MentorIn.model_validate({**fields, "person_id": demo_person(login) if login else None})
            found = (await mentors.create_mentor(db, data))[0].id
        ids[spec["slug"]] = found
    return ids


async def _item_id(db: AsyncSession, spec: dict[str, Any]) -> uuid.UUID:
    found = await db.scalar(select(LearningItem.id).where(LearningItem.slug == spec["slug"]))
    if found is not None:
        return found
    item, _ = await create_item(db, SYSTEM, item_of(spec))
    await publish_now(db, SYSTEM, item.id, note="Seeded")
    return item.id


async def _schedule(db: AsyncSession, item_id: uuid.UUID, specs: list[dict[str, Any]]) -> None:
    upcoming = await db.scalar(
        select(
            exists().where(
                WorkshopSession.item_id == item_id,
                WorkshopSession.status == SCHEDULED,
                WorkshopSession.ends_at > now(),
            )
        )
    )
    if upcoming:
        return
    today = now().astimezone(ZoneInfo(VILNIUS)).date()
    for spec in specs:
        starts, ends = session_times(spec, today)
        data = SessionIn(starts_at=starts, ends_at=ends, capacity=spec["capacity"])
        await sessions.add_session(db, item_id, data, SYSTEM)


async def load_demo_workshops(db: AsyncSession) -> None:
    """The demo mentors and workshops with sessions in the coming weeks (again: nothing new)."""
    demo = read_demo()
    mentor_ids = await _mentor_ids(db, demo["mentors"])
    organisers = [demo_person(login) for login in demo["organiser_logins"]]
    for spec in demo["workshops"]:
        item_id = await _item_id(db, spec)
        if await db.get(Workshop, item_id) is None:
            details = WorkshopIn.model_validate(
                {
                    "format": spec["format"],
                    "location": spec.get("location"),
                    "meeting_url": spec.get("meeting_url"),
                    "requires_approval": spec.get("requires_approval", False),
                    "cancellation_deadline_hours": spec.get("cancellation_deadline_hours", 24),
                    "organiser_ids": organisers,
                    "mentor_ids": [mentor_ids[slug] for slug in spec["mentors"]],
                }
            )
            await service.put_workshop(db, item_id, details, SYSTEM)
        await _schedule(db, item_id, spec["sessions"])
