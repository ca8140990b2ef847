"""The shipped item bank (`items/data/bank/<framework>/<competence>.json`) and its idempotent import.

Shipped items are reviewed with the code, so they are active at once (author and reviewer empty).
A changed document becomes a new active version and the old one is kept (superseded): answers
refer to the version that was shown. Retired items stay retired; an editor's change of a shipped
item stands until the shipped document itself changes.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from assessment.frameworks.schemas import COMPETENCE_CODE_PATTERN, FRAMEWORK_KEY_PATTERN
from assessment.items.content import ItemDocument, holds
from assessment.items.models import Item, ItemVersion, VersionStatus
from assessment.items.service import (
    framework_competence,
    insert_item,
    locked_item,
    write_version,
)


class BankFile(BaseModel):
    """One competence's items in one framework version."""

    model_config = ConfigDict(extra="forbid")

    framework: Annotated[str, StringConstraints(pattern=FRAMEWORK_KEY_PATTERN, max_length=40)]
    competence: Annotated[str, StringConstraints(pattern=COMPETENCE_CODE_PATTERN)]
    items: Annotated[list[ItemDocument], Field(min_length=1, max_length=500)]

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        keys = [item.key for item in self.items]
        if len(set(keys)) != len(keys):
            raise ValueError("an item key appears twice")
        for item in self.items:
            if item.competence != self.competence:
                raise ValueError(f"item {item.key} is in competence {item.competence}, not {self.competence}")
        return self


class BankFileError(ValueError):
    """A shipped bank file that does not validate: which file, which item, what is wrong."""


@dataclass(frozen=True)
class ImportReport:
    """What an import did: keys created, keys given a new version, keys left as they were."""

    created: list[str]
    changed: list[str]
    unchanged: list[str]


def _folder() -> Traversable:
    return files("assessment.items").joinpath("data", "bank")


def parse_bank_file(name: str, text: str) -> BankFile:
    """A bank file's content, or BankFileError naming the file and the item at fault."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BankFileError(f"{name}: not JSON: {exc}") from exc
    try:
        return BankFile.model_validate(raw)
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            loc = error["loc"]
            where = ".".join(str(part) for part in loc)
            if len(loc) >= 2 and loc[0] == "items" and isinstance(loc[1], int):
                entries = raw.get("items") if isinstance(raw, dict) else None
                if isinstance(entries, list) and loc[1] < len(entries) and isinstance(entries[loc[1]], dict):
                    where = f"item {entries[loc[1]].get('key', loc[1])!s}: {where}"
            problems.append(f"{where}: {error['msg']}")
        raise BankFileError(f"{name}: " + "; ".join(problems)) from exc


def shipped_bank() -> list[BankFile]:
    """Every shipped bank file, validated (BankFileError for the first bad one), in name order."""
    bank = []
    root = _folder()
    if not root.is_dir():
        return []
    for framework in sorted(root.iterdir(), key=lambda entry: entry.name):
        if not framework.is_dir():
            continue
        for entry in sorted(framework.iterdir(), key=lambda entry: entry.name):
            if entry.name.endswith(".json"):
                name = f"{framework.name}/{entry.name}"
                bank_file = parse_bank_file(name, entry.read_text(encoding="utf-8"))
                if bank_file.framework != framework.name:
                    raise BankFileError(f"{name}: says framework {bank_file.framework}")
                bank.append(bank_file)
    _unique_keys(bank)
    return bank


def _unique_keys(bank: list[BankFile]) -> None:
    seen: dict[str, str] = {}
    for bank_file in bank:
        for item in bank_file.items:
            if item.key in seen:
                raise BankFileError(f"item {item.key} is in {seen[item.key]} and in {bank_file.competence}")
            seen[item.key] = bank_file.competence


async def import_bank(session: AsyncSession, bank: list[BankFile]) -> ImportReport:
    """Import bank files by item key: new items, new versions of changed ones, nothing else."""
    report = ImportReport([], [], [])
    for bank_file in bank:
        framework_id = await framework_competence(session, bank_file.framework, bank_file.competence)
        for document in bank_file.items:
            outcome = await _import_item(session, framework_id, document)
            getattr(report, outcome).append(document.key)
    return report


async def _import_item(session: AsyncSession, framework_id: uuid.UUID, document: ItemDocument) -> str:
    item_id = await insert_item(session, framework_id, document, None)
    if item_id is not None:
        await write_version(session, item_id, document, status=VersionStatus.active, author=None, note=None)
        return "created"
    item = await locked_item(session, await _id_of(session, document.key))
    if (item.framework_id, item.competence_code) != (framework_id, document.competence):
        raise BankFileError(f"item {document.key} moved to another framework or competence")
    shipped = await session.scalar(
        select(ItemVersion)
        .where(ItemVersion.item_id == item.id, ItemVersion.author.is_(None))
        .order_by(ItemVersion.version.desc())
        .limit(1)
    )
    statuses = set(await session.scalars(select(ItemVersion.status).where(ItemVersion.item_id == item.id)))
    retired = VersionStatus.retired in statuses and VersionStatus.active not in statuses
    if (shipped is not None and holds(shipped, document)) or retired:
        return "unchanged"
    # The new version is the head: the served one and any pending change are superseded (kept).
    replaced = (VersionStatus.active.value, VersionStatus.draft.value, VersionStatus.in_review.value)
    await session.execute(
        update(ItemVersion)
        .where(ItemVersion.item_id == item.id, ItemVersion.status.in_(replaced))
        .values(status=VersionStatus.superseded.value)
    )
    await write_version(session, item, document, status=VersionStatus.active, author=None, note=None)
    return "changed"


async def _id_of(session: AsyncSession, key: str) -> uuid.UUID:
    item_id = await session.scalar(select(Item.id).where(Item.key == key))
    assert item_id is not None, "ON CONFLICT skipped the row, so it exists"
    return item_id
