"""HTTP route of the audit log: HR and org admins read their subtree's events, platform admins all."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import func, select

from identity.audit.models import AuditEvent as AuditRow
from identity.audit.schemas import AuditEvent
from identity.people.access import PersonCaller, within
from kit.db import DbSession
from kit.pagination import Page, Pagination
from kit.problems import problem_responses

router = APIRouter(prefix="/audit", tags=["audit"])


@router.get("", summary="Audit events in my reach, newest first", responses=problem_responses(401, 403, 422))
async def list_audit_events(
    caller: PersonCaller,
    db: DbSession,
    page: Pagination,
    action: Annotated[
        str | None,
        Query(min_length=1, max_length=64, pattern=r"^[a-z_.]+$", description="e.g. `person.roles_changed`"),
    ] = None,
    target_id: Annotated[str | None, Query(min_length=1, max_length=100, pattern=r"^[^\x00]*$")] = None,
) -> Page[AuditEvent]:
    # Events with no organisation (signing keys, platform-wide actions) are the platform admins' only.
    query = select(AuditRow).where(within(AuditRow.org_path, caller.people_roots()))
    if action is not None:
        query = query.where(AuditRow.action == action)
    if target_id is not None:
        query = query.where(AuditRow.target_id == target_id)
    total = await db.scalar(select(func.count()).select_from(query.subquery()))
    rows = await db.scalars(
        query.order_by(AuditRow.occurred_at.desc(), AuditRow.id.desc()).offset(page.offset).limit(page.limit)
    )
    items = [AuditEvent.model_validate(row) for row in rows]
    return Page[AuditEvent](items=items, total=total or 0, limit=page.limit, offset=page.offset)
