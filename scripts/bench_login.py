"""Password sign-ins per second through the gateway, and what one argon2id hash costs.

argon2id is slow on purpose: the cost of one verification bounds how many sign-ins a core can
serve. This starts the platform with `deploy/local/run.py` on free ports (against
`DLA_DATABASE_URL` when set, otherwise an embedded PostgreSQL in a temporary state directory),
signs a demo person in sequentially and then with a few concurrent clients, and prints the
numbers next to the cost of one hash with the configured parameters.
To measure a platform already running instead, pass `--gateway http://127.0.0.1:8000`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from argon2 import PasswordHasher

from identity.settings import IdentitySettings
from kit.testing.servers import free_port

ROOT = Path(__file__).resolve().parents[1]

DEMO_EMAIL = "petras.kazlauskas@demo.dla.lt"
DEMO_PASSWORD = IdentitySettings().demo_password
SEQUENTIAL = 40
CONCURRENT_TOTAL = 80
CONCURRENCY = 4


def hash_cost_ms(rounds: int = 20) -> float:
    """The median time of one argon2id verification with the identity settings' parameters."""
    settings = IdentitySettings()
    hasher = PasswordHasher(
        time_cost=settings.argon2_time_cost,
        memory_cost=settings.argon2_memory_kib,
        parallelism=settings.argon2_parallelism,
    )
    encoded = hasher.hash(DEMO_PASSWORD)
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        hasher.verify(encoded, DEMO_PASSWORD)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


async def sign_in(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/identity/auth/login", json={"email": DEMO_EMAIL, "password": DEMO_PASSWORD}
    )
    if response.status_code != 200:
        raise SystemExit(f"sign-in failed: {response.status_code} {response.text}")


async def measure(gateway: str) -> None:
    async with httpx.AsyncClient(base_url=gateway, timeout=30) as client:
        await sign_in(client)  # warm up
        latencies = []
        for _ in range(SEQUENTIAL):
            started = time.perf_counter()
            await sign_in(client)
            latencies.append((time.perf_counter() - started) * 1000)
        semaphore = asyncio.Semaphore(CONCURRENCY)

        async def one() -> None:
            async with semaphore:
                await sign_in(client)

        started = time.perf_counter()
        await asyncio.gather(*(one() for _ in range(CONCURRENT_TOTAL)))
        elapsed = time.perf_counter() - started
    print(f"sign-in latency, sequential:  median {statistics.median(latencies):.1f} ms over {SEQUENTIAL}")
    print(f"sequential throughput:         {1000 / statistics.mean(latencies):.1f} sign-ins/s")
    print(f"concurrent ({CONCURRENCY} clients):       {CONCURRENT_TOTAL / elapsed:.1f} sign-ins/s")


def start_platform(state: Path) -> tuple[subprocess.Popen[bytes], str]:
    port, base = free_port(), free_port()
    argv = [sys.executable, "deploy/local/run.py", "--port", str(port), "--service-port-base", str(base)]
    argv += ["--skip-spa-build"]
    process = subprocess.Popen(
        argv,
        cwd=ROOT,
        env={**os.environ, "DLA_STATE_DIR": str(state), "DLA_LOG_LEVEL": "WARNING"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    gateway = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{gateway}/api/health", timeout=2).status_code == 200:
                return process, gateway
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    process.terminate()
    raise SystemExit("the platform did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gateway", help="a running platform's address")
    args = parser.parse_args()
    print(f"argon2id verification (identity settings): median {hash_cost_ms():.1f} ms")
    if args.gateway:
        asyncio.run(measure(args.gateway))
        return
    with tempfile.TemporaryDirectory(prefix="dla-bench-") as state:
        process, gateway = start_platform(Path(state))
        try:
            asyncio.run(measure(gateway))
        finally:
            process.terminate()
            process.wait(timeout=30)


if __name__ == "__main__":
    main()
