"""Users: the people of the client's subtree, changed through identity.people.service (which audits
and publishes the events); only the e-mail address and the externalId are written here directly.

A change is applied as the difference between the User as it was shown and the User as the
request leaves it (after PUT or PATCH), so what the client cannot see (a supervisor outside its
subtree, another client's externalId) is never touched by what it sends back.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from email_validator import EmailNotValidError, validate_email
from scim2_models import (
    Context,
    GroupMembership,
    InvalidValueException,
    Meta,
    Resource,
    UniquenessException,
)
from sqlalchemy import case, exists, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from identity.organisations.models import Organisation
from identity.people import service as people
from identity.people.models import Person
from identity.scim.context import ScimClient
from identity.scim.errors import not_found
from identity.scim.filters import AttributeMap, Col, Const
from identity.scim.managers import set_manager
from identity.scim.protocol import (
    complete_reference,
    display_name,
    display_name_sql,
    key_of,
    parse_id,
    referenced_id,
    validate,
    weak_etag,
)
from identity.scim.resources import (
    DLA_USER_SCHEMA,
    ENTERPRISE_SCHEMA,
    USER_SCHEMA,
    DlaUser,
    Email,
    EnterpriseUser,
    FullUser,
    ManagerRef,
    Name,
    UnitRef,
)

LIMITS = {"given_name": 100, "family_name": 100, "display_name": 200, "external_id": 200, "email": 254}


def _key(schema: str, attribute: str) -> str:
    return f"{schema}:{attribute}".casefold()


def user_query(client: ScimClient) -> Any:
    """Every person the client reaches, with their unit."""
    return (
        select(Person, Organisation)
        .join(Organisation, Organisation.id == Person.unit_id)
        .where(Organisation.path.contains([client.root_id]), Person.status != "erased")
    )


def _visible_supervisor(client: ScimClient) -> Any:
    """The supervisor's id when the client reaches the supervisor too, else null."""
    supervisor, unit = aliased(Person), aliased(Organisation)
    reachable = exists().where(
        supervisor.id == Person.supervisor_id,
        supervisor.status != "erased",
        unit.id == supervisor.unit_id,
        unit.path.contains([client.root_id]),
    )
    return case((reachable, Person.supervisor_id), else_=None)


def user_map(client: ScimClient) -> AttributeMap:
    """User attributes as SQL, for filters and sorting (empty names count as unassigned)."""
    user, enterprise, dla = USER_SCHEMA, ENTERPRISE_SCHEMA, DLA_USER_SCHEMA
    external = case((Person.provisioned_by == client.client_id, Person.external_id), else_=None)
    return AttributeMap(
        columns={
            _key(user, "id"): Col(Person.id, "uuid"),
            _key(user, "externalId"): Col(external, "text"),
            _key(user, "userName"): Col(Person.email, "ci"),
            _key(user, "displayName"): Col(func.nullif(Person.display_name, ""), "ci"),
            _key(user, "name.givenName"): Col(func.nullif(Person.given_name, ""), "ci"),
            _key(user, "name.familyName"): Col(func.nullif(Person.family_name, ""), "ci"),
            _key(user, "active"): Col(Person.status == "active", "bool"),
            _key(user, "emails.value"): Col(Person.email, "ci"),
            _key(user, "emails.type"): Const("work"),
            _key(user, "emails.primary"): Const(True),
            _key(user, "groups.value"): Col(Person.unit_id, "uuid"),
            _key(user, "groups.display"): Col(display_name_sql(Organisation.name, client.language), "ci"),
            _key(user, "groups.type"): Const("direct"),
            _key(user, "meta.created"): Col(Person.created_at, "datetime"),
            _key(user, "meta.lastModified"): Col(Person.updated_at, "datetime"),
            _key(user, "meta.resourceType"): Const("User"),
            _key(enterprise, "manager.value"): Col(_visible_supervisor(client), "uuid"),
            _key(dla, "unit.value"): Col(Person.unit_id, "uuid"),
        },
        present={_key(user, "name"): Person.given_name + Person.family_name != ""},
    )


async def _reachable_supervisors(db: AsyncSession, client: ScimClient, ids: set[uuid.UUID]) -> set[uuid.UUID]:
    if not ids:
        return set()
    rows = await db.scalars(
        select(Person.id)
        .join(Organisation, Organisation.id == Person.unit_id)
        .where(Person.id.in_(ids), Person.status != "erased", Organisation.path.contains([client.root_id]))
    )
    return set(rows)


