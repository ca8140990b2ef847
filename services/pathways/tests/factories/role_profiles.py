"""Valid role profile bodies for tests."""

from typing import Any

from pathways.competences import DIGCOMP_CODES


def profile_body(level: int = 3, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "title": {"en": "Data steward", "lt": "Duomenų valdytojas (-a)"},
        "description": {"en": "Looks after the unit's data.", "lt": "Rūpinasi padalinio duomenimis."},
        "targets": dict.fromkeys(DIGCOMP_CODES, level),
    }
    body.update(overrides)
    return body
