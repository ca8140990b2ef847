"""API shapes of the digital profile."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from identity.profiles.models import ROLE_PROFILE_KEYS

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

# Free text may hold line breaks and tabs, never other control characters.
Text = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"


class Accessibility(BaseModel):
    """What the SPA adapts to."""

    model_config = ConfigDict(extra="forbid")

    larger_text: bool = False
    reduced_motion: bool = False
    screen_reader_hints: bool = False


class ProfileIn(BaseModel):
    """The whole digital profile (a save replaces every field)."""

    model_config = ConfigDict(extra="forbid")

    job_title: Annotated[
        str, StringConstraints(strip_whitespace=True, max_length=200, pattern=r"^[^\x00-\x1f\x7f]*$")
    ]
    job_description: Annotated[str, StringConstraints(max_length=4000, pattern=Text)]
    role_profile_key: RoleProfileKey | None
    preferred_language: Literal["en", "lt"]
    accessibility: Accessibility
    weekly_minutes: Annotated[int, Field(ge=0, le=2400, description="Learning time budget per week.")]
    goals: Annotated[str, StringConstraints(max_length=2000, pattern=Text)]
    share_results_with_supervisor: bool = Field(
        description="Whether my supervisor sees my individual results (otherwise only I do)."
    )


class Profile(ProfileIn):
    """My digital profile."""

    person_id: uuid.UUID
    onboarded: bool
    updated_at: datetime


class PersonProfile(BaseModel):
    """Someone's digital profile. A supervisor sees their direct reports' work-related fields only:
    `accessibility` is null for them."""

    person_id: uuid.UUID
    job_title: str
    job_description: str
    role_profile_key: str | None
    preferred_language: str
    accessibility: Accessibility | None
    weekly_minutes: int
    goals: str
    share_results_with_supervisor: bool
    onboarded: bool
    updated_at: datetime
