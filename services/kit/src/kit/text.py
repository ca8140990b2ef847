"""Multilingual text as data: `{"en": "...", "lt": "..."}`, never a language in the logic."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, StringConstraints

LANGUAGE_PATTERN = r"^[a-z]{2,3}(-[A-Z]{2})?$"

LanguageCode = Annotated[
    str,
    StringConstraints(pattern=LANGUAGE_PATTERN),
    Field(description="BCP 47 language tag, e.g. `en`, `lt`."),
]


def localized(max_length: int) -> Any:
    """A type for text given in one or more languages, each at most `max_length` characters."""
    text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length)]
    return Annotated[
        dict[LanguageCode, text],
        Field(
            min_length=1,
            max_length=20,
            description="Text by language tag, at least one.",
            # Say in the contract that only language tags may be keys, so clients know it too.
            json_schema_extra={"propertyNames": {"pattern": LANGUAGE_PATTERN}, "additionalProperties": False},
        ),
    ]
