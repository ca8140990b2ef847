"""What the authorization and token endpoints refuse, and that a refusal changes nothing it must
not (a code survives a wrong verifier; a replayed code takes its tokens down with it)."""

from __future__ import annotations

import base64
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlparse

import httpx
from authlib.common.security import generate_token
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from sqlalchemy import select, update

from identity.oauth.models import AuthorizationCode, OAuthClient, RefreshToken
from identity.oauth.tokens import secret_hash
from identity.people.models import Person

from .factories.oauth import (
    Provider,
    authorize,
    basic,
    code_flow,
    machine_client,
    person_in_new_tree,
    sign_in,
    spa_client,
)


def query(location: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(location).query)


async def signed_in_code(provider: Provider, browser: httpx.AsyncClient) -> tuple[str, str, Person]:
    """A fresh code for a signed-in person: (code, verifier, person)."""
    person, _ = await person_in_new_tree(provider)
    await sign_in(provider, browser, person)
    async with spa_client(provider) as client:
        verifier = generate_token(48)
        location = await authorize(provider, browser, client, verifier)
    return query(location)["code"][0], verifier, person


def exchange(provider: Provider, code: str, verifier: str, **overrides: str) -> dict[str, str]:
    return {
        "grant_type": "authorization_code",
        "code": code,
        "code_verifier": verifier,
        "redirect_uri": provider.redirect_uri,
        "client_id": provider.settings.spa_client_id,
        **overrides,
    }


async def test_wrong_verifier_and_wrong_redirect_uri_are_refused_and_leave_the_code_usable(
    oidc_provider: Provider, browser: httpx.AsyncClient
) -> None:
    code, verifier, _ = await signed_in_code(oidc_provider, browser)
    token_url = oidc_provider.token_url
    wrong_verifier = await browser.post(token_url, data=exchange(oidc_provider, code, generate_token(48)))
    assert wrong_verifier.status_code == 400
    assert wrong_verifier.json()["error"] == "invalid_grant"
    no_verifier = await browser.post(
        token_url, data=exchange(oidc_provider, code, verifier, code_verifier="")
    )
    assert no_verifier.json()["error"] == "invalid_request"
    elsewhere = exchange(oidc_provider, code, verifier, redirect_uri=f"{oidc_provider.url}/elsewhere")
    assert (await browser.post(token_url, data=elsewhere)).json()["error"] == "invalid_grant"
    good = await browser.post(token_url, data=exchange(oidc_provider, code, verifier))
    assert good.status_code == 200, good.text
    assert good.headers["cache-control"] == "no-store"


async def test_a_reused_code_is_refused_and_revokes_what_it_produced(
    oidc_provider: Provider, browser: httpx.AsyncClient
) -> None:
    code, verifier, person = await signed_in_code(oidc_provider, browser)
    first = await browser.post(oidc_provider.token_url, data=exchange(oidc_provider, code, verifier))
    assert first.status_code == 200
    reused = await browser.post(oidc_provider.token_url, data=exchange(oidc_provider, code, verifier))
    assert reused.status_code == 400
    assert reused.json()["error"] == "invalid_grant"
    refresh = {
        "grant_type": "refresh_token",
        "refresh_token": first.json()["refresh_token"],
        "client_id": "dla-spa",
    }
    assert (await browser.post(oidc_provider.token_url, data=refresh)).json()["error"] == "invalid_grant"
    async with oidc_provider.sessions() as db:
        rows = (await db.scalars(select(RefreshToken).where(RefreshToken.person_id == person.id))).all()
    assert len(rows) == 1
    assert rows[0].revoked_at is not None


async def test_an_expired_code_or_one_of_another_client_is_an_invalid_grant(
    oidc_provider: Provider, browser: httpx.AsyncClient
) -> None:
    code, verifier, _ = await signed_in_code(oidc_provider, browser)
    async with oidc_provider.sessions() as db, db.begin():
        await db.execute(
            update(AuthorizationCode)
            .where(AuthorizationCode.code_hash == secret_hash(code))
            .values(expires_at=datetime.now(UTC) - timedelta(seconds=1))
        )
    expired = await browser.post(oidc_provider.token_url, data=exchange(oidc_provider, code, verifier))
    assert expired.json()["error"] == "invalid_grant"
    made_up = await browser.post(
        oidc_provider.token_url, data=exchange(oidc_provider, generate_token(48), verifier)
    )
    assert made_up.json()["error"] == "invalid_grant"


async def test_unknown_clients_are_refused_at_both_endpoints(
    oidc_provider: Provider, browser: httpx.AsyncClient
) -> None:
    code, verifier, _ = await signed_in_code(oidc_provider, browser)
    unknown = await browser.post(
        oidc_provider.token_url, data=exchange(oidc_provider, code, verifier, client_id="nobody")
    )
    assert unknown.status_code in (400, 401)
    assert unknown.json()["error"] == "invalid_client"
    params = {
        "response_type": "code",
        "client_id": "nobody",
        "redirect_uri": oidc_provider.redirect_uri,
        "code_challenge": create_s256_code_challenge(generate_token(48)),
        "code_challenge_method": "S256",
    }
    at_authorize = await browser.get("/oauth2/authorize", params=params)
    assert at_authorize.status_code == 400  # never a redirect for a client nobody registered
    assert "location" not in at_authorize.headers
    assert at_authorize.headers["content-type"] == "application/problem+json"


