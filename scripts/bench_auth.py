"""What checking an access token costs a service on each request.

With the keys cached (what every request after the first sees), measures:
- `TokenVerifier.verify` of a token seen for the first time: header, RS256 signature, claims and
  the `Principal` (a client's first request with a new token);
- `verify` of a token already verified (every later request with it, for its 10 minutes);
- a whole in-process request (httpx's ASGI transport, no network) through a FastAPI route that
  depends on `CurrentPrincipal`, against the same route without authentication. The two are
  timed in alternation, with the same headers, so machine noise falls on both alike.
"""

from __future__ import annotations

import asyncio
import statistics
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator

import httpx
from fastapi import FastAPI

from kit.auth import CurrentPrincipal, TokenVerifier
from kit.testing.tokens import TokenMint

FRESH_TOKENS = 2000
ROUNDS = 5000
REQUESTS = 3000


def summary(name: str, samples_us: list[float]) -> None:
    ordered = sorted(samples_us)
    p99 = ordered[max(0, int(len(ordered) * 0.99) - 1)]
    print(f"{name:<52} median {statistics.median(ordered):8.1f} µs   p99 {p99:8.1f} µs")


async def timed(call: Callable[[], Awaitable[object]], rounds: int) -> list[float]:
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - started) * 1e6)
    return samples


def one_by_one(tokens: list[str]) -> Iterator[str]:
    yield from tokens


async def main() -> None:
    mint = TokenMint()
    path = (uuid.uuid4(), uuid.uuid4(), uuid.uuid4())

    def token() -> str:
        return mint.person(uuid.uuid4(), path, roles=["learner", "supervisor"])

    verifier = TokenVerifier(mint.key_source, issuer=mint.issuer, audience=mint.audience)
    warm = token()
    for _ in range(200):
        await verifier.verify(warm)
    fresh = one_by_one([token() for _ in range(FRESH_TOKENS)])

    print(f"token verification (RS256, 2048-bit key, keys cached; {time.strftime('%Y-%m-%d')})")
    summary(
        "verify a token seen for the first time",
        await timed(lambda: verifier.verify(next(fresh)), FRESH_TOKENS),
    )
    summary("verify a token already verified", await timed(lambda: verifier.verify(warm), ROUNDS))

    app = FastAPI()
    app.state.token_verifier = verifier

    @app.get("/open")
    async def open_route() -> dict[str, str]:
        return {"sub": "anonymous"}

    @app.get("/protected")
    async def protected(principal: CurrentPrincipal) -> dict[str, str]:
        return {"sub": principal.subject}

    headers = {"Authorization": f"Bearer {warm}"}
    open_samples: list[float] = []
    protected_samples: list[float] = []
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench") as client:
        for _ in range(200):
            await client.get("/open", headers=headers)
            await client.get("/protected", headers=headers)
        for _ in range(REQUESTS):
            open_samples += await timed(lambda: client.get("/open", headers=headers), 1)
            protected_samples += await timed(lambda: client.get("/protected", headers=headers), 1)
    summary("request, route without authentication", open_samples)
    summary("request, route with CurrentPrincipal", protected_samples)
    added = [p - o for p, o in zip(protected_samples, open_samples, strict=True)]
    print(f"{'CurrentPrincipal adds per request (median of pairs)':<52} {statistics.median(added):8.1f} µs")


if __name__ == "__main__":
    asyncio.run(main())
