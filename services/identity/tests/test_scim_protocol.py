"""SCIM at /scim/v2: discovery, who may call it, SCIM errors, ETags and absolute URLs."""

from __future__ import annotations

import httpx
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from identity.oauth.models import OAuthClient

from .factories.people import World
from .factories.scim import (
    BASE,
    DLA,
    ENTERPRISE,
    GROUP,
    SCIM_JSON,
    USER,
    Clients,
    add_client,
    client_headers,
    error,
    ok,
    patch,
    scim_snapshot,
    user,
)


async def test_discovery_describes_users_groups_and_the_extensions_without_a_token(
    client: httpx.AsyncClient,
) -> None:
    config = ok(await client.get("/scim/v2/ServiceProviderConfig"))
    assert config["patch"] == {"supported": True}
    assert config["bulk"]["supported"] is False
    assert config["filter"] == {"supported": True, "maxResults": 200}
    assert config["sort"] == {"supported": True}
    assert config["etag"] == {"supported": True}
    assert config["authenticationSchemes"][0]["type"] == "oauthbearertoken"
    assert config["meta"]["location"] == f"{BASE}/ServiceProviderConfig"

    types = ok(await client.get("/scim/v2/ResourceTypes"))
    assert {kind["id"]: kind["endpoint"] for kind in types["Resources"]} == {
        "User": "/Users",
        "Group": "/Groups",
    }
    user_type = ok(await client.get("/scim/v2/ResourceTypes/User"))
    assert user_type["schemaExtensions"] == [
        {"schema": ENTERPRISE, "required": False},
        {"schema": DLA, "required": True},
    ]
    assert user_type["meta"] == {"resourceType": "ResourceType", "location": f"{BASE}/ResourceTypes/User"}

    schemas = ok(await client.get("/scim/v2/Schemas"))
    assert {schema["id"] for schema in schemas["Resources"]} == {USER, GROUP, ENTERPRISE, DLA}
    user_schema = ok(await client.get(f"/scim/v2/Schemas/{USER}"))
    attributes = {attribute["name"]: attribute for attribute in user_schema["attributes"]}
    assert attributes["userName"]["required"] is True
    assert attributes["userName"]["uniqueness"] == "server"
    assert attributes["emails"]["mutability"] == "readOnly"
    assert attributes["active"]["required"] is True
    assert "nickName" not in attributes  # only what DLA keeps is described
    dla_schema = ok(await client.get(f"/scim/v2/Schemas/{DLA}"))
    assert [attribute["name"] for attribute in dla_schema["attributes"]] == ["unit"]

    error(await client.get("/scim/v2/Schemas/urn:nothing:here"), 404)
    error(await client.get("/scim/v2/ResourceTypes/Pet"), 404)


async def test_unknown_endpoints_and_methods_are_scim_errors(
    client: httpx.AsyncClient, scim: Clients
) -> None:
    error(await client.get("/scim/v2/Pets", headers=scim["a"]), 404)
    error(await client.get("/scim/v2/Users/x/y", headers=scim["a"]), 404)
    refused = await client.post("/scim/v2/ServiceProviderConfig", headers=scim["a"])
    error(refused, 405)
    assert refused.headers["allow"] == "GET"
    error(await client.delete("/scim/v2/Schemas", headers=scim["a"]), 405)
    error(await client.put("/scim/v2/Users", headers=scim["a"], json={}), 405)


async def test_only_an_active_clients_scim_token_for_its_own_organisation_gets_in(
    client: httpx.AsyncClient, world: World, scim: Clients, db_session: AsyncSession
) -> None:
    missing = error(await client.get("/scim/v2/Users"), 401)
    assert "detail" in missing
    assert (await client.get("/scim/v2/Users")).headers["www-authenticate"].startswith("Bearer")
    error(await client.get("/scim/v2/Users", headers={"Authorization": "Bearer not-a-jwt"}), 401)
    # hr.read is for the people API; SCIM needs the scim scope.
    error(
        await client.get("/scim/v2/Users", headers=client_headers(world, "a-scim", "a", scope="hr.read")), 403
    )
    # A person's token is not a provisioning client's, whatever its scopes.
    person = {"Authorization": f"Bearer {world.token('a_admin', scope='openid dla scim')}"}
    error(await client.get("/scim/v2/Users", headers=person), 403)
    # A token of a client identity does not know (or no longer lets in) is refused at once.
    error(await client.get("/scim/v2/Users", headers=client_headers(world, "unknown-scim", "a")), 403)
    await add_client(db_session, "revoked-scim", world.id("a"), status="revoked")
    await db_session.commit()
    error(await client.get("/scim/v2/Users", headers=client_headers(world, "revoked-scim", "a")), 403)
    # The client was moved to ministry B after its token was issued for A.
    await db_session.execute(
        update(OAuthClient).where(OAuthClient.client_id == "a-scim").values(organisation_id=world.id("b"))
    )
    await db_session.commit()
    error(await client.get("/scim/v2/Users", headers=scim["a"]), 403)


