"""Signing in to the running platform through the gateway, as a standard OIDC client would."""

from __future__ import annotations

import json
from urllib.parse import urlparse

import httpx
from authlib.common.security import generate_token
from authlib.integrations.httpx_client import OAuth2Client

from tests.conftest import Platform
from tests.support.auth import bearer, sign_in

LEARNER = "petras.kazlauskas@demo.dla.lt"
HR_OF_ANOTHER_MINISTRY = "egle.stankeviciene@demo.dla.lt"


def test_a_standard_client_signs_in_refreshes_and_logs_out_through_the_gateway(platform: Platform) -> None:
    with httpx.Client(base_url=platform.url) as browser:
        discovery = browser.get("/.well-known/openid-configuration").json()
        assert discovery["issuer"] == platform.url
        # Before sign-in the authorization endpoint sends the browser to the SPA's sign-in page.
        with OAuth2Client(
            client_id="dla-spa", redirect_uri=f"{platform.url}/auth/callback", code_challenge_method="S256"
        ) as anonymous:
            url, _ = anonymous.create_authorization_url(
                discovery["authorization_endpoint"], code_verifier=generate_token(48)
            )
        to_sign_in = browser.get(url)
        assert to_sign_in.status_code == 302
        assert urlparse(to_sign_in.headers["location"]).path == "/sign-in"

        token = sign_in(platform.url, LEARNER, browser=browser)
        me = browser.get("/api/identity/me", headers={"Authorization": f"Bearer {token['access_token']}"})
        assert me.status_code == 200, me.text
        assert me.json()["email"] == LEARNER
        assert browser.get("/api/identity/me").status_code == 401

        with OAuth2Client(client_id="dla-spa", token_endpoint_auth_method="none") as client:
            refreshed = client.refresh_token(
                discovery["token_endpoint"], refresh_token=token["refresh_token"]
            )
        again = browser.get(
            "/api/identity/me", headers={"Authorization": f"Bearer {refreshed['access_token']}"}
        )
        assert again.status_code == 200

        logout = browser.get(
            discovery["end_session_endpoint"],
            params={"id_token_hint": token["id_token"], "post_logout_redirect_uri": f"{platform.url}/"},
        )
        assert logout.status_code == 302
        assert logout.headers["location"] == f"{platform.url}/"
        assert browser.get("/api/identity/auth/session").json()["signed_in"] is False


def test_an_hr_system_gets_a_machine_token_and_reads_only_its_ministry(platform: Platform) -> None:
    secret = json.loads((platform.state / "secrets.json").read_text())["hr_client"]
    with OAuth2Client(client_id="vrm-hr-system", client_secret=secret, scope="hr.read") as machine:
        token = machine.fetch_token(f"{platform.url}/oauth2/token", grant_type="client_credentials")
    with httpx.Client(base_url=platform.url) as http:
        as_machine = {"Authorization": f"Bearer {token['access_token']}"}
        people = http.get("/api/identity/people", headers=as_machine, params={"limit": 100})
        assert people.status_code == 200, people.text
        emails = {person["email"] for person in people.json()["items"]}
        assert LEARNER in emails
        assert HR_OF_ANOTHER_MINISTRY not in emails  # Economy and Innovation is another ministry
        learner = next(p for p in people.json()["items"] if p["email"] == LEARNER)
        assert http.get(f"/api/identity/people/{learner['id']}", headers=as_machine).status_code == 200


def test_an_hr_manager_cannot_see_people_of_another_ministry(platform: Platform) -> None:
    with httpx.Client(base_url=platform.url) as http:
        learner_id = http.get("/api/identity/me", headers=bearer(platform.url, LEARNER)).json()["id"]
        as_hr = bearer(platform.url, HR_OF_ANOTHER_MINISTRY)
        assert http.get(f"/api/identity/people/{learner_id}", headers=as_hr).status_code == 404
        assert http.get(f"/api/identity/people/{learner_id}/profile", headers=as_hr).status_code == 404
        listed = http.get("/api/identity/people", headers=as_hr, params={"limit": 100}).json()
        assert learner_id not in {person["id"] for person in listed["items"]}
        assert listed["total"] >= 1


def test_the_gateway_refuses_a_forged_token_before_any_service_sees_it(platform: Platform) -> None:
    header = "eyJhbGciOiJub25lIiwidHlwIjoiYXQrand0In0"  # {"alg":"none","typ":"at+jwt"}
    payload = "eyJzdWIiOiJ4In0"  # {"sub":"x"}
    forged = {"Authorization": f"Bearer {header}.{payload}.sig"}
    refused = httpx.get(f"{platform.url}/api/identity/me", headers=forged)
    assert refused.status_code == 401
    assert refused.headers["content-type"] == "application/problem+json"
    assert 'error="invalid_token"' in refused.headers["www-authenticate"]
    # The service behind the gateway refuses it too: it never trusts what the gateway passed on.
    assert httpx.get(f"{platform.service_url('identity')}/me", headers=forged).status_code == 401


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
    assert "location" not in refused.headers
