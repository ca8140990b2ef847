"""Real processes for cross-service tests: the launcher, single services, free ports."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parents[2]


def free_port_block(size: int) -> int:
    """A base port such that base+1 .. base+size are free on the loopback."""
    for _ in range(200):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            base = int(probe.getsockname()[1]) - 1
        if base + size < 65000 and all(_free(base + n) for n in range(1, size + 1)):
            return base
    raise RuntimeError("no free block of ports")


def _free(port: int) -> bool:
    with socket.socket() as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def wait_for(url: str, *, status: int = 200, timeout: float = 60.0) -> httpx.Response:
    """Poll a URL until it answers `status`; fail the test with the last answer if it never does."""
    deadline = time.monotonic() + timeout
    last: object = None
    while time.monotonic() < deadline:
        try:
            response = httpx.get(url, timeout=2)
            if response.status_code == status:
                return response
            last = f"{response.status_code} {response.text[:300]}"
        except httpx.HTTPError as exc:
            last = exc
        time.sleep(0.2)
    raise AssertionError(f"{url} did not answer {status} within {timeout}s; last: {last}")


def listener_pid(port: int) -> int:
    """The process listening on a loopback port."""
    for conn in psutil.net_connections(kind="tcp"):
        if conn.laddr and conn.laddr.port == port and conn.status == psutil.CONN_LISTEN and conn.pid:
            return int(conn.pid)
    raise AssertionError(f"nothing listens on {port}")


@contextlib.contextmanager
def service_process(service: str, port: int, env: dict[str, str]) -> Iterator[subprocess.Popen[bytes]]:
    """One service under uvicorn, stopped at the end of the block."""
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "--factory",
            f"{service}.app:create_app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--no-access-log",
        ],
        env={**os.environ, "DLA_LOG_FORMAT": "text", **env},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/health/ready", timeout=90)
        yield process
    finally:
        stop(process)


def stop(process: subprocess.Popen[bytes], *, sig: int = signal.SIGTERM) -> None:
    """Stop a process and wait for it."""
    if process.poll() is None:
        process.send_signal(sig)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
