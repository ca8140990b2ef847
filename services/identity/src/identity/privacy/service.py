"""Everything identity holds about a person, as one JSON document (the right of access)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.accounts.models import BrowserSession, FederatedIdentity, PasswordCredential, TotpCredential
from identity.audit.models import AuditEvent
from identity.audit.schemas import AuditEvent as AuditOut
from identity.mail.models import MailMessage
from identity.oauth.models import RefreshToken
from identity.organisations.models import Organisation
from identity.people.models import Invitation, Person, RoleGrant
from identity.profiles.models import Profile


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


async def _person(db: AsyncSession, person: Person) -> dict[str, Any]:
    unit = await db.get(Organisation, person.unit_id)
    supervisor = await db.get(Person, person.supervisor_id) if person.supervisor_id else None
    reports = await db.execute(
        select(Person.id, Person.display_name).where(
            Person.supervisor_id == person.id, Person.status != "erased"
        )
    )
    grants = await db.execute(
        select(RoleGrant.role, RoleGrant.organisation_id, RoleGrant.granted_by, RoleGrant.created_at).where(
            RoleGrant.person_id == person.id
        )
    )
    return {
        "id": str(person.id),
        "email": person.email,
        "email_verified": person.email_verified,
        "given_name": person.given_name,
        "family_name": person.family_name,
        "display_name": person.display_name,
        "status": person.status,
        "roles": sorted(person.roles),
        "external_id": person.external_id,
        "provisioned_by": person.provisioned_by,
        "created_at": _iso(person.created_at),
        "updated_at": _iso(person.updated_at),
        "unit": {"id": str(unit.id), "code": unit.code, "name": unit.name} if unit else None,
        "supervisor": {"id": str(supervisor.id), "display_name": supervisor.display_name}
        if supervisor
        else None,
        "reports": [{"id": str(rid), "display_name": name} for rid, name in reports],
        "grants": [
            {"role": role, "organisation_id": str(org), "granted_by": by, "granted_at": _iso(at)}
            for role, org, by, at in grants
        ],
    }


async def _profile(db: AsyncSession, person_id: uuid.UUID) -> dict[str, Any] | None:
    profile = await db.get(Profile, person_id)
    if profile is None:
        return None
    return {
        "job_title": profile.job_title,
        "job_description": profile.job_description,
        "role_profile_key": profile.role_profile_key,
        "preferred_language": profile.preferred_language,
        "accessibility": profile.accessibility,
        "weekly_minutes": profile.weekly_minutes,
        "goals": profile.goals,
        "share_results_with_supervisor": profile.share_results_with_supervisor,
        "onboarded_at": _iso(profile.onboarded_at),
        "updated_at": _iso(profile.updated_at),
    }


async def _sign_in(db: AsyncSession, person_id: uuid.UUID) -> dict[str, Any]:
    password = await db.get(PasswordCredential, person_id)
    totp = await db.get(TotpCredential, person_id)
    links = await db.scalars(select(FederatedIdentity).where(FederatedIdentity.person_id == person_id))
    sessions = await db.scalars(
        select(BrowserSession).where(BrowserSession.person_id == person_id).order_by(BrowserSession.auth_time)
    )
    tokens = await db.scalars(
        select(RefreshToken).where(RefreshToken.person_id == person_id).order_by(RefreshToken.created_at)
    )
    return {
        "password_changed_at": _iso(password.changed_at) if password else None,
        "second_factor_confirmed_at": _iso(totp.confirmed_at) if totp else None,
        "federated_identities": [
            {
                "issuer": row.issuer,
                "subject": row.subject,
                "email": row.email,
                "linked_at": _iso(row.linked_at),
            }
            for row in links
        ],
        "sessions": [
            {
                "signed_in_at": _iso(row.auth_time),
                "expires_at": _iso(row.expires_at),
                "ended_at": _iso(row.ended_at),
                "ip": str(row.ip) if row.ip else None,
                "user_agent": row.user_agent,
                "methods": row.amr,
            }
            for row in sessions
        ],
        "refresh_tokens": [
            {
                "client_id": row.client_id,
                "scope": row.scope,
                "created_at": _iso(row.created_at),
                "expires_at": _iso(row.expires_at),
                "used_at": _iso(row.used_at),
                "revoked_at": _iso(row.revoked_at),
            }
            for row in tokens
        ],
    }


async def export(db: AsyncSession, person: Person) -> dict[str, Any]:
    """Every row identity keeps about the person (secrets and hashes excepted: they are not data
    about the person, and giving them out would weaken the account)."""
    invitations = await db.scalars(select(Invitation).where(Invitation.email == person.email))
    mail = await db.scalars(
        select(MailMessage).where(MailMessage.to_address == person.email).order_by(MailMessage.created_at)
    )
    audit = await db.scalars(
        select(AuditEvent)
        .where(or_(AuditEvent.actor == str(person.id), AuditEvent.target_id == str(person.id)))
        .order_by(AuditEvent.occurred_at, AuditEvent.id)
    )
    return {
        "exported_at": datetime.now(UTC).isoformat(),
        "person": await _person(db, person),
        "profile": await _profile(db, person.id),
        "sign_in": await _sign_in(db, person.id),
        "invitations": [
            {
                "id": str(row.id),
                "invited_by": row.invited_by,
                "created_at": _iso(row.created_at),
                "accepted_at": _iso(row.accepted_at),
            }
            for row in invitations
        ],
        "mail": [
            {
                "subject": row.subject,
                "kind": row.kind,
                "created_at": _iso(row.created_at),
                "sent_at": _iso(row.sent_at),
            }
            for row in mail
        ],
        "audit": [AuditOut.model_validate(row).model_dump(mode="json") for row in audit],
    }
