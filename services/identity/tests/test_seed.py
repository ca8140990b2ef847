import re
import uuid

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.database import events
from identity.organisations.models import Organisation
from identity.seed import demo_id, load_demo

Row = tuple[uuid.UUID, str, str, dict[str, str], list[str], list[uuid.UUID]]


async def snapshot(session: AsyncSession) -> list[Row]:
    rows = await session.execute(
        select(
            Organisation.id,
            Organisation.code,
            Organisation.kind,
            Organisation.name,
            Organisation.email_domains,
            Organisation.path,
        ).order_by(Organisation.code)
    )
    return [(row[0], row[1], row[2], row[3], row[4], row[5]) for row in rows]


async def test_demo_tree_is_a_country_two_ministries_and_their_departments_and_units(
    db_session: AsyncSession,
) -> None:
    await load_demo(db_session)
    rows = await snapshot(db_session)
    kinds = [row[2] for row in rows]
    assert {kind: kinds.count(kind) for kind in set(kinds)} == {
        "country": 1,
        "ministry": 2,
        "department": 4,
        "unit": 8,
    }
    depth = {"country": 1, "ministry": 2, "department": 3, "unit": 4}
    for org_id, code, kind, name, _domains, path in rows:
        assert org_id == demo_id(code)
        assert len(path) == depth[kind]
        assert set(name) == {"en", "lt"}
    assert re.search("[ąčęėįšųūž]", " ".join(row[3]["lt"] for row in rows))
    domains = {row[1]: row[4] for row in rows if row[2] == "ministry"}
    assert domains == {"lt-eimin": ["eimin.lt"], "lt-vrm": ["vrm.lt"]}
    interior = next(row for row in rows if row[1] == "lt-vrm")
    assert interior[3] == {"en": "Ministry of the Interior", "lt": "Vidaus reikalų ministerija"}


async def test_loading_twice_gives_the_same_rows_and_no_new_events(db_session: AsyncSession) -> None:
    await load_demo(db_session)
    first = await snapshot(db_session)
    announced = await db_session.scalar(select(func.count()).select_from(events.outbox))
    await load_demo(db_session)
    assert await snapshot(db_session) == first
    assert announced == len(first) == 15
    assert await db_session.scalar(select(func.count()).select_from(events.outbox)) == announced
