"""Who is calling and what they reach: relations decided from fresh data on every request.

The token says who the caller is; their status, unit, roles and grants are read from the database
each time, so a suspended person, a withdrawn grant or a move takes effect at once, not when the
token expires.
"""

from __future__ import annotations

import dataclasses
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Annotated, Literal

from fastapi import Depends, Request
from sqlalchemy import ColumnElement, false, or_, select, true
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from identity.organisations.models import Organisation
from identity.people.models import Person, RoleGrant
from kit.auth import CurrentPrincipal, Grant, InsufficientScope, Principal, governs, governs_any, is_self
from kit.db import DbSession
from kit.problems import Forbidden, NotFound, Unauthorized

# Roles that see and act on the people (and invitations, audit events) of their subtree.
PEOPLE_ROLES = ("hr_manager", "org_admin")


@dataclass(frozen=True)
class Actor:
    """Who did something, as the audit log names them."""

    id: str
    kind: Literal["person", "client", "system"]
    ip: str | None = None


SYSTEM = Actor("system", "system")


@dataclass(frozen=True)
class Caller:
    """The caller with fresh roles and grants; `person` is None for a machine client."""

    principal: Principal
    person: Person | None
    ip: str | None = None

    @property
    def actor(self) -> Actor:
        if self.person is not None:
            return Actor(str(self.person.id), "person", self.ip)
        return Actor(self.principal.client_id, "client", self.ip)

    @property
    def is_platform_admin(self) -> bool:
        return self.principal.is_platform_admin

    def is_self(self, person_id: uuid.UUID) -> bool:
        return is_self(self.principal, person_id)

    def reads(self, path: Sequence[uuid.UUID]) -> bool:
        """May read the people (and their profiles) of the organisation at `path`."""
        if self.principal.is_machine:
            return "hr.read" in self.principal.scopes and governs(self.principal, "hr_manager", path)
        return governs_any(self.principal, PEOPLE_ROLES, path)

    def manages(self, path: Sequence[uuid.UUID]) -> bool:
        """May create, change, suspend and invite people at `path` (HR or org admin, never a machine)."""
        return not self.principal.is_machine and governs_any(self.principal, PEOPLE_ROLES, path)

    def administers(self, path: Sequence[uuid.UUID]) -> bool:
        """Holds `org_admin` over `path` (or is a platform admin)."""
        return not self.principal.is_machine and governs(self.principal, "org_admin", path)

    def people_roots(self) -> list[uuid.UUID] | None:
        """The organisations whose subtrees hold the people the caller reads; None means all."""
        if self.is_platform_admin:
            return None
        if self.principal.is_machine:
            if "hr.read" in self.principal.scopes and self.principal.org_path:
                return [self.principal.org_path[-1]]
            return []
        return sorted({grant.org_id for grant in self.principal.grants if grant.role in PEOPLE_ROLES})

    def organisation_roots(self) -> list[uuid.UUID] | None:
        """The subtrees of organisations the caller sees: their ministry and what they govern."""
        if self.is_platform_admin:
            return None
        roots = {grant.org_id for grant in self.principal.grants}
        if self.principal.tenant_id is not None:
            roots.add(self.principal.tenant_id)
        return sorted(roots)


def within(
    path_column: InstrumentedAttribute[list[uuid.UUID]], roots: list[uuid.UUID] | None
) -> ColumnElement[bool]:
    """SQL: the row's organisation path lies in one of the subtrees (None: everything)."""
    if roots is None:
        return true()
    if not roots:
        return false()
    return or_(*(path_column.contains([root]) for root in roots))


def tenant_of(path: Sequence[uuid.UUID]) -> uuid.UUID | None:
    if not path:
        return None
    return path[1] if len(path) >= 2 else path[0]


async def org_path(db: AsyncSession, organisation_id: uuid.UUID) -> list[uuid.UUID]:
    """The path of an organisation (empty when it does not exist)."""
    path = await db.scalar(select(Organisation.path).where(Organisation.id == organisation_id))
    return list(path or [])


