"""An item version as a learner sees it (one language, shuffled, no key) and as the review shows it."""

from __future__ import annotations

import random
from typing import Any

from assessment.items.content import score
from assessment.items.models import ItemVersion
from assessment.items.schemas import LearnerItem, ReviewedItem
from assessment.items.stimulus import TEXT_FIELDS
from kit.problems import Invalid


def for_learner(version: ItemVersion, language: str, seed: int) -> LearnerItem:
    """The item in one language with its options shuffled by `seed`: no answer, no explanation."""
    rendered = _render(version, language)
    # The version id joins the seed so that one session's items are not all shuffled alike.
    rng = random.Random(f"{seed}:{version.id}")
    options = rendered["options"]
    rng.shuffle(options)
    keys = [option["key"] for option in options]
    if version.type == "ordering" and keys == list(version.answer):
        # Shown in the right order, an ordering item would answer itself.
        options.append(options.pop(0))
    return LearnerItem.model_validate(rendered)


def review(version: ItemVersion, language: str, response: Any | None) -> ReviewedItem:
    """The item after the test: options in their written order, the answer key, the explanation,
    the learner's response and whether it was right (`None` when the item was skipped)."""
    rendered = _render(version, language)
    rendered["answer"] = version.answer
    rendered["explanation"] = version.content["explanation"][language]
    rendered["response"] = response
    rendered["correct"] = None if response is None else score(version, response)
    return ReviewedItem.model_validate(rendered)


def _render(version: ItemVersion, language: str) -> dict[str, Any]:
    if language not in version.languages:
        raise Invalid(f"This item is not complete in '{language}'.")
    content = version.content
    categories = content.get("categories")
    stimulus = content.get("stimulus")
    return {
        "id": str(version.id),
        "type": version.type,
        "interaction": version.interaction,
        "language": language,
        "stem": content["stem"][language],
        "stimulus": None if stimulus is None else _localize(stimulus, language),
        "options": [_choice(option, language) for option in content["options"]],
        "categories": None if categories is None else [_choice(c, language) for c in categories],
    }


def _choice(entry: dict[str, Any], language: str) -> dict[str, str]:
    return {"key": entry["key"], "text": entry["text"][language]}


def _localize(value: Any, language: str) -> Any:
    """A stimulus with every `{language: text}` field replaced by its text in `language`."""
    if isinstance(value, list):
        return [_localize(entry, language) for entry in value]
    if not isinstance(value, dict):
        return value
    return {
        name: field[language] if name in TEXT_FIELDS else _localize(field, language)
        for name, field in value.items()
    }
