"""HTTP routes of digital profiles: mine, and those of people I supervise or govern."""

from __future__ import annotations

import uuid

from fastapi import APIRouter
from sqlalchemy import select

from identity.people.access import PersonCaller, Reader, me, org_path
from identity.people.models import Person
from identity.profiles import service
from identity.profiles.models import Profile as ProfileRow
from identity.profiles.schemas import PersonProfile, Profile, ProfileIn
from kit.auth import is_supervisor_of
from kit.db import DbSession
from kit.problems import NotFound, problem_responses

router = APIRouter(tags=["profiles"])


def _mine(profile: ProfileRow) -> Profile:
    return Profile(
        person_id=profile.person_id,
        job_title=profile.job_title,
        job_description=profile.job_description,
        role_profile_key=profile.role_profile_key,
        preferred_language=profile.preferred_language,
        accessibility=service.accessibility_of(profile),
        weekly_minutes=profile.weekly_minutes,
        goals=profile.goals,
        share_results_with_supervisor=profile.share_results_with_supervisor,
        onboarded=profile.onboarded_at is not None,
        updated_at=profile.updated_at,
    )


@router.get("/me/profile", summary="My digital profile", responses=problem_responses(401, 403))
async def my_profile(caller: PersonCaller, db: DbSession) -> Profile:
    return _mine(await service.profile_of(db, me(caller).id))


@router.put(
    "/me/profile",
    summary="Save my digital profile (every field; the first save completes onboarding)",
    responses=problem_responses(400, 401, 403, 413, 422),
)
async def save_my_profile(body: ProfileIn, caller: PersonCaller, db: DbSession) -> Profile:
    return _mine(await service.save(db, me(caller).id, body))


@router.get(
    "/people/{person_id}/profile",
    summary="A person's digital profile (self, their supervisor, HR and admins of their unit, HR systems)",
    responses=problem_responses(401, 403, 404, 422),
)
async def person_profile(person_id: uuid.UUID, caller: Reader, db: DbSession) -> PersonProfile:
    person = await db.scalar(select(Person).where(Person.id == person_id, Person.status != "erased"))
    if person is None:
        raise NotFound("No person with this id.")
    full = caller.is_self(person.id) or caller.reads(await org_path(db, person.unit_id))
    if not full and not is_supervisor_of(caller.principal, person.supervisor_id):
        raise NotFound("No person with this id.")
    profile = await service.profile_of(db, person.id)
    return PersonProfile(
        person_id=person.id,
        job_title=profile.job_title,
        job_description=profile.job_description,
        role_profile_key=profile.role_profile_key,
        preferred_language=profile.preferred_language,
        accessibility=service.accessibility_of(profile) if full else None,
        weekly_minutes=profile.weekly_minutes,
        goals=profile.goals,
        share_results_with_supervisor=profile.share_results_with_supervisor,
        onboarded=profile.onboarded_at is not None,
        updated_at=profile.updated_at,
    )
