"""The people service other areas call (registration, SCIM): it checks the data, audits, announces."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from identity.audit.models import AuditEvent
from identity.people import service
from identity.people.access import SYSTEM, Actor
from identity.people.models import Person
from kit.problems import Conflict, Invalid

from .factories.people import World, outbox

SCIM = Actor("vrm-hr-system", "client")


async def person(db: AsyncSession, world: World, name: str) -> Person:
    found = await db.get(Person, world.id(name))
    assert found is not None
    return found


async def test_create_person_normalises_announces_and_audits_with_the_actor(
    db_session: AsyncSession, world: World
) -> None:
    created = await service.create_person(
        db_session,
        actor=SCIM,
        email="  New.Person@A.example.lt ",
        display_name="New Person",
        unit_id=world.id("a-unit-3"),
        external_id="hr-42",
        provisioned_by="vrm-hr-system",
    )
    assert (created.email, created.external_id, created.status) == (
        "new.person@a.example.lt",
        "hr-42",
        "active",
    )
    [event] = await outbox(db_session, "identity.person.created")
    assert event["org_path"] == [str(org) for org in world.path("a-unit-3")]
    audit = await db_session.scalar(select(AuditEvent).where(AuditEvent.target_id == str(created.id)))
    assert audit is not None
    assert (audit.actor, audit.actor_kind) == ("vrm-hr-system", "client")


@pytest.mark.parametrize(
    ("fields", "error"),
    [
        ({"email": "A.HEAD@a.example.lt"}, Conflict),
        ({"unit_id": uuid.uuid4()}, Invalid),
        ({"roles": ("learner", "supervisor")}, Invalid),
        ({"supervisor_id": uuid.uuid4()}, Invalid),
    ],
)
async def test_create_person_refuses_bad_data(
    db_session: AsyncSession, world: World, fields: dict[str, object], error: type[Exception]
) -> None:
    arguments: dict[str, object] = {
        "email": "x@a.example.lt",
        "display_name": "X",
        "unit_id": world.id("a-unit-1"),
    }
    with pytest.raises(error):
        await service.create_person(db_session, actor=SYSTEM, **{**arguments, **fields})  # type: ignore[arg-type]


async def test_supervisor_loops_are_refused_at_any_depth(db_session: AsyncSession, world: World) -> None:
    head = await person(db_session, world, "a_head")
    with pytest.raises(Invalid, match="reports to"):
        await service.set_supervisor(db_session, head, world.id("a_subreport"), actor=SYSTEM)
    with pytest.raises(Invalid, match="themselves"):
        await service.set_supervisor(db_session, head, head.id, actor=SYSTEM)
    with pytest.raises(Invalid, match="active"):
        await service.set_supervisor(db_session, head, world.id("a_suspended"), actor=SYSTEM)
    assert await service.set_supervisor(db_session, head, world.id("a_hr"), actor=SYSTEM) is True
    assert await service.set_supervisor(db_session, head, world.id("a_hr"), actor=SYSTEM) is False


async def test_status_changes_and_erasure_are_idempotent(db_session: AsyncSession, world: World) -> None:
    other = await person(db_session, world, "a_other")
    assert await service.reactivate(db_session, other, actor=SYSTEM) is False
    assert await service.suspend(db_session, other, actor=SYSTEM) is True
    assert await service.suspend(db_session, other, actor=SYSTEM) is False
    await service.erase(db_session, other, actor=SYSTEM)
    await service.erase(db_session, other, actor=SYSTEM)
    assert len(await outbox(db_session, "identity.person.erased")) == 1
    assert await service.reactivate(db_session, other, actor=SYSTEM) is False  # erased stays erased


async def test_set_roles_refuses_unknown_roles_and_organisations(
    db_session: AsyncSession, world: World
) -> None:
    other = await person(db_session, world, "a_other")
    with pytest.raises(Invalid):
        await service.set_roles(db_session, other, ["learner", "boss"], [], actor=SYSTEM)
    with pytest.raises(Invalid):
        await service.set_roles(db_session, other, ["learner"], [("hr_manager", uuid.uuid4())], actor=SYSTEM)
    with pytest.raises(Invalid):
        await service.set_roles(db_session, other, ["learner"], [("mentor", world.id("a"))], actor=SYSTEM)
    assert await service.set_roles(db_session, other, other.roles, [], actor=SYSTEM) is False


async def test_a_new_address_is_unverified_and_must_be_free_in_any_letter_case(
    db_session: AsyncSession, world: World
) -> None:
    other = await person(db_session, world, "a_other")
    with pytest.raises(Conflict):
        await service.change_email(db_session, other, "A.HEAD@a.example.lt", actor=SCIM)
    assert await service.change_email(db_session, other, " Moved@A.example.lt", actor=SCIM) is True
    assert (other.email, other.email_verified) == ("moved@a.example.lt", False)
    assert await service.change_email(db_session, other, "moved@a.example.lt", actor=SCIM) is False
