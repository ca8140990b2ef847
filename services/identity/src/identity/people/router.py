"""HTTP routes of people: search, create, change, suspend, roles. Every object is checked against
the caller's relation to it; what they do not reach is 404."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, status
from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from identity.organisations.models import Organisation
from identity.people import service
from identity.people.access import (
    Caller,
    PersonCaller,
    Reader,
    managed_person,
    managed_supervisor,
    managed_unit,
    visible_person,
    within,
)
from identity.people.grants import check_grantable
from identity.people.models import GLOBAL_ROLES, Person, RoleGrant
from identity.people.schemas import (
    GrantOut,
    ListedRole,
    PersonCreate,
    PersonPatch,
    PersonStatus,
    RolesIn,
    RolesOut,
)
from identity.people.schemas import Person as PersonOut
from kit.db import DbSession
from kit.pagination import Page, Pagination
from kit.problems import Forbidden, Invalid, problem_responses

router = APIRouter(prefix="/people", tags=["people"])

Search = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=200,
        pattern=r"^[^\x00]*$",
        description="Case-insensitive part of the e-mail address or of a name.",
    ),
]


async def person_out(db: AsyncSession, person: Person) -> PersonOut:
    await db.refresh(person)  # server-set columns (updated_at) after a change
    out = PersonOut.model_validate(person)
    out.grants = [
        GrantOut(role=role, organisation_id=org) for role, org in await service.grants_of(db, person.id)
    ]
    return out


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _search(
    caller: Caller,
    *,
    q: str | None,
    unit_id: uuid.UUID | None,
    state: PersonStatus | None,
    role: ListedRole | None,
) -> Select[Person]:
    query = (
        select(Person)
        .join(Organisation, Organisation.id == Person.unit_id)
        .where(Person.status != "erased", within(Organisation.path, caller.people_roots()))
    )
    if q:
        pattern = f"%{_escape_like(q.lower())}%"
        query = query.where(
            or_(
                *(
                    func.lower(column).like(pattern, escape="\\")
                    for column in (Person.email, Person.display_name, Person.given_name, Person.family_name)
                )
            )
        )
    if unit_id is not None:
        query = query.where(Organisation.path.contains([unit_id]))
    if state is not None:
        query = query.where(Person.status == state.value)
    if role is ListedRole.supervisor:
        report = aliased(Person)
        query = query.where(exists().where(report.supervisor_id == Person.id, report.status == "active"))
    elif role is not None and role.value in GLOBAL_ROLES:
        query = query.where(Person.roles.contains([role.value]))
    elif role is not None:
        query = query.where(exists().where(RoleGrant.person_id == Person.id, RoleGrant.role == role.value))
    return query


@router.get(
    "",
    summary="People the caller governs (HR, org admins, platform admins, HR systems with hr.read)",
    responses=problem_responses(401, 403, 422),
)
async def list_people(
    caller: Reader,
    db: DbSession,
    page: Pagination,
    q: Search = None,
    unit_id: Annotated[
        uuid.UUID | None, Query(description="Only people in this organisation's subtree.")
    ] = None,
    status: PersonStatus | None = None,
    role: ListedRole | None = None,
) -> Page[PersonOut]:
    query = _search(caller, q=q, unit_id=unit_id, state=status, role=role)
    total = await db.scalar(select(func.count()).select_from(query.subquery()))
    rows = (
        await db.scalars(query.order_by(Person.display_name, Person.id).offset(page.offset).limit(page.limit))
    ).all()
    grants: dict[uuid.UUID, list[GrantOut]] = {row.id: [] for row in rows}
    for person_id, role_name, org in await db.execute(
        select(RoleGrant.person_id, RoleGrant.role, RoleGrant.organisation_id)
        .where(RoleGrant.person_id.in_(grants))
        .order_by(RoleGrant.role, RoleGrant.organisation_id)
    ):
        grants[person_id].append(GrantOut(role=role_name, organisation_id=org))
    items = [PersonOut.model_validate(row).model_copy(update={"grants": grants[row.id]}) for row in rows]
    return Page[PersonOut](items=items, total=total or 0, limit=page.limit, offset=page.offset)


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    summary="Create a person directly (HR and admins of the unit)",
    responses=problem_responses(401, 403, 404, 409, 413, 422),
)
async def create_person(body: PersonCreate, caller: PersonCaller, db: DbSession) -> PersonOut:
    path = await managed_unit(db, caller, body.unit_id)
    if body.supervisor_id is not None:
        await managed_supervisor(db, caller, body.supervisor_id)
    await check_grantable(db, caller, path, roles_changed=set(body.roles) - {"learner"}, grants_changed=())
    person = await service.create_person(
        db,
        actor=caller.actor,
        email=body.email,
        display_name=body.display_name,
        given_name=body.given_name,
        family_name=body.family_name,
        unit_id=body.unit_id,
        supervisor_id=body.supervisor_id,
        roles=[role.value for role in body.roles],
        language=body.language,
    )
    return await person_out(db, person)


@router.get("/{person_id}", summary="One person", responses=problem_responses(401, 403, 404, 422))
async def get_person(person_id: uuid.UUID, caller: Reader, db: DbSession) -> PersonOut:
    return await person_out(db, await visible_person(db, caller, person_id))


@router.patch(
    "/{person_id}",
    summary="Change names, move to another unit, change the supervisor",
    responses=problem_responses(401, 403, 404, 413, 422),
)
async def update_person(
    person_id: uuid.UUID, body: PersonPatch, caller: PersonCaller, db: DbSession
) -> PersonOut:
    person, _ = await managed_person(db, caller, person_id)
    fields = body.model_fields_set
    if "unit_id" in fields:
        if body.unit_id is None:
            raise Invalid("unit_id: a person always belongs to an organisation.")
        await managed_unit(db, caller, body.unit_id)
    if "supervisor_id" in fields and body.supervisor_id is not None:
        await managed_supervisor(db, caller, body.supervisor_id)
    for field in ("given_name", "family_name", "display_name"):
        if field in fields and getattr(body, field) is None:
            raise Invalid(f"{field}: cannot be null.")
    await service.rename(
        db,
        person,
        actor=caller.actor,
        given_name=body.given_name,
        family_name=body.family_name,
        display_name=body.display_name,
    )
    if body.unit_id is not None:
        await service.move(db, person, body.unit_id, actor=caller.actor)
    if "supervisor_id" in fields:
        await service.set_supervisor(db, person, body.supervisor_id, actor=caller.actor)
    return await person_out(db, person)


@router.post(
    "/{person_id}/suspend",
    summary="Suspend a person: sign-in stops, sessions end, refresh tokens are revoked",
    responses=problem_responses(401, 403, 404, 422),
)
async def suspend_person(person_id: uuid.UUID, caller: PersonCaller, db: DbSession) -> PersonOut:
    person, _ = await managed_person(db, caller, person_id)
    if caller.is_self(person.id):
        raise Forbidden("You cannot suspend yourself.")
    await service.suspend(db, person, actor=caller.actor)
    return await person_out(db, person)


@router.post(
    "/{person_id}/reactivate",
    summary="Let a suspended person sign in again",
    responses=problem_responses(401, 403, 404, 422),
)
async def reactivate_person(person_id: uuid.UUID, caller: PersonCaller, db: DbSession) -> PersonOut:
    person, _ = await managed_person(db, caller, person_id)
    await service.reactivate(db, person, actor=caller.actor)
    return await person_out(db, person)


@router.put(
    "/{person_id}/roles",
    summary="Set a person's roles and grants (org and platform admins; never more than they hold)",
    responses=problem_responses(401, 403, 404, 413, 422),
)
async def set_roles(person_id: uuid.UUID, body: RolesIn, caller: PersonCaller, db: DbSession) -> RolesOut:
    person = await visible_person(db, caller, person_id, lock=True)
    path = await service.unit_path(db, person.unit_id)
    wanted_roles = {role.value for role in body.roles}
    wanted_grants = {(grant.role.value, grant.organisation_id) for grant in body.grants}
    current_grants = set(await service.grants_of(db, person.id))
    await check_grantable(
        db,
        caller,
        path,
        roles_changed=wanted_roles ^ set(person.roles),
        grants_changed=wanted_grants ^ current_grants,
    )
    await service.set_roles(db, person, sorted(wanted_roles), sorted(wanted_grants), actor=caller.actor)
    grants = await service.grants_of(db, person.id)
    return RolesOut(
        roles=sorted(person.roles), grants=[GrantOut(role=role, organisation_id=org) for role, org in grants]
    )
