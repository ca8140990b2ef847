"""Groups: the organisation units of the client's subtree; their members are the people in them.

Creating a Group creates a unit under the client's organisation; renaming or deleting one changes
the unit (the client's own organisation cannot be renamed or deleted; a unit is deleted only once
it holds nobody and nothing). Adding a member moves the person into the unit; removing one moves
them up to the unit's parent organisation.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

from scim2_models import (
    ConflictException,
    Context,
    ForbiddenException,
    InvalidValueException,
    Meta,
    MutabilityException,
    Resource,
    UniquenessException,
)
from sqlalchemy import delete, exists, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from identity.audit.service import record
from identity.oauth.models import OAuthClient
from identity.organisations.models import Organisation
from identity.organisations.schemas import OrganisationCreate, OrganisationKind
from identity.organisations.service import create_organisation
from identity.people import service as people
from identity.people.models import Invitation, Person, RoleGrant
from identity.scim import events
from identity.scim.context import ScimClient
from identity.scim.errors import not_found
from identity.scim.filters import AttributeMap, Col, Const, Relation
from identity.scim.models import GroupExternalId
from identity.scim.protocol import (
    display_name,
    display_name_sql,
    parse_id,
    referenced_id,
    validate,
    weak_etag,
)
from identity.scim.resources import GROUP_SCHEMA, FullGroup, GroupMember

NAME_LENGTH = 200
EXTERNAL_ID_LENGTH = 200


def _key(attribute: str) -> str:
    return f"{GROUP_SCHEMA}:{attribute}".casefold()


def group_query(client: ScimClient) -> Any:
    """Every unit the client reaches."""
    return select(Organisation).where(Organisation.path.contains([client.root_id]))


def group_map(client: ScimClient) -> AttributeMap:
    """Group attributes as SQL, for filters and sorting."""
    member = aliased(Person)

    def has_member(condition: Any) -> Any:
        return exists().where(member.unit_id == Organisation.id, member.status != "erased", condition)

    external = (
        select(GroupExternalId.external_id)
        .where(
            GroupExternalId.organisation_id == Organisation.id, GroupExternalId.client_id == client.client_id
        )
        .scalar_subquery()
    )
    return AttributeMap(
        columns={
            _key("id"): Col(Organisation.id, "uuid"),
            _key("externalId"): Col(external, "text"),
            _key("displayName"): Col(display_name_sql(Organisation.name, client.language), "ci"),
            _key("meta.created"): Col(Organisation.created_at, "datetime"),
            _key("meta.lastModified"): Col(Organisation.updated_at, "datetime"),
            _key("meta.resourceType"): Const("Group"),
        },
        relations=(
            Relation(
                exists=has_member,
                columns={_key("members.value"): Col(member.id, "uuid"), _key("members.type"): Const("User")},
            ),
        ),
    )


async def members_of(db: AsyncSession, unit_ids: list[uuid.UUID]) -> dict[uuid.UUID, list[uuid.UUID]]:
    """The people (not erased) of each unit, in a stable order."""
    members: dict[uuid.UUID, list[uuid.UUID]] = {unit: [] for unit in unit_ids}
    rows = await db.execute(
        select(Person.unit_id, Person.id)
        .where(Person.unit_id.in_(unit_ids), Person.status != "erased")
        .order_by(Person.id)
    )
    for unit, person in rows:
        members[unit].append(person)
    return members


async def external_ids(
    db: AsyncSession, client: ScimClient, unit_ids: list[uuid.UUID]
) -> dict[uuid.UUID, str]:
    rows = await db.execute(
        select(GroupExternalId.organisation_id, GroupExternalId.external_id).where(
            GroupExternalId.organisation_id.in_(unit_ids), GroupExternalId.client_id == client.client_id
        )
    )
    return dict(rows.all())


def to_group(
    client: ScimClient, unit: Organisation, members: list[uuid.UUID], external_id: str | None
) -> Resource[Any]:
    """The Group a unit is, with a weak ETag over everything it shows."""
    group: Resource[Any] = FullGroup(
        id=str(unit.id),
        external_id=external_id,
        display_name=display_name(unit.name, client.language),
        members=[GroupMember(value=str(m), ref=client.user_url(m), type="User") for m in members] or None,
    )
    digest = hashlib.sha256(json.dumps(group.model_dump(mode="json"), sort_keys=True).encode())
    digest.update(unit.updated_at.isoformat().encode())
    group.meta = Meta(
        resource_type="Group",
        created=unit.created_at,
        last_modified=unit.updated_at,
        location=client.group_url(unit.id),
        version=weak_etag(digest.hexdigest()[:20]),
    )
    return group


async def groups_of(db: AsyncSession, client: ScimClient, units: list[Organisation]) -> list[Resource[Any]]:
    ids = [unit.id for unit in units]
    members, externals = await members_of(db, ids), await external_ids(db, client, ids)
    return [to_group(client, unit, members[unit.id], externals.get(unit.id)) for unit in units]


async def group_of(db: AsyncSession, client: ScimClient, unit: Organisation) -> Resource[Any]:
    await db.refresh(unit)
    return (await groups_of(db, client, [unit]))[0]


async def visible_unit(
    db: AsyncSession, client: ScimClient, group_id: str, *, lock: bool = False
) -> Organisation:
    """A unit in the client's subtree; anything else, existing or not, is 404."""
    unit_id = parse_id(group_id)
    query = group_query(client).where(Organisation.id == unit_id)
    unit: Organisation | None = (
        await db.scalar(query.with_for_update() if lock else query) if unit_id else None
    )
    if unit is None:
        raise not_found("Group")
    return unit


