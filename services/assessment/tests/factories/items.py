"""Small item documents of every type for tests (valid unless a test breaks them on purpose)."""

from __future__ import annotations

import copy
from typing import Any


def text(en: str, lt: str | None = None) -> dict[str, str]:
    """A text in English and (unless `lt` is empty) Lithuanian."""
    return {"en": en, "lt": lt or f"{en} (LT)"} if lt != "" else {"en": en}


def _options(count: int) -> list[dict[str, Any]]:
    return [{"key": key, "text": text(f"Option {key}")} for key in "abcdefgh"[:count]]


def single_choice(key: str = "c1-1-test-single", **overrides: Any) -> dict[str, Any]:
    """A single-choice item of competence 1.1 at level 3; the key is `b`."""
    document: dict[str, Any] = {
        "key": key,
        "competence": "1.1",
        "level": 3,
        "type": "single_choice",
        "stem": text("Which search finds the official form?"),
        "options": _options(4),
        "answer": "b",
        "explanation": text("Because it searches the official site."),
    }
    document.update(overrides)
    return document


def multiple_response(key: str = "c1-1-test-multiple", **overrides: Any) -> dict[str, Any]:
    """A multiple-response item; the key is `a` and `c`."""
    return (
        single_choice(
            key, type="multiple_response", level=4, stem=text("Which two are safe?"), answer=["a", "c"]
        )
        | overrides
    )


def ordering(key: str = "c1-1-test-ordering", **overrides: Any) -> dict[str, Any]:
    """An ordering item of four steps; the order is c, a, d, b."""
    return (
        single_choice(
            key, type="ordering", level=5, stem=text("Put the steps in order."), answer=["c", "a", "d", "b"]
        )
        | overrides
    )


def matching(key: str = "c1-1-test-matching", **overrides: Any) -> dict[str, Any]:
    """A matching item: a and c go to x, b and d to y."""
    return (
        single_choice(
            key,
            type="matching",
            level=2,
            stem=text("Sort these into personal and public data."),
            categories=[{"key": "x", "text": text("Personal")}, {"key": "y", "text": text("Public")}],
            answer={"a": "x", "b": "y", "c": "x", "d": "y"},
        )
        | overrides
    )


def email() -> dict[str, Any]:
    """A phishing-like e-mail stimulus."""
    return {
        "kind": "email",
        "from": "Registry <billing@registry-pay.example>",
        "to": "you@agency.example.lt",
        "subject": text("Unpaid invoice"),
        "body": text("Pay within 24 hours."),
        "links": [{"text": text("Pay now"), "url": "http://registry-pay.example/pay"}],
        "attachments": ["invoice.zip"],
    }


def scenario(key: str = "c1-1-test-scenario", **overrides: Any) -> dict[str, Any]:
    """A scenario answered by multiple response, with an e-mail; the key is `a` and `d`."""
    return (
        single_choice(
            key,
            type="scenario",
            interaction="multiple_response",
            level=6,
            stem=text("Which signs show that this e-mail is not genuine?"),
            stimulus=email(),
            answer=["a", "d"],
        )
        | overrides
    )


STIMULI: dict[str, dict[str, Any]] = {
    "email": email(),
    "chat": {
        "kind": "chat",
        "title": text("Team channel"),
        "messages": [{"author": "Rasa K.", "text": text("Can you send me the file?")}],
    },
    "share_dialog": {
        "kind": "share_dialog",
        "document": "salaries_2026.xlsx",
        "title": text("Share the file"),
        "description": text("Salaries of the unit; only HR needs it."),
    },
    "search": {
        "kind": "search",
        "query": text("passport renewal"),
        "results": [
            {
                "title": text("Renew a passport"),
                "url": "https://migration.example.lt",
                "snippet": text("Apply online."),
            }
        ],
    },
    "document": {"kind": "document", "title": text("Budget"), "body": text("Line 1\nLine 2")},
    "settings": {
        "kind": "settings",
        "title": text("Sharing settings"),
        "settings": [{"label": text("Who can open"), "value": text("Anyone with the link")}],
    },
}


def every_type() -> list[dict[str, Any]]:
    """One valid document of each type, with distinct keys."""
    return [single_choice(), multiple_response(), ordering(), matching(), scenario()]


def bank_file(*items: dict[str, Any], competence: str = "1.1") -> dict[str, Any]:
    """A bank file of these items."""
    return {"framework": "digcomp-2.2", "competence": competence, "items": [copy.deepcopy(i) for i in items]}
