import dataclasses
import json
import re
import uuid
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.database import events
from catalog.items.models import LearningItem, LearningItemVersion
from catalog.items.service import apply_change, content_of, locked_item
from catalog.seed import BANDS, DEMO_ITEMS, SeedFileError, lesson_item, load_demo, read_lessons, seed_item
from catalog.workshops.seed import SYSTEM

DIGCOMP_22 = [
    *("1.1", "1.2", "1.3"),
    *("2.1", "2.2", "2.3", "2.4", "2.5", "2.6"),
    *("3.1", "3.2", "3.3", "3.4"),
    *("4.1", "4.2", "4.3", "4.4"),
    *("5.1", "5.2", "5.3", "5.4"),
]


def word_count(markdown: str) -> int:
    return len(re.findall(r"[^\W_]+(?:['\u2019-][^\W_]+)*", markdown))


async def count(session: AsyncSession, table: Any) -> int:
    return (await session.scalar(select(func.count()).select_from(table))) or 0


def test_every_competence_has_a_lesson_in_every_band_in_both_languages() -> None:
    lessons = read_lessons()
    assert len(lessons) >= 63
    covered = {(code, lesson["band"]) for code, lesson in lessons}
    assert covered >= {(code, band) for code in DIGCOMP_22 for band in BANDS}
    for code, lesson in lessons:
        assert lesson["competences"][0]["code"] == code, lesson["slug"]
        for language in ("en", "lt"):
            words = word_count(lesson["body"][language])
            assert 150 <= words <= 400, (lesson["slug"], language, words)
    slugs = [lesson["slug"] for _, lesson in lessons]
    assert len(slugs) == len(set(slugs))


async def test_the_demo_catalog_loads_once_published_with_one_event_per_item(
    db_session: AsyncSession,
) -> None:
    await load_demo(db_session)
    await load_demo(db_session)
    items = (await db_session.scalars(select(LearningItem))).all()
    lessons = read_lessons()
    workshops = [item for item in items if item.kind == "workshop"]
    assert len(workshops) >= 6
    assert len(items) == len(DEMO_ITEMS) + len(lessons) + len(workshops)
    assert {item.status for item in items} == {"published"}
    assert all({"en", "lt"} <= set(item.title) and {"en", "lt"} <= set(item.summary) for item in items)
    covered = {code.split(".")[0] for item in items for code in item.competences}
    assert covered == {"1", "2", "3", "4", "5"}
    assert await count(db_session, events.outbox) == len(items)
    assert await count(db_session, LearningItemVersion.__table__) == 3 * len(items)


async def test_seeded_lessons_are_readable_micro_lessons(db_session: AsyncSession) -> None:
    await load_demo(db_session)
    lessons = (
        await db_session.scalars(select(LearningItem).where(LearningItem.kind == "micro_lesson"))
    ).all()
    seeded = [item for item in lessons if item.provider == "Digital Lithuania Academy"]
    assert len(seeded) >= 63
    for item in seeded:
        assert set(item.body_html) == {"en", "lt"}
        for html in item.body_html.values():
            assert "<p>" in html, item.slug
            assert "## " not in html, item.slug
            assert "**" not in html, item.slug
        assert (item.licence, item.cost_eur, item.languages) == ("CC-BY-4.0", Decimal(0), ["en", "lt"])
        assert item.search_text
        assert item.competence_levels


async def test_a_changed_seed_text_is_a_new_version_and_an_editors_change_is_kept(
    db_session: AsyncSession,
) -> None:
    _, lesson = read_lessons()[0]
    item = await seed_item(db_session, lesson_item(lesson))
    assert (item.status, item.version) == ("published", 3)
    changed = {**lesson, "duration_minutes": lesson["duration_minutes"] + 1}
    item = await seed_item(db_session, lesson_item(changed))
    assert (item.status, item.version, item.duration_minutes) == ("published", 4, changed["duration_minutes"])
    # An editor shortens it; the seed with the same text leaves their version alone.
    editor = dataclasses.replace(SYSTEM, person_id=uuid.uuid4())
    edited = content_of(await locked_item(db_session, item.id)).model_copy(update={"duration_minutes": 3})
    await apply_change(db_session, editor, item, edited, note="Shorter")
    item = await seed_item(db_session, lesson_item(changed))
    assert (item.version, item.duration_minutes) == (5, 3)
    published = select(func.count()).where(events.outbox.c.type == "catalog.item.published")
    assert await db_session.scalar(published) == 3


def test_an_invalid_lesson_file_is_named_in_the_error(tmp_path: Path) -> None:
    (tmp_path / "9.9.json").write_text(json.dumps([{"slug": "x"}]), encoding="utf-8")
    with pytest.raises(SeedFileError, match=r"9\.9\.json"):
        read_lessons(tmp_path)
    (tmp_path / "9.9.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(SeedFileError, match=r"9\.9\.json"):
        read_lessons(tmp_path)
