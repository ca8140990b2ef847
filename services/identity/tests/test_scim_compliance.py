"""scim2-tester against identity's SCIM service, served by uvicorn, with a real client-credentials
token from identity's own token endpoint.

The tester discovers the service and checks every endpoint, resource type, attribute and PATCH
operation with random values. One thing it is told: DLA's `userName` is the person's e-mail address
(the sign-in identifier), so the client's description of the server generates e-mail addresses for
it where it would otherwise send random strings the server refuses as `invalidValue`. Everything
else is what the server publishes.
"""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator

import httpx
import pytest
from scim2_tester import Status

from identity.scim.tester import counts, failures, run_tester
from kit.settings import ServiceSettings
from kit.testing.plugin import ServiceSpec

from .factories.oauth import Provider, basic, machine_client, make_tree, serve_provider


@pytest.fixture(scope="module")
def scim_provider(
    dla_service: ServiceSpec, dla_settings: ServiceSettings, dla_admin_url: str
) -> Iterator[Provider]:
    """Identity on uvicorn with its own committed database (the tester leaves its resources behind)."""
    yield from serve_provider(
        dla_settings, dla_admin_url, f"dla_test_{os.getpid()}_scim", dla_service.directory
    )


async def scim_token(provider: Provider) -> str:
    """A client-credentials token of a ministry's HR system, from identity's token endpoint."""
    async with provider.sessions() as db, db.begin():
        tree = await make_tree(db)
    client_id, secret = await machine_client(provider, tree.ministry.id, scopes=["scim"])
    async with httpx.AsyncClient() as http:
        issued = await http.post(
            provider.token_url,
            data={"grant_type": "client_credentials", "scope": "scim"},
            headers=basic(client_id, secret),
        )
    assert issued.status_code == 200, issued.text
    token: str = issued.json()["access_token"]
    return token


async def test_scim2_tester_finds_no_error(scim_provider: Provider) -> None:
    token = await scim_token(scim_provider)
    results = await asyncio.to_thread(run_tester, f"{scim_provider.url}/scim/v2", token)
    assert failures(results) == []
    ran = {(result.resource_type, result.title) for result in results if result.status is Status.SUCCESS}
    for kind in ("User", "Group"):
        for check in ("object_creation", "object_replacement", "object_deletion", "search_with_attributes"):
            assert (kind, check) in ran, (kind, check)
        for check in ("check_add_attribute", "check_replace_attribute", "check_remove_attribute"):
            assert (kind, check) in ran, (kind, check)
    tally = counts(results)
    assert tally["SUCCESS"] == len(results), tally  # nothing skipped either
