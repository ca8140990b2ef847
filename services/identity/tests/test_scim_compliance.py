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
import uuid
from collections.abc import Iterator, Sequence
from typing import Any, overload

import httpx
import pytest
from scim2_client import BaseSyncSCIMClient
from scim2_client.errors import RequestNetworkException
from scim2_tester import Status, check_server

from kit.settings import ServiceSettings
from kit.testing.plugin import ServiceSpec

from .factories.oauth import Provider, basic, machine_client, make_tree, serve_provider
from .factories.scim import SCIM_JSON


class HttpxScimClient(BaseSyncSCIMClient):
    """scim2-client over httpx (its bundled network engine is for httpx2, which we do not ship)."""

    def __init__(self, client: httpx.Client, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.client = client

    def _stays_under_base_url(self, endpoint: str) -> bool:
        url = self.client.build_request("GET", endpoint).url
        base = self.client.base_url
        return bool(url.scheme == base.scheme and url.host == base.host and url.port == base.port) and (
            url.raw_path.startswith(base.raw_path)
        )

    def _parse_json(self, response: Any) -> Any:
        return response.json()

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            return self.client.request(method, url, **kwargs)
        except httpx.RequestError as exc:
            raise RequestNetworkException() from exc


class FreshEmails(Sequence[str]):
    """An endless supply of unused e-mail addresses, for `random.choice` to pick from."""

    def __len__(self) -> int:
        return 1_000_000

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        if isinstance(index, slice):
            raise TypeError("FreshEmails cannot be sliced")
        return f"scim-{uuid.uuid4().hex}@tester.example.lt"


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


def run_tester(base_url: str, token: str) -> list[Any]:
    headers = {"Authorization": f"Bearer {token}", "Accept": SCIM_JSON}
    with httpx.Client(base_url=base_url, headers=headers, timeout=30) as http:
        client = HttpxScimClient(http)
        client.discover()
        user = client.provider.model_for("User")
        assert user is not None
        user.model_fields["user_name"].examples = FreshEmails()  # type: ignore[assignment]
        return check_server(client)


async def test_scim2_tester_finds_no_error(scim_provider: Provider) -> None:
    token = await scim_token(scim_provider)
    results = await asyncio.to_thread(run_tester, f"{scim_provider.url}/scim/v2", token)
    failed = [result for result in results if result.status in (Status.ERROR, Status.CRITICAL)]
    counts = {status.name: sum(1 for result in results if result.status is status) for status in Status}
    assert not failed, "\n".join(f"{r.resource_type} {r.title}: {r.reason}" for r in failed)
    ran = {(result.resource_type, result.title) for result in results if result.status is Status.SUCCESS}
    for kind in ("User", "Group"):
        for check in ("object_creation", "object_replacement", "object_deletion", "search_with_attributes"):
            assert (kind, check) in ran, (kind, check)
        for check in ("check_add_attribute", "check_replace_attribute", "check_remove_attribute"):
            assert (kind, check) in ran, (kind, check)
    assert counts["SUCCESS"] == len(results), counts  # nothing skipped either
