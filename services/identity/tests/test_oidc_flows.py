"""The OpenID Connect provider against a real client (authlib's) over real HTTP: discovery,
authorization code + PKCE, ID token, userinfo, refresh, logout.

Identity runs under uvicorn with its real lifespan (signing keys, the SPA client); its data is
committed, so every test makes its own people.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime
from urllib.parse import parse_qs, urlparse

import httpx
from authlib.common.security import generate_token
from authlib.oidc.core import CodeIDToken
from authlib.oidc.core.util import create_half_hash
from authlib.oidc.discovery import OpenIDProviderMetadata
from joserfc import jwt
from joserfc.jwk import KeySet
from sqlalchemy import select

from identity.accounts.models import PasswordCredential
from identity.accounts.passwords import hash_secret
from identity.oauth.models import RefreshToken

from .factories.oauth import (
    Provider,
    authorize,
    code_flow,
    jwt_part,
    make_person,
    make_tree,
    person_in_new_tree,
    sign_in,
    spa_client,
)

PASSWORD = "correct horse battery staple"


def query(location: str) -> dict[str, list[str]]:
    return parse_qs(urlparse(location).query)


async def test_discovery_is_valid_metadata_under_the_issuer(oidc_provider: Provider) -> None:
    async with httpx.AsyncClient(base_url=oidc_provider.url) as http:
        document = (await http.get("/.well-known/openid-configuration")).json()
        jwks = (await http.get(document["jwks_uri"])).json()
    OpenIDProviderMetadata(document).validate()  # authlib's checks of OpenID Discovery 1.0
    base = oidc_provider.url
    assert document["issuer"] == base
    endpoints = ("authorization", "token", "userinfo", "revocation", "end_session")
    assert {name: document[f"{name}_endpoint"] for name in endpoints} == {
        "authorization": f"{base}/oauth2/authorize",
        "token": f"{base}/oauth2/token",
        "userinfo": f"{base}/oauth2/userinfo",
        "revocation": f"{base}/oauth2/revoke",
        "end_session": f"{base}/oauth2/logout",
    }
    assert document["code_challenge_methods_supported"] == ["S256"]
    assert set(document["grant_types_supported"]) == {
        "authorization_code",
        "refresh_token",
        "client_credentials",
    }
    assert {"openid", "offline_access", "dla", "scim", "hr.read", "service"} <= set(
        document["scopes_supported"]
    )
    assert {"client_secret_basic", "client_secret_post", "none"} == set(
        document["token_endpoint_auth_methods_supported"]
    )
    # The active key and the next one, published before it signs; public parts only.
    assert len(jwks["keys"]) >= 2
    for key in jwks["keys"]:
        assert {"kid", "kty", "n", "e"} <= set(key)
        assert (key["alg"], key["use"]) == ("RS256", "sig")
        assert not {"d", "p", "q", "dp", "dq", "qi"} & set(key)


async def test_sign_in_code_pkce_userinfo_refresh_and_logout(
    oidc_provider: Provider, browser: httpx.AsyncClient
) -> None:
    """The whole journey, with the password sign-in of the accounts API in front of it."""
    provider = oidc_provider
    person, tree = await person_in_new_tree(provider)
    async with provider.sessions() as db, db.begin():
        db.add(
            PasswordCredential(person_id=person.id, password_hash=hash_secret(provider.settings, PASSWORD))
        )
    signed_in = await browser.post("/auth/login", json={"email": person.email, "password": PASSWORD})
    assert signed_in.json() == {"status": "signed_in"}, signed_in.text

    async with spa_client(provider) as client:
        verifier, nonce = generate_token(48), generate_token(16)
        location = await authorize(provider, browser, client, verifier, nonce=nonce, state="s-42")
        assert location.startswith(provider.redirect_uri + "?")
        assert query(location)["state"] == ["s-42"]
        token = await client.fetch_token(
            provider.token_url, authorization_response=location, code_verifier=verifier
        )
        assert {"access_token", "refresh_token", "id_token", "expires_in"} <= set(token)
        assert token["token_type"] == "Bearer"
        assert token["expires_in"] == provider.settings.access_token_seconds

        principal = await provider.verifier().verify(token["access_token"])
        assert principal.person_id == person.id
        assert principal.client_id == provider.settings.spa_client_id
        assert principal.unit_id == tree.unit.id
        assert principal.org_path == tuple(tree.path)
        assert principal.tenant_id == tree.ministry.id
        assert principal.roles == {"learner"}
        assert principal.scopes == {"openid", "profile", "email", "offline_access", "dla"}

        # The ID token: for this client, with the nonce, the sign-in time and method, at_hash.
        async with httpx.AsyncClient() as http:
            keys = KeySet.import_key_set((await http.get(f"{provider.url}/.well-known/jwks.json")).json())
        id_token = jwt.decode(token["id_token"], keys, algorithms=["RS256"])
        claims = CodeIDToken(
            id_token.claims,
            id_token.header,
            {
                "iss": {"essential": True, "value": provider.url},
                "aud": {"essential": True, "value": "dla-spa"},
            },
            {"nonce": nonce, "client_id": "dla-spa", "access_token": token["access_token"]},
        )
        claims.validate(leeway=5)  # authlib's ID token checks (iss/aud/exp/iat/nonce/at_hash)
        assert claims["iss"] == provider.url
        assert claims["aud"] == provider.settings.spa_client_id
        assert claims["at_hash"] == create_half_hash(token["access_token"], "RS256").decode()
        assert claims["amr"] == ["pwd"]
        assert abs(claims["auth_time"] - time.time()) < 60
        assert claims["email"] == person.email

        bearer = {"Authorization": f"Bearer {token['access_token']}"}
        info = (await browser.get("/oauth2/userinfo", headers=bearer)).json()
        assert info == {
            "sub": str(person.id),
            "name": person.display_name,
            "given_name": "Ona",
            "family_name": person.family_name,
            "email": person.email,
            "email_verified": True,
        }
        assert (await browser.post("/oauth2/userinfo", headers=bearer)).json() == info

        refreshed = await client.refresh_token(provider.token_url, refresh_token=token["refresh_token"])
        assert refreshed["refresh_token"] != token["refresh_token"]
        again = await provider.verifier().verify(refreshed["access_token"])
        assert again.person_id == person.id
        assert again.claims["auth_time"] == claims["auth_time"]  # still that one sign-in

    logout = await browser.get(
        "/oauth2/logout",
        params={
            "id_token_hint": token["id_token"],
            "post_logout_redirect_uri": f"{provider.url}/",
            "state": "s1",
        },
    )
    assert logout.status_code == 302, logout.text
    assert logout.headers["location"] == f"{provider.url}/?state=s1"
    assert (await browser.get("/auth/session")).json() == {"signed_in": False, "person": None}
    # The sign-in ended, and its refresh tokens with it.
    form = {
        "grant_type": "refresh_token",
        "refresh_token": refreshed["refresh_token"],
        "client_id": "dla-spa",
    }
    assert (await browser.post("/oauth2/token", data=form)).json()["error"] == "invalid_grant"
    async with spa_client(provider) as client:
        url, _ = client.create_authorization_url(
            f"{provider.url}/oauth2/authorize", code_verifier=generate_token(48)
        )
    assert urlparse((await browser.get(url)).headers["location"]).path == "/sign-in"


async def test_without_a_session_the_browser_goes_to_sign_in_and_comes_back(
    oidc_provider: Provider, browser: httpx.AsyncClient
) -> None:
    async with spa_client(oidc_provider) as client:
        url, _ = client.create_authorization_url(
            f"{oidc_provider.url}/oauth2/authorize",
            code_verifier=generate_token(48),
            prompt="login",
            max_age="60",
        )
    response = await browser.get(url)
    assert response.status_code == 302
    target = urlparse(response.headers["location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{oidc_provider.url}/sign-in"
    return_to = parse_qs(target.query)["return_to"][0]
    assert return_to.startswith(f"{oidc_provider.url}/oauth2/authorize?")
    sent = query(url)
    back = query(return_to)
    # Everything the client asked for, except what would send the browser to sign in again.
    assert back == {key: value for key, value in sent.items() if key not in ("prompt", "max_age")}


async def test_prompt_none_answers_the_client_without_showing_anything(
    oidc_provider: Provider, browser: httpx.AsyncClient
) -> None:
    async with spa_client(oidc_provider) as client:
        location = await authorize(
            oidc_provider, browser, client, generate_token(48), prompt="none", state="q"
        )
        assert location.startswith(oidc_provider.redirect_uri)
        assert query(location)["error"] == ["login_required"]
        assert query(location)["state"] == ["q"]

        person, _ = await person_in_new_tree(oidc_provider)
        await sign_in(oidc_provider, browser, person)
        silent = await authorize(oidc_provider, browser, client, generate_token(48), prompt="none")
        assert "code" in query(silent)


async def test_prompt_login_and_an_old_sign_in_past_max_age_ask_for_a_fresh_sign_in(
    oidc_provider: Provider, browser: httpx.AsyncClient
) -> None:
    person, _ = await person_in_new_tree(oidc_provider)
    await sign_in(oidc_provider, browser, person, age=600)
    async with spa_client(oidc_provider) as client:
        for params in ({"prompt": "login"}, {"max_age": "300"}):
            url, _ = client.create_authorization_url(
                f"{oidc_provider.url}/oauth2/authorize", code_verifier=generate_token(48), **params
            )
            response = await browser.get(url)
            assert urlparse(response.headers["location"]).path == "/sign-in", params
        fresh_enough = await authorize(oidc_provider, browser, client, generate_token(48), max_age="3600")
        assert "code" in query(fresh_enough)
        silent = await authorize(
            oidc_provider, browser, client, generate_token(48), max_age="300", prompt="none"
        )
        assert query(silent)["error"] == ["login_required"]


async def test_claims_follow_the_database_supervisors_and_scoped_grants(
    oidc_provider: Provider, browser: httpx.AsyncClient
) -> None:
    provider = oidc_provider
    async with provider.sessions() as db, db.begin():
        tree = await make_tree(db)
        boss = await make_person(
            db, tree.unit, roles=["learner", "mentor"], grants=[("hr_manager", tree.ministry.id)]
        )
        await make_person(db, tree.unit, supervisor=boss)
    await sign_in(provider, browser, boss, amr=["pwd", "otp"])
    token = await code_flow(provider, browser)
    principal = await provider.verifier().verify(token["access_token"])
    assert principal.roles == {"learner", "mentor", "supervisor"}
    assert [(grant.role, grant.org_id) for grant in principal.grants] == [("hr_manager", tree.ministry.id)]
    assert jwt_part(token["id_token"], 1)["amr"] == ["pwd", "otp"]
    header = jwt_part(token["access_token"], 0)
    assert header["typ"] == "at+jwt"
    assert header["alg"] == "RS256"
    claims = jwt_part(token["access_token"], 1)
    assert claims["aud"] == provider.settings.auth_audience
    assert claims["exp"] - claims["iat"] == provider.settings.access_token_seconds
    assert len(claims["jti"]) >= 32


async def test_refresh_tokens_only_with_offline_access(
    oidc_provider: Provider, browser: httpx.AsyncClient
) -> None:
    person, _ = await person_in_new_tree(oidc_provider)
    await sign_in(oidc_provider, browser, person)
    token = await code_flow(oidc_provider, browser, scope="openid dla")
    assert "refresh_token" not in token
    assert "id_token" in token
    plain = await code_flow(oidc_provider, browser, scope="dla offline_access")
    assert "id_token" not in plain  # no openid scope: plain OAuth 2.0
    assert "refresh_token" in plain
    async with oidc_provider.sessions() as db:
        rows = (await db.scalars(select(RefreshToken).where(RefreshToken.person_id == person.id))).all()
    assert [row.scope for row in rows] == ["dla offline_access"]
    assert rows[0].expires_at > datetime.now(UTC)
