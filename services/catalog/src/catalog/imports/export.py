"""Export of learning items as CSV, in exactly the columns and notation the import reads."""

from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from catalog.imports import csv_format
from catalog.imports.service import default_owner
from catalog.items import access
from catalog.items.models import LearningItem
from catalog.items.schemas import ItemKind, ItemStatus, Owner
from kit.auth import Principal

_BILINGUAL = ("en", "lt")
_SCALARS = ("url", "duration_minutes", "format", "provider", "licence", "cost_eur")
_TAGS = ("languages", "accessibility", "competences", "prerequisites", "visibility", "owner")


def columns(languages: Iterable[str]) -> list[str]:
    """The header: key and kind, the texts by field then language (EN and LT first), the rest."""
    ordered = [*_BILINGUAL, *sorted(set(languages) - set(_BILINGUAL))]
    texts = [f"{field}_{language}" for field in csv_format.LANGUAGE_FIELDS for language in ordered]
    return ["external_id", "slug", "kind", *texts, *_SCALARS, *_TAGS]


def row_of(item: LearningItem, keys: dict[uuid.UUID, str]) -> dict[str, str]:
    """One item as cells; `keys` names other items (prerequisites) by their external id or slug."""
    cells = {
        "external_id": item.external_id or item.slug,
        "slug": item.slug,
        "kind": item.kind,
        "url": item.url or "",
        "duration_minutes": str(item.duration_minutes),
        "format": item.format,
        "provider": item.provider or "",
        "licence": item.licence or "",
        "cost_eur": f"{item.cost_eur:.2f}",
        "languages": ";".join(item.languages),
        "accessibility": ";".join(item.accessibility),
        "competences": ";".join(
            f"{tag['code']}:{tag['level_min']}-{tag['level_max']}" for tag in item.competence_levels
        ),
        "prerequisites": ";".join(keys[i] for i in item.prerequisites if i in keys),
        "visibility": item.visibility,
        "owner": (Owner.platform if item.owner_org_id is None else Owner.organisation).value,
    }
    for field in csv_format.LANGUAGE_FIELDS:
        texts: dict[str, str] = getattr(item, field)
        cells.update({f"{field}_{language}": text for language, text in texts.items()})
    return cells


async def export_items(
    session: AsyncSession,
    editor: Principal,
    *,
    status: ItemStatus | None = None,
    kind: ItemKind | None = None,
    delimiter: str = ",",
) -> bytes:
    """The items an import by this editor would write to (platform-wide ones and their ministry's,
    those they may edit), oldest first, as a CSV file."""
    ministry = access.owner_org(editor, default_owner(editor))
    owners: ColumnElement[bool] = LearningItem.owner_org_id.is_(None)
    if ministry is not None:
        owners = or_(owners, LearningItem.owner_org_id == ministry)
    query = select(LearningItem).where(access.editable_filter(editor), owners)
    if status is not None:
        query = query.where(LearningItem.status == status.value)
    if kind is not None:
        query = query.where(LearningItem.kind == kind.value)
    found = list(
        await session.scalars(
            query.order_by(
                LearningItem.created_at, func.coalesce(LearningItem.external_id, LearningItem.slug)
            )
        )
    )
    wanted = {i for item in found for i in item.prerequisites}
    keys = {item.id: item.external_id or item.slug for item in found}
    missing = wanted - keys.keys()
    if missing:
        named = await session.execute(
            select(LearningItem.id, LearningItem.external_id, LearningItem.slug).where(
                LearningItem.id.in_(missing)
            )
        )
        keys.update({item_id: external_id or slug for item_id, external_id, slug in named})
    languages = {
        language
        for item in found
        for field in csv_format.LANGUAGE_FIELDS
        for language in getattr(item, field)
    }
    return csv_format.write_table(
        columns(languages), (row_of(item, keys) for item in found), delimiter=delimiter
    )
