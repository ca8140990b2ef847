"""Signing in to the running platform as a demo person, the way the SPA does (code + PKCE)."""

from __future__ import annotations

import httpx
from authlib.common.security import generate_token
from authlib.integrations.httpx_client import OAuth2Client

DEMO_PASSWORD = "Demo-2026-dla"
SCOPE = "openid profile email offline_access dla"


def sign_in(base_url: str, email: str, *, browser: httpx.Client | None = None) -> dict[str, str]:
    """Password sign-in at identity, then authorization code + PKCE; returns the token response."""
    own = browser is None
    http = browser or httpx.Client(base_url=base_url)
    try:
        discovery = http.get(f"{base_url}/.well-known/openid-configuration").json()
        login = http.post(
            f"{base_url}/api/identity/auth/login", json={"email": email, "password": DEMO_PASSWORD}
        )
        assert login.status_code == 200, login.text
        with OAuth2Client(
            client_id="dla-spa",
            redirect_uri=f"{base_url}/auth/callback",
            scope=SCOPE,
            code_challenge_method="S256",
            token_endpoint_auth_method="none",
        ) as client:
            verifier = generate_token(48)
            url, _ = client.create_authorization_url(
                discovery["authorization_endpoint"], code_verifier=verifier, nonce=generate_token(16)
            )
            redirect = http.get(url)
            assert redirect.status_code == 302, redirect.text
            token = client.fetch_token(
                discovery["token_endpoint"],
                authorization_response=redirect.headers["location"],
                code_verifier=verifier,
            )
            return dict(token)
    finally:
        if own:
            http.close()


def bearer(base_url: str, email: str) -> dict[str, str]:
    """An Authorization header for a demo person."""
    return {"Authorization": f"Bearer {sign_in(base_url, email)['access_token']}"}
