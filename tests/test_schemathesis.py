"""Schemathesis against every service's committed contract, on the running platform."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Platform

ROOT = Path(__file__).resolve().parents[1]
# `make test` may point this at a separate virtualenv (see the Makefile's note on Python 3.11.7).
SCHEMATHESIS = os.environ.get("DLA_SCHEMATHESIS") or str(Path(sys.executable).with_name("schemathesis"))


@pytest.mark.parametrize("service", ["identity", "assessment", "pathways", "catalog"])
def test_contract_holds_under_generated_input(platform: Platform, service: str, tmp_path: Path) -> None:
    # Positive and negative data: no 5xx, responses conform to the contract, bad input is a 4xx.
    result = subprocess.run(
        [
            SCHEMATHESIS,
            "run",
            str(ROOT / "contracts" / f"{service}.openapi.json"),
            "--url",
            platform.service_url(service),
            "--checks",
            "not_a_server_error,status_code_conformance,content_type_conformance,"
            "response_schema_conformance,negative_data_rejection,response_headers_conformance",
            "--mode",
            "all",
            "--max-examples",
            "30",
            "--seed",
            "20261122",
            "--phases",
            "examples,coverage,fuzzing",
            "--request-timeout",
            "10",
            "--exclude-path",
            "/events",
            "--no-color",
            "--suppress-health-check",
            "all",
            "--workers",
            "2",
            "--report-dir",
            str(tmp_path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-15000:] + result.stderr[-3000:]
