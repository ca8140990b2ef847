"""The shipped bank: every file validates and imports idempotently by key; a changed document is a
new active version beside the old one; what is served is active and complete in the language."""

from __future__ import annotations

import json
import uuid
from importlib.resources import files
from typing import Any

import pytest
from sqlalchemy import func, literal_column, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from assessment.frameworks.document import shipped_documents
from assessment.frameworks.service import import_framework
from assessment.items import workflow
from assessment.items.bank import BankFile, BankFileError, import_bank, parse_bank_file, shipped_bank
from assessment.items.content import ItemDocument, languages_complete
from assessment.items.models import Item, ItemVersion
from assessment.items.schemas import ItemChange
from assessment.items.service import change_item, servable_versions
from assessment.seed import load_reference

from .factories.items import bank_file, matching, multiple_response, single_choice, text

BANK = files("assessment.items").joinpath("data", "bank", "digcomp-2.2")
SHIPPED = sorted(entry.name for entry in BANK.iterdir() if entry.name.endswith(".json"))


async def _frameworks(session: AsyncSession) -> None:
    for document in shipped_documents():
        await import_framework(session, document)


async def _snapshot(session: AsyncSession) -> list[tuple[Any, ...]]:
    rows = []
    for model in (Item, ItemVersion):
        table = model.__table__
        result = await session.execute(select(table, literal_column("ctid::text")).order_by(table.c.id))
        rows += [tuple(row) for row in result]
    return rows


def test_the_bank_ships_files() -> None:
    assert SHIPPED, "items/data/bank/digcomp-2.2 holds no bank file"


@pytest.mark.parametrize("name", SHIPPED)
def test_every_shipped_file_validates_and_is_complete_in_english_and_lithuanian(name: str) -> None:
    bank = parse_bank_file(name, BANK.joinpath(name).read_text(encoding="utf-8"))
    assert bank.framework == "digcomp-2.2"
    assert name == f"{bank.competence}.json"
    assert len(bank.items) >= 1
    for item in bank.items:
        assert languages_complete(item) == ["en", "lt"], item.key
        assert item.key.startswith(f"c{item.competence.replace('.', '-')}-"), item.key


async def test_seed_imports_every_shipped_item_as_an_active_version_1(db_session: AsyncSession) -> None:
    await load_reference(db_session)
    keys = {item.key for bank in shipped_bank() for item in bank.items}
    rows = (await db_session.execute(select(Item.key, ItemVersion).join(ItemVersion))).all()
    assert {key for key, _ in rows} == keys
    for _, version in rows:
        assert (version.version, version.status, version.author, version.reviewer) == (
            1,
            "active",
            None,
            None,
        )
    assert len(await servable_versions(db_session, "digcomp-2.2", "lt")) == len(keys)


async def test_importing_the_bank_again_changes_nothing(db_session: AsyncSession) -> None:
    await load_reference(db_session)
    before = await _snapshot(db_session)
    assert before
    await load_reference(db_session)
    assert await _snapshot(db_session) == before


async def test_a_changed_document_becomes_version_2_and_version_1_is_kept(db_session: AsyncSession) -> None:
    await _frameworks(db_session)
    first = BankFile.model_validate(bank_file(single_choice(), matching()))
    report = await import_bank(db_session, [first])
    assert sorted(report.created) == ["c1-1-test-matching", "c1-1-test-single"]
    changed = BankFile.model_validate(bank_file(single_choice(stem=text("A clearer stem?")), matching()))
    report = await import_bank(db_session, [changed])
    assert (report.created, report.changed, report.unchanged) == (
        [],
        ["c1-1-test-single"],
        ["c1-1-test-matching"],
    )
    versions = (
        await db_session.scalars(
            select(ItemVersion).join(Item).where(Item.key == "c1-1-test-single").order_by(ItemVersion.version)
        )
    ).all()
    assert [(v.version, v.status) for v in versions] == [(1, "superseded"), (2, "active")]
    assert versions[0].content["stem"]["en"] == "Which search finds the official form?"
    assert versions[1].content["stem"]["en"] == "A clearer stem?"
    item = await db_session.scalar(select(Item).where(Item.key == "c1-1-test-single"))
    assert item is not None
    assert item.head_version == 2
    again = await import_bank(db_session, [changed])
    assert again.changed == []


