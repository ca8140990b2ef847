"""Two ministries with units, people in every relation, and tokens to call the API as each of them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.audit.models import AuditEvent
from identity.audit.service import record
from identity.database import events
from identity.organisations.models import Organisation
from identity.people.models import Invitation, Person, RoleGrant
from identity.profiles.models import Profile
from kit.auth import Grant
from kit.testing.tokens import TokenMint

Headers = dict[str, str]

# name: kind, parent
ORGANISATIONS: dict[str, tuple[str, str | None]] = {
    "country": ("country", None),
    "a": ("ministry", "country"),
    "a-dept": ("department", "a"),
    "a-unit-1": ("unit", "a-dept"),
    "a-unit-2": ("unit", "a-dept"),
    "a-dept-2": ("department", "a"),
    "a-unit-3": ("unit", "a-dept-2"),
    "b": ("ministry", "country"),
    "b-dept": ("department", "b"),
    "b-unit-1": ("unit", "b-dept"),
}

# name: unit, supervisor, global roles, grants (role, organisation name), status
PEOPLE: dict[str, tuple[str, str | None, tuple[str, ...], tuple[tuple[str, str], ...], str]] = {
    "platform": ("a-unit-1", None, ("learner", "platform_admin"), (), "active"),
    "a_admin": ("a-unit-1", None, ("learner", "mentor"), (("org_admin", "a"),), "active"),
    "a_hr": ("a-unit-2", None, ("learner",), (("hr_manager", "a"),), "active"),
    "a_unit_hr": ("a-unit-1", None, ("learner",), (("hr_manager", "a-unit-1"),), "active"),
    "a_head": ("a-unit-1", None, ("learner",), (), "active"),
    "a_report": ("a-unit-1", "a_head", ("learner",), (), "active"),
    "a_subreport": ("a-unit-1", "a_report", ("learner",), (), "active"),
    "a_other": ("a-unit-3", None, ("learner", "content_editor"), (), "active"),
    "a_suspended": ("a-unit-2", None, ("learner",), (), "suspended"),
    "b_admin": ("b-unit-1", None, ("learner",), (("org_admin", "b"),), "active"),
    "b_hr": ("b-unit-1", None, ("learner",), (("hr_manager", "b"),), "active"),
    "b_head": ("b-unit-1", None, ("learner",), (), "active"),
    "b_learner": ("b-unit-1", "b_head", ("learner",), (), "active"),
}
A_PEOPLE = [name for name in PEOPLE if name.startswith("a_") or name == "platform"]
B_PEOPLE = [name for name in PEOPLE if name.startswith("b_")]


def email_of(name: str) -> str:
    ministry = "b" if name.startswith("b_") else "a"
    return f"{name.replace('_', '.')}@{ministry}.example.lt"


@dataclass
class World:
    """Ministries A and B under one country, their people, an invitation and an audit event in B.

    Holds plain values (ids, paths, roles), not ORM objects, so tests may expire the session freely.
    """

    mint: TokenMint
    ids: dict[str, uuid.UUID] = field(default_factory=dict)
    paths: dict[str, list[uuid.UUID]] = field(default_factory=dict)
    roles: dict[str, list[str]] = field(default_factory=dict)
    grants: dict[str, list[Grant]] = field(default_factory=dict)
    b_invitation: uuid.UUID | None = None

    def id(self, name: str) -> uuid.UUID:
        """The id of a person or an organisation of the world, by name."""
        return self.ids[name]

    def path(self, name: str) -> list[uuid.UUID]:
        """An organisation's path, or the path of a person's unit."""
        return self.paths[name]

    def token(self, name: str, *, scope: str = "openid dla") -> str:
        return self.mint.person(
            self.ids[name], self.paths[name], roles=self.roles[name], grants=self.grants[name], scope=scope
        )

    def as_(self, name: str, **kwargs: Any) -> Headers:
        """Authorization headers of a person."""
        return {"Authorization": f"Bearer {self.token(name, **kwargs)}"}

    def machine(self, ministry: str, *, scope: str = "hr.read") -> Headers:
        """Authorization headers of an HR system of a ministry (client credentials)."""
        token = self.mint.client(f"{ministry}-hr-system", self.paths[ministry], scope=scope)
        return {"Authorization": f"Bearer {token}"}


async def make_organisation(
    db: AsyncSession, code: str, kind: str, parent: Organisation | None = None, **extra: Any
) -> Organisation:
    org = Organisation(
        code=code,
        kind=kind,
        name={"en": code.title(), "lt": code.upper()},
        parent_id=parent.id if parent else None,
        **extra,
    )
    db.add(org)
    await db.flush()
    await db.refresh(org)
    return org


async def make_person(
    db: AsyncSession,
    unit: Organisation,
    email: str,
    *,
    supervisor: Person | None = None,
    roles: tuple[str, ...] = ("learner",),
    status: str = "active",
    display_name: str | None = None,
) -> Person:
    person = Person(
        email=email,
        email_verified=True,
        display_name=display_name or email.split("@")[0].replace(".", " ").title(),
        unit_id=unit.id,
        supervisor_id=supervisor.id if supervisor else None,
        roles=list(roles),
        status=status,
    )
    db.add(person)
    await db.flush()
    db.add(Profile(person_id=person.id, job_title=f"Job of {person.display_name}", accessibility={}))
    await db.flush()
    await db.refresh(person)
    return person


async def build_world(db: AsyncSession, mint: TokenMint) -> World:
    world = World(mint)
    orgs: dict[str, Organisation] = {}
    people: dict[str, Person] = {}
    for name, (kind, parent) in ORGANISATIONS.items():
        orgs[name] = await make_organisation(db, f"w-{name}", kind, orgs[parent] if parent else None)
        world.ids[name], world.paths[name] = orgs[name].id, list(orgs[name].path)
    for name, (unit, supervisor, roles, grants, status) in PEOPLE.items():
        people[name] = await make_person(
            db,
            orgs[unit],
            email_of(name),
            supervisor=people[supervisor] if supervisor else None,
            roles=roles,
            status=status,
        )
        world.ids[name], world.paths[name], world.roles[name] = (
            people[name].id,
            list(orgs[unit].path),
            list(roles),
        )
        world.grants[name] = []
        for role, org in grants:
            db.add(RoleGrant(person_id=people[name].id, role=role, organisation_id=orgs[org].id))
            world.grants[name].append(Grant(role, orgs[org].id))
    invitation = Invitation(
        email="invited@b.example.lt",
        display_name="Invited To B",
        unit_id=orgs["b-unit-1"].id,
        token_hash=uuid.uuid4().hex,
        invited_by=str(people["b_hr"].id),
        expires_at=datetime.now(UTC) + timedelta(days=3),
    )
    db.add(invitation)
    await record(
        db,
        actor=str(people["b_hr"].id),
        actor_kind="person",
        action="person.renamed",
        target_type="person",
        target_id=people["b_learner"].id,
        org_path=list(orgs["b-unit-1"].path),
    )
    await db.flush()
    world.b_invitation = invitation.id
    return world


async def count(db: AsyncSession, table: Any) -> int:
    """Rows in a table (a mapped class or a Table)."""
    return await db.scalar(select(func.count()).select_from(table)) or 0


async def snapshot(db: AsyncSession) -> dict[str, Any]:
    """What a refused request must leave unchanged."""
    db.expire_all()
    people = (await db.execute(select(Person.__table__).order_by(Person.id))).all()
    profiles = (await db.execute(select(Profile.__table__).order_by(Profile.person_id))).all()
    grants = (await db.execute(select(RoleGrant.__table__).order_by(RoleGrant.id))).all()
    invitations = (await db.execute(select(Invitation.__table__).order_by(Invitation.id))).all()
    return {
        "people": people,
        "profiles": profiles,
        "grants": grants,
        "invitations": invitations,
        "audit": await count(db, AuditEvent),
        "outbox": await count(db, events.outbox),
    }


async def outbox(db: AsyncSession, event_type: str) -> list[dict[str, Any]]:
    """Payloads of the events of one type (in one transaction they share a time: no order)."""
    rows = await db.execute(
        select(events.outbox.c.payload)
        .where(events.outbox.c.type == event_type)
        .order_by(events.outbox.c.occurred_at)
    )
    return [row[0] for row in rows]
