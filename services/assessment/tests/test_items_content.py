"""The item document's checks, complete languages, initial parameters, response shapes and scoring
(no database: versions are built in memory exactly as the service writes them)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from pydantic import ValidationError

from assessment.items.content import (
    ItemDocument,
    document_of,
    initial_params,
    languages_complete,
    score,
    validate_response,
    version_columns,
)
from assessment.items.models import ItemVersion
from assessment.items.responses import ChoiceResponse
from assessment.sessions.schemas import ResponseIn
from kit.problems import Invalid

from .factories.items import (
    STIMULI,
    every_type,
    matching,
    multiple_response,
    ordering,
    scenario,
    single_choice,
    text,
)


def version(document: dict[str, Any]) -> ItemVersion:
    return ItemVersion(id=uuid.uuid4(), **version_columns(ItemDocument.model_validate(document)))


@pytest.mark.parametrize("document", every_type(), ids=lambda d: d["type"])
def test_every_type_is_accepted(document: dict[str, Any]) -> None:
    item = ItemDocument.model_validate(document)
    assert item.key == document["key"]
    assert languages_complete(item) == ["en", "lt"]


@pytest.mark.parametrize("kind", sorted(STIMULI))
def test_every_stimulus_kind_is_accepted(kind: str) -> None:
    item = ItemDocument.model_validate(scenario(stimulus=STIMULI[kind]))
    assert item.stimulus is not None
    assert item.stimulus.kind == kind


def _broken(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    document = dict(base)
    for name, value in changes.items():
        if value is None:
            document.pop(name, None)
        else:
            document[name] = value
    return document


REJECTED = {
    "unknown field": _broken(single_choice(), difficulty=3),
    "bad key": _broken(single_choice(), key="C1 bad"),
    "short key": _broken(single_choice(), key="ab"),
    "bad competence": _broken(single_choice(), competence="1"),
    "level 9": _broken(single_choice(), level=9),
    "unknown type": _broken(single_choice(), type="essay"),
    "one option": _broken(single_choice(), options=[{"key": "a", "text": text("Only")}], answer="a"),
    "option key i": _broken(
        single_choice(),
        options=[{"key": "a", "text": text("A")}, {"key": "i", "text": text("I")}],
        answer="a",
    ),
    "duplicate options": _broken(
        single_choice(),
        options=[{"key": "a", "text": text("A")}, {"key": "a", "text": text("B")}],
        answer="a",
    ),
    "answer not an option": _broken(single_choice(), answer="e"),
    "single answer as list": _broken(single_choice(), answer=["b"]),
    "multiple answer empty": _broken(multiple_response(), answer=[]),
    "multiple answer unknown": _broken(multiple_response(), answer=["a", "z"]),
    "multiple answer repeated": _broken(multiple_response(), answer=["a", "a"]),
    "ordering not a permutation": _broken(ordering(), answer=["a", "b", "c"]),
    "ordering repeated": _broken(ordering(), answer=["a", "a", "b", "c"]),
    "ordering in key order": _broken(ordering(), answer=["a", "b", "c", "d"]),
    "matching misses an option": _broken(matching(), answer={"a": "x", "b": "y", "c": "x"}),
    "matching unknown category": _broken(matching(), answer={"a": "x", "b": "y", "c": "x", "d": "z"}),
    "matching without categories": _broken(matching(), categories=None),
    "categories outside matching": _broken(single_choice(), categories=matching()["categories"]),
    "category key a": _broken(
        matching(), categories=[{"key": "a", "text": text("A")}, {"key": "y", "text": text("Y")}]
    ),
    "scenario without interaction": _broken(scenario(), interaction=None),
    "scenario without stimulus": _broken(scenario(), stimulus=None),
    "interaction outside scenario": _broken(single_choice(), interaction="single_choice"),
    "ordering interaction": _broken(scenario(), interaction="ordering"),
    "unknown stimulus kind": _broken(scenario(), stimulus={"kind": "video", "title": text("V")}),
    "stimulus extra field": _broken(scenario(), stimulus={**STIMULI["document"], "footer": text("F")}),
    "plain subject": _broken(scenario(), stimulus={**STIMULI["email"], "subject": "Invoice"}),
    "empty stem text": _broken(single_choice(), stem={"en": " ", "lt": "Kas?"}),
    "bad language tag": _broken(single_choice(), stem={"EN": "What?", "lt": "Kas?"}),
    "no common language": _broken(single_choice(), stem={"en": "What?"}, explanation={"lt": "Todėl."}),
    "params out of range": _broken(single_choice(), params={"a": 0, "b": 0, "c": 0}),
    "params extra": _broken(single_choice(), params={"a": 1, "b": 0, "c": 0, "d": 1}),
}


@pytest.mark.parametrize("document", REJECTED.values(), ids=REJECTED.keys())
def test_invalid_documents_are_rejected(document: dict[str, Any]) -> None:
    with pytest.raises(ValidationError):
        ItemDocument.model_validate(document)


def test_languages_complete_are_those_of_every_text() -> None:
    options = [{"key": "a", "text": text("A")}, {"key": "b", "text": text("B", "")}]
    item = ItemDocument.model_validate(single_choice(options=options, answer="a"))
    assert languages_complete(item) == ["en"]
    stimulus = {**STIMULI["chat"], "messages": [{"author": "A", "text": {"de": "Hallo"}}]}
    with pytest.raises(ValidationError, match="no language"):
        ItemDocument.model_validate(scenario(stimulus=stimulus))
    three = {"en": "Which?", "lt": "Kuris?", "de": "Welche?"}
    item = ItemDocument.model_validate(single_choice(stem=three))
    assert languages_complete(item) == ["en", "lt"]


@pytest.mark.parametrize(
    ("level", "type_", "n", "interaction", "expected"),
    [
        (1, "single_choice", 4, None, (1.4, -2.1, 0.25)),
        (4, "single_choice", 3, None, (1.4, -0.3, 0.25)),
        (5, "scenario", 2, "single_choice", (1.4, 0.3, 0.25)),
        (8, "single_choice", 5, None, (1.4, 2.1, 0.2)),
        (5, "multiple_response", 4, None, (1.6, 0.3, 0.0)),
        (3, "scenario", 4, "multiple_response", (1.6, -0.9, 0.0)),
        (2, "ordering", 4, None, (1.6, -1.5, 0.0)),
        (6, "matching", 6, None, (1.6, 0.9, 0.0)),
    ],
)
def test_initial_parameters_follow_the_documented_rule(
    level: int, type_: str, n: int, interaction: str | None, expected: tuple[float, float, float]
) -> None:
    assert tuple(initial_params(level, type_, n, interaction)) == pytest.approx(expected)


def test_given_parameters_replace_the_rule_and_round_trip() -> None:
    stored = version(single_choice(params={"a": 0.9, "b": 1.2, "c": 0.1}))
    assert (stored.a, stored.b, stored.c) == (0.9, 1.2, 0.1)
    ruled = version(single_choice())
    assert (ruled.a, ruled.b, ruled.c) == pytest.approx((1.4, -0.9, 0.25))


class _Item:
    key, competence_code = "c1-1-test-scenario", "1.1"


def test_a_version_holds_its_document() -> None:
    document = scenario()
    stored = version(document)
    assert stored.content["stimulus"]["from"] == "Registry <billing@registry-pay.example>"
    back = document_of(_Item(), stored)  # type: ignore[arg-type]
    assert back.model_dump(exclude={"params"}) == ItemDocument.model_validate(document).model_dump(
        exclude={"params"}
    )


GOOD = {
    "single_choice": (single_choice(), {"choice": "b"}, {"choice": "a"}),
    "multiple_response": (multiple_response(), {"choices": ["c", "a"]}, {"choices": ["a"]}),
    "ordering": (ordering(), {"order": ["c", "a", "d", "b"]}, {"order": ["a", "b", "c", "d"]}),
    "matching": (
        matching(),
        {"matches": {"d": "y", "a": "x", "b": "y", "c": "x"}},
        {"matches": {"a": "x", "b": "x", "c": "x", "d": "y"}},
    ),
    "scenario": (scenario(), {"choices": ["d", "a"]}, {"choices": ["a", "b", "d"]}),
}


@pytest.mark.parametrize("case", GOOD.values(), ids=GOOD.keys())
def test_score_gives_credit_only_for_the_whole_key(
    case: tuple[dict[str, Any], dict[str, Any], dict[str, Any]],
) -> None:
    document, right, wrong = case
    stored = version(document)
    assert score(stored, right) is True
    assert score(stored, wrong) is False


def test_responses_are_normalised() -> None:
    assert validate_response(version(multiple_response()), {"choices": ["c", "a"]}) == {"choices": ["a", "c"]}
    matches = validate_response(version(matching()), {"matches": {"d": "y", "a": "x", "b": "y", "c": "x"}})
    assert list(matches["matches"]) == ["a", "b", "c", "d"]
    assert validate_response(version(ordering()), {"order": ["d", "c", "b", "a"]}) == {
        "order": ["d", "c", "b", "a"]
    }


MALFORMED = [
    (single_choice(), {"choices": ["b"]}),
    (single_choice(), {"choice": 2}),
    (single_choice(), {"choice": "b", "extra": 1}),
    (single_choice(), {"choice": "e"}),
    (single_choice(), ["b"]),
    (single_choice(), "b"),
    (single_choice(), None),
    (multiple_response(), {"choices": "a"}),
    (multiple_response(), {"choices": []}),
    (multiple_response(), {"choices": ["a", "a"]}),
    (multiple_response(), {"choices": ["a", "x"]}),
    (ordering(), {"order": ["a", "b", "c"]}),
    (ordering(), {"order": ["a", "b", "c", "c"]}),
    (ordering(), {"order": ["a", "b", "c", "d", "e"]}),
    (matching(), {"matches": {"a": "x", "b": "y", "c": "x"}}),
    (matching(), {"matches": {"a": "x", "b": "y", "c": "x", "d": "w"}}),
    (matching(), {"matches": {"a": "x", "b": "y", "c": "x", "d": "y", "e": "x"}}),
    (scenario(), {"choice": "a"}),
]


@pytest.mark.parametrize(("document", "response"), MALFORMED)
def test_malformed_or_out_of_range_responses_are_invalid(document: dict[str, Any], response: Any) -> None:
    stored = version(document)
    with pytest.raises(Invalid):
        validate_response(stored, response)
    with pytest.raises(Invalid):
        score(stored, response)


@pytest.mark.parametrize(
    ("answer", "errors"),
    [
        ({"choice": 2}, [(("answer", "choice", "choice"), "string_type")]),
        ({"choices": []}, [(("answer", "choices", "choices"), "too_short")]),
        (
            {"order": ["a"], "extra": 1},
            [(("answer", "order", "order"), "too_short"), (("answer", "order", "extra"), "extra_forbidden")],
        ),
        ({"answer": "b"}, [(("answer",), "answer_shape")]),
        ("b", [(("answer",), "answer_shape")]),
    ],
)
def test_a_malformed_answer_is_told_only_about_the_shape_it_claims(
    answer: Any, errors: list[tuple[tuple[str, ...], str]]
) -> None:
    with pytest.raises(ValidationError) as caught:
        ResponseIn.model_validate({"item_id": str(uuid.uuid4()), "answer": answer})
    assert [(error["loc"], error["type"]) for error in caught.value.errors()] == errors


def test_a_parsed_answer_of_another_shape_is_checked_against_the_items_own() -> None:
    stored = version(multiple_response())
    with pytest.raises(Invalid, match="multiple_response response is an object with choices"):
        validate_response(stored, ChoiceResponse(choice="a"))
