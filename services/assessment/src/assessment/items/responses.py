"""What a learner answers (one shape per way of answering) and dichotomous scoring.

`content` re-exports these; callers use `assessment.items.content.validate_response` and `score`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, ValidationError

from kit.problems import Invalid

if TYPE_CHECKING:
    from assessment.items.models import ItemVersion


class _Shape(BaseModel):
    # strict: a number is not an option key, a string is not a list.
    model_config = ConfigDict(extra="forbid", strict=True)


class ChoiceResponse(_Shape):
    """The answer to a single choice: one option key."""

    choice: Annotated[str, Field(max_length=1)]


class ChoicesResponse(_Shape):
    """The answer to a multiple response: the option keys chosen, at least one."""

    choices: Annotated[list[Annotated[str, Field(max_length=1)]], Field(min_length=1, max_length=8)]


class OrderResponse(_Shape):
    """The answer to an ordering item: every option key, in the learner's order."""

    order: Annotated[list[Annotated[str, Field(max_length=1)]], Field(min_length=2, max_length=8)]


class MatchesResponse(_Shape):
    """The answer to a matching item: each option key with the category key chosen for it."""

    matches: Annotated[dict[str, Annotated[str, Field(max_length=1)]], Field(min_length=1, max_length=8)]


def _shape_of(value: Any) -> str | None:
    """Which shape an answer claims by its field, so a bad one is told only about that shape."""
    if isinstance(value, _Shape):
        value = type(value).model_fields
    if not isinstance(value, dict):
        return None
    return next((name for name in ("choice", "choices", "order", "matches") if name in value), None)


ItemResponse = Annotated[
    Annotated[ChoiceResponse, Tag("choice")]
    | Annotated[ChoicesResponse, Tag("choices")]
    | Annotated[OrderResponse, Tag("order")]
    | Annotated[MatchesResponse, Tag("matches")],
    Discriminator(
        _shape_of,
        custom_error_type="answer_shape",
        custom_error_message="An answer is an object with one of choice, choices, order or matches.",
    ),
]

SHAPES: dict[str, type[_Shape]] = {
    "single_choice": ChoiceResponse,
    "multiple_response": ChoicesResponse,
    "ordering": OrderResponse,
    "matching": MatchesResponse,
}


def answer_shape(type_: str, interaction: str | None) -> str:
    """How an item is answered: its type, or a scenario's interaction."""
    return interaction if type_ == "scenario" and interaction else str(type_)


def validate_response(item: ItemVersion, response: Any) -> dict[str, Any]:
    """The response in its normal form, or Invalid (422) when its shape or keys do not fit the item."""
    shape = answer_shape(item.type, item.interaction)
    model = SHAPES[shape]
    if isinstance(response, _Shape):
        # Parsed as whichever shape it has; checked here against the one this item takes.
        response = response.model_dump()
    try:
        parsed = model.model_validate(response)
    except ValidationError as exc:
        fields = ", ".join(sorted(model.model_fields))
        raise Invalid(f"A {shape} response is an object with {fields}: {_first(exc)}") from exc
    options = [option["key"] for option in item.content["options"]]
    if isinstance(parsed, ChoiceResponse):
        _known(parsed.choice, options)
        return {"choice": parsed.choice}
    if isinstance(parsed, ChoicesResponse):
        for key in parsed.choices:
            _known(key, options)
        if len(set(parsed.choices)) != len(parsed.choices):
            raise Invalid("An option is chosen twice.")
        return {"choices": sorted(parsed.choices)}
    if isinstance(parsed, OrderResponse):
        if sorted(parsed.order) != sorted(options):
            raise Invalid("An order lists every option key exactly once.")
        return {"order": list(parsed.order)}
    assert isinstance(parsed, MatchesResponse)
    categories = {category["key"] for category in item.content.get("categories") or []}
    if set(parsed.matches) != set(options):
        raise Invalid("Matches give a category for every option key, and only for them.")
    for category in parsed.matches.values():
        _known(category, sorted(categories))
    return {"matches": dict(sorted(parsed.matches.items()))}


def _known(key: str, keys: list[str]) -> None:
    if key not in keys:
        raise Invalid(f"'{key}' is not one of this item's keys ({', '.join(keys)}).")


def _first(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"]) or "response"
    return f"{where}: {error['msg']}"


def score(item: ItemVersion, response: Any) -> bool:
    """Whether the response equals the answer key (the set, the whole order, every pair)."""
    normal = validate_response(item, response)
    key = item.answer
    if "choice" in normal:
        return bool(normal["choice"] == key)
    if "choices" in normal:
        return set(normal["choices"]) == set(key)
    if "order" in normal:
        return bool(normal["order"] == list(key))
    return bool(normal["matches"] == dict(key))
