"""The Playwright journeys (frontend/e2e) in Debian's Chromium against the running platform."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.conftest import Platform

FRONTEND = Path(__file__).resolve().parents[2] / "frontend"


def test_browser_journeys_pass_with_no_accessibility_violations(platform: Platform) -> None:
    result = subprocess.run(
        # DLA_E2E_SPECS narrows the run to some spec files while working on them.
        ["npx", "playwright", "test", "--reporter=line", *os.environ.get("DLA_E2E_SPECS", "").split()],
        cwd=FRONTEND,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "DLA_E2E_BASE_URL": platform.url, "CI": "1"},
    )
    print(result.stdout[-5000:])
    assert result.returncode == 0, result.stdout[-15000:] + result.stderr[-3000:]
