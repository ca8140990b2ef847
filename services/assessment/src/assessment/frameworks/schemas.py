"""API shapes of competence frameworks (read-only reference data)."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict

FRAMEWORK_KEY_PATTERN = r"^[a-z][a-z0-9]*(?:[-.][a-z0-9]+)*$"
AREA_CODE_PATTERN = r"^[1-9][0-9]?$"
COMPETENCE_CODE_PATTERN = r"^[1-9][0-9]?\.[1-9][0-9]?$"


class FrameworkStatus(StrEnum):
    """Whether a framework version is the one in use or kept only for past results."""

    active = "active"
    retired = "retired"


class FrameworkSummary(BaseModel):
    """One version of a competence framework, without its content."""

    model_config = ConfigDict(from_attributes=True)

    key: str
    version: str
    title: dict[str, str]
    status: FrameworkStatus
    published_year: int


class Competence(BaseModel):
    """A competence of an area."""

    model_config = ConfigDict(from_attributes=True)

    code: str
    title: dict[str, str]
    description: dict[str, str]
    position: int


class Area(BaseModel):
    """A competence area with its competences in framework order."""

    model_config = ConfigDict(from_attributes=True)

    code: str
    title: dict[str, str]
    description: dict[str, str]
    position: int
    competences: list[Competence]


class ProficiencyLevel(BaseModel):
    """A proficiency level; `band` groups levels (foundation, intermediate, advanced, …)."""

    model_config = ConfigDict(from_attributes=True)

    level: int
    band: str
    name: dict[str, str]
    description: dict[str, str]


class FrameworkDetail(FrameworkSummary):
    """A framework version with its full tree of areas, competences and proficiency levels."""

    areas: list[Area]
    levels: list[ProficiencyLevel]


class AreaSummary(BaseModel):
    """The area a competence belongs to."""

    model_config = ConfigDict(from_attributes=True)

    code: str
    title: dict[str, str]


class CompetenceDetail(Competence):
    """One competence with its framework and area."""

    framework: str
    area: AreaSummary
