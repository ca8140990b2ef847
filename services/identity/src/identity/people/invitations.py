"""Invitations: HR or an org admin asks someone to join; the e-mail carries a one-time link."""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.accounts.sessions import token_hash
from identity.audit.service import record
from identity.mail.service import queue_template
from identity.organisations.models import Organisation
from identity.people.access import Actor
from identity.people.models import Invitation
from identity.people.schemas import InvitationStatus
from identity.people.service import email_taken
from identity.settings import IdentitySettings
from kit.problems import Conflict, Invalid

INVITATION_DAYS = 14


def status_of(invitation: Invitation, now: datetime | None = None) -> InvitationStatus:
    if invitation.accepted_at is not None:
        return InvitationStatus.accepted
    if invitation.revoked_at is not None:
        return InvitationStatus.revoked
    if invitation.expires_at <= (now or datetime.now(UTC)):
        return InvitationStatus.expired
    return InvitationStatus.pending


async def _audit(
    db: AsyncSession, actor: Actor, action: str, invitation: Invitation, path: Sequence[uuid.UUID]
) -> None:
    await record(
        db,
        actor=actor.id,
        actor_kind=actor.kind,
        action=action,
        target_type="invitation",
        target_id=invitation.id,
        org_path=list(path),
        ip=actor.ip,
        details={"unit_id": str(invitation.unit_id), "roles": invitation.roles, "grants": invitation.grants},
    )


async def invite(
    db: AsyncSession,
    settings: IdentitySettings,
    *,
    actor: Actor,
    inviter: str,
    email: str,
    display_name: str,
    unit_id: uuid.UUID,
    supervisor_id: uuid.UUID | None,
    roles: Sequence[str],
    grants: Sequence[tuple[str, uuid.UUID]],
    language: str,
) -> Invitation:
    """Record an invitation and queue its e-mail (both in the caller's transaction)."""
    email = email.strip().lower()
    if await email_taken(db, email):
        raise Conflict("A person with this e-mail address exists already.")
    now = datetime.now(UTC)
    pending = await db.scalar(
        select(Invitation.id).where(
            Invitation.email == email,
            Invitation.accepted_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > now,
        )
    )
    if pending is not None:
        raise Conflict("This address has a pending invitation already: withdraw it to send another.")
    unit = await db.get(Organisation, unit_id)
    if unit is None:
        raise Invalid("unit_id: no organisation has this id.")
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        email=email,
        display_name=display_name,
        unit_id=unit_id,
        supervisor_id=supervisor_id,
        roles=sorted(set(roles)),
        grants=[{"role": role, "organisation_id": str(org)} for role, org in sorted(set(grants))],
        token_hash=token_hash(token),
        invited_by=actor.id,
        expires_at=now + timedelta(days=INVITATION_DAYS),
    )
    db.add(invitation)
    await db.flush()
    await db.refresh(invitation)
    await queue_template(
        db,
        to=email,
        kind="invitation",
        language=language,
        name=display_name,
        inviter=inviter,
        organisation=unit.name.get(language) or next(iter(unit.name.values())),
        link=f"{settings.public_base_url.rstrip('/')}/invitation?token={token}",
        expires=invitation.expires_at.date().isoformat(),
    )
    await _audit(db, actor, "invitation.created", invitation, unit.path)
    return invitation


async def withdraw(
    db: AsyncSession, invitation: Invitation, path: Sequence[uuid.UUID], *, actor: Actor
) -> bool:
    """Withdraw an invitation so its link stops working; an accepted one cannot be withdrawn."""
    if invitation.accepted_at is not None:
        raise Conflict("This invitation was accepted already.")
    if invitation.revoked_at is not None:
        return False
    invitation.revoked_at = datetime.now(UTC)
    await db.flush()
    await _audit(db, actor, "invitation.revoked", invitation, path)
    return True
