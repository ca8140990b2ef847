"""Real HTTP servers for tests and benchmarks: an ASGI app served by uvicorn on a free loopback port,
in a thread of this process or in a process of its own."""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator, Mapping
from typing import Any

import httpx
import uvicorn

from kit.embedded import repo_root

_UVICORN = (sys.executable, "-m", "uvicorn", "--factory", "--no-access-log", "--log-level", "warning")


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Served:
    """An ASGI app served by uvicorn in a background thread (`with Served(app) as server:`)."""

    def __init__(self, app: Any, *, port: int | None = None) -> None:
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> Served:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@contextlib.contextmanager
def app_process(
    factory: str,
    port: int,
    env: Mapping[str, str],
    *,
    ready: str = "/health/live",
    timeout: float = 30.0,
) -> Iterator[subprocess.Popen[bytes]]:
    """`factory` (`catalog.app:create_app`) under uvicorn in a process of its own on a loopback port,
    once `ready` answers 200; stopped at the end of the block."""
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [*_UVICORN, factory, "--port", str(port)],
        env={**os.environ, **env},
        cwd=repo_root(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_ready(process, factory, f"http://127.0.0.1:{port}{ready}", timeout)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_ready(process: subprocess.Popen[bytes], name: str, url: str, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(url, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            time.sleep(0.1)
    raise RuntimeError(f"{name} did not start")
