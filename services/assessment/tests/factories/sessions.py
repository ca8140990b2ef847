"""People with tokens, a small item bank written straight to the tables, and signed identity events."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from assessment.frameworks.document import shipped_documents
from assessment.frameworks.models import Framework
from assessment.frameworks.service import import_framework
from assessment.items.content import ItemDocument, version_columns
from assessment.items.models import Item, ItemVersion
from kit.auth import Grant
from kit.events import dispatcher
from kit.testing.tokens import TokenMint

# Marks the texts a learner must never see before answering, so a test can search for them.
SECRET = "EXPLANATION-SECRET"


@dataclass(frozen=True)
class Person:
    """Someone with an access token: `headers` authenticate as them."""

    id: uuid.UUID
    org_path: tuple[uuid.UUID, ...]
    headers: dict[str, str] = field(repr=False)


def ministry() -> tuple[uuid.UUID, uuid.UUID, uuid.UUID]:
    """A fresh organisation path: root, ministry, unit."""
    return uuid.uuid4(), uuid.uuid4(), uuid.uuid4()


def person(
    mint: TokenMint,
    org_path: tuple[uuid.UUID, ...] | None = None,
    *,
    roles: tuple[str, ...] = ("learner",),
    grants: tuple[Grant, ...] = (),
) -> Person:
    """A new person in `org_path` (a new organisation when not given) with a signed token."""
    person_id, path = uuid.uuid4(), org_path or ministry()
    token = mint.person(person_id, path, roles=roles, grants=grants)
    return Person(person_id, path, {"Authorization": f"Bearer {token}"})


async def load_framework(session: AsyncSession) -> uuid.UUID:
    """Import the shipped framework versions only (no item bank); the id of DigComp 2.2."""
    for document in shipped_documents():
        await import_framework(session, document)
    framework_id = await session.scalar(select(Framework.id).where(Framework.key == "digcomp-2.2"))
    assert framework_id is not None
    return framework_id


def _text(en: str, lt: str | None) -> dict[str, str]:
    return {"en": en} if lt is None else {"en": en, "lt": lt}


def item_document(
    key: str, competence: str = "1.1", level: int = 3, *, lt: bool = True, **overrides: Any
) -> dict[str, Any]:
    """A single-choice item; `lt=False` leaves out the Lithuanian stem (complete in English only)."""
    document: dict[str, Any] = {
        "key": key,
        "competence": competence,
        "level": level,
        "type": "single_choice",
        "stem": _text(f"Question {key}?", f"Klausimas {key}?" if lt else None),
        "options": [
            {"key": option, "text": _text(f"Option {option} of {key}", f"Variantas {option} {key}")}
            for option in ("a", "b", "c", "d")
        ],
        "answer": "b",
        "explanation": _text(f"{SECRET} why {key}", f"{SECRET} kodėl {key}"),
    }
    document.update(overrides)
    return document


def multiple_response(key: str, competence: str = "1.2", level: int = 3) -> dict[str, Any]:
    """A multiple-response item whose key is `a` and `c`."""
    return item_document(key, competence, level, type="multiple_response", answer=["a", "c"])


async def add_item(
    session: AsyncSession, framework_id: uuid.UUID, document: dict[str, Any], *, status: str = "active"
) -> ItemVersion:
    """Write an item with one version in `status`, as the bank would hold it after review."""
    parsed = ItemDocument.model_validate(document)
    item = Item(
        key=parsed.key,
        framework_id=framework_id,
        competence_code=parsed.competence,
        area_code=parsed.competence.split(".")[0],
        head_version=1,
    )
    session.add(item)
    await session.flush()
    version = ItemVersion(item_id=item.id, version=1, status=status, **version_columns(parsed))
    session.add(version)
    await session.flush()
    return version


async def small_bank(session: AsyncSession, framework_id: uuid.UUID, count: int = 4) -> list[ItemVersion]:
    """`count` active single-choice items in English and Lithuanian, one per competence of area 1 and on."""
    competences = ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "4.1", "5.1"]
    return [
        await add_item(session, framework_id, item_document(f"t-item-{n}", competences[n % len(competences)]))
        for n in range(count)
    ]


def envelope(event_type: str, data: Any) -> str:
    """The body identity's dispatcher sends, stamped now."""
    return dispatcher.envelope(event_type, datetime.now(tz=UTC), data)


def signed(secret: str, body: str, event_id: str | None = None) -> dict[str, str]:
    """Standard Webhooks headers for `body`, as the dispatcher signs them."""
    return dispatcher.signed_headers(secret, event_id or str(uuid.uuid4()), body)


async def start(client: httpx.AsyncClient, who: Person, **body: Any) -> dict[str, Any]:
    """Start (or get) the person's session; its JSON."""
    response = await client.post("/sessions", json={"language": "en", **body}, headers=who.headers)
    assert response.status_code in (200, 201), response.text
    result: dict[str, Any] = response.json()
    return result


async def answer_current(
    client: httpx.AsyncClient, who: Person, session_id: str, answer: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Fetch the current item and answer it (`{"choice": "b"}`, the key of `item_document`)."""
    current: dict[str, Any] = (
        await client.get(f"/sessions/{session_id}/current", headers=who.headers)
    ).json()
    assert current["item"] is not None, current
    body = {"item_id": current["item"]["id"], "answer": answer or {"choice": "b"}}
    response = await client.put(
        f"/sessions/{session_id}/responses/{current['position']}", json=body, headers=who.headers
    )
    assert response.status_code == 200, response.text
    return current


async def finished_result(client: httpx.AsyncClient, who: Person, answers: int = 2) -> dict[str, Any]:
    """Start a session, answer `answers` items and finish it; the result's JSON."""
    session_id = (await start(client, who))["id"]
    for _ in range(answers):
        await answer_current(client, who, session_id)
    response = await client.post(f"/sessions/{session_id}/finish", headers=who.headers)
    assert response.status_code == 200, response.text
    result: dict[str, Any] = response.json()
    return result
