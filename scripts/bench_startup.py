"""How long `make run` takes to be ready: cold (new embedded database) and warm (second start).

Runs the launcher in a temporary state folder, so your own `.dla/` is left alone, on free ports.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def free_base() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1]) + 10


def start_once(state: Path, base: int, while_up: Callable[[str], None]) -> tuple[float, float]:
    """Start the launcher, time readiness, run `while_up(gateway_url)`, stop it with SIGINT."""
    env = {**os.environ, "DLA_STATE_DIR": str(state)}
    env.pop("DLA_DATABASE_URL", None)
    started = time.monotonic()
    process = subprocess.Popen(
        [
            sys.executable,
            "deploy/local/run.py",
            "--port",
            str(base + 10),
            "--service-port-base",
            str(base),
            "--skip-spa-build",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    ready = None
    while time.monotonic() - started < 180 and process.poll() is None:
        try:
            if httpx.get(f"http://127.0.0.1:{base + 10}/api/health", timeout=1).status_code == 200:
                ready = time.monotonic() - started
                break
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    if ready is not None:
        while_up(f"http://127.0.0.1:{base + 10}")
    stopping = time.monotonic()
    process.send_signal(signal.SIGINT)
    process.wait(timeout=60)
    if ready is None:
        raise SystemExit("the platform did not become ready")
    return ready, time.monotonic() - stopping


def create_item(url: str, slug: str) -> None:
    """Write something through the API, to look for after a restart."""
    item = {
        "slug": slug,
        "kind": "video",
        "title": {"en": "Kept"},
        "summary": {"en": "Across restarts."},
        "duration_minutes": 1,
        "languages": ["en"],
    }
    httpx.post(f"{url}/api/catalog/items", json=item, timeout=10).raise_for_status()


def item_exists(url: str, slug: str) -> bool:
    """Whether the item written before the restart is still listed."""
    page = httpx.get(f"{url}/api/catalog/items", params={"limit": 100}, timeout=10).json()
    return slug in [item["slug"] for item in page["items"]]


def main() -> None:
    """Print cold and warm start-up times and the stop time."""
    with tempfile.TemporaryDirectory(prefix="dla-bench-") as folder:
        state = Path(folder) / ".dla"
        base = free_base()
        slug = f"bench-{uuid.uuid4().hex[:8]}"
        kept: list[bool] = []
        cold, stop_cold = start_once(state, base, lambda url: create_item(url, slug))
        warm, stop_warm = start_once(state, base, lambda url: kept.append(item_exists(url, slug)))
    rows = [
        ("make run, cold start to ready (new embedded PostgreSQL, migrations, seed)", cold),
        ("make run, warm start to ready (data kept)", warm),
        ("Ctrl-C to every process stopped", max(stop_cold, stop_warm)),
    ]
    for label, seconds in rows:
        print(f"{label:<75} {seconds:6.1f} s")
    print(f"{'an item created in the first run is there in the second':<75} {'yes' if all(kept) else 'NO'}")
    if not all(kept):
        raise SystemExit("the second run lost data")


if __name__ == "__main__":
    main()
