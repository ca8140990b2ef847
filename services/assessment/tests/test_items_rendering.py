"""The item as a learner sees it (one language, shuffled by seed, never the key) and in the review."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from assessment.items.content import ItemDocument, version_columns
from assessment.items.models import ItemVersion
from assessment.items.rendering import for_learner, review
from assessment.items.schemas import LearnerEmailStimulus, LearnerItem, ReviewedItem
from kit.problems import Invalid

from .factories.items import STIMULI, every_type, ordering, scenario, single_choice, text


def version(document: dict[str, Any]) -> ItemVersion:
    return ItemVersion(id=uuid.uuid4(), **version_columns(ItemDocument.model_validate(document)))


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for entry in value.values() for s in _strings(entry)]
    if isinstance(value, list):
        return [s for entry in value for s in _strings(entry)]
    return [value] if isinstance(value, str) else []


@pytest.mark.parametrize("document", every_type(), ids=lambda d: d["type"])
@pytest.mark.parametrize("language", ["en", "lt"])
def test_the_learner_sees_one_language_and_neither_answer_nor_explanation(
    document: dict[str, Any], language: str
) -> None:
    stored = version(document)
    for seed in range(20):
        shown = for_learner(stored, language, seed)
        # Exactly what the API sends: the model's fields, nothing dropped, nothing more.
        sent = shown.model_dump(mode="json", by_alias=True)
        assert LearnerItem.model_validate(sent) == shown
        assert set(sent) == set(LearnerItem.model_fields)
        assert sent["id"] == str(stored.id)
        assert "answer" not in sent
        assert "explanation" not in sent
        serialized = shown.model_dump_json()
        for explanation in document["explanation"].values():
            assert explanation not in serialized
        assert shown.stem == document["stem"][language]
        assert sorted(o.key for o in shown.options) == sorted(o["key"] for o in document["options"])
        texts = {o["key"]: o["text"][language] for o in document["options"]}
        assert {o.key: o.text for o in shown.options} == texts


def _split(value: Any) -> tuple[list[dict[str, str]], list[str]]:
    """The `{language: text}` values and the plain strings of a stimulus as written."""
    if isinstance(value, dict) and value and set(value) <= {"en", "lt"}:
        return [value], []
    entries = value.values() if isinstance(value, dict) else value if isinstance(value, list) else None
    if entries is None:
        return [], [value] if isinstance(value, str) else []
    texts: list[dict[str, str]] = []
    plain: list[str] = []
    for entry in entries:
        more_texts, more_plain = _split(entry)
        texts += more_texts
        plain += more_plain
    return texts, plain


@pytest.mark.parametrize("kind", sorted(STIMULI))
def test_every_stimulus_text_is_shown_in_the_learners_language(kind: str) -> None:
    texts, plain = _split(STIMULI[kind])
    stimulus = for_learner(version(scenario(stimulus=STIMULI[kind])), "lt", 1).stimulus
    assert stimulus is not None
    # Every field the author wrote reaches the learner (serialised as the API sends it).
    shown = _strings(stimulus.model_dump(mode="json", by_alias=True, exclude_none=True))
    assert sorted(shown) == sorted([t["lt"] for t in texts] + plain)


def test_the_email_keeps_its_addresses_links_and_attachments() -> None:
    shown = for_learner(version(scenario()), "en", 3).stimulus
    assert isinstance(shown, LearnerEmailStimulus)
    sent = shown.model_dump(mode="json", by_alias=True)
    assert sent["from"] == "Registry <billing@registry-pay.example>"
    assert sent["to"] == "you@agency.example.lt"
    assert sent["links"] == [{"text": "Pay now", "url": "http://registry-pay.example/pay"}]
    assert sent["attachments"] == ["invoice.zip"]


def test_options_are_shuffled_deterministically_by_seed() -> None:
    stored = version(single_choice(options=[{"key": k, "text": text(k)} for k in "abcdefgh"]))
    orders = {seed: [o.key for o in for_learner(stored, "en", seed).options] for seed in range(30)}
    assert orders == {seed: [o.key for o in for_learner(stored, "en", seed).options] for seed in range(30)}
    assert len({tuple(order) for order in orders.values()}) > 20


def test_an_ordering_item_is_never_shown_in_its_right_order() -> None:
    # Two options: every other shuffle would show the right order. (A key order that is the right
    # order is refused when the item is written.)
    two = ordering(
        options=[{"key": "a", "text": text("Second")}, {"key": "b", "text": text("First")}], answer=["b", "a"]
    )
    for document in (ordering(), two):
        stored = version(document)
        for seed in range(200):
            keys = [o.key for o in for_learner(stored, "en", seed).options]
            assert keys != document["answer"]


def test_a_language_the_item_lacks_is_refused() -> None:
    stored = version(single_choice(explanation=text("Why.", "")))
    assert stored.languages == ["en"]
    with pytest.raises(Invalid):
        for_learner(stored, "lt", 0)
    with pytest.raises(Invalid):
        for_learner(stored, "de", 0)


def test_the_review_shows_the_key_the_explanation_and_whether_the_answer_was_right() -> None:
    stored = version(scenario())
    right = review(stored, "lt", {"choices": ["d", "a"]})
    sent = right.model_dump(mode="json", by_alias=True)
    assert set(sent) == set(ReviewedItem.model_fields)
    assert sent["answer"] == ["a", "d"]
    assert sent["explanation"] == "Because it searches the official site. (LT)"
    assert sent["response"] == {"choices": ["d", "a"]}
    assert sent["correct"] is True
    assert sent["stimulus"]["from"] == "Registry <billing@registry-pay.example>"
    assert [o.key for o in right.options] == ["a", "b", "c", "d"]
    assert review(stored, "lt", {"choices": ["a"]}).correct is False
    skipped = review(stored, "en", None)
    assert (skipped.response, skipped.correct) == (None, None)
