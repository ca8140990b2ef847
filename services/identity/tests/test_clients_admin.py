"""The API-client administration: who may manage which client, secrets shown once and stored as
argon2id hashes, rotation, revocation, the audit log; and the secrets working for real."""

from __future__ import annotations

import json
import uuid
from typing import Any

import httpx
from fastapi import FastAPI
from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from identity.accounts.passwords import verify_secret
from identity.audit.models import AuditEvent
from identity.oauth.clients import create_confidential, ensure_spa_client
from identity.oauth.models import OAuthClient
from identity.organisations.models import Organisation
from identity.people.models import Person
from identity.settings import IdentitySettings
from kit.auth import Grant
from kit.testing.plugin import problem
from kit.testing.tokens import TokenMint

from .factories.oauth import Provider, Tree, basic, code_flow, make_person, make_tree, sign_in


def as_bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def org_admin(
    db: AsyncSession, mint: TokenMint, tree: Tree, over: Organisation | None = None
) -> dict[str, str]:
    """A token of a person who is org admin of `over` (the ministry by default)."""
    target = over or tree.ministry
    person = await make_person(db, tree.unit, grants=[("org_admin", target.id)])
    return as_bearer(mint.person(person.id, tree.path, grants=[Grant("org_admin", target.id)]))


async def platform_admin(db: AsyncSession, mint: TokenMint, tree: Tree) -> dict[str, str]:
    person = await make_person(db, tree.unit, roles=["learner", "platform_admin"])
    return as_bearer(mint.person(person.id, tree.path, roles=["learner", "platform_admin"]))


async def sub_unit(db: AsyncSession, parent: Organisation) -> Organisation:
    tag = uuid.uuid4().hex[:8]
    unit = Organisation(code=f"sub-{tag}", kind="unit", name={"en": tag, "lt": tag}, parent_id=parent.id)
    db.add(unit)
    await db.flush()
    await db.refresh(unit)
    return unit


def body(organisation: Organisation, **overrides: Any) -> dict[str, Any]:
    return {
        "name": "Ministry HR system",
        "organisation_id": str(organisation.id),
        "scopes": ["hr.read"],
        **overrides,
    }


async def audit_events(db: AsyncSession, target_id: str) -> list[AuditEvent]:
    return list(
        (
            await db.scalars(
                select(AuditEvent).where(AuditEvent.target_id == target_id).order_by(AuditEvent.id)
            )
        ).all()
    )


async def test_an_org_admin_creates_a_client_whose_secret_is_shown_once_and_stored_hashed(
    client: httpx.AsyncClient, db_session: AsyncSession, dla_token_mint: TokenMint, app: FastAPI
) -> None:
    tree = await make_tree(db_session)
    admin = await org_admin(db_session, dla_token_mint, tree)
    unit = await sub_unit(db_session, tree.ministry)
    created = await client.post(
        "/clients", json=body(unit, scopes=["scim", "hr.read", "scim"]), headers=admin
    )
    assert created.status_code == 201, created.text
    data = created.json()
    secret = data.pop("client_secret")
    assert len(secret) >= 40
    assert data["kind"] == "confidential"
    assert data["status"] == "active"
    assert data["scopes"] == ["scim", "hr.read"]
    assert data["grant_types"] == ["client_credentials"]
    assert data["organisation_id"] == str(unit.id)
    assert data["client_id"].startswith(unit.code)

    row = await db_session.scalar(select(OAuthClient).where(OAuthClient.id == uuid.UUID(data["id"])))
    assert row is not None
    assert row.secret_hash is not None
    assert row.secret_hash.startswith("$argon2id$")
    assert secret not in row.secret_hash
    settings: IdentitySettings = app.state.settings
    assert verify_secret(settings, row.secret_hash, secret)

    shown = await client.get(f"/clients/{data['id']}", headers=admin)
    assert shown.json() == data  # never the secret again
    listed = await client.get("/clients", headers=admin)
    assert [item["id"] for item in listed.json()["items"]] == [data["id"]]

    [event] = await audit_events(db_session, data["id"])
    assert (event.action, event.target_type, event.actor_kind) == (
        "oauth_client.created",
        "oauth_client",
        "person",
    )
    assert event.org_path == unit.path
    assert secret not in json.dumps(event.details)


