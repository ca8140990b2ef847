"""The item document (docs/assessment.md), its checks, the initial IRT parameters, and scoring.

One format for the shipped bank files and the editors' API. An item may lack a language while
it is being translated; it is served only in the languages in which every one of its texts exists.
"""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum
from typing import Annotated, Any, NamedTuple, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from assessment.engine.levels import initial_params
from assessment.frameworks.schemas import COMPETENCE_CODE_PATTERN
from assessment.items.models import Item, ItemVersion
from assessment.items.responses import answer_shape, score, validate_response
from assessment.items.stimulus import LongText, ShortText, Stimulus, TextPath
from kit.text import LanguageCode

__all__ = [
    "InitialParams",
    "Interaction",
    "ItemDocument",
    "ItemType",
    "Params",
    "answer_shape",
    "initial_params",
    "languages_complete",
    "score",
    "validate_response",
]

ITEM_KEY_PATTERN = r"^[a-z0-9][a-z0-9-]{2,79}$"

_Stem = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=3000)]
StemText = Annotated[dict[LanguageCode, _Stem], Field(min_length=1, max_length=20)]
# Lithuanian runs about a fifth longer than English; a decision spelled out can take a few lines.
_OptionText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=600)]
OptionText = Annotated[dict[LanguageCode, _OptionText], Field(min_length=1, max_length=20)]


class ItemType(StrEnum):
    """How an item is built; a scenario adds a stimulus and is answered by its `interaction`."""

    single_choice = "single_choice"
    multiple_response = "multiple_response"
    ordering = "ordering"
    matching = "matching"
    scenario = "scenario"


class Interaction(StrEnum):
    """How a scenario is answered."""

    single_choice = "single_choice"
    multiple_response = "multiple_response"


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Option(_Part):
    """An option (or, in matching, a thing to sort); `key` is `a` … `h`."""

    key: Annotated[str, StringConstraints(pattern=r"^[a-h]$")]
    text: OptionText


class Category(_Part):
    """A matching category; `key` is `x`, `y`, `z`, `w` or `v`."""

    key: Annotated[str, StringConstraints(pattern=r"^[vwxyz]$")]
    text: ShortText


class Params(_Part):
    """3PL parameters on the logistic scale: discrimination, difficulty, guessing."""

    a: Annotated[float, Field(gt=0, le=5)]
    b: Annotated[float, Field(ge=-6, le=6)]
    c: Annotated[float, Field(ge=0, lt=1)]


Answer = str | list[str] | dict[str, str]


class ItemDocument(_Part):
    """One item as written in a bank file or sent by an editor."""

    key: Annotated[str, StringConstraints(pattern=ITEM_KEY_PATTERN)]
    competence: Annotated[str, StringConstraints(pattern=COMPETENCE_CODE_PATTERN)]
    level: Annotated[int, Field(ge=1, le=8)]
    type: ItemType
    interaction: Interaction | None = None
    stem: StemText
    stimulus: Stimulus | None = None
    options: Annotated[list[Option], Field(min_length=2, max_length=8)]
    categories: Annotated[list[Category], Field(min_length=2, max_length=5)] | None = None
    answer: Answer
    explanation: LongText
    pretest: bool = False
    params: Params | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Self:
        _check_shape(self)
        _check_answer(self)
        if not languages_complete(self):
            raise ValueError("no language has every text of the item")
        return self

    def texts(self) -> Iterator[TextPath]:
        """Every human-readable text of the item, with where it is."""
        yield "stem", self.stem
        if self.stimulus is not None:
            yield from self.stimulus.texts()
        for option in self.options:
            yield f"options[{option.key}]", option.text
        for category in self.categories or []:
            yield f"categories[{category.key}]", category.text
        yield "explanation", self.explanation


def _unique(what: str, keys: list[str]) -> None:
    if len(set(keys)) != len(keys):
        raise ValueError(f"{what} keys must be unique")