async def test_authorization_requests_that_are_refused(
    oidc_provider: Provider, browser: httpx.AsyncClient
) -> None:
    person, _ = await person_in_new_tree(oidc_provider)
    await sign_in(oidc_provider, browser, person)
    challenge = create_s256_code_challenge(generate_token(48))
    base = {
        "response_type": "code",
        "client_id": "dla-spa",
        "redirect_uri": oidc_provider.redirect_uri,
        "scope": "openid dla",
        "state": "st",
    }
    pkce = {"code_challenge": challenge, "code_challenge_method": "S256"}

    async def error_of(params: dict[str, str]) -> str:
        response = await browser.get("/oauth2/authorize", params=params)
        assert response.status_code == 302, response.text
        location = response.headers["location"]
        assert location.startswith(oidc_provider.redirect_uri + "?")
        assert query(location)["state"] == ["st"]
        return query(location)["error"][0]

    assert await error_of(base) == "invalid_request"  # a public client without PKCE
    assert (
        await error_of({**base, "code_challenge": challenge, "code_challenge_method": "plain"})
        == "invalid_request"
    )
    assert await error_of({**base, **pkce, "scope": "openid scim"}) == "invalid_scope"  # not the SPA's
    assert await error_of({**base, **pkce, "scope": "openid superpowers"}) == "invalid_scope"
    assert await error_of({**base, **pkce, "response_type": "token"}) == "unsupported_response_type"

    for redirect in ("https://evil.example/cb", f"{oidc_provider.redirect_uri}/../evil"):
        refused = await browser.get("/oauth2/authorize", params={**base, **pkce, "redirect_uri": redirect})
        assert refused.status_code == 400
        assert "location" not in refused.headers
    twice = await browser.get(
        "/oauth2/authorize", params=[*base.items(), *pkce.items(), ("scope", "openid profile")]
    )
    assert twice.status_code == 400  # a parameter sent twice
    for odd in ({"state": "x" * 5000}, {"nonce": "n\x00"}, {"client_id": "dla-spa\x00"}):
        refused = await browser.get("/oauth2/authorize", params={**base, **pkce, **odd})
        assert refused.status_code == 400, odd
        assert refused.headers["content-type"] == "application/problem+json"


async def test_a_suspended_person_can_no_longer_refresh(
    oidc_provider: Provider, browser: httpx.AsyncClient
) -> None:
    person, _ = await person_in_new_tree(oidc_provider)
    await sign_in(oidc_provider, browser, person)
    token = await code_flow(oidc_provider, browser)
    async with oidc_provider.sessions() as db, db.begin():
        await db.execute(update(Person).where(Person.id == person.id).values(status="suspended"))
    refresh = {"grant_type": "refresh_token", "refresh_token": token["refresh_token"], "client_id": "dla-spa"}
    refused = await browser.post(oidc_provider.token_url, data=refresh)
    assert refused.status_code == 400
    assert refused.json()["error"] == "invalid_grant"
    # Nor sign in silently: the session of a suspended person is no session.
    async with spa_client(oidc_provider) as client:
        location = await authorize(oidc_provider, browser, client, generate_token(48), prompt="none")
    assert query(location)["error"] == ["login_required"]


async def test_the_token_endpoint_refuses_what_it_does_not_understand(
    oidc_provider: Provider, browser: httpx.AsyncClient
) -> None:
    url = oidc_provider.token_url
    assert (await browser.post(url, data={"grant_type": "password", "client_id": "dla-spa"})).json()[
        "error"
    ] == "unsupported_grant_type"
    assert (await browser.post(url, json={"grant_type": "client_credentials"})).status_code == 400
    assert (await browser.get(url)).status_code == 405
    oversized = await browser.post(url, data={"grant_type": "refresh_token", "refresh_token": "r" * 5000})
    assert oversized.status_code == 400
    odd_basic = await browser.post(
        url, data={"grant_type": "client_credentials"}, headers=basic("hr\x00", "secret")
    )
    assert odd_basic.json()["error"] == "invalid_client"
    not_utf8 = {"Authorization": "Basic " + base64.b64encode(b"\xff\xfe:secret").decode()}
    unreadable = await browser.post(url, data={"grant_type": "client_credentials"}, headers=not_utf8)
    assert unreadable.status_code == 400
    assert unreadable.headers["content-type"] == "application/problem+json"
    # The SPA is public: it cannot use client credentials.
    public = await browser.post(url, data={"grant_type": "client_credentials", "client_id": "dla-spa"})
    assert public.json()["error"] in ("invalid_client", "unauthorized_client")


async def test_a_confidential_client_needs_pkce_too(
    oidc_provider: Provider, browser: httpx.AsyncClient
) -> None:
    person, tree = await person_in_new_tree(oidc_provider)
    await sign_in(oidc_provider, browser, person)
    client_id, _ = await machine_client(oidc_provider, tree.ministry.id, ["openid"])
    callback = "https://rp.example/callback"
    async with oidc_provider.sessions() as db, db.begin():
        await db.execute(
            update(OAuthClient)
            .where(OAuthClient.client_id == client_id)
            .values(grant_types=["authorization_code"], redirect_uris=[callback])
        )
    params = {"response_type": "code", "client_id": client_id, "redirect_uri": callback, "scope": "openid"}
    refused = await browser.get("/oauth2/authorize", params=params)
    assert refused.status_code == 302
    assert refused.headers["location"].startswith(callback)
    assert query(refused.headers["location"])["error"] == ["invalid_request"]
    challenge = create_s256_code_challenge(generate_token(48))
    allowed = await browser.get(
        "/oauth2/authorize", params={**params, "code_challenge": challenge, "code_challenge_method": "S256"}
    )
    assert "code" in query(allowed.headers["location"])