def _name(group: Resource[Any]) -> str:
    name = (getattr(group, "display_name", None) or "").strip()
    if not name:
        raise InvalidValueException(detail="displayName: a Group needs a name.")
    if len(name) > NAME_LENGTH:
        raise InvalidValueException(detail=f"displayName: at most {NAME_LENGTH} characters.")
    return name


def _external_id(group: Resource[Any]) -> str | None:
    value = group.external_id
    if value is not None and (not value or len(value) > EXTERNAL_ID_LENGTH):
        raise InvalidValueException(detail=f"externalId: 1 to {EXTERNAL_ID_LENGTH} characters.")
    return value


def _member_ids(group: Resource[Any]) -> set[uuid.UUID]:
    ids: set[uuid.UUID] = set()
    for member in getattr(group, "members", None) or []:
        if member.type not in (None, "User"):
            raise InvalidValueException(detail="members: only Users are members; sub-units are not.")
        person_id = parse_id(referenced_id(member.value, member.ref))
        if person_id is None:
            raise InvalidValueException(detail="members: a member needs the id of a User.")
        ids.add(person_id)
    return ids


async def _people(db: AsyncSession, client: ScimClient, ids: set[uuid.UUID]) -> list[Person]:
    """The people named, each visible to the client (400 otherwise: a member must be a User here)."""
    if not ids:
        return []
    rows = await db.scalars(
        select(Person)
        .join(Organisation, Organisation.id == Person.unit_id)
        .where(Person.id.in_(ids), Person.status != "erased", Organisation.path.contains([client.root_id]))
        .order_by(Person.id)
        .with_for_update(of=Person)
    )
    people_found = list(rows)
    if len(people_found) != len(ids):
        raise InvalidValueException(detail="members: no User has one of these ids.")
    return people_found


async def _set_external_id(
    db: AsyncSession, client: ScimClient, unit: Organisation, value: str | None
) -> None:
    await db.execute(
        delete(GroupExternalId).where(
            GroupExternalId.organisation_id == unit.id, GroupExternalId.client_id == client.client_id
        )
    )
    if value is None:
        return
    taken = await db.scalar(
        select(GroupExternalId.organisation_id).where(
            GroupExternalId.client_id == client.client_id, GroupExternalId.external_id == value
        )
    )
    if taken is not None:
        raise UniquenessException(detail="externalId: another Group of this client has it.")
    db.add(GroupExternalId(organisation_id=unit.id, client_id=client.client_id, external_id=value))
    await db.flush()


