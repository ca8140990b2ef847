"""scim2-tester against `/api/identity/scim/v2` through the gateway, with the demo HR system's
client-credentials token: what a ministry's HR system would see."""

from __future__ import annotations

import json

import httpx
from authlib.integrations.httpx_client import OAuth2Client

from identity.scim.tester import counts, failures, run_tester
from tests.conftest import Platform


def test_scim2_tester_finds_no_error_through_the_gateway(platform: Platform) -> None:
    secret = json.loads((platform.state / "secrets.json").read_text())["hr_client"]
    with OAuth2Client(client_id="vrm-hr-system", client_secret=secret, scope="scim") as machine:
        token = machine.fetch_token(f"{platform.url}/oauth2/token", grant_type="client_credentials")
    base = f"{platform.url}/api/identity/scim/v2"
    config = httpx.get(f"{base}/ServiceProviderConfig").json()
    # Locations point back through the gateway, not at the service's own address.
    assert config["meta"]["location"].startswith(base)

    results = run_tester(base, token["access_token"])

    assert failures(results) == []
    tally = counts(results)
    assert tally["SUCCESS"] == len(results) > 50, tally
