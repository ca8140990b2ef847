"""The gateway's added latency: `/health/live` of a service direct vs through the gateway.

Starts a catalog process and a gateway on free loopback ports (no database needed for this
call), then measures sequential keep-alive latency (median, p99) and a bounded concurrent run.
To measure processes already running instead (e.g. `make run`), pass both
`--service http://127.0.0.1:8104 --gateway http://127.0.0.1:8000`.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from contextlib import ExitStack

import httpx

from kit.testing.servers import app_process, free_port

CONCURRENT_TOTAL = 4000
CONCURRENCY = 20
LOOPBACK = ("http://127.0.0.1:", "http://localhost:")


def latencies(url: str, count: int) -> list[float]:
    with httpx.Client() as client:
        for _ in range(200):  # warm up connections and code paths
            client.get(url)
        out = []
        for _ in range(count):
            started = time.perf_counter()
            client.get(url).raise_for_status()
            out.append((time.perf_counter() - started) * 1000)
    return out


async def throughput(url: str) -> float:
    limits = httpx.Limits(max_connections=CONCURRENCY)
    async with httpx.AsyncClient(limits=limits) as client:
        queue = iter(range(CONCURRENT_TOTAL))

        async def worker() -> None:
            for _ in queue:
                (await client.get(url)).raise_for_status()

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
        return CONCURRENT_TOTAL / (time.perf_counter() - started)


def p99(values: list[float]) -> float:
    return statistics.quantiles(values, n=100)[98]


def measure(service: str, gateway: str, count: int) -> None:
    """Print latency and throughput of `/health/live` direct vs through the gateway."""
    direct_url, proxied_url = f"{service}/health/live", f"{gateway}/api/catalog/health/live"
    direct, proxied = latencies(direct_url, count), latencies(proxied_url, count)
    direct_rps, proxied_rps = asyncio.run(throughput(direct_url)), asyncio.run(throughput(proxied_url))
    print(f"GET /health/live, {count} sequential keep-alive requests (ms):")
    print(f"  direct to the service   median {statistics.median(direct):6.2f}   p99 {p99(direct):6.2f}")
    print(f"  through the gateway     median {statistics.median(proxied):6.2f}   p99 {p99(proxied):6.2f}")
    print(
        f"  added by the gateway    median {statistics.median(proxied) - statistics.median(direct):6.2f}"
        f"   p99 {p99(proxied) - p99(direct):6.2f}"
    )
    print(f"{CONCURRENT_TOTAL} requests, {CONCURRENCY} concurrent (requests/s):")
    print(f"  direct {direct_rps:8.0f}    through the gateway {proxied_rps:8.0f}")


def main() -> None:
    """Start the two processes on free ports (unless given running ones) and measure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--service", help="a running catalog service, e.g. http://127.0.0.1:8104")
    parser.add_argument("--gateway", help="a running gateway routing /api/catalog to that service")
    parser.add_argument("-n", "--requests", type=int, default=2000, help="sequential requests per target")
    args = parser.parse_args()
    count = max(100, min(args.requests, 100_000))  # bounded, and enough samples for a p99
    if args.service or args.gateway:
        if not (args.service and args.gateway):
            parser.error("give both --service and --gateway, or neither")
        if not all(url.startswith(LOOPBACK) for url in (args.service, args.gateway)):
            parser.error("only loopback addresses are measured")
        measure(args.service.rstrip("/"), args.gateway.rstrip("/"), count)
        return
    service_port, gateway_port = free_port(), free_port()
    with ExitStack() as stack:
        for factory, port, env in [
            ("catalog.app:create_app", service_port, {"DLA_CATALOG_DISPATCH_ENABLED": "false"}),
            (
                "gateway.app:create_app",
                gateway_port,
                # The gateway needs an identity upstream (its JWKS); nothing here signs in, so a
                # closed port does.
                {
                    "DLA_GATEWAY_UPSTREAMS": json.dumps(
                        {
                            "identity": f"http://127.0.0.1:{free_port()}",
                            "catalog": f"http://127.0.0.1:{service_port}",
                        }
                    )
                },
            ),
        ]:
            stack.enter_context(app_process(factory, port, {**env, "DLA_LOG_FORMAT": "text"}))
        measure(f"http://127.0.0.1:{service_port}", f"http://127.0.0.1:{gateway_port}", count)


if __name__ == "__main__":
    main()