def _check_shape(item: ItemDocument) -> None:
    if item.type is ItemType.scenario:
        if item.interaction is None or item.stimulus is None:
            raise ValueError("a scenario needs an interaction and a stimulus")
    elif item.interaction is not None:
        raise ValueError("only a scenario has an interaction")
    if (item.type is ItemType.matching) != (item.categories is not None):
        raise ValueError("categories are given for matching items and only for them")
    _unique("option", [option.key for option in item.options])
    if item.categories is not None:
        _unique("category", [category.key for category in item.categories])


def _check_answer(item: ItemDocument) -> None:
    keys = [option.key for option in item.options]
    shape, answer = answer_shape(item.type, item.interaction), item.answer
    if shape == "single_choice":
        if not isinstance(answer, str) or answer not in keys:
            raise ValueError("the answer of a single choice is one option key")
    elif shape == "multiple_response":
        if not isinstance(answer, list) or not answer or not set(answer) <= set(keys):
            raise ValueError("the answer of a multiple response is a list of one or more option keys")
        _unique("answer", answer)
    elif shape == "ordering":
        if not isinstance(answer, list) or sorted(answer) != sorted(keys) or len(set(answer)) != len(keys):
            raise ValueError("the answer of an ordering item is every option key once, in order")
        # Learners receive the option keys; sorting them must not give the answer away.
        if answer == sorted(keys):
            raise ValueError("the right order of an ordering item must not be the order of its keys")
    else:
        categories = {category.key for category in item.categories or []}
        if not isinstance(answer, dict) or set(answer) != set(keys):
            raise ValueError("the answer of a matching item maps every option key to a category")
        if not set(answer.values()) <= categories:
            raise ValueError("the answer of a matching item uses only its category keys")


def languages_complete(content: ItemDocument) -> list[str]:
    """The languages (sorted) in which every text of the item exists."""
    common: set[str] | None = None
    for _, text in content.texts():
        common = set(text) if common is None else common & set(text)
    return sorted(common or ())


class InitialParams(NamedTuple):
    """An item's 3PL parameters (a, b, c)."""

    a: float
    b: float
    c: float


def item_params(item: ItemDocument) -> InitialParams:
    """The item's own parameters when it gives them, the initial rule's otherwise."""
    if item.params is not None:
        return InitialParams(item.params.a, item.params.b, item.params.c)
    # The engine owns the documented rule (one source of truth for items and the benchmark).
    return InitialParams(*initial_params(item.level, item.type, len(item.options), item.interaction))


def dump(item: ItemDocument) -> dict[str, Any]:
    """The item as JSON, in the file format (`from`, no empty optional fields)."""
    return item.model_dump(mode="json", by_alias=True, exclude_none=True)


_CONTENT_FIELDS = ("stem", "stimulus", "options", "categories", "explanation")


def version_columns(document: ItemDocument) -> dict[str, Any]:
    """The columns of an item version holding this document."""
    body = dump(document)
    params = item_params(document)
    return {
        "type": document.type.value,
        "level": document.level,
        "interaction": document.interaction.value if document.interaction else None,
        "content": {name: body[name] for name in _CONTENT_FIELDS if name in body},
        "answer": body["answer"],
        "languages": languages_complete(document),
        "a": params.a,
        "b": params.b,
        "c": params.c,
        "pretest": document.pretest,
    }


def holds(version: ItemVersion, document: ItemDocument) -> bool:
    """Whether the version holds this document (its parameters compared only when it gives them)."""
    wanted = version_columns(document)
    if document.params is None:
        wanted = {name: value for name, value in wanted.items() if name not in ("a", "b", "c")}
    return all(getattr(version, name) == value for name, value in wanted.items())


def document_of(item: Item, version: ItemVersion) -> ItemDocument:
    """The document a version holds, with its parameters."""
    body: dict[str, Any] = {
        "key": item.key,
        "competence": item.competence_code,
        "level": version.level,
        "type": version.type,
        **version.content,
        "answer": version.answer,
        "pretest": version.pretest,
        "params": {"a": version.a, "b": version.b, "c": version.c},
    }
    if version.interaction is not None:
        body["interaction"] = version.interaction
    return ItemDocument.model_validate(body)
