"""What a token says about its subject: the DLA claims of a person or a machine client."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.oauth.models import OAuthClient
from identity.organisations.models import Organisation
from identity.people.models import Person, RoleGrant


def _tenant(path: list[uuid.UUID]) -> str | None:
    if not path:
        return None
    return str(path[1] if len(path) >= 2 else path[0])


async def org_path(db: AsyncSession, organisation_id: uuid.UUID | None) -> list[uuid.UUID]:
    if organisation_id is None:
        return []
    path = await db.scalar(select(Organisation.path).where(Organisation.id == organisation_id))
    return list(path or [])


async def person_claims(db: AsyncSession, person: Person) -> dict[str, Any]:
    """unit, org_path, tenant, roles (with `supervisor` when they have reports) and grants."""
    path = await org_path(db, person.unit_id)
    grants = (
        await db.execute(
            select(RoleGrant.role, RoleGrant.organisation_id).where(RoleGrant.person_id == person.id)
        )
    ).all()
    has_reports = await db.scalar(
        select(exists().where(Person.supervisor_id == person.id, Person.status == "active"))
    )
    roles = sorted(set(person.roles) | ({"supervisor"} if has_reports else set()))
    return {
        "unit": str(person.unit_id),
        "org_path": [str(org) for org in path],
        "tenant": _tenant(path),
        "roles": roles,
        "grants": [{"role": role, "org": str(org)} for role, org in grants],
    }


async def client_claims(db: AsyncSession, client: OAuthClient) -> dict[str, Any]:
    path = await org_path(db, client.organisation_id)
    return {"org_path": [str(org) for org in path], "tenant": _tenant(path), "roles": [], "grants": []}
