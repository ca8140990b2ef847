"""Client credentials for HR systems and services, with authlib's client over real HTTP."""

from __future__ import annotations

import httpx
import pytest
from authlib.integrations.base_client import OAuthError
from authlib.integrations.httpx_client import AsyncOAuth2Client
from sqlalchemy import update

from identity.oauth.models import OAuthClient

from .factories.oauth import Provider, basic, jwt_part, machine_client, person_in_new_tree


async def test_an_hr_system_gets_a_token_for_its_organisation_with_either_auth_method(
    oidc_provider: Provider,
) -> None:
    _, tree = await person_in_new_tree(oidc_provider)
    client_id, secret = await machine_client(oidc_provider, tree.ministry.id, ["hr.read", "scim"])
    for method in ("client_secret_basic", "client_secret_post"):
        async with AsyncOAuth2Client(
            client_id=client_id, client_secret=secret, scope="hr.read", token_endpoint_auth_method=method
        ) as client:
            token = await client.fetch_token(oidc_provider.token_url, grant_type="client_credentials")
        assert "refresh_token" not in token
        assert token["scope"] == "hr.read"
        principal = await oidc_provider.verifier().verify(token["access_token"])
        assert principal.is_machine
        assert principal.subject == principal.client_id == client_id
        assert principal.org_path == tuple(tree.path[:2])
        assert principal.tenant_id == tree.ministry.id
        assert principal.unit_id is None
        assert principal.roles == frozenset()
        assert principal.grants == ()
        assert principal.scopes == {"hr.read"}
        claims = jwt_part(token["access_token"], 1)
        assert "unit" not in claims
        assert "auth_time" not in claims


async def test_a_machine_token_reaches_people_of_its_subtree_only(
    oidc_provider: Provider, browser: httpx.AsyncClient
) -> None:
    inside, tree = await person_in_new_tree(oidc_provider)
    outside, _ = await person_in_new_tree(oidc_provider)
    client_id, secret = await machine_client(oidc_provider, tree.ministry.id)
    issued = await browser.post(
        oidc_provider.token_url,
        data={"grant_type": "client_credentials", "scope": "hr.read"},
        headers=basic(client_id, secret),
    )
    bearer = {"Authorization": f"Bearer {issued.json()['access_token']}"}
    assert (await browser.get(f"/people/{inside.id}", headers=bearer)).status_code == 200
    assert (await browser.get(f"/people/{outside.id}", headers=bearer)).status_code == 404


async def test_no_scope_asked_means_all_of_the_clients_scopes(
    oidc_provider: Provider, browser: httpx.AsyncClient
) -> None:
    _, tree = await person_in_new_tree(oidc_provider)
    client_id, secret = await machine_client(oidc_provider, tree.ministry.id, ["scim", "hr.read"])
    issued = await browser.post(
        oidc_provider.token_url, data={"grant_type": "client_credentials"}, headers=basic(client_id, secret)
    )
    assert issued.status_code == 200, issued.text
    assert issued.json()["scope"] == "scim hr.read"


async def test_refused_wrong_secret_unknown_client_scope_not_allowed_and_revoked_client(
    oidc_provider: Provider, browser: httpx.AsyncClient
) -> None:
    _, tree = await person_in_new_tree(oidc_provider)
    client_id, secret = await machine_client(oidc_provider, tree.ministry.id, ["hr.read"])
    url = oidc_provider.token_url
    grant = {"grant_type": "client_credentials", "scope": "hr.read"}

    wrong = await browser.post(url, data=grant, headers=basic(client_id, "not-the-secret"))
    assert wrong.status_code == 401
    assert wrong.json()["error"] == "invalid_client"
    posted_wrong = await browser.post(url, data={**grant, "client_id": client_id, "client_secret": "nope"})
    assert posted_wrong.json()["error"] == "invalid_client"
    unknown = await browser.post(url, data=grant, headers=basic("no-such-client", secret))
    assert unknown.json()["error"] == "invalid_client"
    no_secret = await browser.post(url, data={**grant, "client_id": client_id})
    assert no_secret.json()["error"] == "invalid_client"
    for scope in ("hr.read service", "scim", "openid"):
        refused = await browser.post(url, data={**grant, "scope": scope}, headers=basic(client_id, secret))
        assert refused.status_code == 400, scope
        assert refused.json()["error"] == "invalid_scope", scope
    with pytest.raises(OAuthError):
        async with AsyncOAuth2Client(client_id=client_id, client_secret=secret, scope="service") as client:
            await client.fetch_token(url, grant_type="client_credentials")

    async with oidc_provider.sessions() as db, db.begin():
        await db.execute(
            update(OAuthClient).where(OAuthClient.client_id == client_id).values(status="revoked")
        )
    revoked = await browser.post(url, data=grant, headers=basic(client_id, secret))
    assert revoked.json()["error"] == "invalid_client"


async def test_a_machine_client_cannot_use_the_code_flow(
    oidc_provider: Provider, browser: httpx.AsyncClient
) -> None:
    _, tree = await person_in_new_tree(oidc_provider)
    client_id, secret = await machine_client(oidc_provider, tree.ministry.id)
    code = await browser.post(
        oidc_provider.token_url,
        data={"grant_type": "authorization_code", "code": "x", "redirect_uri": oidc_provider.redirect_uri},
        headers=basic(client_id, secret),
    )
    assert code.json()["error"] == "unauthorized_client"
    refresh = await browser.post(
        oidc_provider.token_url,
        data={"grant_type": "refresh_token", "refresh_token": "x"},
        headers=basic(client_id, secret),
    )
    assert refresh.json()["error"] == "unauthorized_client"
