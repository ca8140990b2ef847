"""Small framework documents for tests (a hypothetical later version beside DigComp 2.2)."""

from typing import Any


def _text(en: str, lt: str) -> dict[str, str]:
    return {"en": en, "lt": lt}


def framework_document(key: str = "digcomp-3.0", **overrides: Any) -> dict[str, Any]:
    document: dict[str, Any] = {
        "key": key,
        "version": key.rsplit("-", 1)[-1],
        "title": _text("Test framework", "Bandomoji sistema"),
        "status": "active",
        "published_year": 2025,
        "languages": ["en", "lt"],
        "areas": [
            {
                "code": "1",
                "title": _text("Data", "Duomenys"),
                "description": _text("Working with data.", "Darbas su duomenimis."),
                "competences": [
                    {
                        "code": "1.1",
                        "title": _text("Finding data", "Duomenų paieška"),
                        "description": _text("Finding data.", "Duomenų paieška."),
                    },
                    {
                        "code": "1.2",
                        "title": _text("Judging data", "Duomenų vertinimas"),
                        "description": _text("Judging data.", "Duomenų vertinimas."),
                    },
                ],
            }
        ],
        "levels": [
            {
                "level": 1,
                "band": "basic",
                "name": _text("Basic 1", "Bazinis 1"),
                "description": _text("Simple tasks with help.", "Paprastos užduotys su pagalba."),
            }
        ],
    }
    document.update(overrides)
    return document