def to_user(client: ScimClient, person: Person, unit: Organisation, show_manager: bool) -> Resource[Any]:
    """The User a person is; their ETag is the row's version."""
    names = Name(given_name=person.given_name or None, family_name=person.family_name or None)
    user: Resource[Any] = FullUser(
        id=str(person.id),
        external_id=person.external_id if person.provisioned_by == client.client_id else None,
        user_name=person.email,
        name=names if names.given_name or names.family_name else None,
        display_name=person.display_name or None,
        active=person.status == "active",
        emails=[Email(value=person.email, type="work", primary=True)],
        groups=[
            GroupMembership(
                value=str(unit.id),
                ref=client.group_url(unit.id),
                display=display_name(unit.name, client.language),
                type="direct",
            )
        ],
        meta=Meta(
            resource_type="User",
            created=person.created_at,
            last_modified=person.updated_at,
            location=client.user_url(person.id),
            version=weak_etag(str(person.version)),
        ),
    )
    if show_manager and person.supervisor_id is not None:
        manager = ManagerRef(value=str(person.supervisor_id), ref=client.user_url(person.supervisor_id))
        user[EnterpriseUser] = EnterpriseUser(manager=manager)
    user[DlaUser] = DlaUser(unit=UnitRef(value=str(unit.id), ref=client.group_url(unit.id)))
    return user


async def users_of(
    db: AsyncSession, client: ScimClient, rows: list[tuple[Person, Organisation]]
) -> list[Resource[Any]]:
    supervisors = {person.supervisor_id for person, _ in rows if person.supervisor_id is not None}
    shown = await _reachable_supervisors(db, client, supervisors)
    return [to_user(client, person, unit, person.supervisor_id in shown) for person, unit in rows]


async def user_of(db: AsyncSession, client: ScimClient, person: Person) -> Resource[Any]:
    await db.refresh(person)
    unit = await db.get(Organisation, person.unit_id)
    assert unit is not None
    return (await users_of(db, client, [(person, unit)]))[0]


async def visible_person(db: AsyncSession, client: ScimClient, user_id: str, *, lock: bool = False) -> Person:
    """A person in the client's subtree; anything else, existing or not, is 404."""
    person_id = parse_id(user_id)
    query = user_query(client).where(Person.id == person_id)
    if lock:
        query = query.with_for_update(of=Person)
    row = (await db.execute(query)).first() if person_id else None
    if row is None:
        raise not_found("User")
    person: Person = row[0]
    return person


def read_user(
    payload: dict[str, Any], client: ScimClient, context: Context, current: Resource[Any] | None = None
) -> Resource[Any]:
    """A creation or replacement payload read as a User. What every person has (a status, a unit)
    defaults to `true` and the client's organisation on creation, and stays as it is when a
    replacement leaves it out (RFC 7644 §3.5.1 lets the service provider assign it)."""
    payload = dict(payload)
    if key_of(payload, "active") is None:
        payload["active"] = True if current is None else current.active  # type: ignore[attr-defined]
    dla_key = key_of(payload, DLA_USER_SCHEMA)
    if dla_key is None:
        unit = current[DlaUser].unit.value if current is not None else str(client.root_id)
        payload[DLA_USER_SCHEMA] = {"unit": {"value": unit}}
        dla_key = DLA_USER_SCHEMA
    _complete(payload, dla_key, "unit", f"{client.base_url}/Groups")
    enterprise_key = key_of(payload, ENTERPRISE_SCHEMA)
    if enterprise_key is not None:
        _complete(payload, enterprise_key, "manager", f"{client.base_url}/Users")
    return validate(FullUser, payload, context)  # type: ignore[no-any-return]


def _complete(payload: dict[str, Any], extension_key: str, attribute: str, url: str) -> None:
    extension = payload[extension_key]
    if not isinstance(extension, dict):
        return
    extension = dict(extension)
    key = key_of(extension, attribute)
    if key is not None:
        extension[key] = complete_reference(extension[key], url)
    payload[extension_key] = extension


@dataclass(frozen=True)
class Fields:
    """What a User says about a person, in the person's terms (references as `(value, $ref)`)."""

    email: str
    given_name: str
    family_name: str
    display_name: str
    active: bool
    external_id: str | None
    manager: tuple[str | None, str | None] | None
    unit: tuple[str | None, str | None] | None


def fields(user: Resource[Any]) -> Fields:
    name = getattr(user, "name", None)
    enterprise, dla = user[EnterpriseUser], user[DlaUser]
    manager = enterprise.manager if enterprise is not None else None
    unit = dla.unit if dla is not None else None
    return Fields(
        email=(getattr(user, "user_name", None) or "").strip(),
        given_name=(name.given_name if name else None) or "",
        family_name=(name.family_name if name else None) or "",
        display_name=getattr(user, "display_name", None) or "",
        active=getattr(user, "active", None) is not False,
        external_id=user.external_id,
        manager=(manager.value, manager.ref) if manager else None,
        unit=(unit.value, unit.ref) if unit else None,
    )


def _chosen(
    before: tuple[str | None, str | None] | None, after: tuple[str | None, str | None] | None
) -> str | None:
    """The id a reference names now: a changed value wins, else a changed URL, else the value."""
    if after is None:
        return None
    value, ref = after
    if before is not None and value == before[0] and ref != before[1]:
        return referenced_id(None, ref)
    return referenced_id(value, ref)


def _email(text: str) -> str:
    try:
        return validate_email(text, check_deliverability=False).normalized.lower()
    except EmailNotValidError:
        raise InvalidValueException(detail="userName: must be an e-mail address.") from None


