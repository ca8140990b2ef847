"""People logic other areas call too (registration, invitations, SCIM): each change is audited and
published in the caller's transaction. Authorization is the caller's job; this checks the data."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime

from sqlalchemy import delete, func, literal, select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.accounts.sessions import end_sessions
from identity.audit.service import record
from identity.oauth.tokens import revoke_person_tokens
from identity.people import events
from identity.people.access import Actor, org_path
from identity.people.models import GLOBAL_ROLES, SCOPED_ROLES, Person, RoleGrant
from identity.privacy.accounts import forget_account_data
from identity.profiles.models import Profile
from kit.problems import Conflict, Invalid

# Deeper supervisor chains than this are refused rather than walked forever.
MAX_CHAIN = 1000


async def audit(
    db: AsyncSession,
    actor: Actor,
    action: str,
    person: Person,
    path: Sequence[uuid.UUID],
    details: dict[str, object] | None = None,
) -> None:
    """An audit event about a person, filed under their unit's path."""
    await record(
        db,
        actor=actor.id,
        actor_kind=actor.kind,
        action=action,
        target_type="person",
        target_id=person.id,
        org_path=list(path),
        ip=actor.ip,
        details=details,
    )


async def unit_path(db: AsyncSession, unit_id: uuid.UUID) -> list[uuid.UUID]:
    """The path of an existing organisation; 422 when there is none."""
    path = await org_path(db, unit_id)
    if not path:
        raise Invalid("unit_id: no organisation has this id.")
    return path


async def email_taken(db: AsyncSession, email: str) -> bool:
    """Whether any person (erased ones carry no address) has this address, in any letter case."""
    return await db.scalar(select(Person.id).where(Person.email == email.strip().lower())) is not None


async def create_person(
    db: AsyncSession,
    *,
    actor: Actor,
    email: str,
    display_name: str,
    unit_id: uuid.UUID,
    given_name: str = "",
    family_name: str = "",
    supervisor_id: uuid.UUID | None = None,
    roles: Sequence[str] = ("learner",),
    language: str = "lt",
    email_verified: bool = False,
    external_id: str | None = None,
    provisioned_by: str | None = None,
    person_id: uuid.UUID | None = None,
) -> Person:
    """A new active person with an empty digital profile; publishes identity.person.created."""
    email = email.strip().lower()
    if await email_taken(db, email):
        raise Conflict("A person with this e-mail address exists already.")
    if unknown := set(roles) - set(GLOBAL_ROLES):
        raise Invalid(f"roles: unknown role {sorted(unknown)[0]}.")
    path = await unit_path(db, unit_id)
    if supervisor_id is not None:
        await _supervisor(db, supervisor_id, None)
    person = Person(
        id=person_id or uuid.uuid4(),
        email=email,
        email_verified=email_verified,
        given_name=given_name,
        family_name=family_name,
        display_name=display_name,
        unit_id=unit_id,
        supervisor_id=supervisor_id,
        roles=sorted(set(roles)),
        external_id=external_id,
        provisioned_by=provisioned_by,
    )
    db.add(person)
    await db.flush()
    db.add(Profile(person_id=person.id, preferred_language=language, accessibility={}))
    await db.flush()
    await db.refresh(person)
    await events.emit(
        db,
        events.PERSON_CREATED,
        events.PersonCreatedEvent(
            id=person.id,
            email=person.email,
            display_name=person.display_name,
            unit_id=unit_id,
            org_path=path,
            supervisor_id=supervisor_id,
            roles=person.roles,
            preferred_language=language,
        ),
    )
    await audit(db, actor, "person.created", person, path, {"roles": person.roles})
    return person


async def rename(
    db: AsyncSession,
    person: Person,
    *,
    actor: Actor,
    given_name: str | None = None,
    family_name: str | None = None,
    display_name: str | None = None,
) -> bool:
    """Change the names given (None: unchanged); audited when anything changed, and a new display
    name publishes identity.person.renamed (the other services show that name)."""
    changes = {
        field: value
        for field, value in (
            ("given_name", given_name),
            ("family_name", family_name),
            ("display_name", display_name),
        )
        if value is not None and getattr(person, field) != value
    }
    if not changes:
        return False
    for field, value in changes.items():
        setattr(person, field, value)
    await db.flush()
    if "display_name" in changes:
        await events.emit(
            db,
            events.PERSON_RENAMED,
            events.PersonRenamedEvent(id=person.id, display_name=person.display_name),
        )
    await audit(
        db, actor, "person.renamed", person, await org_path(db, person.unit_id), {"fields": sorted(changes)}
    )
    return True


