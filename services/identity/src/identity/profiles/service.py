"""The digital profile: read it, save it (publishes identity.profile.updated)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy.ext.asyncio import AsyncSession

from identity.people import events
from identity.profiles.models import Profile
from identity.profiles.schemas import Accessibility, ProfileIn


async def profile_of(db: AsyncSession, person_id: uuid.UUID, *, lock: bool = False) -> Profile:
    """A person's profile; one with the defaults is created if they have none yet."""
    profile = await db.get(Profile, person_id, with_for_update=lock)
    if profile is None:
        profile = Profile(person_id=person_id, accessibility={})
        db.add(profile)
        await db.flush()
        await db.refresh(profile)
    return profile


def accessibility_of(profile: Profile) -> Accessibility:
    known = {
        key: bool(value) for key, value in profile.accessibility.items() if key in Accessibility.model_fields
    }
    return Accessibility(**known)


async def save(db: AsyncSession, person_id: uuid.UUID, data: ProfileIn) -> Profile:
    """Replace the profile; the first save marks the person as onboarded."""
    profile = await profile_of(db, person_id, lock=True)
    profile.job_title = data.job_title
    profile.job_description = data.job_description
    profile.role_profile_key = data.role_profile_key
    profile.preferred_language = data.preferred_language
    profile.accessibility = data.accessibility.model_dump()
    profile.weekly_minutes = data.weekly_minutes
    profile.goals = data.goals
    profile.share_results_with_supervisor = data.share_results_with_supervisor
    profile.onboarded_at = profile.onboarded_at or datetime.now(UTC)
    await db.flush()
    await db.refresh(profile)
    await announce(db, profile)
    return profile


async def announce(db: AsyncSession, profile: Profile) -> None:
    """Publish `identity.profile.updated` with what other services plan with (no free text)."""
    await events.emit(
        db,
        events.PROFILE_UPDATED,
        events.ProfileUpdatedEvent(
            person_id=profile.person_id,
            role_profile_key=profile.role_profile_key,
            preferred_language=profile.preferred_language,
            weekly_minutes=profile.weekly_minutes,
            share_results_with_supervisor=profile.share_results_with_supervisor,
            accessibility=accessibility_of(profile).model_dump(),
        ),
    )
