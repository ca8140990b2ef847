from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.database import events
from catalog.items.models import LearningItem
from catalog.seed import DEMO_ITEMS, load_demo


async def test_demo_items_load_once_with_both_languages_and_one_event_each(db_session: AsyncSession) -> None:
    await load_demo(db_session)
    await load_demo(db_session)
    items = (await db_session.scalars(select(LearningItem))).all()
    assert len(items) == len(DEMO_ITEMS) >= 10
    assert all({"en", "lt"} <= set(item.title) and {"en", "lt"} <= set(item.summary) for item in items)
    covered = {code for item in items for code in item.competences}
    assert {"1", "2", "3", "4", "5"} == {code.split(".")[0] for code in covered}
    assert await db_session.scalar(select(func.count()).select_from(events.outbox)) == len(DEMO_ITEMS)
