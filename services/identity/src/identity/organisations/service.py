"""Organisation logic: create idempotently by code, read the tree; events in the same transaction."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Select, exists, false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.database import events
from identity.organisations.models import Organisation
from identity.organisations.schemas import OrganisationCreate, OrganisationEvent, OrganisationKind
from kit.db import insert_once
from kit.events.outbox import publish
from kit.problems import Invalid, NotFound

CREATED = "identity.organisation.created"


async def create_organisation(
    session: AsyncSession, data: OrganisationCreate, *, org_id: uuid.UUID | None = None
) -> tuple[Organisation, bool]:
    """Create an organisation; the same request again returns the existing one (created=False)."""
    await _check_parent(session, data)
    organisation, created = await insert_once(
        session,
        Organisation,
        "code",
        {**data.model_dump(mode="python"), "kind": data.kind.value},
        defaults={"id": org_id or uuid.uuid4()},
        conflict=f"An organisation with code '{data.code}' already exists with other content.",
    )
    if created:
        await publish(session, events, CREATED, _event(organisation))
    return organisation, created


async def _check_parent(session: AsyncSession, data: OrganisationCreate) -> None:
    if data.parent_id is None:
        return
    parent = await session.get(Organisation, data.parent_id)
    if parent is None:
        raise Invalid("parent_id: no organisation has this id.")
    parent_kind = OrganisationKind(parent.kind)
    if data.kind is OrganisationKind.country or data.kind.rank < parent_kind.rank:
        raise Invalid(f"kind: a {data.kind.value} cannot belong to a {parent_kind.value}.")


def in_reach(organisation: Organisation, reach: list[uuid.UUID] | None) -> bool:
    return reach is None or bool(set(reach) & set(organisation.path))


async def get_organisation(
    session: AsyncSession, org_id: uuid.UUID, reach: list[uuid.UUID] | None = None
) -> Organisation:
    """One organisation in `reach` (None: any), or NotFound."""
    organisation = await session.get(Organisation, org_id)
    if organisation is None or not in_reach(organisation, reach):
        raise NotFound("No organisation has this id.")
    return organisation


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _filtered(
    *,
    parent_id: uuid.UUID | None,
    within: uuid.UUID | None,
    root: bool | None,
    kind: OrganisationKind | None,
    q: str | None,
    reach: list[uuid.UUID] | None = None,
) -> Select[Organisation]:
    query = select(Organisation)
    if reach is not None:
        # Only the subtrees the caller sees (None: everything).
        query = query.where(or_(false(), *(Organisation.path.contains([root]) for root in reach)))
    if parent_id is not None:
        query = query.where(Organisation.parent_id == parent_id)
    if within is not None:
        # `@>` on the GIN index over path: the whole subtree in one indexed lookup.
        query = query.where(Organisation.path.contains([within]))
    if root is not None:
        query = query.where(Organisation.parent_id.is_(None) if root else Organisation.parent_id.isnot(None))
    if kind is not None:
        query = query.where(Organisation.kind == kind.value)
    if q:
        pattern = f"%{_escape_like(q)}%"
        names = func.jsonb_each_text(Organisation.name).table_valued("key", "value")
        query = query.where(
            or_(
                Organisation.code.ilike(pattern, escape="\\"),
                exists(select(1).select_from(names).where(names.c.value.ilike(pattern, escape="\\"))),
            )
        )
    return query


async def list_organisations(
    session: AsyncSession,
    *,
    limit: int,
    offset: int,
    parent_id: uuid.UUID | None = None,
    within: uuid.UUID | None = None,
    root: bool | None = None,
    kind: OrganisationKind | None = None,
    q: str | None = None,
    reach: list[uuid.UUID] | None = None,
) -> tuple[list[Organisation], int]:
    """A page of organisations ordered by code, with the total count of matches (within `reach`)."""
    query = _filtered(parent_id=parent_id, within=within, root=root, kind=kind, q=q, reach=reach)
    total = await session.scalar(select(func.count()).select_from(query.subquery()))
    rows = await session.scalars(query.order_by(Organisation.code).limit(limit).offset(offset))
    return list(rows), total or 0


async def list_children(
    session: AsyncSession, org_id: uuid.UUID, *, limit: int, offset: int, reach: list[uuid.UUID] | None = None
) -> tuple[list[Organisation], int]:
    """A page of an organisation's direct children; NotFound if the organisation is not in reach."""
    await get_organisation(session, org_id, reach)
    return await list_organisations(session, limit=limit, offset=offset, parent_id=org_id, reach=reach)


def _event(organisation: Organisation) -> dict[str, Any]:
    return OrganisationEvent.model_validate(organisation, from_attributes=True).model_dump(mode="json")
