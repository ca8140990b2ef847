"""Catalog item events as the catalog sends them: payloads and signed webhook requests."""

import uuid
from datetime import UTC, datetime
from typing import Any

from kit.events import dispatcher


def item_data(item_id: uuid.UUID | None = None, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": str(item_id or uuid.uuid4()),
        "slug": "phishing-basics",
        "kind": "micro_lesson",
        "title": {"en": "Spotting phishing", "lt": "Kaip atpažinti sukčiavimą"},
        "languages": ["lt", "en"],
        "competences": ["4.2", "4.1"],
        "level_min": 1,
        "level_max": 3,
        "duration_minutes": 10,
        "status": "published",
    }
    data.update(overrides)
    return data


def envelope(event_type: str, data: Any) -> str:
    """The body the catalog's dispatcher sends, stamped now."""
    return dispatcher.envelope(event_type, datetime.now(tz=UTC), data)


def signed(secret: str, body: str, event_id: str | None = None) -> dict[str, str]:
    """Standard Webhooks headers for `body`, signed with `secret` as the dispatcher signs them."""
    return dispatcher.signed_headers(secret, event_id or str(uuid.uuid4()), body)