async def test_bad_bodies_are_invalid_syntax_and_change_nothing(
    client: httpx.AsyncClient, scim: Clients, db_session: AsyncSession
) -> None:
    before = await scim_snapshot(db_session)
    a = scim["a"]
    error(await client.post("/scim/v2/Users", headers=a, content=b"{not json"), 400, "invalidSyntax")
    error(await client.post("/scim/v2/Users", headers=a, content=b"[1, 2]"), 400, "invalidSyntax")
    error(await client.post("/scim/v2/Users", headers=a, content=b""), 400, "invalidSyntax")
    error(await client.post("/scim/v2/Groups", headers=a, json="a string"), 400, "invalidSyntax")
    error(await client.post("/scim/v2/Users/.search", headers=a, content=b"{"), 400, "invalidSyntax")
    assert await scim_snapshot(db_session) == before


async def test_plain_json_is_accepted_as_well_as_scim_json(client: httpx.AsyncClient, scim: Clients) -> None:
    headers = {**scim["a"], "Content-Type": "application/json"}
    created = await client.post("/scim/v2/Users", headers=headers, json=user("plain.json@a.example.lt"))
    assert ok(created, 201)["userName"] == "plain.json@a.example.lt"
    assert created.headers["content-type"] == SCIM_JSON


async def test_etags_make_reads_conditional_and_writes_safe(
    client: httpx.AsyncClient, scim: Clients, world: World, db_session: AsyncSession
) -> None:
    a, url = scim["a"], f"/scim/v2/Users/{world.id('a_head')}"
    read = await client.get(url, headers=a)
    etag = read.headers["etag"]
    assert etag == ok(read)["meta"]["version"] == 'W/"1"'
    assert read.headers["content-location"] == f"{BASE}/Users/{world.id('a_head')}"
    unchanged = await client.get(url, headers={**a, "If-None-Match": etag})
    assert unchanged.status_code == 304
    assert unchanged.headers["etag"] == etag
    assert ok(await client.get(url, headers={**a, "If-None-Match": 'W/"0"'}))["id"] == str(world.id("a_head"))

    rename = patch({"op": "replace", "path": "displayName", "value": "Head Of Unit"})
    before = await scim_snapshot(db_session)
    error(await client.patch(url, headers={**a, "If-Match": 'W/"7"'}, json=rename), 412)
    error(await client.delete(url, headers={**a, "If-Match": 'W/"7"'}), 412)
    error(await client.put(url, headers={**a, "If-Match": 'W/"7"'}, json=user("a.head@a.example.lt")), 412)
    assert await scim_snapshot(db_session) == before

    changed = await client.patch(url, headers={**a, "If-Match": etag}, json=rename)
    assert ok(changed)["displayName"] == "Head Of Unit"
    assert changed.headers["etag"] == ok(changed)["meta"]["version"] != etag
    assert (await client.patch(url, headers={**a, "If-Match": "*"}, json=rename)).status_code == 200

    group_url = f"/scim/v2/Groups/{world.id('a-unit-1')}"
    group_etag = (await client.get(group_url, headers=a)).headers["etag"]
    assert (await client.get(group_url, headers={**a, "If-None-Match": group_etag})).status_code == 304
    # The Group's version follows its members: someone moving in makes it another version.
    move = patch({"op": "replace", "path": f"{DLA}:unit.value", "value": str(world.id("a-unit-1"))})
    ok(await client.patch(f"/scim/v2/Users/{world.id('a_other')}", headers=a, json=move))
    assert (await client.get(group_url, headers={**a, "If-None-Match": group_etag})).status_code == 200
    error(await client.delete(group_url, headers={**a, "If-Match": group_etag}), 412)


async def test_urls_are_absolute_under_the_address_the_client_used(
    client: httpx.AsyncClient, scim: Clients, world: World
) -> None:
    behind_gateway = {
        **scim["a"],
        "X-Forwarded-Proto": "https",
        "X-Forwarded-Host": "dla.example.lt",
        "X-Forwarded-Prefix": "/api/identity",
    }
    public = "https://dla.example.lt/api/identity/scim/v2"
    body = ok(await client.get(f"/scim/v2/Users/{world.id('a_report')}", headers=behind_gateway))
    assert body["meta"]["location"] == f"{public}/Users/{world.id('a_report')}"
    assert body[ENTERPRISE]["manager"]["$ref"] == f"{public}/Users/{world.id('a_head')}"
    assert body[DLA]["unit"]["$ref"] == f"{public}/Groups/{world.id('a-unit-1')}"
    created = await client.post(
        "/scim/v2/Users", headers=behind_gateway, json=user("via.gateway@a.example.lt")
    )
    assert created.headers["location"] == f"{public}/Users/{ok(created, 201)['id']}"
    # Forwarded values that are not a scheme, host or path are not echoed into URLs.
    forged = {
        **scim["a"],
        "X-Forwarded-Host": "evil.example/<x>",
        "X-Forwarded-Prefix": "/a b",
        "X-Forwarded-Proto": "ftp",
    }
    body = ok(await client.get(f"/scim/v2/Users/{world.id('a_report')}", headers=forged))
    assert body["meta"]["location"] == f"{BASE}/Users/{world.id('a_report')}"
