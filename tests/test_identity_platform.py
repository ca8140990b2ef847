"""Signing in to the running platform through the gateway, as a standard OIDC client would."""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlparse

import httpx
from authlib.common.security import generate_token
from authlib.integrations.httpx_client import AsyncOAuth2Client

from tests.conftest import Platform

LEARNER = "petras.kazlauskas@demo.dla.lt"
HR_OF_ANOTHER_MINISTRY = "egle.stankeviciene@demo.dla.lt"
DEMO_PASSWORD = "Demo-2026-dla"
SCOPE = "openid profile email offline_access dla"


async def signed_in_tokens(platform: Platform, browser: httpx.AsyncClient, email: str) -> dict[str, str]:
    """Discovery, password sign-in, authorization code + PKCE: what the SPA does."""
    discovery = (await browser.get("/.well-known/openid-configuration")).json()
    login = await browser.post("/api/identity/auth/login", json={"email": email, "password": DEMO_PASSWORD})
    assert login.status_code == 200, login.text
    async with AsyncOAuth2Client(
        client_id="dla-spa",
        redirect_uri=f"{platform.url}/auth/callback",
        scope=SCOPE,
        code_challenge_method="S256",
        token_endpoint_auth_method="none",
    ) as client:
        verifier = generate_token(48)
        url, _ = client.create_authorization_url(
            discovery["authorization_endpoint"], code_verifier=verifier, nonce=generate_token(16)
        )
        redirect = await browser.get(url)
        assert redirect.status_code == 302, redirect.text
        token = await client.fetch_token(
            discovery["token_endpoint"],
            authorization_response=redirect.headers["location"],
            code_verifier=verifier,
        )
        return dict(token)


async def test_a_standard_client_signs_in_refreshes_and_logs_out_through_the_gateway(
    platform: Platform,
) -> None:
    async with httpx.AsyncClient(base_url=platform.url) as browser:
        discovery = (await browser.get("/.well-known/openid-configuration")).json()
        assert discovery["issuer"] == platform.url
        # Before sign-in the authorization endpoint sends the browser to the SPA's sign-in page.
        async with AsyncOAuth2Client(
            client_id="dla-spa", redirect_uri=f"{platform.url}/auth/callback", code_challenge_method="S256"
        ) as anonymous:
            url, _ = anonymous.create_authorization_url(
                discovery["authorization_endpoint"], code_verifier=generate_token(48)
            )
        to_sign_in = await browser.get(url)
        assert to_sign_in.status_code == 302
        assert urlparse(to_sign_in.headers["location"]).path == "/sign-in"

        token = await signed_in_tokens(platform, browser, LEARNER)
        bearer = {"Authorization": f"Bearer {token['access_token']}"}
        me = await browser.get("/api/identity/me", headers=bearer)
        assert me.status_code == 200, me.text
        assert me.json()["email"] == LEARNER
        assert (await browser.get("/api/identity/me")).status_code == 401

        async with AsyncOAuth2Client(client_id="dla-spa", token_endpoint_auth_method="none") as client:
            refreshed = await client.refresh_token(
                discovery["token_endpoint"], refresh_token=token["refresh_token"]
            )
        again = await browser.get(
            "/api/identity/me", headers={"Authorization": f"Bearer {refreshed['access_token']}"}
        )
        assert again.status_code == 200

        logout = await browser.get(
            discovery["end_session_endpoint"],
            params={"id_token_hint": token["id_token"], "post_logout_redirect_uri": f"{platform.url}/"},
        )
        assert logout.status_code == 302
        assert logout.headers["location"] == f"{platform.url}/"
        assert (await browser.get("/api/identity/auth/session")).json()["signed_in"] is False


async def test_an_hr_system_gets_a_machine_token_and_reads_only_its_ministry(platform: Platform) -> None:
    secret = json.loads((platform.state / "secrets.json").read_text())["hr_client"]
    async with AsyncOAuth2Client(client_id="vrm-hr-system", client_secret=secret, scope="hr.read") as machine:
        token = await machine.fetch_token(f"{platform.url}/oauth2/token", grant_type="client_credentials")
    async with httpx.AsyncClient(base_url=platform.url) as http:
        bearer = {"Authorization": f"Bearer {token['access_token']}"}
        people = await http.get("/api/identity/people", headers=bearer, params={"limit": 100})
        assert people.status_code == 200, people.text
        emails = {person["email"] for person in people.json()["items"]}
        assert LEARNER in emails
        assert HR_OF_ANOTHER_MINISTRY not in emails  # Economy and Innovation is another ministry
        other = next(p for p in people.json()["items"] if p["email"] == LEARNER)
        assert (await http.get(f"/api/identity/people/{other['id']}", headers=bearer)).status_code == 200


async def test_an_hr_manager_cannot_see_people_of_another_ministry(platform: Platform) -> None:
    async with httpx.AsyncClient(base_url=platform.url) as browser:
        learner = await signed_in_tokens(platform, browser, LEARNER)
        learner_id = (
            await browser.get(
                "/api/identity/me", headers={"Authorization": f"Bearer {learner['access_token']}"}
            )
        ).json()["id"]
    async with httpx.AsyncClient(base_url=platform.url) as browser:
        hr = await signed_in_tokens(platform, browser, HR_OF_ANOTHER_MINISTRY)
        bearer = {"Authorization": f"Bearer {hr['access_token']}"}
        assert (await browser.get(f"/api/identity/people/{learner_id}", headers=bearer)).status_code == 404
        assert (
            await browser.get(f"/api/identity/people/{learner_id}/profile", headers=bearer)
        ).status_code == 404
        listed = (await browser.get("/api/identity/people", headers=bearer, params={"limit": 100})).json()
        assert learner_id not in {person["id"] for person in listed["items"]}
        assert listed["total"] >= 1


async def test_the_gateway_refuses_a_forged_token_before_any_service_sees_it(platform: Platform) -> None:
    header = "eyJhbGciOiJub25lIiwidHlwIjoiYXQrand0In0"  # {"alg":"none","typ":"at+jwt"}
    payload = "eyJzdWIiOiJ4In0"  # {"sub":"x"}
    async with httpx.AsyncClient(base_url=platform.url) as http:
        refused = await http.get(
            "/api/identity/me", headers={"Authorization": f"Bearer {header}.{payload}.sig"}
        )
        assert refused.status_code == 401
        assert refused.headers["content-type"] == "application/problem+json"
        assert 'error="invalid_token"' in refused.headers["www-authenticate"]
        # A service behind the gateway refuses it too (it never trusts what the gateway passed on).
        direct = await http.get(
            f"{platform.service_url('identity')}/me",
            headers={"Authorization": f"Bearer {header}.{payload}.sig"},
        )
        assert direct.status_code == 401


def test_authorization_errors_never_redirect_to_an_unregistered_uri(platform: Platform) -> None:
    params = {
        "response_type": "code",
        "client_id": "dla-spa",
        "redirect_uri": "https://evil.example/cb",
        "code_challenge": "x" * 43,
        "code_challenge_method": "S256",
    }
    refused = httpx.get(f"{platform.url}/oauth2/authorize", params=params)
    assert refused.status_code == 400
    assert "evil.example" not in refused.headers.get("location", "")
    assert parse_qs(urlparse(str(refused.url)).query)["client_id"] == ["dla-spa"]
