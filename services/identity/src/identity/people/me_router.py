"""HTTP routes about the signed-in person: who am I, and who reports to me."""

from __future__ import annotations

from fastapi import APIRouter
from sqlalchemy import exists, func, select

from identity.organisations.models import Organisation
from identity.people import service
from identity.people.access import PersonCaller, me
from identity.people.models import Person
from identity.people.schemas import GrantOut, Me, PersonRef, Report, UnitRef
from identity.profiles.models import Profile
from kit.db import DbSession
from kit.pagination import Page, Pagination
from kit.problems import problem_responses

router = APIRouter(prefix="/me", tags=["me"])


@router.get("", summary="The signed-in person", responses=problem_responses(401, 403))
async def get_me(caller: PersonCaller, db: DbSession) -> Me:
    person = me(caller)
    unit = await db.get(Organisation, person.unit_id)
    assert unit is not None  # the foreign key keeps it
    supervisor = await db.get(Person, person.supervisor_id) if person.supervisor_id else None
    has_reports = await db.scalar(
        select(exists().where(Person.supervisor_id == person.id, Person.status == "active"))
    )
    onboarded_at = await db.scalar(select(Profile.onboarded_at).where(Profile.person_id == person.id))
    return Me(
        id=person.id,
        email=person.email,
        display_name=person.display_name,
        given_name=person.given_name,
        family_name=person.family_name,
        unit=UnitRef(id=unit.id, name=unit.name),
        supervisor=PersonRef(id=supervisor.id, display_name=supervisor.display_name) if supervisor else None,
        roles=sorted(person.roles),
        grants=[
            GrantOut(role=role, organisation_id=org) for role, org in await service.grants_of(db, person.id)
        ],
        is_supervisor=bool(has_reports),
        onboarded=onboarded_at is not None,
    )


@router.get("/reports", summary="My direct reports", responses=problem_responses(401, 403, 422))
async def my_reports(caller: PersonCaller, db: DbSession, page: Pagination) -> Page[Report]:
    query = (
        select(Person, Organisation, Profile.job_title)
        .join(Organisation, Organisation.id == Person.unit_id)
        .outerjoin(Profile, Profile.person_id == Person.id)
        .where(Person.supervisor_id == me(caller).id, Person.status != "erased")
    )
    total = await db.scalar(select(func.count()).select_from(query.subquery()))
    rows = await db.execute(
        query.order_by(Person.display_name, Person.id).offset(page.offset).limit(page.limit)
    )
    items = [
        Report(
            id=person.id,
            display_name=person.display_name,
            email=person.email,
            unit=UnitRef(id=unit.id, name=unit.name),
            job_title=job_title or "",
            status=person.status,
        )
        for person, unit, job_title in rows
    ]
    return Page[Report](items=items, total=total or 0, limit=page.limit, offset=page.offset)
