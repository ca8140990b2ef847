"""Cross-service tests: the real platform, started by the same launcher as `make run`."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.processes import ROOT, free_port_block, stop, wait_for

SERVICE_OFFSETS = {"identity": 1, "assessment": 2, "pathways": 3, "catalog": 4}


@dataclass(frozen=True)
class Platform:
    """A running platform: the gateway's URL and each service's port."""

    url: str
    service_ports: dict[str, int]
    database: str
    log: Path
    state: Path  # the launcher's state directory: secrets.json, the dev mailbox

    def service_url(self, service: str) -> str:
        """A service's own address, behind the gateway."""
        return f"http://127.0.0.1:{self.service_ports[service]}"


@pytest.fixture(scope="session")
def platform(
    dla_admin_url: str, dla_database: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Platform]:
    """`deploy/local/run.py` on free ports against the test run's database, demo data included."""
    base = free_port_block(5)
    gateway_port, service_base = base + 5, base
    state = tmp_path_factory.mktemp("platform")
    log = state / "platform.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                sys.executable,
                "deploy/local/run.py",
                "--database-url",
                dla_admin_url,
                "--database",
                dla_database,
                "--port",
                str(gateway_port),
                "--service-port-base",
                str(service_base),
                "--skip-spa-build",
            ],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
            # A short adaptive test keeps the browser journey quick; the engine is benchmarked apart.
            env={
                **os.environ,
                "DLA_HOME": str(ROOT),
                "DLA_STATE_DIR": str(state),
                "DLA_ASSESSMENT_MAX_ITEMS": "12",
            },
        )
        url = f"http://127.0.0.1:{gateway_port}"
        try:
            try:
                wait_for(f"{url}/api/health", timeout=120)
            except AssertionError:
                raise AssertionError(log.read_text()[-5000:]) from None
            ports = {s: service_base + o for s, o in SERVICE_OFFSETS.items()}
            yield Platform(url, ports, dla_database, log, state)
        finally:
            stop(process)