async def test_an_editors_change_stands_until_the_shipped_document_changes(db_session: AsyncSession) -> None:
    await _frameworks(db_session)
    shipped = BankFile.model_validate(bank_file(single_choice()))
    await import_bank(db_session, [shipped])
    item_id = await db_session.scalar(select(Item.id).where(Item.key == "c1-1-test-single"))
    assert item_id is not None
    editor, reviewer = uuid.uuid4(), uuid.uuid4()
    edit = ItemChange.model_validate({**single_choice(level=4), "base_version": 1})
    await change_item(db_session, item_id, edit, editor)
    await workflow.submit(db_session, item_id, editor)
    await workflow.publish(db_session, item_id, reviewer)
    assert (await import_bank(db_session, [shipped])).unchanged == ["c1-1-test-single"]
    draft = ItemChange.model_validate({**single_choice(level=5), "base_version": 2})
    await change_item(db_session, item_id, draft, editor)
    changed = BankFile.model_validate(bank_file(single_choice(stem=text("Reworded?"))))
    assert (await import_bank(db_session, [changed])).changed == ["c1-1-test-single"]
    rows = await db_session.execute(
        select(ItemVersion.version, ItemVersion.status, ItemVersion.author)
        .where(ItemVersion.item_id == item_id)
        .order_by(ItemVersion.version)
    )
    assert rows.all() == [
        (1, "superseded", None),
        (2, "superseded", editor),
        (3, "superseded", editor),
        (4, "active", None),
    ]


async def test_a_retired_item_is_not_revived_by_the_bank(db_session: AsyncSession) -> None:
    await _frameworks(db_session)
    await import_bank(db_session, [BankFile.model_validate(bank_file(single_choice()))])
    item = await db_session.scalar(select(Item).where(Item.key == "c1-1-test-single"))
    assert item is not None
    await workflow.retire(db_session, item.id, item.id)
    report = await import_bank(db_session, [BankFile.model_validate(bank_file(single_choice(level=4)))])
    assert report.unchanged == ["c1-1-test-single"]
    assert await servable_versions(db_session, "digcomp-2.2", "en") == []


async def test_a_version_is_never_rewritten_only_its_workflow_moves(db_session: AsyncSession) -> None:
    await _frameworks(db_session)
    await import_bank(db_session, [BankFile.model_validate(bank_file(single_choice()))])
    for change in (
        {"level": 5},
        {"content": {"stem": {"en": "Other?"}}},
        {"b": 1.0},
        {"author": None, "note": "x"},
    ):
        with pytest.raises(IntegrityError, match="immutable"):
            async with db_session.begin_nested():
                await db_session.execute(update(ItemVersion).values(**change))
    await db_session.execute(update(ItemVersion).values(status="retired", retired_at=func.now()))
    assert await db_session.scalar(select(ItemVersion.status)) == "retired"


def test_a_bad_file_fails_loudly_with_the_file_and_the_item() -> None:
    bad = bank_file(single_choice(), multiple_response(answer=["a", "z"]))
    with pytest.raises(BankFileError, match=r"1\.1\.json: item c1-1-test-multiple: items\.1"):
        parse_bank_file("1.1.json", json.dumps(bad))
    with pytest.raises(BankFileError, match="not JSON"):
        parse_bank_file("1.1.json", "{")
    with pytest.raises(BankFileError, match=r"competence 1\.1, not 2\.1"):
        parse_bank_file("2.1.json", json.dumps(bank_file(single_choice(), competence="2.1")))
    with pytest.raises(BankFileError, match="appears twice"):
        parse_bank_file("1.1.json", json.dumps(bank_file(single_choice(), single_choice())))


async def test_servable_versions_are_active_complete_in_the_language_and_of_the_framework(
    db_session: AsyncSession,
) -> None:
    await _frameworks(db_session)
    english_only = single_choice(
        "c1-1-test-english", options=[{"key": "a", "text": text("A", "")}, {"key": "b", "text": text("B")}]
    )
    await import_bank(
        db_session, [BankFile.model_validate(bank_file(single_choice(), matching(), english_only))]
    )
    retired = await db_session.scalar(select(Item.id).where(Item.key == "c1-1-test-matching"))
    assert retired is not None
    await workflow.retire(db_session, retired, retired)
    lt = await servable_versions(db_session, "digcomp-2.2", "lt")
    en = await servable_versions(db_session, "digcomp-2.2", "en")
    assert [v.item.key for v in lt] == ["c1-1-test-single"]
    assert [v.item.key for v in en] == ["c1-1-test-english", "c1-1-test-single"]
    assert en[0].item.competence_code == "1.1"
    assert en[0].item.area_code == "1"
    assert await servable_versions(db_session, "digcomp-3.0", "en") == []
    count = await db_session.scalar(select(func.count()).select_from(ItemVersion))
    assert count == 3


def test_item_documents_round_trip_through_the_file_format() -> None:
    document = ItemDocument.model_validate(single_choice())
    assert ItemDocument.model_validate(json.loads(document.model_dump_json(by_alias=True))) == document