def _check_lengths(wanted: Fields) -> None:
    for field, limit in LIMITS.items():
        value = getattr(wanted, field)
        if value is not None and len(value) > limit:
            raise InvalidValueException(detail=f"{field}: at most {limit} characters.")
    if wanted.external_id == "":
        raise InvalidValueException(detail="externalId: must not be empty.")


async def _unit(db: AsyncSession, client: ScimClient, text: str | None) -> uuid.UUID:
    unit_id = parse_id(text)
    if unit_id is not None and await db.scalar(
        select(Organisation.id).where(
            Organisation.id == unit_id, Organisation.path.contains([client.root_id])
        )
    ):
        return unit_id
    raise InvalidValueException(detail=f"{DLA_USER_SCHEMA}:unit: no Group has this id.")


async def _manager(db: AsyncSession, client: ScimClient, text: str | None) -> uuid.UUID | None:
    if text is None:
        return None
    manager_id = parse_id(text)
    if manager_id is not None and manager_id in await _reachable_supervisors(db, client, {manager_id}):
        return manager_id
    raise InvalidValueException(detail=f"{ENTERPRISE_SCHEMA}:manager: no User has this id.")


async def _email_free(db: AsyncSession, email: str) -> None:
    if await people.email_taken(db, email):
        raise UniquenessException(detail="userName: a person with this e-mail address exists already.")


async def _external_id_free(db: AsyncSession, client: ScimClient, value: str | None) -> None:
    if value is not None and await db.scalar(
        select(Person.id).where(Person.provisioned_by == client.client_id, Person.external_id == value)
    ):
        raise UniquenessException(detail="externalId: another User of this client has it.")


async def create_user(db: AsyncSession, client: ScimClient, user: Resource[Any]) -> Person:
    """A new person provisioned by this client."""
    wanted = fields(user)
    _check_lengths(wanted)
    email = _email(wanted.email)
    unit_id = await _unit(db, client, _chosen(None, wanted.unit))
    manager_id = await _manager(db, client, _chosen(None, wanted.manager))
    await _email_free(db, email)
    await _external_id_free(db, client, wanted.external_id)
    # An active manager is set as the person is created; a suspended one right after.
    active_manager = (
        manager_id is not None
        and await db.scalar(select(Person.status).where(Person.id == manager_id)) == "active"
    )
    # Others show people by this name, so a creation without one gets the person's name (or the
    # address's local part); a later PATCH may still remove it.
    display_name = (
        wanted.display_name or f"{wanted.given_name} {wanted.family_name}".strip() or email.split("@")[0]
    )
    person = await people.create_person(
        db,
        actor=client.actor,
        email=email,
        display_name=display_name,
        given_name=wanted.given_name,
        family_name=wanted.family_name,
        unit_id=unit_id,
        supervisor_id=manager_id if active_manager else None,
        external_id=wanted.external_id,
        provisioned_by=client.client_id,
    )
    if manager_id is not None and not active_manager:
        await set_manager(db, person, manager_id, actor=client.actor)
    if not wanted.active:
        await people.suspend(db, person, actor=client.actor)
    return person


async def update_user(
    db: AsyncSession, client: ScimClient, person: Person, before: Resource[Any], after: Resource[Any]
) -> None:
    """Make the person what `after` says, changing only what differs from `before`."""
    old, new = fields(before), fields(after)
    _check_lengths(new)
    if new.email != old.email:
        await _change_email(db, client, person, _email(new.email))
    await people.rename(
        db,
        person,
        actor=client.actor,
        given_name=new.given_name,
        family_name=new.family_name,
        display_name=new.display_name,
    )
    if new.external_id != old.external_id:
        await _external_id_free(db, client, new.external_id)
        person.external_id, person.provisioned_by = new.external_id, client.client_id
        await db.flush()
    if new.unit != old.unit:
        await people.move(
            db, person, await _unit(db, client, _chosen(old.unit, new.unit)), actor=client.actor
        )
    if new.manager != old.manager:
        manager_id = await _manager(db, client, _chosen(old.manager, new.manager))
        await set_manager(db, person, manager_id, actor=client.actor)
    if new.active != old.active:
        change = people.reactivate if new.active else people.suspend
        await change(db, person, actor=client.actor)


async def _change_email(db: AsyncSession, client: ScimClient, person: Person, email: str) -> None:
    """A new sign-in address: unverified until the person proves it (identity.people.service has no
    e-mail change of its own, so it is written and audited here)."""
    if email == person.email:
        return
    await _email_free(db, email)
    person.email, person.email_verified = email, False
    await db.flush()
    path = await people.unit_path(db, person.unit_id)
    await people.audit(db, client.actor, "person.email_changed", person, path)


async def delete_user(db: AsyncSession, client: ScimClient, person: Person) -> None:
    """DELETE erases the person (RFC 7644 §3.6: gone for SCIM; DLA keeps only the audit log)."""
    await people.erase(db, person, actor=client.actor)
