"""What the workshop routes need: an editor (a person), the reader's languages."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Query

from catalog.items.dependencies import person_editor
from kit.auth import Principal
from kit.text import LanguageCode

Editor = Annotated[Principal, Depends(person_editor("Workshops are edited by people."))]


def _languages(
    lang: Annotated[
        LanguageCode | None, Query(description="Language of the calendar's texts (else Accept-Language).")
    ] = None,
    accept_language: Annotated[str | None, Header(max_length=500)] = None,
) -> list[str]:
    wanted = [lang] if lang else []
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip()
        primary = tag.split("-")[0].lower()
        if tag and primary.isalpha() and 2 <= len(primary) <= 3:
            wanted.append(primary)
    return list(dict.fromkeys(wanted))


Languages = Annotated[list[str], Depends(_languages)]
