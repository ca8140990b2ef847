"""Self-registration, e-mail verification, password reset and change, accepting invitations."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from urllib.parse import urlencode

import anyio.to_thread
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.accounts import altcha, passwords, sessions, throttle, tokens
from identity.accounts.exceptions import DomainNotAllowed, TokenInvalid, WrongCurrentPassword
from identity.accounts.models import PasswordCredential
from identity.audit.service import record
from identity.mail.service import queue_template
from identity.oauth.tokens import revoke_person_tokens, revoke_session_tokens
from identity.organisations.models import Organisation
from identity.people.access import Actor
from identity.people.models import GLOBAL_ROLES, SCOPED_ROLES, Invitation, Person, RoleGrant
from identity.people.service import create_person, email_taken
from identity.profiles.models import Profile
from identity.settings import IdentitySettings
from kit.problems import Conflict, NotFound


def link(settings: IdentitySettings, path: str, token: str) -> str:
    """A link to an SPA page that takes a token (the SPA's routes: /verify-email and so on)."""
    return f"{settings.public_base_url.rstrip('/')}{path}?{urlencode({'token': token})}"


async def organisation_for_domain(db: AsyncSession, email: str) -> Organisation:
    """The deepest organisation that lists the address's domain (where a new person belongs)."""
    domain = email.rpartition("@")[2].lower()
    organisation = await db.scalar(
        select(Organisation)
        .where(Organisation.email_domains.contains([domain]))
        .order_by(func.cardinality(Organisation.path).desc(), Organisation.code)
        .limit(1)
    )
    if organisation is None:
        raise DomainNotAllowed(
            f"Addresses at {domain} cannot register themselves: ask your HR team for an invitation."
        )
    return organisation


async def set_password(
    db: AsyncSession, settings: IdentitySettings, person_id: uuid.UUID, password: str
) -> None:
    """Store the argon2id hash of a new password (hashed off the event loop)."""
    hashed = await anyio.to_thread.run_sync(passwords.hash_secret, settings, password)
    credential = await db.get(PasswordCredential, person_id, with_for_update=True)
    if credential is None:
        db.add(PasswordCredential(person_id=person_id, password_hash=hashed))
    else:
        credential.password_hash, credential.changed_at = hashed, datetime.now(UTC)
    await db.flush()


async def language_of(db: AsyncSession, person_id: uuid.UUID) -> str:
    language = await db.scalar(select(Profile.preferred_language).where(Profile.person_id == person_id))
    return language or "lt"


async def register(
    db: AsyncSession,
    settings: IdentitySettings,
    *,
    email: str,
    password: str,
    display_name: str,
    language: str,
    altcha_payload: str,
    ip: str | None = None,
) -> None:
    """Create an unverified account and mail a link; an existing address gets a reminder instead,
    so the answer never tells whether an address has an account."""
    await altcha.verify(db, settings, altcha_payload)
    email = email.strip().lower()
    organisation = await organisation_for_domain(db, email)
    passwords.check_policy(settings, password, email)
    existing = await db.scalar(select(Person).where(Person.email == email).with_for_update())
    if existing is not None:
        # Hash anyway, so a known address takes as long to answer as a new one.
        await anyio.to_thread.run_sync(passwords.hash_secret, settings, password)
        if existing.status == "active":
            token = await tokens.issue(
                db, "password_reset", existing.id, seconds=tokens.PASSWORD_RESET_SECONDS
            )
            await queue_template(
                db,
                to=email,
                kind="already_registered",
                language=await language_of(db, existing.id),
                name=existing.display_name,
                link=link(settings, "/reset-password/confirm", token),
            )
        return
    person_id = uuid.uuid4()
    person = await create_person(
        db,
        actor=Actor(str(person_id), "person", ip),
        person_id=person_id,
        email=email,
        display_name=display_name.strip(),
        unit_id=organisation.id,
        language=language,
        email_verified=False,
    )
    await set_password(db, settings, person.id, password)
    token = await tokens.issue(db, "verify_email", person.id, seconds=tokens.VERIFY_EMAIL_SECONDS)
    await queue_template(
        db,
        to=email,
        kind="verify_email",
        language=language,
        name=person.display_name,
        link=link(settings, "/verify-email", token),
    )


async def verify_email(db: AsyncSession, token: str) -> Person:
    """Mark the address of the link's person as confirmed (the link works once)."""
    row = await tokens.find(db, "verify_email", token)
    person = await db.get(Person, row.person_id) if row is not None else None
    if row is None or person is None:
        raise TokenInvalid("The confirmation link is not valid any more: register again to get a new one.")
    tokens.use(row)
    person.email_verified = True
    return person


async def request_reset(
    db: AsyncSession, settings: IdentitySettings, *, email: str, altcha_payload: str
) -> None:
    """Mail a reset link when the address has an active account; the answer is the same either way."""
    await altcha.verify(db, settings, altcha_payload)
    person = await db.scalar(select(Person).where(Person.email == email.strip().lower()))
    if person is None or person.status != "active":
        return
    token = await tokens.issue(db, "password_reset", person.id, seconds=tokens.PASSWORD_RESET_SECONDS)
    await queue_template(
        db,
        to=person.email,
        kind="password_reset",
        language=await language_of(db, person.id),
        name=person.display_name,
        link=link(settings, "/reset-password/confirm", token),
    )


async def confirm_reset(db: AsyncSession, settings: IdentitySettings, *, token: str, password: str) -> Person:
    """Set the new password, end every session and unlock sign-in; the link proves the address."""
    row = await tokens.find(db, "password_reset", token)
    person = await db.get(Person, row.person_id) if row is not None else None
    if row is None or person is None or person.status != "active":
        raise TokenInvalid("The reset link is not valid any more: ask for a new one.")
    passwords.check_policy(settings, password, person.email)
    await set_password(db, settings, person.id, password)
    tokens.use(row)
    person.email_verified = True
    await sessions.end_sessions(db, person.id)
    await revoke_person_tokens(db, person.id)  # nothing minted before the reset lives on
    await throttle.clear(db, throttle.account_key(person.email))
    await record(
        db,
        actor=str(person.id),
        actor_kind="person",
        action="account.password_reset",
        target_type="person",
        target_id=person.id,
    )
    return person


async def change_password(
    db: AsyncSession,
    settings: IdentitySettings,
    *,
    person_id: uuid.UUID,
    current: str,
    new: str,
    keep_session: uuid.UUID | None,
) -> None:
    """Replace the password after checking the current one; other browser sessions end."""
    person = await db.get(Person, person_id)
    credential = await db.get(PasswordCredential, person_id)
    if person is None or person.status != "active":
        raise NotFound("No such person.")
    encoded = credential.password_hash if credential is not None else None
    if not await anyio.to_thread.run_sync(passwords.verify_secret, settings, encoded, current):
        await throttle.record_failure(
            db, settings, throttle.account_key(person.email), lock_at=settings.lockout_threshold
        )
        raise WrongCurrentPassword("The current password is not right.")
    passwords.check_policy(settings, new, person.email)
    await set_password(db, settings, person_id, new)
    for ended in await sessions.end_sessions(db, person_id, keep=keep_session):
        await revoke_session_tokens(db, ended)
    await queue_template(
        db,
        to=person.email,
        kind="password_changed",
        language=await language_of(db, person_id),
        name=person.display_name,
        link=f"{settings.public_base_url.rstrip('/')}/reset-password",
    )


async def live_invitation(db: AsyncSession, token: str, *, lock: bool = False) -> Invitation:
    """The invitation of a link, while it can still be accepted (404 otherwise)."""
    query = select(Invitation).where(
        Invitation.token_hash == sessions.token_hash(token),
        Invitation.accepted_at.is_(None),
        Invitation.revoked_at.is_(None),
        Invitation.expires_at > datetime.now(UTC),
    )
    invitation = await db.scalar(query.with_for_update() if lock else query) if len(token) <= 200 else None
    if invitation is None:
        raise NotFound("This invitation is not valid: it was used, withdrawn or has expired.")
    return invitation


async def accept_invitation(
    db: AsyncSession,
    settings: IdentitySettings,
    *,
    token: str,
    password: str,
    language: str,
    ip: str | None = None,
) -> Person:
    """Create the invited person with the invited unit, supervisor, roles and grants."""
    invitation = await live_invitation(db, token, lock=True)
    passwords.check_policy(settings, password, invitation.email)
    if await email_taken(db, invitation.email):
        raise Conflict("An account with this e-mail address exists already: sign in or reset the password.")
    person_id = uuid.uuid4()
    person = await create_person(
        db,
        actor=Actor(str(person_id), "person", ip),
        person_id=person_id,
        email=invitation.email,
        display_name=invitation.display_name,
        unit_id=invitation.unit_id,
        supervisor_id=invitation.supervisor_id,
        roles=[role for role in invitation.roles if role in GLOBAL_ROLES] or ["learner"],
        language=language,
        email_verified=True,
    )
    for grant in invitation.grants:
        if grant.get("role") in SCOPED_ROLES and grant.get("organisation_id"):
            db.add(
                RoleGrant(
                    person_id=person.id,
                    role=grant["role"],
                    organisation_id=uuid.UUID(str(grant["organisation_id"])),
                    granted_by=invitation.invited_by,
                )
            )
    await set_password(db, settings, person.id, password)
    invitation.accepted_at = datetime.now(UTC)
    unit = await db.get(Organisation, invitation.unit_id)
    await record(
        db,
        actor=str(person.id),
        actor_kind="person",
        action="invitation.accepted",
        target_type="person",
        target_id=person.id,
        org_path=list(unit.path) if unit else [],
        details={"invitation_id": str(invitation.id), "invited_by": invitation.invited_by},
    )
    return person