async def _set_members(
    db: AsyncSession, client: ScimClient, unit: Organisation, before: set[uuid.UUID], after: set[uuid.UUID]
) -> None:
    arriving = await _people(db, client, after - before)
    leaving = await _people(db, client, before - after)
    if leaving and unit.id == client.root_id:
        raise MutabilityException(
            detail="members: people of your own organisation can only move into one of its units."
        )
    for person in arriving:
        await people.move(db, person, unit.id, actor=client.actor)
    for person in leaving:
        assert unit.parent_id is not None
        await people.move(db, person, unit.parent_id, actor=client.actor)


async def _audit(
    db: AsyncSession, client: ScimClient, action: str, unit: Organisation, **details: Any
) -> None:
    await record(
        db,
        actor=client.client_id,
        actor_kind="client",
        action=action,
        target_type="organisation",
        target_id=unit.id,
        org_path=list(unit.path),
        ip=client.ip,
        details=details,
    )


async def create_group(db: AsyncSession, client: ScimClient, group: Resource[Any]) -> Organisation:
    """A new unit under the client's organisation, with its members moved in."""
    name, external_id, member_ids = _name(group), _external_id(group), _member_ids(group)
    code = f"scim-{uuid.uuid4().hex[:16]}"
    unit, _ = await create_organisation(
        db,
        OrganisationCreate(
            code=code, kind=OrganisationKind.unit, name={client.language: name}, parent_id=client.root_id
        ),
    )
    await db.refresh(unit)
    await _set_external_id(db, client, unit, external_id)
    await _set_members(db, client, unit, set(), member_ids)
    await _audit(db, client, "organisation.created", unit, name=name)
    return unit


async def update_group(
    db: AsyncSession, client: ScimClient, unit: Organisation, before: Resource[Any], after: Resource[Any]
) -> None:
    """Make the unit what `after` says, changing only what differs from `before`."""
    name, external_id = _name(after), _external_id(after)
    if name != getattr(before, "display_name", None):
        if unit.id == client.root_id:
            raise ForbiddenException(detail="Your own organisation cannot be renamed through SCIM.")
        # The other languages named the unit by its old name; they are dropped rather than left wrong.
        unit.name = {client.language: name}
        await db.flush()
        await db.refresh(unit)
        await events.organisation_updated(db, unit)
        await _audit(db, client, "organisation.renamed", unit, name=name)
    if external_id != before.external_id:
        await _set_external_id(db, client, unit, external_id)
    await _set_members(db, client, unit, _member_ids(before), _member_ids(after))


async def delete_group(db: AsyncSession, client: ScimClient, unit: Organisation) -> None:
    """Delete an empty unit (no sub-units, people, clients, grants or open invitations)."""
    if unit.id == client.root_id or unit.parent_id is None:
        raise ForbiddenException(detail="Your own organisation cannot be deleted through SCIM.")
    holders = {
        "sub-units": exists().where(Organisation.parent_id == unit.id),
        "people": exists().where(Person.unit_id == unit.id, Person.status != "erased"),
        "API clients": exists().where(OAuthClient.organisation_id == unit.id),
        "role grants": exists().where(RoleGrant.organisation_id == unit.id),
        "open invitations": exists().where(
            Invitation.unit_id == unit.id, Invitation.accepted_at.is_(None), Invitation.revoked_at.is_(None)
        ),
    }
    for what, condition in holders.items():
        if await db.scalar(select(condition)):
            raise ConflictException(detail=f"The unit still has {what}; move or remove them first.")
    # Erased people keep their row (and so a unit) but nothing personal: they go up a level.
    await db.execute(update(Person).where(Person.unit_id == unit.id).values(unit_id=unit.parent_id))
    await db.execute(delete(Invitation).where(Invitation.unit_id == unit.id))
    await events.organisation_deleted(db, unit)
    await _audit(db, client, "organisation.deleted", unit, code=unit.code)
    await db.delete(unit)
    await db.flush()


def read_group(payload: dict[str, Any], context: Context) -> Resource[Any]:
    """A Group payload read for creation or replacement."""
    group: Resource[Any] = validate(FullGroup, payload, context)
    return group
