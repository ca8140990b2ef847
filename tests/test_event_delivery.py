"""Events written while the consumer is down arrive once it is back, exactly once."""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator

import httpx
import psycopg
import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from kit.migrations import upgrade
from kit.provision import plain_url
from kit.testing.plugin import role_url
from kit.testing.servers import Served
from kit.testing.tokens import TokenMint
from tests.support.processes import ROOT, free_port_block, service_process

SECRET_ENV = {"DLA_WEBHOOK_SECRET": "whsec_" + "ZGxhLWV2ZW50LXRlc3Qtc2VjcmV0LTMyYnl0ZXMhIQ=="}


@pytest.fixture(scope="module")
def urls(dla_admin_url: str, dla_database: str) -> dict[str, str]:
    out = {}
    for service in ("catalog", "pathways"):
        out[service] = role_url(dla_admin_url, dla_database, service)
        upgrade(ROOT / "services" / service, out[service])
    return out


@pytest.fixture(scope="module")
def identity_keys() -> Iterator[tuple[TokenMint, str]]:
    """Stands in for identity's JWKS endpoint, so the catalog process can verify an editor's token."""
    mint = TokenMint()

    async def jwks(request: Request) -> JSONResponse:
        return JSONResponse(mint.jwks())

    with Served(Starlette(routes=[Route("/.well-known/jwks.json", jwks)])) as served:
        yield mint, f"{served.url}/.well-known/jwks.json"


def item(slug: str) -> dict[str, object]:
    return {
        "slug": slug,
        "kind": "video",
        "title": {"en": "Phishing", "lt": "Sukčiavimas"},
        "summary": {"en": "Spot it.", "lt": "Atpažink."},
        "duration_minutes": 5,
        "languages": ["en", "lt"],
        "competence_levels": [{"code": "4.2", "level_min": 1, "level_max": 8}],
    }


def deliveries(url: str, slug: str) -> list[tuple[str, int]]:
    with psycopg.connect(plain_url(url)) as conn:
        return conn.execute(
            "SELECT d.status, d.attempts FROM event_delivery d JOIN event_outbox o ON o.id = d.event_id "
            "WHERE o.payload->>'slug' = %s",
            (slug,),
        ).fetchall()


def wait_until(predicate, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.2)
    raise AssertionError("condition not met in time")


def test_event_written_while_consumer_is_down_is_delivered_exactly_once(
    urls: dict[str, str], identity_keys: tuple[TokenMint, str]
) -> None:
    mint, jwks_url = identity_keys
    editor = mint.person(uuid.uuid4(), (uuid.uuid4(), uuid.uuid4()), roles=["content_editor"])
    base = free_port_block(2)
    catalog_port, pathways_port = base + 1, base + 2
    slug = f"phishing-{uuid.uuid4().hex[:8]}"
    catalog_env = {
        **SECRET_ENV,
        "DLA_CATALOG_DATABASE_URL": urls["catalog"],
        "DLA_AUTH_JWKS_URL": jwks_url,
        "DLA_CATALOG_DISPATCH_INTERVAL_SECONDS": "0.1",
        "DLA_CATALOG_EVENT_SUBSCRIBERS": f'[{{"name":"pathways","url":"http://127.0.0.1:{pathways_port}/events","events":["catalog.item.*"]}}]',
    }
    pathways_env = {**SECRET_ENV, "DLA_PATHWAYS_DATABASE_URL": urls["pathways"]}
    with service_process("catalog", catalog_port, catalog_env):
        created = httpx.post(
            f"http://127.0.0.1:{catalog_port}/items",
            json=item(slug),
            headers={"Authorization": f"Bearer {editor}"},
        )
        assert created.status_code == 201
        item_id = created.json()["id"]
        # A new item is a draft; publishing it is what subscribers hear of.
        for step in ("submit", "publish"):
            moved = httpx.post(
                f"http://127.0.0.1:{catalog_port}/items/{item_id}/{step}",
                headers={"Authorization": f"Bearer {editor}"},
            )
            assert moved.status_code == 200, moved.text
        # The consumer is down: the dispatcher tries, fails and keeps the delivery pending.
        wait_until(lambda: any(attempts >= 1 for _, attempts in deliveries(urls["catalog"], slug)))
        assert [status for status, _ in deliveries(urls["catalog"], slug)] == ["pending"]
        with service_process("pathways", pathways_port, pathways_env):
            wait_until(lambda: deliveries(urls["catalog"], slug)[0][0] == "delivered", timeout=60)
            known = httpx.get(
                f"http://127.0.0.1:{pathways_port}/catalog-items", params={"competence": "4.2", "limit": 100}
            ).json()
            assert [i["id"] for i in known["items"]].count(item_id) == 1
            # A redelivery (the producer did not see our answer) must change nothing.
            with psycopg.connect(plain_url(urls["catalog"]), autocommit=True) as conn:
                conn.execute(
                    "UPDATE event_delivery SET status = 'pending', next_attempt_at = now() "
                    "WHERE event_id IN (SELECT id FROM event_outbox WHERE payload->>'slug' = %s)",
                    (slug,),
                )
            wait_until(lambda: deliveries(urls["catalog"], slug)[0][0] == "delivered", timeout=60)
    with psycopg.connect(plain_url(urls["catalog"])) as conn:
        event = conn.execute(
            "SELECT id::text FROM event_outbox WHERE payload->>'slug' = %s", (slug,)
        ).fetchone()
    assert event is not None
    with psycopg.connect(plain_url(urls["pathways"])) as conn:
        inbox = conn.execute("SELECT count(*) FROM event_inbox WHERE event_id = %s", (event[0],)).fetchone()
        copies = conn.execute("SELECT count(*) FROM catalog_item WHERE slug = %s", (slug,)).fetchone()
    assert (inbox, copies) == ((1,), (1,))
