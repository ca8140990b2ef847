"""Valid organisation payloads, and small trees made through the API, for tests."""

from typing import Any

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from identity.organisations.models import Organisation
from identity.people.models import Person
from kit.testing.tokens import TokenMint


def organisation_payload(code: str = "lt-vrm", **overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "code": code,
        "kind": "ministry",
        "name": {"en": "Ministry of the Interior", "lt": "Vidaus reikalų ministerija"},
        "email_domains": ["vrm.lt"],
    }
    payload.update(overrides)
    return payload


async def create(
    client: httpx.AsyncClient, code: str, kind: str, parent: dict[str, Any] | None = None, **overrides: Any
) -> dict[str, Any]:
    """Create an organisation through the API and return its JSON."""
    fields: dict[str, Any] = {
        "kind": kind,
        "name": {"en": code.replace("-", " ").title(), "lt": code},
        "email_domains": [],
        "parent_id": parent["id"] if parent else None,
    }
    body = organisation_payload(code, **{**fields, **overrides})
    response = await client.post("/organisations", json=body)
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


async def small_tree(client: httpx.AsyncClient) -> dict[str, dict[str, Any]]:
    """country → 2 ministries → a department each → 2 units under the first department."""
    tree: dict[str, dict[str, Any]] = {}
    tree["lt"] = await create(client, "lt", "country")
    tree["vrm"] = await create(client, "vrm", "ministry", tree["lt"])
    tree["eimin"] = await create(client, "eimin", "ministry", tree["lt"])
    tree["vrm-hr"] = await create(client, "vrm-hr", "department", tree["vrm"])
    tree["eimin-digital"] = await create(client, "eimin-digital", "department", tree["eimin"])
    tree["vrm-hr-recruitment"] = await create(client, "vrm-hr-recruitment", "unit", tree["vrm-hr"])
    tree["vrm-hr-training"] = await create(client, "vrm-hr-training", "unit", tree["vrm-hr"])
    return tree


HOME = "platform-home"


async def platform_admin_headers(db: AsyncSession, mint: TokenMint) -> dict[str, str]:
    """A platform admin (in an organisation of their own, `HOME`) and their Authorization header."""
    home = Organisation(code=HOME, kind="country", name={"en": "Platform", "lt": "Platforma"})
    db.add(home)
    await db.flush()
    await db.refresh(home)
    admin = Person(
        email="platform.admin@example.lt",
        display_name="Platform Admin",
        unit_id=home.id,
        roles=["learner", "platform_admin"],
    )
    db.add(admin)
    await db.flush()
    token = mint.person(admin.id, list(home.path), roles=["learner", "platform_admin"])
    return {"Authorization": f"Bearer {token}"}
