"""RP-initiated logout: the ID token hint and the post-logout redirect are checked against the
client; the browser session and its refresh tokens end; nothing redirects anywhere unregistered."""

from __future__ import annotations

import time

import httpx
from joserfc import jwt
from joserfc.jwk import RSAKey
from sqlalchemy import select

from identity.oauth.models import OAuthClient
from kit.testing.plugin import problem

from .factories.oauth import Provider, code_flow, person_in_new_tree, sign_in


async def signed_in(provider: Provider, browser: httpx.AsyncClient) -> dict[str, str]:
    person, _ = await person_in_new_tree(provider)
    await sign_in(provider, browser, person)
    return {key: str(value) for key, value in (await code_flow(provider, browser)).items()}


async def still_signed_in(browser: httpx.AsyncClient) -> bool:
    return bool((await browser.get("/auth/session")).json()["signed_in"])


async def test_refused_logouts_redirect_nowhere_and_keep_the_session(
    oidc_provider: Provider, browser: httpx.AsyncClient
) -> None:
    token = await signed_in(oidc_provider, browser)
    home = f"{oidc_provider.url}/"
    stranger = RSAKey.generate_key(2048, parameters={"kid": "stranger"})
    now = int(time.time())
    forged = jwt.encode(
        {"alg": "RS256", "kid": "stranger"},
        {"iss": oidc_provider.url, "aud": "dla-spa", "sub": "x", "iat": now, "exp": now + 60},
        stranger,
    )
    cases = [
        {"id_token_hint": token["id_token"], "post_logout_redirect_uri": "https://evil.example/"},
        {"post_logout_redirect_uri": home},  # no hint: the client is not known
        {"id_token_hint": forged, "post_logout_redirect_uri": home},
        {"id_token_hint": "not-a-jwt"},
        {"id_token_hint": token["id_token"], "client_id": "another-client", "post_logout_redirect_uri": home},
        # An access token is signed here too, but it names no client that registered the URI.
        {"id_token_hint": token["access_token"], "post_logout_redirect_uri": home},
    ]
    for params in cases:
        refused = await browser.get("/oauth2/logout", params=params)
        problem(refused, 400, "bad-request")
        assert "location" not in refused.headers
    assert await still_signed_in(browser)
    refresh = {"grant_type": "refresh_token", "refresh_token": token["refresh_token"], "client_id": "dla-spa"}
    assert (await browser.post(oidc_provider.token_url, data=refresh)).status_code == 200


async def test_a_logout_without_a_redirect_ends_the_session_and_goes_home(
    oidc_provider: Provider, browser: httpx.AsyncClient
) -> None:
    token = await signed_in(oidc_provider, browser)
    answer = await browser.post("/oauth2/logout", data={"id_token_hint": token["id_token"]})
    assert answer.status_code == 302
    assert answer.headers["location"] == f"{oidc_provider.url}/"
    assert oidc_provider.settings.session_cookie_name in answer.headers["set-cookie"]
    assert not await still_signed_in(browser)
    # Logging out again, with no session left, is harmless.
    again = await browser.get("/oauth2/logout")
    assert again.status_code == 302


async def test_only_the_clients_own_registered_uris_are_redirect_targets(
    oidc_provider: Provider, browser: httpx.AsyncClient
) -> None:
    token = await signed_in(oidc_provider, browser)
    async with oidc_provider.sessions() as db:
        registered = await db.scalar(
            select(OAuthClient.post_logout_redirect_uris).where(OAuthClient.client_id == "dla-spa")
        )
    assert registered == [f"{oidc_provider.url}/"]
    answer = await browser.get(
        "/oauth2/logout",
        params={
            "id_token_hint": token["id_token"],
            "post_logout_redirect_uri": registered[0],
            "client_id": "dla-spa",
        },
    )
    assert answer.status_code == 302
    assert answer.headers["location"] == registered[0]
    assert not await still_signed_in(browser)
