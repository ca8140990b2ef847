"""People and their digital profiles, each object checked against the caller's relation to it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import false, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.database import events
from identity.organisations.models import Organisation
from identity.people.models import Person, RoleGrant
from identity.profiles.models import ROLE_PROFILE_KEYS, Profile
from kit.auth import CurrentPrincipal, Principal, governs_any, is_self, is_supervisor_of
from kit.db import DbSession
from kit.events.outbox import publish
from kit.pagination import Page, Pagination
from kit.problems import NotFound, Unauthorized, problem_responses

router = APIRouter(tags=["people"])

RoleProfileKey = Literal[
    "policy_analyst",
    "it_specialist",
    "hr_specialist",
    "legal_advisor",
    "communications",
    "manager",
    "administrative",
]
assert set(RoleProfileKey.__args__) == set(ROLE_PROFILE_KEYS)  # type: ignore[attr-defined]
PEOPLE_READERS = ("hr_manager", "org_admin")


class UnitRef(BaseModel):
    id: uuid.UUID
    name: dict[str, str]


class PersonRef(BaseModel):
    id: uuid.UUID
    display_name: str


class GrantOut(BaseModel):
    role: str
    organisation_id: uuid.UUID


class Me(BaseModel):
    id: uuid.UUID
    email: str
    display_name: str
    given_name: str
    family_name: str
    unit: UnitRef
    supervisor: PersonRef | None
    roles: list[str]
    grants: list[GrantOut]
    is_supervisor: bool
    onboarded: bool


class PersonOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    email: str
    display_name: str
    given_name: str
    family_name: str
    unit_id: uuid.UUID
    supervisor_id: uuid.UUID | None
    roles: list[str]
    status: str


class Accessibility(BaseModel):
    larger_text: bool = False
    reduced_motion: bool = False
    screen_reader_hints: bool = False


class ProfileIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    job_title: str = Field("", max_length=200)
    job_description: str = Field("", max_length=4000)
    role_profile_key: RoleProfileKey | None = None
    preferred_language: Literal["en", "lt"] = "lt"
    accessibility: Accessibility = Accessibility()
    weekly_minutes: int = Field(60, ge=0, le=2400)
    goals: str = Field("", max_length=2000)
    share_results_with_supervisor: bool = False


class ProfileOut(ProfileIn):
    person_id: uuid.UUID
    onboarded: bool
    updated_at: datetime


async def caller(db: AsyncSession, principal: Principal) -> Person:
    """The signed-in person, who must still be allowed in (suspended and erased people are not)."""
    person = await db.get(Person, principal.person_id) if principal.person_id else None
    if person is None or person.status != "active":
        raise Unauthorized("This account cannot use DLA")
    return person


async def _path(db: AsyncSession, unit_id: uuid.UUID) -> list[uuid.UUID]:
    return list(await db.scalar(select(Organisation.path).where(Organisation.id == unit_id)) or [])


async def _profile(db: AsyncSession, person_id: uuid.UUID) -> Profile:
    profile = await db.get(Profile, person_id)
    if profile is None:
        profile = Profile(person_id=person_id)
        db.add(profile)
        await db.flush()
        await db.refresh(profile)
    return profile


def _profile_out(profile: Profile) -> ProfileOut:
    return ProfileOut(
        person_id=profile.person_id,
        job_title=profile.job_title,
        job_description=profile.job_description,
        role_profile_key=profile.role_profile_key,
        preferred_language=profile.preferred_language,
        accessibility=Accessibility(**profile.accessibility),
        weekly_minutes=profile.weekly_minutes,
        goals=profile.goals,
        share_results_with_supervisor=profile.share_results_with_supervisor,
        onboarded=profile.onboarded_at is not None,
        updated_at=profile.updated_at,
    )


@router.get("/me", summary="The signed-in person", responses=problem_responses(401))
async def me(principal: CurrentPrincipal, db: DbSession) -> Me:
    person = await caller(db, principal)
    unit = await db.get(Organisation, person.unit_id)
    assert unit is not None
    supervisor = await db.get(Person, person.supervisor_id) if person.supervisor_id else None
    grants = (await db.scalars(select(RoleGrant).where(RoleGrant.person_id == person.id))).all()
    reports = await db.scalar(
        select(func.count()).where(Person.supervisor_id == person.id, Person.status == "active")
    )
    profile = await db.get(Profile, person.id)
    return Me(
        id=person.id,
        email=person.email,
        display_name=person.display_name,
        given_name=person.given_name,
        family_name=person.family_name,
        unit=UnitRef(id=unit.id, name=unit.name),
        supervisor=PersonRef(id=supervisor.id, display_name=supervisor.display_name) if supervisor else None,
        roles=sorted(person.roles),
        grants=[GrantOut(role=grant.role, organisation_id=grant.organisation_id) for grant in grants],
        is_supervisor=bool(reports),
        onboarded=profile is not None and profile.onboarded_at is not None,
    )


@router.get("/me/profile", summary="My digital profile", responses=problem_responses(401))
async def my_profile(principal: CurrentPrincipal, db: DbSession) -> ProfileOut:
    person = await caller(db, principal)
    return _profile_out(await _profile(db, person.id))


@router.put("/me/profile", summary="Save my digital profile", responses=problem_responses(400, 401, 422))
async def save_my_profile(body: ProfileIn, principal: CurrentPrincipal, db: DbSession) -> ProfileOut:
    person = await caller(db, principal)
    profile = await _profile(db, person.id)
    profile.job_title = body.job_title
    profile.job_description = body.job_description
    profile.role_profile_key = body.role_profile_key
    profile.preferred_language = body.preferred_language
    profile.accessibility = body.accessibility.model_dump()
    profile.weekly_minutes = body.weekly_minutes
    profile.goals = body.goals
    profile.share_results_with_supervisor = body.share_results_with_supervisor
    profile.onboarded_at = profile.onboarded_at or datetime.now(UTC)
    await db.flush()
    await db.refresh(profile)
    await publish(
        db,
        events,
        "identity.profile.updated",
        {
            "person_id": str(person.id),
            "role_profile_key": profile.role_profile_key,
            "preferred_language": profile.preferred_language,
            "weekly_minutes": profile.weekly_minutes,
            "share_results_with_supervisor": profile.share_results_with_supervisor,
        },
    )
    return _profile_out(profile)


async def visible_person(db: AsyncSession, principal: Principal, person_id: uuid.UUID) -> Person:
    """A person the caller may see: self, a direct report, or someone in a subtree they govern.
    Anything else is 404, so nobody learns who exists elsewhere."""
    person = await db.get(Person, person_id)
    if person is None or person.status == "erased":
        raise NotFound("No such person")
    if is_self(principal, person.id) or is_supervisor_of(principal, person.supervisor_id):
        return person
    if principal.is_machine and "hr.read" not in principal.scopes:
        raise NotFound("No such person")
    if governs_any(principal, PEOPLE_READERS, await _path(db, person.unit_id)):
        return person
    raise NotFound("No such person")


@router.get("/people/{person_id}", summary="A person", responses=problem_responses(401, 404))
async def get_person(person_id: uuid.UUID, principal: CurrentPrincipal, db: DbSession) -> PersonOut:
    if not principal.is_machine:
        await caller(db, principal)
    return PersonOut.model_validate(await visible_person(db, principal, person_id))


@router.get(
    "/people/{person_id}/profile", summary="A person's digital profile", responses=problem_responses(401, 404)
)
async def person_profile(person_id: uuid.UUID, principal: CurrentPrincipal, db: DbSession) -> ProfileOut:
    if not principal.is_machine:
        await caller(db, principal)
    person = await visible_person(db, principal, person_id)
    return _profile_out(await _profile(db, person.id))


@router.get("/people", summary="People the caller may see", responses=problem_responses(401))
async def list_people(
    principal: CurrentPrincipal,
    db: DbSession,
    page: Pagination,
    q: Annotated[str | None, Query(max_length=200)] = None,
    unit_id: uuid.UUID | None = None,
    status: Literal["active", "suspended"] | None = None,
) -> Page[PersonOut]:
    if not principal.is_machine:
        await caller(db, principal)
    query = (
        select(Person).join(Organisation, Organisation.id == Person.unit_id).where(Person.status != "erased")
    )
    if not principal.is_platform_admin:
        if principal.is_machine:
            roots = [principal.org_path[-1]] if principal.org_path and "hr.read" in principal.scopes else []
        else:
            roots = [grant.org_id for grant in principal.grants if grant.role in PEOPLE_READERS]
        reach = [Organisation.path.contains([root]) for root in roots]
        if principal.person_id is not None:
            reach += [Person.id == principal.person_id, Person.supervisor_id == principal.person_id]
        query = query.where(or_(*reach)) if reach else query.where(false())
    if q:
        pattern = f"%{q.lower()}%"
        query = query.where(or_(Person.email.like(pattern), func.lower(Person.display_name).like(pattern)))
    if unit_id is not None:
        query = query.where(Organisation.path.contains([unit_id]))
    if status is not None:
        query = query.where(Person.status == status)
    total = await db.scalar(select(func.count()).select_from(query.subquery()))
    rows = await db.scalars(
        query.order_by(Person.display_name, Person.id).offset(page.offset).limit(page.limit)
    )
    return Page[PersonOut](
        items=[PersonOut.model_validate(row) for row in rows],
        total=total or 0,
        limit=page.limit,
        offset=page.offset,
    )
