"""Workshop registrations per second: 2,000 people over 20 sessions, many clients at once, over HTTP.

Starts the catalog (and a gateway in front of it) as processes on free loopback ports, against a
scratch database (on `DLA_DATABASE_URL` when set, otherwise the embedded PostgreSQL under `.dla/`),
with a small JWKS server so the processes verify this script's signed tokens exactly as they verify
identity's. Each person registers once; every session has fewer seats than people, so both the
seat and the waitlist paths run, each under its session's row lock. The run then checks that no
session was overfilled and that the waitlists are complete, and prints the throughput and latency,
direct to the service and through the gateway.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
from fastapi import FastAPI

from kit import embedded
from kit.testing.plugin import migrated_database
from kit.testing.servers import Served, app_process, free_port
from kit.testing.tokens import TokenMint

ROOT = Path(__file__).resolve().parents[1]
CATALOG_DIR = ROOT / "services" / "catalog"
SESSIONS = 20
PEOPLE = 2000
SEATS_SHARE = 0.6  # of the people per session, the rest go on the waitlist
CONCURRENCY = 50
ORG_PATH = (uuid.uuid4(), uuid.uuid4(), uuid.uuid4())


@contextmanager
def database() -> Iterator[str]:
    """A scratch database's catalog URL, migrated; dropped afterwards."""
    name = f"dla_bench_workshops_{uuid.uuid4().hex[:8]}"
    with (
        embedded.superuser_url("DLA_DATABASE_URL", "bench-pgdata") as admin_url,
        migrated_database(admin_url, name, "catalog", CATALOG_DIR) as url,
    ):
        yield url


def jwks_app(mint: TokenMint) -> FastAPI:
    """Serves the mint's public keys, as identity serves its own."""
    app = FastAPI()

    @app.get("/.well-known/jwks.json")
    async def jwks() -> dict[str, object]:
        return mint.jwks()

    return app


def headers(mint: TokenMint, roles: list[str]) -> dict[str, str]:
    return {"Authorization": f"Bearer {mint.person(uuid.uuid4(), ORG_PATH, roles=roles)}"}


def capacity(people: int) -> int:
    """Seats per session: fewer than the people who come to it."""
    return int(people // SESSIONS * SEATS_SHARE)


async def prepare(base: str, editor: dict[str, str], seats: int) -> list[str]:
    """A published workshop with SESSIONS sessions; returns their ids."""
    async with httpx.AsyncClient(base_url=base, headers=editor, timeout=30) as http:
        item = {
            "slug": f"bench-{uuid.uuid4().hex[:12]}",
            "kind": "workshop",
            "title": {"en": "Benchmark workshop", "lt": "Spartos seminaras"},
            "summary": {"en": "Many people at once.", "lt": "Daug žmonių vienu metu."},
            "duration_minutes": 120,
            "format": "in_person",
            "languages": ["lt", "en"],
            "competence_levels": [{"code": "1.1", "level_min": 1, "level_max": 3}],
        }
        item_id = (await http.post("/items", json=item)).raise_for_status().json()["id"]
        for step in ("submit", "publish"):
            (await http.post(f"/items/{item_id}/{step}")).raise_for_status()
        details = {"format": "in_person", "location": "Vilnius"}
        (await http.put(f"/workshops/{item_id}", json=details)).raise_for_status()
        ids = []
        start = datetime.now(tz=UTC).replace(second=0, microsecond=0) + timedelta(days=7)
        for n in range(SESSIONS):
            begins = start + timedelta(hours=n)
            body = {
                "starts_at": begins.isoformat(),
                "ends_at": (begins + timedelta(hours=2)).isoformat(),
                "capacity": seats,
            }
            ids.append(
                (await http.post(f"/workshops/{item_id}/sessions", json=body)).raise_for_status().json()["id"]
            )
        return ids


async def register_everyone(
    base: str, sessions: list[str], people: list[dict[str, str]]
) -> tuple[float, list[float]]:
    """Every person registers for their session, CONCURRENCY at a time; wall time and latencies (ms)."""
    queue = iter(enumerate(people))
    latencies: list[float] = []
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=60) as http:

        async def worker() -> None:
            for n, who in queue:
                started = time.perf_counter()
                answer = await http.post(
                    f"/workshop-sessions/{sessions[n % SESSIONS]}/registration", headers=who
                )
                latencies.append((time.perf_counter() - started) * 1000)
                if answer.status_code != 201:
                    raise SystemExit(f"registration failed: {answer.status_code} {answer.text}")

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
        return time.perf_counter() - started, latencies


