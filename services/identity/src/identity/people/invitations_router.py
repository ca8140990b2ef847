"""HTTP routes of invitations (HR and admins of the unit)."""

from __future__ import annotations

import uuid

from fastapi import APIRouter, Request, Response, status
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.organisations.models import Organisation
from identity.people import invitations
from identity.people.access import Caller, PersonCaller, managed_supervisor, managed_unit, me, within
from identity.people.grants import check_grantable
from identity.people.models import Invitation as InvitationRow
from identity.people.schemas import GrantOut, Invitation, InvitationCreate, InvitationStatus
from identity.settings import IdentitySettings
from kit.db import DbSession
from kit.pagination import Page, Pagination
from kit.problems import NotFound, problem_responses

router = APIRouter(prefix="/invitations", tags=["invitations"])


def _out(row: InvitationRow) -> Invitation:
    return Invitation(
        id=row.id,
        email=row.email,
        display_name=row.display_name,
        unit_id=row.unit_id,
        supervisor_id=row.supervisor_id,
        roles=row.roles,
        grants=[
            GrantOut(role=g["role"], organisation_id=uuid.UUID(g["organisation_id"])) for g in row.grants
        ],
        invited_by=row.invited_by,
        status=invitations.status_of(row),
        created_at=row.created_at,
        expires_at=row.expires_at,
    )


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Invite someone by e-mail to a unit (HR and admins of the unit; audited)",
    responses=problem_responses(401, 403, 404, 409, 413, 422),
)
async def create_invitation(
    body: InvitationCreate, caller: PersonCaller, request: Request, db: DbSession
) -> Invitation:
    path = await managed_unit(db, caller, body.unit_id)
    if body.supervisor_id is not None:
        await managed_supervisor(db, caller, body.supervisor_id)
    grants = {(grant.role.value, grant.organisation_id) for grant in body.grants}
    await check_grantable(
        db,
        caller,
        path,
        roles_changed={role.value for role in body.roles} - {"learner"},
        grants_changed=grants,
    )
    settings: IdentitySettings = request.app.state.settings
    row = await invitations.invite(
        db,
        settings,
        actor=caller.actor,
        inviter=me(caller).display_name,
        email=body.email,
        display_name=body.display_name,
        unit_id=body.unit_id,
        supervisor_id=body.supervisor_id,
        roles=[role.value for role in body.roles],
        grants=sorted(grants),
        language=body.language,
    )
    return _out(row)


@router.get(
    "", summary="Invitations to the units I manage, newest first", responses=problem_responses(401, 403, 422)
)
async def list_invitations(
    caller: PersonCaller, db: DbSession, page: Pagination, status: InvitationStatus | None = None
) -> Page[Invitation]:
    query = (
        select(InvitationRow)
        .join(Organisation, Organisation.id == InvitationRow.unit_id)
        .where(within(Organisation.path, caller.people_roots()))
    )
    now = func.now()
    if status is InvitationStatus.accepted:
        query = query.where(InvitationRow.accepted_at.isnot(None))
    elif status is InvitationStatus.revoked:
        query = query.where(InvitationRow.accepted_at.is_(None), InvitationRow.revoked_at.isnot(None))
    elif status is not None:
        live = (
            InvitationRow.expires_at > now
            if status is InvitationStatus.pending
            else InvitationRow.expires_at <= now
        )
        query = query.where(InvitationRow.accepted_at.is_(None), InvitationRow.revoked_at.is_(None), live)
    total = await db.scalar(select(func.count()).select_from(query.subquery()))
    rows = await db.scalars(
        query.order_by(InvitationRow.created_at.desc(), InvitationRow.id)
        .offset(page.offset)
        .limit(page.limit)
    )
    return Page[Invitation](
        items=[_out(row) for row in rows], total=total or 0, limit=page.limit, offset=page.offset
    )


async def _managed_invitation(
    db: AsyncSession, caller: Caller, invitation_id: uuid.UUID
) -> tuple[InvitationRow, list[uuid.UUID]]:
    row = await db.get(InvitationRow, invitation_id, with_for_update=True)
    path = (
        list(await db.scalar(select(Organisation.path).where(Organisation.id == row.unit_id)) or [])
        if row
        else []
    )
    if row is None or not caller.manages(path):
        raise NotFound("No invitation with this id.")
    return row, path


@router.delete(
    "/{invitation_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Withdraw an invitation (its link stops working; audited)",
    responses=problem_responses(401, 403, 404, 409, 422),
)
async def withdraw_invitation(invitation_id: uuid.UUID, caller: PersonCaller, db: DbSession) -> Response:
    row, path = await _managed_invitation(db, caller, invitation_id)
    await invitations.withdraw(db, row, path, actor=caller.actor)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