async def test_clients_of_another_ministry_do_not_exist_for_an_org_admin(
    client: httpx.AsyncClient, db_session: AsyncSession, dla_token_mint: TokenMint, app: FastAPI
) -> None:
    mine, theirs = await make_tree(db_session), await make_tree(db_session)
    admin = await org_admin(db_session, dla_token_mint, mine)
    other, _ = await create_confidential(
        db_session,
        app.state.settings,
        client_id=f"other-{uuid.uuid4().hex[:6]}",
        name="Other HR",
        organisation_id=theirs.ministry.id,
        scopes=["hr.read"],
        created_by="test",
    )
    assert (await client.post("/clients", json=body(mine.ministry), headers=admin)).status_code == 201
    problem(await client.post("/clients", json=body(theirs.unit), headers=admin), 404, "not-found")
    problem(await client.post("/clients", json=body(mine.country), headers=admin), 404, "not-found")  # above
    for path in (f"/clients/{other.id}", f"/clients/{uuid.uuid4()}"):
        problem(await client.get(path, headers=admin), 404, "not-found")
    for action in ("secret", "revoke"):
        problem(await client.post(f"/clients/{other.id}/{action}", headers=admin), 404, "not-found")
    listed = (await client.get("/clients", headers=admin)).json()
    assert str(other.id) not in {item["id"] for item in listed["items"]}
    assert listed["total"] == 1
    await db_session.refresh(other)
    assert other.status == "active"
    assert await audit_events(db_session, str(other.id)) == []

    # An org admin of the other ministry's unit only reaches that unit's clients, not the ministry's.
    unit_admin = await org_admin(db_session, dla_token_mint, theirs, over=theirs.unit)
    problem(await client.get(f"/clients/{other.id}", headers=unit_admin), 404, "not-found")
    # A platform admin reaches every client.
    root = await platform_admin(db_session, dla_token_mint, mine)
    assert (await client.get(f"/clients/{other.id}", headers=root)).status_code == 200
    assert (await client.get("/clients", headers=root)).json()["total"] >= 2


async def test_people_without_admin_rights_machines_and_strangers_are_turned_away(
    client: httpx.AsyncClient, db_session: AsyncSession, dla_token_mint: TokenMint
) -> None:
    clients_before = await db_session.scalar(select(func.count()).select_from(OAuthClient))
    tree = await make_tree(db_session)
    learner = await make_person(db_session, tree.unit)
    hr = await make_person(db_session, tree.unit, grants=[("hr_manager", tree.ministry.id)])
    tokens = {
        "learner": as_bearer(dla_token_mint.person(learner.id, tree.path)),
        "hr manager": as_bearer(
            dla_token_mint.person(hr.id, tree.path, grants=[Grant("hr_manager", tree.ministry.id)])
        ),
    }
    for headers in tokens.values():
        problem(await client.get("/clients", headers=headers), 403, "forbidden")
        problem(await client.post("/clients", json=body(tree.ministry), headers=headers), 403, "forbidden")
    machine = as_bearer(dla_token_mint.client("hr-x", tree.path[:2], scope="dla scim"))
    problem(await client.get("/clients", headers=machine), 403, "forbidden")
    admin_without_dla = as_bearer(
        dla_token_mint.person(
            learner.id, tree.path, grants=[Grant("org_admin", tree.ministry.id)], scope="openid"
        )
    )
    problem(await client.get("/clients", headers=admin_without_dla), 403, "insufficient-scope")
    problem(await client.get("/clients"), 401, "unauthorized")
    # A suspended admin's still-valid token is no longer good here.
    suspended = await make_person(db_session, tree.unit, grants=[("org_admin", tree.ministry.id)])
    token = as_bearer(
        dla_token_mint.person(suspended.id, tree.path, grants=[Grant("org_admin", tree.ministry.id)])
    )
    await db_session.execute(update(Person).where(Person.id == suspended.id).values(status="suspended"))
    problem(await client.get("/clients", headers=token), 401, "unauthorized")
    assert await db_session.scalar(select(func.count()).select_from(OAuthClient)) == clients_before


async def test_only_platform_admins_create_service_clients(
    client: httpx.AsyncClient, db_session: AsyncSession, dla_token_mint: TokenMint
) -> None:
    tree = await make_tree(db_session)
    admin = await org_admin(db_session, dla_token_mint, tree)
    problem(
        await client.post("/clients", json=body(tree.ministry, scopes=["service"]), headers=admin),
        403,
        "forbidden",
    )
    root = await platform_admin(db_session, dla_token_mint, tree)
    created = await client.post("/clients", json=body(tree.country, scopes=["service"]), headers=root)
    assert created.status_code == 201
    assert created.json()["scopes"] == ["service"]