async def check(base: str, sessions: list[str], people: int) -> None:
    """Every session full to capacity, its waitlist holding everyone else."""
    per_session, seats = people // SESSIONS, capacity(people)
    async with httpx.AsyncClient(base_url=base, timeout=30) as http:
        for session_id in sessions:
            seen = (await http.get(f"/workshop-sessions/{session_id}")).raise_for_status().json()
            if (seen["confirmed"], seen["waitlist_length"]) != (seats, per_session - seats):
                raise SystemExit(f"session {session_id} is wrong: {seen}")


def percentile(values: list[float], p: int) -> float:
    return statistics.quantiles(values, n=100)[p - 1]


async def measure(name: str, base: str, editor: dict[str, str], mint: TokenMint, count: int) -> None:
    """One run: a new workshop, `count` new people."""
    sessions = await prepare(base, editor, capacity(count))
    people = [headers(mint, ["learner"]) for _ in range(count)]
    elapsed, latencies = await register_everyone(base, sessions, people)
    await check(base, sessions, count)
    median, p95, p99 = statistics.median(latencies), percentile(latencies, 95), percentile(latencies, 99)
    print(
        f"  {name:<20} {count / elapsed:7.0f} registrations/s   latency median {median:6.1f} ms"
        f"   p95 {p95:6.1f} ms   p99 {p99:6.1f} ms"
    )


def main() -> None:
    """Database, JWKS, catalog and gateway processes; then the two runs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--people", type=int, default=PEOPLE, help="people per run (a multiple of 20)")
    people = max(SESSIONS * 10, min(parser.parse_args().people, 20_000)) // SESSIONS * SESSIONS
    mint = TokenMint()
    with ExitStack() as stack:
        url = stack.enter_context(database())
        jwks = stack.enter_context(Served(jwks_app(mint)))
        catalog_port, gateway_port = free_port(), free_port()
        auth = {
            "DLA_AUTH_ISSUER": mint.issuer,
            "DLA_AUTH_AUDIENCE": mint.audience,
            "DLA_AUTH_JWKS_URL": f"{jwks.url}/.well-known/jwks.json",
            "DLA_LOG_FORMAT": "text",
            "DLA_LOG_LEVEL": "WARNING",
        }
        for factory, port, env in [
            (
                "catalog.app:create_app",
                catalog_port,
                {
                    "DLA_CATALOG_DATABASE_URL": url,
                    "DLA_CATALOG_DISPATCH_ENABLED": "false",
                    "DLA_CATALOG_DB_POOL_SIZE": "10",
                },
            ),
            (
                "gateway.app:create_app",
                gateway_port,
                {
                    "DLA_GATEWAY_UPSTREAMS": f'{{"catalog": "http://127.0.0.1:{catalog_port}"}}',
                    # A loaded machine is slow, not down: measure it rather than time out.
                    "DLA_GATEWAY_CONNECT_TIMEOUT_SECONDS": "10",
                    "DLA_GATEWAY_TIMEOUT_SECONDS": "60",
                },
            ),
        ]:
            stack.enter_context(app_process(factory, port, {**auth, **env}))
        editor = headers(mint, ["learner", "content_editor"])
        print(
            f"workshop registrations: {people} people over {SESSIONS} sessions of {capacity(people)} seats, "
            f"{CONCURRENCY} concurrent clients ({time.strftime('%Y-%m-%d')}, {os.cpu_count()} CPUs)"
        )
        asyncio.run(measure("direct", f"http://127.0.0.1:{catalog_port}", editor, mint, people))
        asyncio.run(
            measure(
                "through the gateway", f"http://127.0.0.1:{gateway_port}/api/catalog", editor, mint, people
            )
        )


if __name__ == "__main__":
    main()
