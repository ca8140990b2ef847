"""SCIM provisioning clients of ministries A and B (tests/factories/people.py), and payloads."""

from __future__ import annotations

import uuid
from typing import Any

import httpx
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.oauth.models import OAuthClient
from identity.organisations.models import Organisation
from identity.scim.models import GroupExternalId

from .people import World, snapshot

SCIM_JSON = "application/scim+json"
USER = "urn:ietf:params:scim:schemas:core:2.0:User"
GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
DLA = "urn:dla:params:scim:schemas:extension:2.0:User"
PATCH = "urn:ietf:params:scim:api:messages:2.0:PatchOp"
SEARCH = "urn:ietf:params:scim:api:messages:2.0:SearchRequest"
ERROR = "urn:ietf:params:scim:api:messages:2.0:Error"
BASE = "http://testserver/scim/v2"
# Request headers of each ministry's SCIM client, by organisation name.
Clients = dict[str, dict[str, str]]


async def add_client(
    db: AsyncSession, client_id: str, organisation_id: uuid.UUID, *, status: str = "active"
) -> None:
    """An HR system's OAuth client row (its tokens come from the test mint)."""
    db.add(
        OAuthClient(
            client_id=client_id,
            name=f"HR system {client_id}",
            kind="confidential",
            secret_hash="not-used-by-these-tests",
            grant_types=["client_credentials"],
            scopes=["scim", "hr.read"],
            organisation_id=organisation_id,
            status=status,
            created_by="test",
        )
    )
    await db.flush()


def client_headers(world: World, client_id: str, organisation: str, *, scope: str = "scim") -> dict[str, str]:
    token = world.mint.client(client_id, world.path(organisation), scope=scope)
    return {"Authorization": f"Bearer {token}", "Content-Type": SCIM_JSON}


async def scim_headers(db: AsyncSession, world: World) -> Clients:
    """Headers of the SCIM clients of ministry A (`a`) and B (`b`), and of A's department (`a-dept`)."""
    for ministry in ("a", "b", "a-dept"):
        await add_client(db, f"{ministry}-scim", world.id(ministry))
    await db.commit()  # a savepoint, like the world's
    return {name: client_headers(world, f"{name}-scim", name) for name in ("a", "b", "a-dept")}


def user(email: str, **attributes: Any) -> dict[str, Any]:
    """A User payload; keyword arguments are SCIM attributes (extensions by their URN)."""
    return {"schemas": [USER], "userName": email, **attributes}


def patch(*operations: dict[str, Any]) -> dict[str, Any]:
    return {"schemas": [PATCH], "Operations": list(operations)}


def error(response: httpx.Response, status: int, scim_type: str | None = None) -> dict[str, Any]:
    """Assert a SCIM Error response of that status (and scimType); return its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(SCIM_JSON), response.headers
    body: dict[str, Any] = response.json()
    assert body["schemas"] == [ERROR], body
    assert body["status"] == str(status), body
    if scim_type is not None:
        assert body.get("scimType") == scim_type, body
    return body


def ok(response: httpx.Response, status: int = 200) -> dict[str, Any]:
    """Assert a successful SCIM response; return its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(SCIM_JSON), response.headers
    body: dict[str, Any] = response.json()
    return body


async def scim_snapshot(db: AsyncSession) -> dict[str, Any]:
    """What a refused SCIM request must leave unchanged: people and the rest (factories/people.py),
    organisations and the Groups' external ids."""
    state: dict[str, Any] = await snapshot(db)
    state["organisations"] = (
        await db.execute(select(Organisation.__table__).order_by(Organisation.id))
    ).all()
    state["group_ids"] = (await db.execute(select(GroupExternalId.__table__))).all()
    return state
