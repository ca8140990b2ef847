"""Valid learning item payloads for tests."""

from typing import Any


def item_payload(slug: str = "spreadsheets-basics", **overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "slug": slug,
        "kind": "course",
        "title": {"en": "Spreadsheets basics", "lt": "Skaičiuoklių pagrindai"},
        "summary": {"en": "Formulas and tables.", "lt": "Formulės ir lentelės."},
        "url": "https://learning.example.org/spreadsheets",
        "duration_minutes": 45,
        "languages": ["lt", "en"],
        "competences": ["3.1", "1.3"],
        "level_min": 2,
        "level_max": 4,
    }
    payload.update(overrides)
    return payload
