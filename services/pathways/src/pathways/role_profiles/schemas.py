"""API shapes of role profiles."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from kit.text import localized
from pathways.competences import CompetenceTargets

RoleKey = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$", min_length=2, max_length=64),
]


class RoleProfileIn(BaseModel):
    """A role profile as a client puts it; the key comes from the URL."""

    model_config = ConfigDict(extra="forbid")

    title: localized(200)  # type: ignore[valid-type]
    description: localized(2000)  # type: ignore[valid-type]
    # Every competence, because gap analysis compares them all: a hole would be ambiguous.
    targets: Annotated[CompetenceTargets, Field(description="Target level for every DigComp competence.")]


class RoleProfile(BaseModel):
    """A role profile as the API shows it."""

    model_config = ConfigDict(from_attributes=True)

    key: str
    title: dict[str, str]
    description: dict[str, str]
    targets: CompetenceTargets
    updated_at: datetime
