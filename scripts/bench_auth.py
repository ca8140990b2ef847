"""What checking an access token costs a service on each request.

Measures, with warm key caches: `TokenVerifier.verify` alone (signature, header and claims
checks, Principal built), and a whole request through a FastAPI route that depends on
`CurrentPrincipal`, compared with the same route without authentication (in process, over
httpx's ASGI transport, so no network noise).
"""

from __future__ import annotations

import asyncio
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable

import httpx
from fastapi import FastAPI

from kit.auth import CurrentPrincipal, TokenVerifier
from kit.testing.tokens import TokenMint

ROUNDS = 5000
REQUESTS = 2000


def summary(name: str, samples_us: list[float]) -> None:
    ordered = sorted(samples_us)
    p99 = ordered[int(len(ordered) * 0.99) - 1]
    print(f"{name:<46} median {statistics.median(ordered):8.1f} µs   p99 {p99:8.1f} µs")


async def timed(call: Callable[[], Awaitable[object]], rounds: int) -> list[float]:
    for _ in range(min(200, rounds)):
        await call()
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - started) * 1e6)
    return samples


async def main() -> None:
    mint = TokenMint()
    path = (uuid.uuid4(), uuid.uuid4(), uuid.uuid4())
    token = mint.person(uuid.uuid4(), path, roles=["learner", "supervisor"])
    verifier = TokenVerifier(mint.key_source, issuer=mint.issuer, audience=mint.audience)

    summary("verify one token (RS256, warm cache)", await timed(lambda: verifier.verify(token), ROUNDS))

    app = FastAPI()
    app.state.token_verifier = verifier

    @app.get("/open")
    async def open_route() -> dict[str, str]:
        return {"ok": "yes"}

    @app.get("/protected")
    async def protected(principal: CurrentPrincipal) -> dict[str, str]:
        return {"sub": principal.subject}

    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as client:
        open_samples = await timed(lambda: client.get("/open"), REQUESTS)
        protected_samples = await timed(lambda: client.get("/protected", headers=headers), REQUESTS)
    summary("request without authentication", open_samples)
    summary("request with CurrentPrincipal", protected_samples)
    added = statistics.median(protected_samples) - statistics.median(open_samples)
    print(f"{'authentication adds per request (median)':<46} {added:8.1f} µs")


if __name__ == "__main__":
    asyncio.run(main())