async def fresh_principal(db: AsyncSession, principal: Principal, person: Person) -> Principal:
    """The token's principal with the person's current unit, roles and grants."""
    grants = (
        await db.execute(
            select(RoleGrant.role, RoleGrant.organisation_id)
            .where(RoleGrant.person_id == person.id)
            .order_by(RoleGrant.role, RoleGrant.organisation_id)
        )
    ).all()
    path = await org_path(db, person.unit_id)
    return dataclasses.replace(
        principal,
        unit_id=person.unit_id,
        org_path=tuple(path),
        tenant_id=tenant_of(path),
        roles=frozenset(person.roles),
        grants=tuple(Grant(role, org) for role, org in grants),
    )


async def load_caller(request: Request, principal: CurrentPrincipal, db: DbSession) -> Caller:
    """The caller; a person's token works only while the person is active and it carries `dla`."""
    ip = request.client.host if request.client else None
    if principal.is_machine:
        return Caller(principal, None, ip)
    if "dla" not in principal.scopes:
        raise InsufficientScope("The token lacks the scope dla", headers={"WWW-Authenticate": "Bearer"})
    person = await db.get(Person, principal.person_id)
    if person is None or person.status != "active":
        raise Unauthorized("This account cannot use DLA.", headers={"WWW-Authenticate": "Bearer"})
    return Caller(await fresh_principal(db, principal, person), person, ip)


AnyCaller = Annotated[Caller, Depends(load_caller)]


async def _person_caller(caller: AnyCaller) -> Caller:
    if caller.person is None:
        raise Forbidden("This needs a person's sign-in, not a client's token.")
    return caller


PersonCaller = Annotated[Caller, Depends(_person_caller)]


async def _reader(caller: AnyCaller) -> Caller:
    if caller.person is None and "hr.read" not in caller.principal.scopes:
        raise InsufficientScope("The token lacks the scope hr.read", headers={"WWW-Authenticate": "Bearer"})
    return caller


# People, or HR systems with `hr.read`.
Reader = Annotated[Caller, Depends(_reader)]


def me(caller: Caller) -> Person:
    """The caller's own person row (PersonCaller guarantees there is one)."""
    assert caller.person is not None
    return caller.person


async def visible_person(
    db: AsyncSession, caller: Caller, person_id: uuid.UUID, *, lock: bool = False
) -> Person:
    """A person the caller reads (self, or in a subtree they read); anything else is 404."""
    query = select(Person).where(Person.id == person_id, Person.status != "erased")
    person = await db.scalar(query.with_for_update() if lock else query)
    if person is not None and (caller.is_self(person.id) or caller.reads(await org_path(db, person.unit_id))):
        return person
    raise NotFound("No person with this id.")


async def managed_person(
    db: AsyncSession, caller: Caller, person_id: uuid.UUID
) -> tuple[Person, list[uuid.UUID]]:
    """A person the caller may change (HR or admin of their unit), locked; 404 when out of sight,
    403 when visible but not theirs to change (themselves, or an HR system)."""
    person = await visible_person(db, caller, person_id, lock=True)
    path = await org_path(db, person.unit_id)
    if not caller.manages(path):
        raise Forbidden("You may not change this person.")
    return person, path


async def managed_unit(
    db: AsyncSession, caller: Caller, unit_id: uuid.UUID, field: str = "unit_id"
) -> list[uuid.UUID]:
    """The path of a unit the caller manages people in; unknown and out-of-reach units are alike 404."""
    path = await org_path(db, unit_id)
    if not path or not caller.manages(path):
        raise NotFound(f"{field}: no organisation with this id is yours to manage.")
    return path


async def managed_supervisor(db: AsyncSession, caller: Caller, supervisor_id: uuid.UUID) -> Person:
    """An active person the caller reaches, to become someone's supervisor (404 otherwise)."""
    supervisor = await db.get(Person, supervisor_id)
    if (
        supervisor is None
        or supervisor.status != "active"
        or not caller.reads(await org_path(db, supervisor.unit_id))
    ):
        raise NotFound("supervisor_id: no active person with this id is in your reach.")
    return supervisor
