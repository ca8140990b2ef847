"""Valid learning item payloads, callers' tokens and items taken through the workflow, for tests."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

import httpx

from kit.testing.tokens import TokenMint


def item_payload(slug: str = "spreadsheets-basics", **overrides: Any) -> dict[str, Any]:
    """A new item's fields (a course tagged 1.3 and 3.1 at levels 2-4)."""
    payload: dict[str, Any] = {
        "slug": slug,
        "kind": "course",
        "title": {"en": "Spreadsheets basics", "lt": "Skaičiuoklių pagrindai"},
        "summary": {"en": "Formulas and tables.", "lt": "Formulės ir lentelės."},
        "url": "https://learning.example.org/spreadsheets",
        "duration_minutes": 45,
        "languages": ["lt", "en"],
        "competence_levels": [
            {"code": "3.1", "level_min": 2, "level_max": 4},
            {"code": "1.3", "level_min": 2, "level_max": 3},
        ],
    }
    payload.update(overrides)
    return payload


def content_of(item: dict[str, Any]) -> dict[str, Any]:
    """The editable fields of an item the API returned (for PUT)."""
    names = [
        "kind",
        "title",
        "summary",
        "body",
        "url",
        "duration_minutes",
        "format",
        "provider",
        "licence",
        "cost_eur",
        "languages",
        "accessibility",
        "competence_levels",
        "prerequisites",
        "external_id",
        "visibility",
    ]
    return {name: item[name] for name in names}


def bearer(
    mint: TokenMint,
    org_path: Sequence[uuid.UUID],
    roles: Sequence[str] = ("learner",),
    person_id: uuid.UUID | None = None,
) -> dict[str, str]:
    """Headers of a person of the organisation ending `org_path`."""
    token = mint.person(person_id or uuid.uuid4(), org_path, roles=roles)
    return {"Authorization": f"Bearer {token}"}


def ministry(root: uuid.UUID | None = None) -> tuple[uuid.UUID, uuid.UUID, uuid.UUID]:
    """A unit's org path: the country's root, a ministry (the token's tenant), the unit."""
    return (root or uuid.uuid4(), uuid.uuid4(), uuid.uuid4())


async def create(
    client: httpx.AsyncClient,
    slug: str = "spreadsheets-basics",
    headers: dict[str, str] | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """A new draft item, created through the API."""
    response = await client.post("/items", json=item_payload(slug, **fields), headers=headers)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def publish(
    client: httpx.AsyncClient, item_id: str, headers: dict[str, str] | None = None
) -> dict[str, Any]:
    """Submit an item and publish it."""
    for step in ("submit", "publish"):
        response = await client.post(f"/items/{item_id}/{step}", headers=headers)
        assert response.status_code == 200, response.text
    published: dict[str, Any] = response.json()
    return published


async def published_item(
    client: httpx.AsyncClient,
    slug: str = "spreadsheets-basics",
    headers: dict[str, str] | None = None,
    **fields: Any,
) -> dict[str, Any]:
    """A new item, published."""
    item = await create(client, slug, headers, **fields)
    return await publish(client, item["id"], headers)
