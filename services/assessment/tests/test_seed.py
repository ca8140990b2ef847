"""Reference data: DigComp 2.2 loads completely, in EN and LT, and loading it again changes nothing."""

from typing import Any

from sqlalchemy import func, literal_column, select
from sqlalchemy.ext.asyncio import AsyncSession

from assessment.frameworks.document import FrameworkDocument
from assessment.frameworks.models import Area, Competence, Framework, ProficiencyLevel
from assessment.frameworks.service import import_framework
from assessment.seed import load_reference

from .factories.frameworks import framework_document

TABLES = (Framework, Area, Competence, ProficiencyLevel)


async def _snapshot(session: AsyncSession) -> dict[str, list[tuple[Any, ...]]]:
    """Every row with its ctid: an UPDATE writes a new row version, even when nothing changed."""
    snapshot = {}
    for model in TABLES:
        table = model.__table__
        rows = await session.execute(select(table, literal_column("ctid::text")).order_by(table.c.id))
        snapshot[model.__tablename__] = [tuple(row) for row in rows]
    return snapshot


async def test_reference_data_has_5_areas_21_competences_and_8_levels(db_session: AsyncSession) -> None:
    await load_reference(db_session)
    framework = await db_session.scalar(select(Framework).where(Framework.key == "digcomp-2.2"))
    assert framework is not None
    assert (framework.version, framework.status, framework.published_year) == ("2.2", "active", 2022)
    areas = (await db_session.scalars(select(Area.code).order_by(Area.position))).all()
    assert areas == ["1", "2", "3", "4", "5"]
    codes = (await db_session.scalars(select(Competence.code).order_by(Competence.code))).all()
    assert len(codes) == 21
    assert [c for c in codes if c.startswith("2.")] == ["2.1", "2.2", "2.3", "2.4", "2.5", "2.6"]
    levels = (await db_session.scalars(select(ProficiencyLevel).order_by(ProficiencyLevel.level))).all()
    assert [level.level for level in levels] == list(range(1, 9))
    assert [level.band for level in levels[::2]] == [
        "foundation",
        "intermediate",
        "advanced",
        "highly_specialised",
    ]
    assert levels[6].name == {"en": "Highly specialised 7", "lt": "Aukštos specializacijos 7"}


async def test_official_titles_are_used(db_session: AsyncSession) -> None:
    await load_reference(db_session)
    titles = dict((await db_session.execute(select(Competence.code, Competence.title))).all())
    assert titles["2.5"]["en"] == "Netiquette"
    assert titles["5.4"]["en"] == "Identifying digital competence gaps"
    assert titles["4.2"]["lt"] == "Asmens duomenų ir privatumo apsauga"
    area = await db_session.scalar(select(Area.title).where(Area.code == "1"))
    assert area == {"en": "Information and data literacy", "lt": "Informacinis ir duomenų raštingumas"}


async def test_every_text_has_english_and_lithuanian(db_session: AsyncSession) -> None:
    await load_reference(db_session)
    texts: list[dict[str, str]] = []
    texts += (await db_session.scalars(select(Framework.title))).all()
    for model in (Area, Competence):
        for title, description in await db_session.execute(select(model.title, model.description)):
            texts += [title, description]
    for name, description in await db_session.execute(
        select(ProficiencyLevel.name, ProficiencyLevel.description)
    ):
        texts += [name, description]
    assert len(texts) == 1 + 2 * (5 + 21 + 8)
    for text in texts:
        assert set(text) == {"en", "lt"}, text
        assert all(value.strip() for value in text.values()), text


async def test_loading_twice_leaves_identical_rows(db_session: AsyncSession) -> None:
    await load_reference(db_session)
    first = await _snapshot(db_session)
    await load_reference(db_session)
    assert await _snapshot(db_session) == first


async def test_a_changed_document_updates_only_what_changed(db_session: AsyncSession) -> None:
    await import_framework(db_session, FrameworkDocument.model_validate(framework_document()))
    before = await _snapshot(db_session)
    changed = framework_document()
    changed["areas"][0]["competences"][0]["title"] = {"en": "Searching data", "lt": "Duomenų ieškojimas"}
    await import_framework(db_session, FrameworkDocument.model_validate(changed))
    after = await _snapshot(db_session)
    assert after["framework"] == before["framework"]
    assert after["area"] == before["area"]
    assert after["proficiency_level"] == before["proficiency_level"]
    rows = {row[0]: row for row in after["competence"]}
    old = {row[0]: row for row in before["competence"]}
    assert rows.keys() == old.keys(), "ids stay stable"
    differing = [row_id for row_id in rows if rows[row_id] != old[row_id]]
    assert len(differing) == 1
    title = await db_session.scalar(select(Competence.title).where(Competence.id == differing[0]))
    assert title == {"en": "Searching data", "lt": "Duomenų ieškojimas"}


async def test_another_framework_version_lives_beside_digcomp_2_2(db_session: AsyncSession) -> None:
    await load_reference(db_session)
    await import_framework(db_session, FrameworkDocument.model_validate(framework_document("digcomp-3.0")))
    rows = await db_session.execute(
        select(Framework.key, func.count(Competence.id))
        .join(Competence, Competence.framework_id == Framework.id)
        .group_by(Framework.key)
    )
    assert dict(rows.all()) == {"digcomp-2.2": 21, "digcomp-3.0": 2}