async def change_email(db: AsyncSession, person: Person, email: str, *, actor: Actor) -> bool:
    """A new sign-in address (unverified until the person proves it); 409 when it is taken."""
    email = email.strip().lower()
    if email == person.email:
        return False
    if await email_taken(db, email):
        raise Conflict("A person with this e-mail address exists already.")
    person.email, person.email_verified = email, False
    await db.flush()
    await audit(db, actor, "person.email_changed", person, await org_path(db, person.unit_id))
    return True


async def move(db: AsyncSession, person: Person, unit_id: uuid.UUID, *, actor: Actor) -> bool:
    """Put a person in another unit; publishes identity.person.moved when it changed."""
    if person.unit_id == unit_id:
        return False
    path = await unit_path(db, unit_id)
    before = person.unit_id
    person.unit_id = unit_id
    await db.flush()
    await events.emit(
        db,
        events.PERSON_MOVED,
        events.PersonMovedEvent(id=person.id, from_unit_id=before, unit_id=unit_id, org_path=path),
    )
    await audit(
        db, actor, "person.moved", person, path, {"from_unit_id": str(before), "unit_id": str(unit_id)}
    )
    return True


async def _supervisor(db: AsyncSession, supervisor_id: uuid.UUID, person_id: uuid.UUID | None) -> Person:
    supervisor = await db.get(Person, supervisor_id)
    if supervisor is None or supervisor.status != "active":
        raise Invalid("supervisor_id: no active person has this id.")
    if person_id is None:
        return supervisor
    if supervisor_id == person_id:
        raise Invalid("supervisor_id: nobody supervises themselves.")
    # Walk up from the new supervisor: meeting the person would make a loop of supervisors.
    chain = (
        select(Person.id, Person.supervisor_id, literal(1).label("depth"))
        .where(Person.id == supervisor_id)
        .cte("chain", recursive=True)
    )
    chain = chain.union_all(
        select(Person.id, Person.supervisor_id, chain.c.depth + 1)
        .join(chain, Person.id == chain.c.supervisor_id)
        .where(chain.c.depth < MAX_CHAIN)
    )
    if await db.scalar(select(func.count()).select_from(chain).where(chain.c.id == person_id)):
        raise Invalid("supervisor_id: this person (directly or not) reports to the person being changed.")
    return supervisor


async def set_supervisor(
    db: AsyncSession, person: Person, supervisor_id: uuid.UUID | None, *, actor: Actor
) -> bool:
    """Change (or remove, with None) a person's supervisor; publishes identity.person.supervisor_changed."""
    if person.supervisor_id == supervisor_id:
        return False
    if supervisor_id is not None:
        await _supervisor(db, supervisor_id, person.id)
    before = person.supervisor_id
    person.supervisor_id = supervisor_id
    await db.flush()
    await events.emit(
        db,
        events.SUPERVISOR_CHANGED,
        events.SupervisorChangedEvent(id=person.id, from_supervisor_id=before, supervisor_id=supervisor_id),
    )
    await audit(
        db,
        actor,
        "person.supervisor_changed",
        person,
        await org_path(db, person.unit_id),
        {
            "from_supervisor_id": str(before) if before else None,
            "supervisor_id": str(supervisor_id) if supervisor_id else None,
        },
    )
    return True


async def end_access(db: AsyncSession, person_id: uuid.UUID) -> None:
    """End every browser session and revoke every refresh token of a person."""
    await end_sessions(db, person_id)
    await revoke_person_tokens(db, person_id)


async def suspend(db: AsyncSession, person: Person, *, actor: Actor) -> bool:
    """Stop a person signing in (sessions end, refresh tokens are revoked); publishes
    identity.person.suspended. Suspending a suspended person changes nothing."""
    if person.status != "active":
        return False
    person.status = "suspended"
    await db.flush()
    await end_access(db, person.id)
    path = await org_path(db, person.unit_id)
    await events.emit(
        db,
        events.PERSON_SUSPENDED,
        events.PersonStatusEvent(id=person.id, unit_id=person.unit_id, org_path=path),
    )
    await audit(db, actor, "person.suspended", person, path)
    return True


