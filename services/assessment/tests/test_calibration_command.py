"""`python -m assessment.calibration`: its options, and a real run committed to its own database."""

import os
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from assessment.calibration.__main__ import main
from kit.migrations import sync_url, upgrade
from kit.testing.plugin import role_url, scratch_database


@pytest.fixture
def own_database(dla_admin_url: str) -> Iterator[str]:
    """A migrated database of its own: the command commits, so it must not share the test run's."""
    with scratch_database(dla_admin_url, f"dla_test_calibration_{os.getpid()}") as name:
        url = role_url(dla_admin_url, name, "assessment")
        upgrade(Path(__file__).resolve().parents[1], url)
        yield url


def test_the_command_records_a_run(own_database: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--database-url", own_database, "--apply", "--min-responses", "50"]) == 0
    assert "0 responses, 0 items, 0 flagged, 0 new versions" in capsys.readouterr().out
    plain = sync_url(own_database).replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(plain) as conn:
        row = conn.execute(
            "SELECT responses, min_responses, applied FROM assessment.calibration_run"
        ).fetchall()
    assert row == [(0, 50, True)]


@pytest.mark.parametrize("value", ["0", "-3", "many"])
def test_the_command_refuses_a_minimum_below_one(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--min-responses", value])
    assert exit_.value.code == 2
    assert "--min-responses" in capsys.readouterr().err
