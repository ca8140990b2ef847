"""The file format a framework version is imported from (`frameworks/data/<key>.json`).

A new framework version (DigComp 3.0, a national profile) is a new document, not a code change.
Texts are `{language: text}` objects and every text must be given in every language the
document declares, so no part of a framework is shown half-translated.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from importlib.resources import files
from typing import Annotated, Any, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from assessment.frameworks.schemas import (
    AREA_CODE_PATTERN,
    COMPETENCE_CODE_PATTERN,
    FRAMEWORK_KEY_PATTERN,
    FrameworkStatus,
)
from kit.text import LanguageCode

TitleText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]
DescriptionText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Title = Annotated[dict[LanguageCode, TitleText], Field(min_length=1, max_length=20)]
Description = Annotated[dict[LanguageCode, DescriptionText], Field(min_length=1, max_length=20)]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CompetenceEntry(_Entry):
    """A competence; its code starts with its area's code (`2.4` is in area `2`)."""

    code: Annotated[str, StringConstraints(pattern=COMPETENCE_CODE_PATTERN)]
    title: Title
    description: Description


class AreaEntry(_Entry):
    """An area and its competences, in the order they are shown."""

    code: Annotated[str, StringConstraints(pattern=AREA_CODE_PATTERN)]
    title: Title
    description: Description
    competences: Annotated[list[CompetenceEntry], Field(min_length=1, max_length=50)]

    @model_validator(mode="after")
    def _codes_belong_to_area(self) -> Self:
        for competence in self.competences:
            if competence.code.split(".")[0] != self.code:
                raise ValueError(f"competence {competence.code} is not in area {self.code}")
        return self


class LevelEntry(_Entry):
    """A proficiency level; `band` is a stable key of its group, e.g. `foundation`."""

    level: Annotated[int, Field(ge=1, le=8)]
    band: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z_]{0,31}$")]
    name: Title
    description: Description


class FrameworkDocument(_Entry):
    """A whole framework version as it is imported."""

    key: Annotated[str, StringConstraints(pattern=FRAMEWORK_KEY_PATTERN, max_length=40)]
    version: Annotated[str, StringConstraints(min_length=1, max_length=20)]
    title: Title
    status: FrameworkStatus = FrameworkStatus.active
    published_year: Annotated[int, Field(ge=1990, le=2100)]
    languages: Annotated[list[LanguageCode], Field(min_length=1, max_length=20)]
    areas: Annotated[list[AreaEntry], Field(min_length=1, max_length=20)]
    levels: Annotated[list[LevelEntry], Field(min_length=1, max_length=8)]

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _unique("area code", [area.code for area in self.areas])
        _unique("competence code", [c.code for area in self.areas for c in area.competences])
        _unique("level", [level.level for level in self.levels])
        wanted = set(self.languages)
        for where, text in self.texts():
            if missing := wanted - text.keys():
                raise ValueError(f"{where} lacks {', '.join(sorted(missing))}")
        return self

    def texts(self) -> Iterator[tuple[str, dict[str, str]]]:
        """Every text of the document, with where it is (for messages and checks)."""
        yield "title", self.title
        for area in self.areas:
            yield f"area {area.code} title", area.title
            yield f"area {area.code} description", area.description
            for c in area.competences:
                yield f"competence {c.code} title", c.title
                yield f"competence {c.code} description", c.description
        for level in self.levels:
            yield f"level {level.level} name", level.name
            yield f"level {level.level} description", level.description


def _unique(what: str, values: list[Any]) -> None:
    seen = set()
    for value in values:
        if value in seen:
            raise ValueError(f"{what} {value} appears twice")
        seen.add(value)


def shipped_documents() -> list[FrameworkDocument]:
    """The framework versions shipped with the service (`frameworks/data/*.json`), by key."""
    folder = files("assessment.frameworks").joinpath("data")
    documents = [
        FrameworkDocument.model_validate(json.loads(entry.read_text(encoding="utf-8")))
        for entry in folder.iterdir()
        if entry.name.endswith(".json")
    ]
    return sorted(documents, key=lambda document: document.key)