async def test_bad_input_is_refused_and_creates_nothing(
    client: httpx.AsyncClient, db_session: AsyncSession, dla_token_mint: TokenMint
) -> None:
    counts = [
        await db_session.scalar(select(func.count()).select_from(table))
        for table in (OAuthClient, AuditEvent)
    ]
    tree = await make_tree(db_session)
    admin = await org_admin(db_session, dla_token_mint, tree)
    bad = [
        body(tree.ministry, scopes=["openid"]),
        body(tree.ministry, scopes=[]),
        body(tree.ministry, name="   "),
        body(tree.ministry, name="x" * 201),
        body(tree.ministry, name="HR\x00system"),
        body(tree.ministry, organisation_id="not-a-uuid"),
        {**body(tree.ministry), "client_secret": "mine"},
        {**body(tree.ministry), "grant_types": ["authorization_code"]},
    ]
    for payload in bad:
        problem(await client.post("/clients", json=payload, headers=admin), 422, "validation")
    problem(
        await client.post(
            "/clients", json=body(tree.ministry, organisation_id=str(uuid.uuid4())), headers=admin
        ),
        404,
        "not-found",
    )
    problem(await client.get("/clients/not-a-uuid", headers=admin), 422, "validation")
    problem(await client.get("/clients", params={"limit": 1000}, headers=admin), 422, "validation")
    assert [
        await db_session.scalar(select(func.count()).select_from(table))
        for table in (OAuthClient, AuditEvent)
    ] == counts


async def test_rotating_and_revoking_a_secret(
    client: httpx.AsyncClient, db_session: AsyncSession, dla_token_mint: TokenMint, app: FastAPI
) -> None:
    tree = await make_tree(db_session)
    admin = await org_admin(db_session, dla_token_mint, tree)
    created = (await client.post("/clients", json=body(tree.ministry), headers=admin)).json()
    rotated = await client.post(f"/clients/{created['id']}/secret", headers=admin)
    assert rotated.status_code == 200
    new_secret = rotated.json()["client_secret"]
    assert new_secret != created["client_secret"]
    assert rotated.json()["secret_rotated_at"] is not None
    row = await db_session.get(OAuthClient, uuid.UUID(created["id"]))
    assert row is not None
    await db_session.refresh(row)
    settings = app.state.settings
    assert verify_secret(settings, row.secret_hash, new_secret)
    assert not verify_secret(settings, row.secret_hash, created["client_secret"])

    for _ in range(2):  # revoking twice is the same as once
        revoked = await client.post(f"/clients/{created['id']}/revoke", headers=admin)
        assert revoked.status_code == 200
        assert revoked.json()["status"] == "revoked"
        assert revoked.json()["revoked_at"] is not None
    problem(await client.post(f"/clients/{created['id']}/secret", headers=admin), 409, "conflict")
    actions = [event.action for event in await audit_events(db_session, created["id"])]
    assert actions == ["oauth_client.created", "oauth_client.secret_rotated", "oauth_client.revoked"]


async def test_the_web_apps_own_client_is_neither_revoked_nor_given_a_secret(
    client: httpx.AsyncClient, db_session: AsyncSession, dla_token_mint: TokenMint, app: FastAPI
) -> None:
    tree = await make_tree(db_session)
    spa = await ensure_spa_client(db_session, app.state.settings)
    root = await platform_admin(db_session, dla_token_mint, tree)
    listed = (await client.get("/clients", headers=root, params={"limit": 100})).json()["items"]
    assert {item["client_id"]: item["kind"] for item in listed}[spa.client_id] == "public"
    problem(await client.post(f"/clients/{spa.id}/secret", headers=root), 409, "conflict")
    problem(await client.post(f"/clients/{spa.id}/revoke", headers=root), 409, "conflict")


async def test_a_created_secret_works_at_the_token_endpoint_until_rotated_or_revoked(
    oidc_provider: Provider, browser: httpx.AsyncClient
) -> None:
    async with oidc_provider.sessions() as db, db.begin():
        tree = await make_tree(db)
        admin = await make_person(db, tree.unit, grants=[("org_admin", tree.ministry.id)])
    await sign_in(oidc_provider, browser, admin)
    headers = as_bearer((await code_flow(oidc_provider, browser))["access_token"])
    created = await browser.post("/clients", json=body(tree.ministry, scopes=["scim"]), headers=headers)
    assert created.status_code == 201, created.text
    client_id, first = created.json()["client_id"], created.json()["client_secret"]

    async def token_status(secret: str) -> int:
        answer = await browser.post(
            oidc_provider.token_url,
            data={"grant_type": "client_credentials"},
            headers=basic(client_id, secret),
        )
        return answer.status_code

    assert await token_status(first) == 200
    second = (await browser.post(f"/clients/{created.json()['id']}/secret", headers=headers)).json()[
        "client_secret"
    ]
    assert await token_status(first) == 401
    assert await token_status(second) == 200
    assert (await browser.post(f"/clients/{created.json()['id']}/revoke", headers=headers)).status_code == 200
    assert await token_status(second) == 401
