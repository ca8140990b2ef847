"""The demo workshops: enough of them, both sectors, sessions ahead, loaded once."""

import uuid
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.database import events
from catalog.items.models import LearningItem
from catalog.workshops.models import Mentor, Workshop, WorkshopMentor, WorkshopSession
from catalog.workshops.seed import demo_person, load_demo_workshops


async def test_demo_workshops_load_once_with_sessions_in_the_coming_weeks(db_session: AsyncSession) -> None:
    await load_demo_workshops(db_session)
    events_after_first = await db_session.scalar(select(func.count()).select_from(events.outbox))
    await load_demo_workshops(db_session)
    assert await db_session.scalar(select(func.count()).select_from(events.outbox)) == events_after_first

    items = (
        await db_session.scalars(select(LearningItem).join(Workshop, Workshop.item_id == LearningItem.id))
    ).all()
    assert len(items) >= 6
    assert all(item.kind == "workshop" and item.status == "published" for item in items)
    assert all({"en", "lt"} <= set(item.title) and {"en", "lt"} <= set(item.summary) for item in items)
    assert all(item.competence_levels for item in items)
    formats = set(await db_session.scalars(select(Workshop.format)))
    assert formats == {"in_person", "online", "hybrid"}
    # One workshop needs the supervisor's approval, so the demo can show a supervisor deciding.
    assert [w.requires_approval for w in await db_session.scalars(select(Workshop))].count(True) == 1

    mentors = (await db_session.scalars(select(Mentor))).all()
    assert len(mentors) >= 4
    assert {m.sector for m in mentors} == {"public", "private"}
    assert demo_person("lina.zukauskaite") == uuid.UUID("37913bd9-aecb-5fbb-84ef-4ae7a434ae68")
    assert demo_person("lina.zukauskaite") in {m.person_id for m in mentors}
    without_mentor = await db_session.scalar(
        select(func.count())
        .select_from(Workshop)
        .where(~Workshop.item_id.in_(select(WorkshopMentor.workshop_id)))
    )
    assert without_mentor == 0

    sessions = (await db_session.scalars(select(WorkshopSession))).all()
    per_workshop = {item.id: [s for s in sessions if s.item_id == item.id] for item in items}
    assert all(1 <= len(found) <= 3 for found in per_workshop.values())
    now = datetime.now(tz=UTC)
    assert all(now < s.starts_at < now + timedelta(weeks=8) for s in sessions)
    assert [s.capacity for s in sessions].count(2) == 1
    assert all(s.capacity == 2 or 12 <= s.capacity <= 30 for s in sessions)