async def reactivate(db: AsyncSession, person: Person, *, actor: Actor) -> bool:
    """Let a suspended person sign in again; publishes identity.person.reactivated."""
    if person.status != "suspended":
        return False
    person.status = "active"
    await db.flush()
    path = await org_path(db, person.unit_id)
    await events.emit(
        db,
        events.PERSON_REACTIVATED,
        events.PersonStatusEvent(id=person.id, unit_id=person.unit_id, org_path=path),
    )
    await audit(db, actor, "person.reactivated", person, path)
    return True


async def grants_of(db: AsyncSession, person_id: uuid.UUID) -> list[tuple[str, uuid.UUID]]:
    rows = await db.execute(
        select(RoleGrant.role, RoleGrant.organisation_id)
        .where(RoleGrant.person_id == person_id)
        .order_by(RoleGrant.role, RoleGrant.organisation_id)
    )
    return [(role, org) for role, org in rows]


async def set_roles(
    db: AsyncSession,
    person: Person,
    roles: Sequence[str],
    grants: Sequence[tuple[str, uuid.UUID]],
    *,
    actor: Actor,
) -> bool:
    """Replace a person's global roles and scoped grants; audited with what was added and removed."""
    if unknown := (set(roles) - set(GLOBAL_ROLES)) | ({role for role, _ in grants} - set(SCOPED_ROLES)):
        raise Invalid(f"roles: unknown role {sorted(unknown)[0]}.")
    for _, org in grants:
        if not await org_path(db, org):
            raise Invalid("grants: no organisation has this id.")
    before_roles, before_grants = set(person.roles), set(await grants_of(db, person.id))
    wanted_roles, wanted_grants = set(roles), set(grants)
    if before_roles == wanted_roles and before_grants == wanted_grants:
        return False
    if before_roles != wanted_roles:
        person.roles = sorted(wanted_roles)
    removed = before_grants - wanted_grants
    for role, org in removed:
        await db.execute(
            delete(RoleGrant).where(
                RoleGrant.person_id == person.id, RoleGrant.role == role, RoleGrant.organisation_id == org
            )
        )
    for role, org in sorted(wanted_grants - before_grants):
        db.add(RoleGrant(person_id=person.id, role=role, organisation_id=org, granted_by=actor.id))
    await db.flush()
    details: dict[str, object] = {
        "roles_added": sorted(wanted_roles - before_roles),
        "roles_removed": sorted(before_roles - wanted_roles),
        "grants_added": [
            {"role": r, "organisation_id": str(o)} for r, o in sorted(wanted_grants - before_grants)
        ],
        "grants_removed": [{"role": r, "organisation_id": str(o)} for r, o in sorted(removed)],
    }
    await audit(db, actor, "person.roles_changed", person, await org_path(db, person.unit_id), details)
    return True


async def erase(db: AsyncSession, person: Person, *, actor: Actor) -> None:
    """Erase a person's personal data; publishes identity.person.erased.

    The row stays (with every personal field cleared) so references and the audit log stay whole;
    their reports lose them as supervisor; profile, grants, credentials, sessions, tokens and mail
    go. The audit log is kept: the law requires it.
    """
    if person.status == "erased":
        return
    email, path = person.email, await org_path(db, person.unit_id)
    reports = await db.scalars(select(Person).where(Person.supervisor_id == person.id).with_for_update())
    for report in reports.all():
        await set_supervisor(db, report, None, actor=actor)
    await db.execute(delete(RoleGrant).where(RoleGrant.person_id == person.id))
    await db.execute(delete(Profile).where(Profile.person_id == person.id))
    await forget_account_data(db, person.id, email)
    now = datetime.now(UTC)
    person.email = f"erased-{person.id}@erased.invalid"
    person.email_verified = False
    person.given_name = person.family_name = person.display_name = ""
    person.supervisor_id = None
    person.roles = []
    person.external_id = person.provisioned_by = None
    person.status = "erased"
    person.erased_at = now
    await db.flush()
    await events.emit(db, events.PERSON_ERASED, events.PersonErasedEvent(id=person.id, erased_at=now))
    await audit(db, actor, "person.erased", person, path)
