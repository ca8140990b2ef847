"""Running scim2-tester against a DLA SCIM endpoint (used by the test suites, not at run time).

scim2-client's bundled network engine needs httpx2, which is not shipped, so this adapts it to
httpx. The tester is told one thing it cannot discover: `userName` is an e-mail address here.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any, overload

import httpx
from scim2_client import BaseSyncSCIMClient
from scim2_client.errors import RequestNetworkException
from scim2_tester import Status, check_server

SCIM_JSON = "application/scim+json"


class HttpxScimClient(BaseSyncSCIMClient):
    """scim2-client over httpx."""

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


def run_tester(base_url: str, token: str) -> list[Any]:
    """Every scim2-tester check against `base_url` (the SCIM root) with a bearer token."""
    headers = {"Authorization": f"Bearer {token}", "Accept": SCIM_JSON}
    with httpx.Client(base_url=base_url, headers=headers, timeout=30) as http:
        client = HttpxScimClient(http)
        client.discover()
        user = client.provider.model_for("User")
        assert user is not None
        user.model_fields["user_name"].examples = FreshEmails()  # type: ignore[assignment]
        return list(check_server(client))


def failures(results: list[Any]) -> list[str]:
    """The checks that ended in an error, as readable lines."""
    return [
        f"{result.resource_type} {result.title}: {result.reason}"
        for result in results
        if result.status in (Status.ERROR, Status.CRITICAL)
    ]


def counts(results: list[Any]) -> dict[str, int]:
    return {status.name: sum(1 for result in results if result.status is status) for status in Status}
